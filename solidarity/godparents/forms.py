"""Admin forms for godparent profiles, written for organisers who are not technical."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from solidarity.accounts.models import User
from solidarity.prisoners.choices import Region
from solidarity.prisoners.forms import LanguageCodesField

from .models import VerificationState


class GodparentProfileAdminForm(WagtailAdminModelForm):
    """Readable fields for the JSON lists; the account is fixed once the profile exists."""

    languages = LanguageCodesField(label=_("languages"))
    preferred_regions = forms.MultipleChoiceField(
        label=_("preferred regions"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" not in self.fields:
            return
        if self.instance.pk:
            self.fields["user"].disabled = True
        else:
            self.fields["user"].queryset = User.objects.filter(godparent_profile__isnull=True)

    def clean(self):
        cleaned_data = super().clean()
        # A verification needs its date (a database constraint); record who made it, too.
        verified = cleaned_data.get("verification_state") == VerificationState.VERIFIED
        if verified and self.instance.verified_at is None:
            self.instance.verified_at = timezone.now()
            self.instance.verified_by = self.for_user
        return cleaned_data
