"""Public counters: letters per prisoner and the programme's totals; only verified actions count."""

import pytest
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification
from solidarity.activity.selectors import programme_totals
from solidarity.activity.services import action_verify
from solidarity.matching.models import MatchStatus
from tests.factories.accounts import user_with_role
from tests.factories.activity import AdvocacyActionFactory, LetterFactory
from tests.factories.matching import MatchFactory

pytestmark = pytest.mark.django_db


def _support(text: str) -> str:
    return text.split('id="support"', 1)[1].split("</section>", 1)[0]


def _action(prisoner, **fields):
    action = AdvocacyActionFactory(**fields)
    action.prisoners.set([prisoner])
    return action


def test_a_profile_counts_letters_and_verified_public_actions_only(client, make_profile):
    page = make_profile()
    prisoner = page.prisoner
    LetterFactory.create_batch(3, prisoner=prisoner)
    _action(prisoner, verification=ActionVerification.VERIFIED, is_public=True)
    _action(prisoner, verification=ActionVerification.PENDING, is_public=True)
    _action(
        prisoner, verification=ActionVerification.REJECTED, is_public=True, rejection_reason="x"
    )
    _action(prisoner, verification=ActionVerification.VERIFIED, is_public=False)

    support = _support(client.get(page.url).content.decode())

    assert '<span class="counters__number">3</span>' in support
    assert "letters sent by godparents" in support
    assert '<span class="counters__number">1</span>' in support
    assert "verified advocacy action" in support


def test_verifying_an_action_changes_the_public_counter_at_once(client, make_profile):
    """The page cache is invalidated by the verification: visitors need not wait for it."""
    page = make_profile()
    action = _action(page.prisoner, is_public=True)
    before = _support(client.get(page.url).content.decode())

    action_verify(action=action, by=user_with_role(Role.ORGANISER))
    after = _support(client.get(page.url).content.decode())

    assert '0</span> <span class="counters__label">verified advocacy actions' in before
    assert '1</span> <span class="counters__label">verified advocacy action<' in after


def test_programme_totals_count_active_support_and_verified_actions(
    django_assert_max_num_queries,
):
    active = MatchFactory.create_batch(3)
    MatchFactory(godparent=active[0].godparent)  # a second prisoner for the same godparent
    MatchFactory(status=MatchStatus.ENDED, offered_at=timezone.now(), ended_at=timezone.now())
    LetterFactory.create_batch(4)
    AdvocacyActionFactory(verification=ActionVerification.VERIFIED)
    AdvocacyActionFactory(verification=ActionVerification.PENDING)

    with django_assert_max_num_queries(4):
        totals = programme_totals()

    assert totals["godparents"] == 3
    assert totals["supported"] == 4
    assert totals["letters"] == 4
    assert totals["actions"] == 1
    countries = {m.godparent.parliament.country for m in active if m.godparent.parliament}
    assert totals["countries"] == len({c for c in countries if c})


def test_the_home_page_shows_the_totals(client, site):
    MatchFactory.create_batch(2)
    LetterFactory.create_batch(5)

    content = client.get("/en/").content.decode()

    assert '<span class="counters__number">5</span> <span class="counters__label">letters sent' in (
        content
    )
    assert "prisoners with godparents" in content
