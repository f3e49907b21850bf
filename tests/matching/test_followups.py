"""A matched prisoner's status changes: godparenthoods end on release, godparents hear the news."""

import datetime

import pytest
from django.utils import translation

from solidarity.matching.models import EndReason, MatchStatus
from solidarity.notifications.models import SentEmail
from solidarity.notifications.tasks import send_templated_email
from solidarity.prisoners.choices import Status
from solidarity.prisoners.services import (
    StatusChangeRequest,
    prisoner_status_change,
    prisoner_status_change_many,
)
from tests.factories.accounts import UserFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import FacilityFactory, PrisonerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]
TODAY = datetime.date.today()


@pytest.fixture
def active():
    return MatchFactory(godparent=GodparentProfileFactory(full_name="Anna Abgeordnete"))


def test_a_release_ends_the_match_thanks_the_godparent_and_frees_the_place(active, outbox):
    prisoner = active.prisoner
    prisoner_status_change(prisoner=prisoner, status=Status.RELEASED_PARDONED, effective_on=TODAY)

    active.refresh_from_db()
    assert active.status == MatchStatus.ENDED
    assert active.end_reason == EndReason.PRISONER_RELEASED
    [email] = outbox
    assert email.to == [active.godparent.user.email]
    assert "has been released" in email.subject
    assert "Thank you" in email.body
    assert "next matching round" in email.body
    assert "/me/profile/" in email.body


def test_an_offer_for_someone_released_is_withdrawn_without_an_email(outbox):
    offer = MatchFactory(status=MatchStatus.OFFERED, responded_at=None)

    prisoner_status_change(
        prisoner=offer.prisoner, status=Status.RELEASED_SERVED, effective_on=TODAY
    )

    offer.refresh_from_db()
    assert offer.status == MatchStatus.WITHDRAWN
    assert outbox == []


def test_a_transfer_sends_the_new_address_in_cyrillic(active, outbox):
    new_colony = FacilityFactory(postal_address="ИК-15\nг. Шклов")

    prisoner_status_change(
        prisoner=active.prisoner,
        status=active.prisoner.status,
        effective_on=TODAY,
        facility=new_colony,
    )

    active.refresh_from_db()
    assert active.status == MatchStatus.ACTIVE
    [email] = outbox
    assert "new address" in email.subject
    assert "Мария Колесникова\nИК-15\nг. Шклов\nREPUBLIC OF BELARUS" in email.body


def test_incommunicado_and_death_are_told_in_the_godparents_language(active, outbox):
    active.godparent.user.preferred_language = "ru"
    active.godparent.user.save()

    prisoner_status_change(
        prisoner=active.prisoner, status=Status.INCOMMUNICADO, effective_on=TODAY
    )
    prisoner_status_change(
        prisoner=active.prisoner, status=Status.DIED_IN_CUSTODY, effective_on=TODAY
    )

    active.refresh_from_db()
    assert active.end_reason == EndReason.PRISONER_DIED
    assert len(outbox) == 2
    with translation.override("ru"):
        died = str(Status.DIED_IN_CUSTODY.label)
    assert died in outbox[1].body
    assert "Мария Колесникова" in outbox[1].subject  # the Cyrillic spelling for Russian


def test_an_ordinary_step_such_as_a_verdict_sends_nothing(outbox):
    match = MatchFactory(prisoner=PrisonerFactory(status=Status.PRE_TRIAL))

    prisoner_status_change(prisoner=match.prisoner, status=Status.CONVICTED, effective_on=TODAY)

    assert outbox == []


def test_an_import_batch_ends_every_released_match_once(outbox):
    matches = [MatchFactory() for _ in range(4)]
    stranger = MatchFactory(godparent=GodparentProfileFactory(user=None))
    changes = [
        StatusChangeRequest(prisoner_id=m.prisoner_id, status=Status.DEPORTED, effective_on=TODAY)
        for m in [*matches, stranger]
    ]

    prisoner_status_change_many(changes=changes)

    assert {m.status for m in type(stranger).objects.all()} == {MatchStatus.ENDED}
    assert sorted(e.to[0] for e in outbox) == sorted(m.godparent.user.email for m in matches)


def test_a_retried_email_task_sends_nothing_twice(outbox):
    context = {
        "news": {"released": True},
        "public": True,
        "name": "Anna",
        "prisoner": "Maryia",
        "status": "Released",
        "effective_on": TODAY,
        "address": [],
        "dashboard_path": "/en/me/",
        "profile_path": "/en/me/profile/",
    }
    key = "prisoner-news-1-1"
    for _ in range(2):
        send_templated_email("prisoner_news", ["a@example.org"], context, "en", key)

    assert len(outbox) == 1
    assert SentEmail.objects.filter(key=key).count() == 1


def test_a_deleted_godparent_account_is_not_written_to(outbox):
    godparent = GodparentProfileFactory(user=UserFactory())
    match = MatchFactory(godparent=godparent)
    godparent.deleted_at = godparent.created_at
    godparent.save()

    prisoner_status_change(
        prisoner=match.prisoner, status=Status.RELEASED_SERVED, effective_on=TODAY
    )

    assert outbox == []


def test_a_status_change_at_the_same_facility_is_not_a_transfer(outbox):
    match = MatchFactory(prisoner=PrisonerFactory(status=Status.PRE_TRIAL))
    prisoner = match.prisoner

    change = prisoner_status_change(
        prisoner=prisoner, status=Status.CONVICTED, effective_on=TODAY, facility=prisoner.facility
    )

    assert change.facility is None
    assert outbox == []


def test_a_release_ends_a_godparenthood_accepted_meanwhile(outbox):
    from solidarity.matching.followups import matches_follow_status_changes
    from solidarity.matching.services import match_accept
    from solidarity.prisoners.models import StatusChange

    offer = MatchFactory(status=MatchStatus.OFFERED, responded_at=None)
    match_accept(match=offer, by=None)  # after the import read the record, before its follow-up
    change = StatusChange.objects.create(
        prisoner=offer.prisoner,
        from_status=Status.CONVICTED,
        to_status=Status.RELEASED_SERVED,
        effective_on=TODAY,
    )

    matches_follow_status_changes(changes=[change], by=None)

    offer.refresh_from_db()
    assert (offer.status, offer.end_reason) == (MatchStatus.ENDED, EndReason.PRISONER_RELEASED)


def test_news_of_an_unpublished_prisoner_names_nobody_in_the_subject(outbox):
    match = MatchFactory(
        godparent=GodparentProfileFactory(is_discreet=True, public_listing_consent=False),
        prisoner=PrisonerFactory(publicity="none", name_latin="Hidden Person"),
    )

    prisoner_status_change(
        prisoner=match.prisoner, status=Status.RELEASED_SERVED, effective_on=TODAY
    )

    [email] = outbox
    assert email.subject.endswith("News about a prisoner you support")
    assert "Hidden Person" in email.body  # the godparent needs to know whom it is about
