"""A profile names the godparents who agreed to be listed, and reminds visitors of the birthday."""

import datetime

import pytest
from django.utils import timezone

from solidarity.godparents.models import VerificationState
from solidarity.matching.models import MatchStatus
from solidarity.prisoners.choices import Publicity
from tests.factories import GodparentProfileFactory, MatchFactory, PrisonerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(site):
    return PrisonerFactory(publicity=Publicity.BASIC, birth_date=datetime.date(1982, 4, 24))


def _profile(client, listings, record):
    return client.get(f"{listings['en'].url}{record.profile_slug}/").content.decode()


def test_listed_godparents_appear_and_discreet_ones_never(client, listings, record):
    MatchFactory(prisoner=record, godparent=GodparentProfileFactory(full_name="Listed Member"))
    hidden = [
        GodparentProfileFactory(
            full_name="Discreet Member", is_discreet=True, public_listing_consent=False
        ),
        GodparentProfileFactory(full_name="Unlisted Member", public_listing_consent=False),
        GodparentProfileFactory(
            full_name="Unverified Member",
            verification_state=VerificationState.UNVERIFIED,
            verified_at=None,
        ),
    ]
    for godparent in hidden:
        MatchFactory(prisoner=record, godparent=godparent)
    MatchFactory(
        prisoner=record,
        godparent=GodparentProfileFactory(full_name="Former Member"),
        status=MatchStatus.ENDED,
        ended_at=timezone.now() + datetime.timedelta(seconds=1),
    )

    html = _profile(client, listings, record)

    assert "Listed Member" in html
    assert "Deutscher Bundestag" in html or "Bundestag" in html
    for name in ("Discreet Member", "Unlisted Member", "Unverified Member", "Former Member"):
        assert name not in html


def test_the_birthday_reminder_shows_for_people_still_held(client, listings, record):
    assert "Birthday on 24 April" in _profile(client, listings, record)
    released = PrisonerFactory(
        publicity=Publicity.BASIC,
        status="released_pardoned",
        released_on=datetime.date(2025, 9, 11),
    )
    assert "Birthday on" not in _profile(client, listings, released)
