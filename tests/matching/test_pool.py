"""The run's pool: who may be matched, read in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from solidarity.godparents.models import VerificationState
from solidarity.matching.assignment import assign
from solidarity.matching.models import EndReason, MatchStatus
from solidarity.matching.pool import pool_load
from solidarity.matching.scoring import Weights
from solidarity.prisoners.choices import Publicity, Status
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerConfidentialFactory, PrisonerFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 24)


def test_only_verified_godparents_with_free_slots_and_detained_prisoners_enter():
    verified = GodparentProfileFactory(capacity=2)
    full = GodparentProfileFactory(capacity=1)
    MatchFactory(godparent=full)
    GodparentProfileFactory(verification_state=VerificationState.UNVERIFIED, verified_at=None)
    GodparentProfileFactory(deleted_at=timezone.now())
    held = PrisonerFactory()
    PrisonerFactory(status=Status.RELEASED_PARDONED)

    pool = pool_load(today=TODAY)

    assert [(g.id, g.slots) for g in pool.godparents] == [(verified.pk, 2)]
    assert held.pk in {p.id for p in pool.prisoners}
    assert all(p.id != full.matches.get().prisoner_id or p.godparents == 1 for p in pool.prisoners)


def test_the_pool_carries_the_facts_the_factors_need():
    lithuania = ParliamentFactory(country="LT", name="Seimas")
    godparent = GodparentProfileFactory(
        parliament=lithuania, is_discreet=True, public_listing_consent=False,
        languages=["ru", "lt"], preferred_regions=["minsk"], preferred_gender="female",
    )  # fmt: skip
    prisoner = PrisonerFactory(
        publicity=Publicity.NONE, status=Status.INCOMMUNICADO, languages=["be", "ru"],
        expected_release_on=datetime.date(2031, 11, 1),
    )  # fmt: skip
    PrisonerConfidentialFactory(prisoner=prisoner, health_at_risk=True)
    MatchFactory(prisoner=prisoner)  # a German godparent already
    MatchFactory(
        prisoner=prisoner, status=MatchStatus.ENDED, end_reason=EndReason.GODPARENT_LEFT,
        responded_at=None, ended_at=timezone.now(),
    )  # fmt: skip
    declined = MatchFactory(godparent=godparent, status=MatchStatus.DECLINED)

    pool = pool_load(today=TODAY)

    g = next(g for g in pool.godparents if g.id == godparent.pk)
    p = next(p for p in pool.prisoners if p.id == prisoner.pk)
    assert (g.country, g.discreet, g.languages, g.gender) == (
        "LT",
        True,
        frozenset({"ru", "lt"}),
        "female",
    )
    assert (p.public, p.incommunicado, p.health_at_risk, p.lost_godparent) == (
        False, True, True, True
    )  # fmt: skip
    assert p.godparents == 1
    assert p.godparent_countries == frozenset({"DE"})
    assert p.remaining_months == 60
    assert (godparent.pk, declined.prisoner_id) in pool.excluded


def test_the_pool_is_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(3):
        MatchFactory(godparent=GodparentProfileFactory(capacity=3))
    with django_assert_num_queries(8) as few:
        pool_load(today=TODAY)
    for _ in range(20):
        MatchFactory(godparent=GodparentProfileFactory(capacity=3))
        PrisonerFactory()
    with django_assert_num_queries(len(few)):
        pool_load(today=TODAY)


def test_a_run_over_the_pool_proposes_the_prisoner_without_godparent_first():
    godparent = GodparentProfileFactory(capacity=1)
    covered = PrisonerFactory(name_latin="Covered")
    MatchFactory(prisoner=covered, godparent__capacity=1)
    alone = PrisonerFactory(name_latin="Alone")

    pool = pool_load(today=TODAY)
    result = assign(pool.godparents, pool.prisoners, weights=Weights(), excluded=pool.excluded)

    assert [(p.godparent_id, p.prisoner_id) for p in result.proposals] == [(godparent.pk, alone.pk)]
