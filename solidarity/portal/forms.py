"""The forms of the godparents' own pages ("My prisoners", profile, letters, actions, staff).

Written for a parliamentarian on a phone: few fields, sensible presets, errors next to the field.
The rules behind them live in the services the views call; these forms only parse input.
"""

from allauth.core import ratelimit
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.activity.models import ActionKind, LetterChannel, LetterOutcome
from solidarity.common.languages import LANGUAGE_NAMES as LETTER_LANGUAGE_NAMES
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.selectors import parliament_choices
from solidarity.matching.models import NeedKind, NeedStatus
from solidarity.notifications.models import ReminderKind
from solidarity.prisoners.choices import Gender, Region
from solidarity.prisoners.models import Prisoner
from solidarity.writing.models import LETTER_LANGUAGES as WRITING_LANGUAGES
from solidarity.writing.models import LetterFormat
from solidarity.writing.services import FREE_TEXT_MAX

LETTER_LANGUAGES = tuple(LETTER_LANGUAGE_NAMES)
CAPACITY_CHOICES = [(n, str(n)) for n in range(1, 6)]


def language_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in LETTER_LANGUAGE_NAMES.items()]


def _https_urls(model_field, **kwargs) -> forms.Field | None:
    """A web page typed without its scheme on a phone ("bundestag.de/…") is an https one."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


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
        formfield_callback = _https_urls
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
        password = self.cleaned_data["password"]
        # The same limit as allauth's own password confirmations: no guessing from a stolen session.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(_("Too many attempts. Please try again in a minute."))
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class LetterForm(forms.Form):
    """A letter in a few taps on a phone: only the date and channel matter, both preset."""

    sent_on = forms.DateField(
        label=_("Sent on"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    channel = forms.ChoiceField(
        label=_("How"),
        choices=LetterChannel.choices,
        initial=LetterChannel.POST,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    note = forms.CharField(
        label=_("Note for yourself (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not copy the letter here: a short reminder is enough."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "—"), *language_choices()]


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What did you do?"), choices=ActionKind.choices)
    occurred_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_url = forms.URLField(
        label=_("Link to the evidence"),
        required=False,
        assume_scheme="https",
        help_text=_("E.g. the question on your parliament's website, a post or an article."),
    )
    evidence_file = forms.FileField(
        label=_("Or a file as evidence (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_("PDF, JPEG or PNG, at most 10 MB; seen by the organisers only."),
    )
    prisoners = forms.ModelMultipleChoiceField(
        label=_("For"), queryset=Prisoner.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    is_public = forms.BooleanField(
        label=_("May be shown publicly once verified"),
        required=False,
        # Publishing is the choice that needs making, as in the action import: a quiet embassy
        # inquiry published by default could close the door it was knocking on.
        initial=False,
        help_text=_("Never for a prisoner whose family refused publicity."),
    )

    def __init__(self, *args, prisoners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prisoners"].queryset = prisoners
        self.fields["prisoners"].label_from_instance = lambda prisoner: prisoner.display_name
        chosen = list(prisoners)
        if len(chosen) == 1:
            self.fields["prisoners"].initial = chosen


class LetterOutcomeForm(forms.Form):
    """The letter came back, or a reply arrived: two taps and an optional photo of the reply."""

    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            (LetterOutcome.REPLY_RECEIVED, _("A reply arrived")),
            (LetterOutcome.RETURNED, _("The letter came back")),
        ],
        widget=forms.RadioSelect,
    )
    outcome_on = forms.DateField(
        label=_("On"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    reply_scan = forms.FileField(
        label=_("Scan or photo of the reply (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        help_text=_(
            "PDF, JPEG or PNG, at most 10 MB. Only you, the defenders and the organisers can "
            "open it."
        ),
    )


class ReminderPreferencesForm(forms.Form):
    birthday = forms.BooleanField(label=ReminderKind.BIRTHDAY.label, required=False)
    quiet = forms.BooleanField(label=ReminderKind.QUIET.label, required=False)
    digest = forms.BooleanField(label=ReminderKind.DIGEST.label, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_manage_godparents(user):
            del self.fields["digest"]


class ExileNeedForm(forms.Form):
    """One need of a person supported in exile: its kind, its state and what is needed."""

    kind = forms.ChoiceField(label=_("Need"), choices=NeedKind.choices)
    status = forms.ChoiceField(
        label=_("State"), choices=NeedStatus.choices, initial=NeedStatus.OPEN
    )
    note = forms.CharField(
        label=_("What is needed (seen by the organisers, defenders and the person's godparents)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ComposeForm(forms.Form):
    """The letter composer: phrases by topic (rendered grouped, see `letter_compose.html`), a
    few words of one's own, and who the letter is from."""

    format = forms.ChoiceField(
        label=_("What to print"),
        choices=LetterFormat.choices,
        initial=LetterFormat.LETTER,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=WRITING_LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("Letters in other languages are not handed over."),
    )
    phrases = forms.MultipleChoiceField(
        label=_("Phrases"), required=False, widget=forms.CheckboxSelectMultiple
    )
    free_text = forms.CharField(
        label=_("A few words of your own (optional)"),
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ru"}),
        help_text=_(
            "In Russian or Belarusian; a machine translation is fine. Everyday life only: "
            "the check below says what to change."
        ),
    )
    sender_name = forms.CharField(
        label=_("Your name in Cyrillic"),
        max_length=120,
        help_text=_("We suggest a spelling: check it, the person reads it."),
        widget=forms.TextInput(attrs={"lang": "ru", "autocomplete": "off"}),
    )
    return_address = forms.CharField(
        label=_("Your return address (for the envelope)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Printed on the envelope page only, never in the letter. A reply needs it."),
    )
    # A box whose value is the digest of the flags the writer saw (letter_compose.html):
    # ticked after a change of text that made new flags, it accepts nothing.
    keep_flagged = forms.CharField(
        label=_("Print it as it is: I understand that the censor may withhold it."),
        required=False,
        max_length=64,
    )
    # Printing again for a new address: the print it replaces (discarded once this one exists).
    replaces = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, phrase_keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        phrases = self.fields["phrases"]
        assert isinstance(phrases, forms.MultipleChoiceField)
        phrases.choices = [(key, key) for key in phrase_keys]


class PostedForm(forms.Form):
    """ "I posted it": the date, and, after a transfer, that it went to the old address."""

    posted_on = forms.DateField(
        label=_("Posted on"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    to_old_address = forms.BooleanField(
        label=_("It is already in the post, to the address printed on it."), required=False
    )
