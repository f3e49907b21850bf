"""Admin forms for godparents: profiles and the verification decisions, written for organisers
who are not technical (the godparents' own profile form is in `solidarity.portal.forms`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from solidarity.accounts.models import User
from solidarity.prisoners.choices import Region
from solidarity.prisoners.forms import LanguageCodesField

from .models import VerificationState


class GodparentProfileAdminForm(WagtailAdminModelForm):
    """Readable fields for the JSON lists; the account is fixed once the profile exists.

    The verification state is read-only here: decisions go through the verification queue, which
    audits them and emails the godparent.
    """

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


class VerificationDecisionForm(forms.Form):
    """The organiser's decision on a godparent waiting for verification."""

    DECISIONS = [
        (VerificationState.VERIFIED, _("Verify: the mandate is confirmed")),
        (VerificationState.INFO_REQUESTED, _("Ask for more information")),
        (VerificationState.REJECTED, _("Reject")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    evidence_checked = forms.BooleanField(
        label=_("I checked the evidence (official page or email) myself"), required=False
    )
    message = forms.CharField(
        label=_("Message to the godparent"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when asking for information or rejecting. It is sent by email in the "
            "godparent's language as you write it."
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        decision = cleaned_data.get("decision")
        if decision == VerificationState.VERIFIED and not cleaned_data.get("evidence_checked"):
            self.add_error("evidence_checked", _("Check the evidence before verifying."))
        needs_message = decision in (VerificationState.INFO_REQUESTED, VerificationState.REJECTED)
        if needs_message and not (cleaned_data.get("message") or "").strip():
            self.add_error("message", _("Tell the godparent what is missing or why."))
        return cleaned_data


class LeftOfficeForm(forms.Form):
    left_office_on = forms.DateField(
        label=_("Left office on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
