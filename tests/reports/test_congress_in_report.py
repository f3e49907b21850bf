"""The Congress in the report (issue 19): participants by country, pledges and the
godparenthoods accepted from them, in both variants; the public one merges small countries."""

import datetime

import pytest
from django.utils import timezone

from solidarity.congress.models import Congress, Invitation
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    congress_invite,
    congress_register,
    pledge_make,
)
from solidarity.matching.models import MatchStatus
from solidarity.reports.builder import report_build
from solidarity.reports.document import report_document
from solidarity.reports.formats import report_files
from tests.factories import GodparentProfileFactory, MatchFactory, ParliamentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]
START, END = datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)


@pytest.fixture
def congress():
    congress = Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2026, 12, 5),
        ends_on=datetime.date(2026, 12, 6),
        place="Vilnius",
        pledges_open=True,
    )
    seimas = ParliamentFactory(country="LT", name="Seimas")
    sejm = ParliamentFactory(country="PL", name="Sejm")
    for n in range(3):
        godparent = GodparentProfileFactory(parliament=seimas, full_name=f"Lithuanian {n}")
        _register(congress, godparent.user.email, user=godparent.user, parliament=seimas)
    pledger = GodparentProfileFactory(parliament=sejm, full_name="Polish Pledger")
    registration = _register(congress, pledger.user.email, user=pledger.user, parliament=sejm)
    pledge_make(registration=registration, prisoners=2, user=None)
    MatchFactory(
        godparent=pledger,
        status=MatchStatus.ACTIVE,
        offered_at=timezone.make_aware(datetime.datetime(2026, 12, 5, 12)),
        responded_at=timezone.make_aware(datetime.datetime(2026, 12, 5, 16)),
    )
    MatchFactory(  # accepted before the Congress: not from its pledges
        godparent=pledger,
        status=MatchStatus.ACTIVE,
        offered_at=timezone.make_aware(datetime.datetime(2026, 10, 30, 12)),
        responded_at=timezone.make_aware(datetime.datetime(2026, 11, 1, 12)),
    )
    return congress


def _register(congress, email, *, user, parliament):
    congress_invite(congress=congress, by=None, guests=[Guest(email)])
    registration, _ = congress_register(
        invitation=Invitation.objects.get(email=email),
        data=RegistrationData("Someone", "in_person", parliament=parliament),
        user=user,
    )
    return registration


def test_the_report_counts_the_congress_in_both_variants(congress):
    internal = report_build(start=START, end=END, variant="internal").sections.congresses
    public = report_build(start=START, end=END, variant="public").sections.congresses

    [figures] = internal
    assert (figures.participants, figures.countries, figures.pledges, figures.pledgers) == (
        4,
        2,
        2,
        1,
    )
    assert figures.godparenthoods == 1
    assert dict(figures.by_country) == {"LT": 3, "PL": 1}
    assert dict(public[0].by_country) == {"LT": 3, "": 1}  # one Pole could be told apart


def test_the_congress_section_reaches_the_files(congress):
    report = report_build(start=START, end=END, variant="public")
    sections = report_document(report)
    [section] = [s for s in sections if s.key.startswith("congress-")]
    assert section.title == "Congress of Symbolic Godparents"
    files = report_files(report, generated_at=timezone.now())
    html = files["html"].decode()
    assert "Congress of Symbolic Godparents" in html
    assert "Godparenthoods accepted from the pledges" in html
    assert "Polish Pledger" not in html


def test_a_period_without_a_congress_has_no_congress_section(congress):
    report = report_build(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31), variant="internal"
    )
    assert report.sections.congresses == ()
    assert not [s for s in report_document(report) if s.key.startswith("congress-")]
