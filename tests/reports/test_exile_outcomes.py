"""The report's outcomes after releases (issue 18): releases by kind, where deported people were
taken (counted only, small counts merged in the public variant), people supported in exile and
the verified actions for them."""

import datetime

import pytest
from django.utils import timezone

from solidarity.activity.models import ActionKind, ActionVerification
from solidarity.matching.models import EndReason, MatchStatus, Support
from solidarity.prisoners.choices import Situation, Status
from solidarity.prisoners.models import StatusChange, Whereabouts
from solidarity.reports.builder import PUBLIC_MIN_COUNT, report_build
from solidarity.reports.document import report_document
from solidarity.reports.formats import report_html
from tests.factories.activity import AdvocacyActionFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory

from .world import moment

pytestmark = pytest.mark.django_db
START, END = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)
RELEASED_ON = datetime.date(2026, 8, 15)


def released(status: str, *, country: str = "", in_belarus: bool = False, name: str = ""):
    """A person with a godparent since spring, released on RELEASED_ON in the given way."""
    prisoner = PrisonerFactory(status=status, released_on=RELEASED_ON, name_latin=name or "Ales")
    match = MatchFactory(
        prisoner=prisoner,
        status=MatchStatus.ENDED,
        end_reason=EndReason.PRISONER_RELEASED,
        offered_at=moment(datetime.date(2026, 3, 1)),
        ended_at=moment(RELEASED_ON),
    )
    StatusChange.objects.create(
        prisoner=prisoner, from_status=Status.CONVICTED, to_status=status, effective_on=RELEASED_ON
    )
    if country or in_belarus:
        Whereabouts.objects.create(
            prisoner=prisoner,
            situation=Situation.IN_BELARUS if in_belarus else Situation.DEPORTED,
            country=country,
        )
    return match


@pytest.fixture
def wave():
    matches = [released(Status.DEPORTED, country="LT") for _ in range(PUBLIC_MIN_COUNT)]
    matches.append(released(Status.DEPORTED, country="GE"))  # one: never counted by name
    matches.append(released(Status.DEPORTED))  # nobody recorded where
    matches.append(released(Status.RELEASED_PARDONED, in_belarus=True, name="Canaryinside"))
    matches.append(released(Status.RELEASED_EXCHANGED))
    first = matches[0]
    exile = MatchFactory(
        godparent=first.godparent,
        prisoner=first.prisoner,
        support=Support.IN_EXILE,
        offered_at=moment(datetime.date(2026, 8, 20)),
    )
    for kind, verification in (
        (ActionKind.MIGRATION_OFFICE, ActionVerification.VERIFIED),
        (ActionKind.VISA_SUPPORT, ActionVerification.PENDING),  # unverified: not counted
    ):
        action = AdvocacyActionFactory(
            kind=kind, occurred_on=datetime.date(2026, 9, 1), verification=verification
        )
        action.prisoners.add(first.prisoner)
        action.godparents.add(first.godparent)
    return {"matches": matches, "exile": exile}


def test_releases_are_counted_by_kind_with_the_countries_of_deportation(wave):
    outcomes = report_build(start=START, end=END, variant="internal").sections.outcomes

    assert outcomes.released == len(wave["matches"])
    assert dict(outcomes.by_status) == {
        Status.DEPORTED: PUBLIC_MIN_COUNT + 2,
        Status.RELEASED_PARDONED: 1,
        Status.RELEASED_EXCHANGED: 1,
    }
    assert dict(outcomes.deported_to) == {"LT": PUBLIC_MIN_COUNT, "GE": 1, "": 1}
    assert (outcomes.supported_in_exile, outcomes.exile_actions) == (1, 1)


def test_the_public_variant_merges_small_countries_and_names_nobody_released(wave):
    report = report_build(start=START, end=END, variant="public")
    outcomes = report.sections.outcomes

    assert dict(outcomes.deported_to) == {"LT": PUBLIC_MIN_COUNT, "": 2}
    html = report_html(report, report_document(report), generated_at=timezone.now())
    assert "Canaryinside" not in html
    assert "Georgia" not in html
    assert "Lithuania" in html
    assert "People supported in exile" in html
