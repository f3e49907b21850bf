"""Pledges made in the hall feed a matching run restricted to those who pledged, each with the
places they pledged (not their profile's capacity); a second run proposes only the rest."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.congress.models import Congress, Invitation
from solidarity.congress.selectors import congress_hall_counters
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    congress_invite,
    congress_matching_start,
    congress_pledged_slots,
    congress_register,
    pledge_make,
)
from solidarity.godparents.models import VerificationState
from solidarity.matching.models import Match, MatchingRun, MatchStatus, RunStatus
from solidarity.matching.runs import matching_run_approve
from solidarity.matching.services import match_accept
from tests.factories import GodparentProfileFactory, MatchFactory, PrisonerFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


@pytest.fixture
def congress():
    return Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2026, 12, 5),
        ends_on=datetime.date(2026, 12, 6),
        place="Vilnius",
        pledges_open=True,
    )


def _pledge(congress, godparent, prisoners: int):
    # Invited as a guest, registered while signed in: the registration finds the godparent.
    congress_invite(congress=congress, by=None, guests=[Guest(godparent.user.email)])
    invitation = Invitation.objects.get(email=godparent.user.email)
    registration, _ = congress_register(
        invitation=invitation,
        data=RegistrationData(godparent.full_name, "in_person", parliament=godparent.parliament),
        user=godparent.user,
    )
    assert registration.godparent == godparent
    return pledge_make(registration=registration, prisoners=prisoners, user=None)


def test_the_run_offers_only_what_was_pledged_to_those_who_pledged(congress, client):
    full = GodparentProfileFactory(capacity=1)
    MatchFactory(godparent=full, prisoner=PrisonerFactory())  # capacity reached
    bystander = GodparentProfileFactory(capacity=3)  # free places, but pledged nothing
    unverified = GodparentProfileFactory(
        verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    for _ in range(4):
        PrisonerFactory()
    _pledge(congress, full, 2)
    _pledge(congress, unverified, 1)
    organiser = user_with_role(Role.ORGANISER)

    assert congress_pledged_slots(congress) == {full.pk: 2}
    client.force_login(organiser)
    response = client.post(reverse("congress_desk:index"), {"congress": congress.pk})
    run = MatchingRun.objects.get()
    assert response.url == reverse("matching_runs:detail", args=[run.pk])
    assert run.status == RunStatus.READY, run.error
    proposals = Match.objects.filter(run=run)
    assert {m.godparent_id for m in proposals} == {full.pk}
    assert proposals.count() == 2
    assert not bystander.matches.exists()

    matching_run_approve(run=run, by=organiser)
    before = congress_hall_counters(congress).accepted
    first = proposals.first()
    match_accept(match=first, by=full.user)
    assert congress_hall_counters(congress).accepted == before + 1

    # Both places were offered: nothing is left to run.
    assert congress_pledged_slots(congress) == {}
    with pytest.raises(ValidationError):
        congress_matching_start(congress=congress, by=organiser)


def test_a_declined_offer_gives_the_place_back_to_the_next_run(congress):
    godparent = GodparentProfileFactory(capacity=1)
    PrisonerFactory()
    PrisonerFactory()
    _pledge(congress, godparent, 1)
    organiser = user_with_role(Role.ORGANISER)
    run = congress_matching_start(congress=congress, by=organiser)
    run.refresh_from_db()
    matching_run_approve(run=run, by=organiser)
    offer = Match.objects.get(run=run)
    offer.status = MatchStatus.DECLINED
    offer.save()

    assert congress_pledged_slots(congress) == {godparent.pk: 1}
