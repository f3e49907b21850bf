"""One record of every model that has an admin viewset, and helpers to reach its views."""

import datetime

import pytest
from django.urls import reverse

from solidarity.congress.models import Congress, Declaration
from solidarity.congress.services import Guest, RegistrationData, congress_invite, congress_register
from solidarity.godparents.models import GodparentStaff
from solidarity.matching.models import ExileNeed, NeedKind
from solidarity.prisoners.choices import ContactConsent, Status
from solidarity.prisoners.models import Background
from solidarity.prisoners.services import prisoner_status_change
from solidarity.reports.models import ReportRun
from solidarity.writing.models import AdvocacyTemplate, CensorReason, CensorTerm, Phrase
from tests.factories import (
    AdvocacyActionFactory,
    ChargeFactory,
    CriminalArticleFactory,
    GodparentProfileFactory,
    LetterFactory,
    MatchFactory,
    MatchingRunFactory,
    PrisonerConfidentialFactory,
    PrisonerFactory,
    UserFactory,
    WhereaboutsFactory,
)

PRISONER_NAME = "Калеснікава"


def admin_url(model, view: str, pk: int | None = None) -> str:
    """The URL of one of the model's snippet views ("list", "add", "edit", ...)."""
    viewset = model.snippet_viewset
    return reverse(viewset.get_url_name(view), args=() if pk is None else (pk,))


@pytest.fixture
def records(db):
    """Every admin-managed model, around one prisoner and one godparent."""
    return build_records()


def build_records() -> dict:
    prisoner = PrisonerFactory()
    godparent = GodparentProfileFactory()
    action = AdvocacyActionFactory()
    action.prisoners.add(prisoner)
    action.godparents.add(godparent)
    records = {
        "prisoner": prisoner,
        "facility": prisoner.facility,
        "criminalarticle": CriminalArticleFactory(number="342"),
        "background": Background.objects.create(slug="journalist", name_en="Journalist"),
        "prisonerconfidential": PrisonerConfidentialFactory(prisoner=prisoner),
        "whereabouts": WhereaboutsFactory(),
        "exileneed": ExileNeed.objects.create(
            prisoner=WhereaboutsFactory(consent=ContactConsent.SUPPORT).prisoner,
            kind=NeedKind.RESIDENCE,
        ),
        "statuschange": prisoner_status_change(
            prisoner=prisoner,
            status=Status.INCOMMUNICADO,
            effective_on=datetime.date(2025, 1, 10),
            source="Viasna",
        ),
        "godparentprofile": godparent,
        "parliament": godparent.parliament,
        "godparentstaff": GodparentStaff.objects.create(
            godparent=godparent, invited_email="aide@example.org"
        ),
        "match": MatchFactory(godparent=godparent, prisoner=prisoner),
        "matchingrun": MatchingRunFactory(),
        "letter": LetterFactory(godparent=godparent, prisoner=prisoner),
        "advocacyaction": action,
        "reportrun": ReportRun.objects.create(
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            created_by=UserFactory(),
        ),
    }
    congress = Congress.objects.create(
        title="Congress",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 25),
        place="Vilnius",
    )
    congress_invite(congress=congress, by=None, guests=[Guest("guest@example.org", "Guest")])
    invitation = congress.invitations.get()
    records["congress"] = congress
    records["declaration"] = Declaration.objects.create(
        congress=congress, title="Declaration", text="We stand by them."
    )
    records["invitation"] = invitation
    records["registration"] = congress_register(
        invitation=invitation,
        data=RegistrationData("Guest", "in_person", organisation="Seimas"),
        user=None,
    )[0]
    records["charge"] = ChargeFactory(prisoner=prisoner, article=records["criminalarticle"])
    # The letter composer's content, as the migration seeded it (issue 20).
    records["phrase"] = Phrase.objects.filter(locale__language_code="en").first()
    records["censorterm"] = CensorTerm.objects.first()
    records["censorreason"] = CensorReason.objects.filter(locale__language_code="en").first()
    records["advocacytemplate"] = AdvocacyTemplate.objects.filter(
        locale__language_code="en"
    ).first()
    prisoner.refresh_from_db()
    return records
