"""The admin's form for advocacy actions (godparents' own forms: `solidarity.portal.forms`)."""

from wagtail.admin.forms import WagtailAdminModelForm

from .services import NOT_PUBLIC_ERROR


class AdvocacyActionAdminForm(WagtailAdminModelForm):
    """An action about a prisoner whose family refused publicity stays internal, in the admin
    as on the godparents' form (`action_log`)."""

    def clean(self):
        cleaned_data = super().clean()
        prisoners = cleaned_data.get("prisoners") or []
        if cleaned_data.get("is_public") and any(not p.is_public for p in prisoners):
            self.add_error("is_public", NOT_PUBLIC_ERROR)
        return cleaned_data
