import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from solidarity.matching.models import MatchStatus
from tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "second_status", [MatchStatus.PROPOSED, MatchStatus.OFFERED, MatchStatus.ACTIVE]
)
def test_a_pair_has_at_most_one_open_match(second_status):
    first = MatchFactory(status=MatchStatus.ACTIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchFactory(godparent=first.godparent, prisoner=first.prisoner, status=second_status)


def test_a_pair_may_be_matched_again_after_an_ended_match():
    offered = timezone.now() - datetime.timedelta(days=30)
    first = MatchFactory(status=MatchStatus.ENDED, offered_at=offered, ended_at=timezone.now())
    MatchFactory(godparent=first.godparent, prisoner=first.prisoner, status=MatchStatus.ACTIVE)
    assert first.godparent.matches.count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"status": MatchStatus.ENDED, "ended_at": None},
        {"responded_at": timezone.now() - datetime.timedelta(days=2)},
        {"status": MatchStatus.ENDED, "ended_at": timezone.now() - datetime.timedelta(days=2)},
    ],
    ids=["ended-without-date", "answered-before-offer", "ended-before-answer"],
)
def test_match_dates_must_be_in_order(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchFactory(**fields)
