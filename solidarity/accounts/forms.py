"""allauth's security-key forms with a translated label (MFA_FORMS in the settings).

allauth leaves the key's `name` field without a label, so Django shows "Name" from the field
name, untranslated on /be/ and /ru/.
"""

from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django.utils.translation import gettext_lazy as _

KEY_NAME_LABEL = _("Name of the key")


class SecurityKeyAddForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL


class SecurityKeyEditForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL
