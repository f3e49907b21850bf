"""After release the public profile never endangers the person (issue 18).

A person released inside Belarus keeps the facts already public but shows no photo and no story
until a defender confirms that new details are safe; whereabouts nobody recorded count as inside
Belarus. A deported person's profile says "forcibly deported" and the date, never where.
"""

import datetime

import pytest

from solidarity.prisoners.choices import ContactConsent, Publicity, Situation, Status
from tests.factories import WhereaboutsFactory

from .conftest import STORY_MARKER

pytestmark = pytest.mark.django_db

RELEASED = {"status": Status.RELEASED_SERVED, "released_on": datetime.date(2026, 3, 2)}


def _profile(client, page, language="en") -> str:
    response = client.get(f"/{language}/prisoners/{page.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def _shows_new_details(html: str) -> bool:
    return STORY_MARKER in html or "profile__photo" in html or "og:image" in html


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_a_person_released_in_belarus_without_a_recorded_whereabouts_is_frozen(
    client, make_profile, photo, language
):
    page = make_profile(publicity=Publicity.FULL, photo=photo, facility=None, **RELEASED)

    html = _profile(client, page, language)

    assert not _shows_new_details(html)
    assert 'class="envelope"' not in html  # no letter section once released


@pytest.mark.parametrize(
    ("situation", "safe", "frozen"),
    [
        (Situation.IN_BELARUS, False, True),
        (Situation.UNKNOWN, False, True),
        (Situation.IN_BELARUS, True, False),  # a defender confirmed it is safe
        (Situation.LEFT, False, False),
    ],
)
def test_only_a_defenders_confirmation_or_a_life_abroad_unfreezes_the_profile(
    client, make_profile, photo, situation, safe, frozen
):
    page = make_profile(publicity=Publicity.FULL, photo=photo, facility=None, **RELEASED)
    WhereaboutsFactory(
        prisoner=page.prisoner,
        situation=situation,
        country="PL" if situation == Situation.LEFT else "",
        safe_to_publish=safe,
        consent=ContactConsent.CONTACT,
    )

    assert _shows_new_details(_profile(client, page)) is not frozen


def test_a_deported_profile_says_so_with_the_date_and_never_where(client, make_profile):
    page = make_profile(
        publicity=Publicity.BASIC,
        facility=None,
        status=Status.DEPORTED,
        status_changed_on=datetime.date(2025, 12, 13),
        released_on=datetime.date(2025, 12, 13),
    )
    WhereaboutsFactory(prisoner=page.prisoner, country="LT", notes="Staying in Vilnius")

    html = _profile(client, page)

    assert "forcibly deported" in html
    assert "13 December 2025" in html
    for where in ("Lithuania", "Vilnius", "Літва", "Литва"):
        assert where not in html
