"""Admin forms for advocacy actions."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ActionVerification


class AdvocacyActionAdminForm(WagtailAdminModelForm):
    """Records who verified an action and when, the first time an organiser verifies it."""

    def clean(self):
        cleaned_data = super().clean()
        verified = cleaned_data.get("verification") == ActionVerification.VERIFIED
        if verified and self.instance.verified_at is None:
            self.instance.verified_at = timezone.now()
            self.instance.verified_by = self.for_user
        return cleaned_data
