"""Forms for letters and advocacy actions: the admin's and the godparents' own."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from solidarity.prisoners.models import Prisoner

from .models import ActionKind, LetterChannel, LetterOutcome
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
        from solidarity.godparents.forms import language_choices

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
        initial=True,
        help_text=_("Never for a prisoner whose family refused publicity."),
    )

    def __init__(self, *args, prisoners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prisoners"].queryset = prisoners
        self.fields["prisoners"].label_from_instance = lambda prisoner: prisoner.display_name
        chosen = list(prisoners)
        if len(chosen) == 1:
            self.fields["prisoners"].initial = chosen
        if any(not prisoner.is_public for prisoner in chosen):
            self.fields["is_public"].initial = False


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
