"""The participant's forms: register from the invitation's link, pledge in the hall."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from solidarity.common.languages import LANGUAGE_NAMES
from solidarity.godparents.models import Parliament
from solidarity.godparents.selectors import parliament_choices

from .models import Attendance, Congress, Registration
from .services import RegistrationData


class RegistrationForm(forms.Form):
    """Few fields, for a phone; the address comes from the invitation and is not asked."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    attendance = forms.ChoiceField(
        label=_("I will take part"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    parliament = forms.TypedChoiceField(
        label=_("Parliament or assembly"), required=False, coerce=int, empty_value=None
    )
    organisation = forms.CharField(
        label=_("Not in the list? Your parliament or organisation"), max_length=200, required=False
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    delegation = forms.CharField(
        label=_("Who comes with you"),
        max_length=300,
        required=False,
        help_text=_("Staff or colleagues, with their names, if anyone."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Interpretation I need"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organisers read this."),
    )
    listed = forms.BooleanField(
        label=_("List my name and parliament among the participants"),
        required=False,
        help_text=_("On the Congress's public list of participants and its declaration."),
    )

    def __init__(self, *args, congress: Congress, discreet: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._choices("parliament", parliament_choices())
        self._choices("country", [("", _("Choose a country")), *countries])
        self._choices(
            "languages",
            [(code, str(LANGUAGE_NAMES.get(code, code))) for code in congress.languages],
        )
        if not congress.languages:
            del self.fields["languages"]
        if not congress.online:
            self._choices("attendance", [(Attendance.IN_PERSON, Attendance.IN_PERSON.label)])
        if discreet:
            # A discreet godparent is never listed anywhere; not even offered.
            del self.fields["listed"]

    def _choices(self, name: str, choices: list) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @classmethod
    def initial_from(cls, registration: Registration | None, invitation) -> dict:
        if registration is not None:
            return {
                "full_name": registration.full_name,
                "attendance": registration.attendance,
                "parliament": registration.parliament_id,
                "organisation": registration.organisation,
                "country": registration.country.code or "",
                "delegation": registration.delegation,
                "languages": registration.languages,
                "accessibility_needs": registration.accessibility_needs,
                "listed": registration.listed,
            }
        godparent = invitation.godparent
        return {
            "full_name": invitation.name,
            "attendance": Attendance.IN_PERSON,
            "parliament": invitation.parliament_id,
            "country": godparent.parliament.country.code
            if godparent and godparent.parliament
            else "",
            "listed": bool(godparent and godparent.public_listing_consent),
        }

    def clean(self):
        data = super().clean()
        if not data.get("parliament") and not data.get("organisation", "").strip():
            self.add_error(
                "parliament", _("Choose your parliament, or write its or your organisation's name.")
            )
        return data

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        parliament = (
            Parliament.objects.filter(pk=data["parliament"]).first()
            if data.get("parliament")
            else None
        )
        return RegistrationData(
            full_name=data["full_name"],
            attendance=data["attendance"],
            country=data.get("country", ""),
            parliament=parliament,
            organisation=data.get("organisation", ""),
            delegation=data.get("delegation", ""),
            languages=tuple(data.get("languages", ())),
            accessibility_needs=data.get("accessibility_needs", ""),
            listed=bool(data.get("listed")),
        )


class PledgeForm(forms.Form):
    prisoners = forms.TypedChoiceField(
        label=_("I will take"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("How many prisoners you will be the symbolic godparent of."),
    )
