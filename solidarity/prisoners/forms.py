"""Admin forms for prisoner records, written for editors who are not technical."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from solidarity.common.tables import validate_table_upload

from .choices import Publicity, Status
from .models import Facility, Prisoner
from .services import (
    prisoner_compute_names,
    prisoner_publicity_raise_check,
    prisoner_publicity_raised,
)

STATUS_MANAGED_HELP = _(
    "Changed only through “Record a status change”, so that the history stays complete."
)
_CODE_SEPARATORS = re.compile(r"[\s,;]+")


class LanguageCodesField(forms.CharField):
    """A list of language codes typed as “be, ru, en” instead of raw JSON."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Language codes separated by commas, e.g. be, ru, en."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        codes = [code.lower() for code in _CODE_SEPARATORS.split(text) if code]
        return list(dict.fromkeys(codes))


class PrisonerAdminForm(WagtailAdminModelForm):
    """Status and its date are read-only once the record exists: history is written by a service."""

    languages = LanguageCodesField(label=_("languages"))
    publicity_reason = forms.CharField(
        label=_("Why may it be public now?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only to make public a record that was not (None): who agreed, and when."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_publicity = self.instance.publicity
        if self.instance.pk:
            for name in ("status", "status_changed_on"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = STATUS_MANAGED_HELP

    def clean(self):
        cleaned = super().clean()
        record = Prisoner(pk=self.instance.pk, publicity=self.previous_publicity)
        try:
            prisoner_publicity_raise_check(
                prisoner=record,
                new=cleaned.get("publicity", self.previous_publicity),
                reason=cleaned.get("publicity_reason", ""),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def save(self, commit=True):
        # Search keys and sort name follow the names at once, so the record is findable and
        # sorted correctly without waiting for the background job.
        prisoner_compute_names(prisoner=self.instance)
        saved = super().save(commit=commit)
        reason = self.cleaned_data.get("publicity_reason", "")
        raised = self.previous_publicity == Publicity.NONE != self.instance.publicity
        if self.instance.pk and reason and raised:
            prisoner_publicity_raised(
                prisoner=self.instance,
                previous=self.previous_publicity,
                reason=reason,
                user=getattr(self, "for_user", None),
            )
        return saved


class StatusChangeForm(forms.Form):
    """The facts of one status change; the service validates them against the record."""

    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    effective_on = forms.DateField(
        label=_("Effective on"),
        widget=AdminDateInput,
        initial=datetime.date.today,
        help_text=_("The day the change happened, not the day you learnt about it."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=500,
        required=False,
        help_text=_("Link or description of the source."),
    )
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the history on public pages. Nothing restricted here."),
    )
    facility = forms.ModelChoiceField(
        label=_("New facility"),
        queryset=Facility.objects.all(),
        required=False,
        help_text=_("Only when the prisoner was moved; leave empty otherwise."),
    )


class ImportUploadForm(forms.Form):
    """The defenders' list as they publish it; the dry run follows, nothing is written yet."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The CSV or XLSX export of the list, as published (English, Russian or Belarusian "
            "headers; UTF-8 or Windows-1251). At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the export"),
        required=False,
        choices=[
            ("", _("Recognise from the headers")),
            ("en", _("English")),
            ("ru", _("Russian")),
            ("be", _("Belarusian")),
        ],
        help_text=_("Each language fills its own spelling of the names."),
    )
    publicity = forms.ChoiceField(
        label=_("Publicity of new records"),
        choices=Publicity.choices,
        initial=Publicity.BASIC,
        help_text=_(
            "Basic by default: the list publishes the same facts. Records already in the "
            "database keep their publicity."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_table_upload(upload)
        return upload
