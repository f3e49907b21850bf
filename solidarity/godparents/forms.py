"""Admin forms for godparent profiles, written for organisers who are not technical."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from solidarity.accounts.models import User
from solidarity.prisoners.choices import Gender, Region
from solidarity.prisoners.forms import LanguageCodesField

from .models import GodparentProfile, VerificationState


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


# --- The public site's forms (godparents and their staff) ------------------------------------

# Languages parliamentarians write letters in; names in the language itself.
LETTER_LANGUAGES = (
    "be", "ru", "en", "uk", "pl", "lt", "lv", "et", "de", "fr", "it", "es", "pt", "nl", "sv",
    "da", "nb", "fi", "is", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el", "ga",
)  # fmt: skip
CAPACITY_CHOICES = [(n, str(n)) for n in range(1, 6)]


def language_choices() -> list[tuple[str, str]]:
    from django.conf.locale import LANG_INFO

    return [(code, LANG_INFO[code]["name_local"]) for code in LETTER_LANGUAGES]


def parliament_choices() -> list:
    """International assemblies first, then national chambers grouped by (translated) country."""
    from .models import Parliament, ParliamentKind

    international, by_country = [], {}
    for parliament in Parliament.objects.order_by("name", "chamber"):
        label = parliament.name
        if parliament.chamber:
            label = f"{label} — {parliament.chamber}"
        if parliament.short_name and parliament.short_name not in label:
            label = f"{label} ({parliament.short_name})"
        if parliament.kind == ParliamentKind.INTERNATIONAL:
            international.append((parliament.pk, label))
        else:
            by_country.setdefault(str(parliament.country.name), []).append((parliament.pk, label))
    groups = [("", _("Choose your parliament or assembly"))]
    if international:
        groups.append((_("International assemblies"), international))
    groups += sorted(by_country.items())
    return groups


class GodparentProfileForm(forms.ModelForm):
    """The profile step after sign-up, and later the godparent's own edit."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you can write letters in"),
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.TypedChoiceField(
        label=_("How many prisoners can you support?"),
        choices=CAPACITY_CHOICES,
        coerce=int,
        initial=1,
        help_text=_("Each prisoner hopes for a letter at least every two months."),
    )
    preferred_regions = forms.MultipleChoiceField(
        label=_("Regions of Belarus you feel close to"),
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = GodparentProfile
        fields = [
            "full_name",
            "parliament",
            "parliament_other",
            "political_group",
            "party",
            "role",
            "official_email",
            "mandate_evidence_url",
            "languages",
            "capacity",
            "preferred_backgrounds",
            "preferred_regions",
            "preferred_gender",
            "public_listing_consent",
            "is_discreet",
        ]
        labels = {
            "full_name": _("Full name"),
            "parliament": _("Parliament or assembly"),
            "parliament_other": _("Not in the list? Write its name"),
            "political_group": _("Political group"),
            "party": _("Party"),
            "role": _("Role"),
            "official_email": _("Official email address"),
            "mandate_evidence_url": _("Official web page that shows your mandate"),
            "preferred_backgrounds": _("Backgrounds you feel close to"),
            "preferred_gender": _("Preferred gender of the prisoner"),
            "public_listing_consent": _("List me on the public godparents page"),
            "is_discreet": _("Discreet: never show my name publicly"),
        }
        help_texts = {
            "full_name": _("As on your parliament's website."),
            "political_group": _("E.g. your group in PACE or the European Parliament."),
            "role": _("E.g. Member of Parliament, Senator."),
            "official_email": _(
                "An address at your parliament helps us verify you quickly. Give it or the "
                "web page below."
            ),
            "is_discreet": _(
                "Discreet godparents may be matched with prisoners whose families refused "
                "publicity. You cannot be both listed and discreet."
            ),
        }
        widgets = {
            "preferred_backgrounds": forms.CheckboxSelectMultiple,
            "preferred_gender": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parliament"].choices = parliament_choices()
        self.fields["languages"].choices = language_choices()
        self.fields["preferred_gender"].choices = [("", _("No preference")), *Gender.choices]
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["official_email"].widget.attrs["autocomplete"] = "email"
        self.fields["mandate_evidence_url"].widget.attrs["inputmode"] = "url"

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("parliament") and not cleaned_data.get("parliament_other"):
            self.add_error(
                "parliament", _("Choose your parliament, or write its name if it is not listed.")
            )
        if cleaned_data.get("parliament"):
            cleaned_data["parliament_other"] = ""
        evidence = cleaned_data.get("official_email") or cleaned_data.get("mandate_evidence_url")
        if not evidence and not self.has_error("official_email"):
            self.add_error(
                "official_email",
                _("Give an official email address or a web page, so that we can verify you."),
            )
        if cleaned_data.get("is_discreet") and cleaned_data.get("public_listing_consent"):
            self.add_error(
                "is_discreet", _("A discreet godparent is never listed: choose one of the two.")
            )
        return cleaned_data


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


class StaffInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of your staff member"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.user = request, request.user

    def clean_password(self):
        from allauth.core import ratelimit

        password = self.cleaned_data["password"]
        # The same limit as allauth's own password confirmations: no guessing from a stolen session.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(_("Too many attempts. Please try again in a minute."))
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
