import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.godparents.models import VerificationState
from solidarity.matching.models import EndReason, MatchStatus
from solidarity.matching.services import (
    CAPACITY_ERROR,
    NOT_DETAINED_ERROR,
    UNVERIFIED_GODPARENT_ERROR,
    match_accept,
    match_decline,
    match_end,
    match_offer,
    match_propose,
    match_withdraw,
)
from solidarity.notifications.models import SentEmail
from solidarity.prisoners.choices import Publicity, Status
from tests.factories import GodparentProfileFactory, PrisonerFactory, UserFactory
from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal():
    return match_propose(
        godparent=GodparentProfileFactory(), prisoner=PrisonerFactory(), proposed_by=None
    )


def test_the_full_lifecycle_stamps_who_and_when(proposal):
    organiser, godparent_user = UserFactory(), proposal.godparent.user

    offered = match_offer(match=proposal, by=organiser)
    active = match_accept(match=offered, by=godparent_user, public_statement="I stand with you.")
    ended = match_end(match=active, by=organiser, reason=EndReason.PRISONER_RELEASED)

    assert (offered.offered_by, offered.offered_at is not None) == (organiser, True)
    assert active.responded_at >= active.offered_at
    assert active.public_statement == "I stand with you."
    assert (ended.status, ended.ended_by, ended.end_reason) == (
        MatchStatus.ENDED,
        organiser,
        EndReason.PRISONER_RELEASED,
    )
    transitions = ModelLogEntry.objects.filter(action="solidarity.match_transition")
    assert [entry.data["to"] for entry in transitions.order_by("timestamp", "pk")] == [
        "offered",
        "active",
        "ended",
    ]


def test_a_godparent_can_decline_an_offer_with_a_reason(proposal):
    declined = match_decline(match=match_offer(match=proposal, by=None), by=None, reason="No time")
    assert (declined.status, declined.decline_reason) == (MatchStatus.DECLINED, "No time")


@pytest.mark.parametrize(
    "steps",
    [[match_accept], [match_offer, match_offer], [match_withdraw, match_offer]],
    ids=["accept-unoffered", "offer-twice", "offer-withdrawn"],
)
def test_a_transition_out_of_order_is_refused(proposal, steps):
    *allowed, refused = steps
    match = proposal
    for step in allowed:
        match = step(match=match, by=None)
    with pytest.raises(ValidationError):
        refused(match=match, by=None)


def test_an_unverified_godparent_cannot_be_matched():
    godparent = GodparentProfileFactory(
        verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    with pytest.raises(ValidationError, match=str(UNVERIFIED_GODPARENT_ERROR)):
        match_propose(godparent=godparent, prisoner=PrisonerFactory(), proposed_by=None)


def test_a_released_prisoner_cannot_be_matched():
    prisoner = PrisonerFactory(status=Status.RELEASED_PARDONED)
    with pytest.raises(ValidationError, match=str(NOT_DETAINED_ERROR)):
        match_propose(godparent=GodparentProfileFactory(), prisoner=prisoner, proposed_by=None)


def test_a_second_open_proposal_for_the_same_pair_is_refused(proposal):
    with pytest.raises(ValidationError):
        match_propose(godparent=proposal.godparent, prisoner=proposal.prisoner, proposed_by=None)


def test_an_unpublished_prisoner_is_matched_only_with_a_discreet_godparent():
    prisoner = PrisonerFactory(publicity=Publicity.NONE)
    with pytest.raises(ValidationError, match="discreet"):
        match_propose(godparent=GodparentProfileFactory(), prisoner=prisoner, proposed_by=None)
    discreet = GodparentProfileFactory(is_discreet=True, public_listing_consent=False)
    assert match_propose(godparent=discreet, prisoner=prisoner, proposed_by=None).pk


def test_a_godparent_is_never_given_more_prisoners_than_their_capacity():
    godparent = GodparentProfileFactory(capacity=1)
    match_propose(godparent=godparent, prisoner=PrisonerFactory(), proposed_by=None)
    with pytest.raises(ValidationError, match=str(CAPACITY_ERROR)):
        match_propose(godparent=godparent, prisoner=PrisonerFactory(), proposed_by=None)


def test_the_organiser_who_made_the_offer_hears_the_answer_once(proposal, outbox):
    organiser = user_with_role(Role.ORGANISER, preferred_language="be")
    user_with_role(Role.ORGANISER)  # another organiser, not told
    offered = match_offer(match=proposal, by=organiser)
    outbox.clear()  # the offer itself, to the godparent

    match_decline(match=offered, by=offered.godparent.user, reason="Too many cases already")

    [email] = outbox
    assert email.to == [organiser.email]  # not the bystander organiser
    assert "Too many cases already" in email.body
    assert f"/admin/snippets/matching/match/edit/{offered.pk}/" in email.body
    assert SentEmail.objects.filter(key=f"match-answer-{offered.pk}-{organiser.pk}").exists()


def test_an_offer_nobody_signed_is_answered_to_every_organiser(proposal, outbox):
    organisers = {user_with_role(Role.ORGANISER).email for _ in range(2)}
    user_with_role(Role.DEFENDER)
    offered = match_offer(match=proposal, by=None)
    outbox.clear()

    match_accept(match=offered, by=offered.godparent.user)

    assert {email.to[0] for email in outbox} == organisers
    assert all(email.subject.endswith("A godparent accepted an offer") for email in outbox)


def test_an_offer_is_refused_once_the_family_withdrew_publicity(proposal, outbox):
    proposal.prisoner.publicity = Publicity.NONE
    proposal.prisoner.save()

    with pytest.raises(ValidationError, match="refused publicity"):
        match_offer(match=proposal, by=None)

    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.PROPOSED
    assert outbox == []  # the email would have named the prisoner


def test_an_offer_is_refused_once_the_godparent_is_no_longer_verified(proposal, outbox):
    proposal.godparent.verification_state = VerificationState.LEFT_OFFICE
    proposal.godparent.save()

    with pytest.raises(ValidationError):
        match_offer(match=proposal, by=None)
    assert outbox == []


def test_a_former_organiser_is_not_told_every_organiser_is(proposal, outbox):
    from django.contrib.auth.models import Group

    former = user_with_role(Role.ORGANISER)
    current = user_with_role(Role.ORGANISER)
    offered = match_offer(match=proposal, by=former)
    former.groups.set([Group.objects.get(name="Defenders")])  # moved to another role
    outbox.clear()

    match_decline(match=offered, by=None, reason="Private reason")

    assert [email.to for email in outbox] == [[current.email]]
    assert proposal.godparent.full_name not in outbox[0].subject  # previews show subjects


def test_an_offer_of_an_unpublished_prisoner_names_nobody_in_the_subject(outbox):
    proposal = match_propose(
        godparent=GodparentProfileFactory(is_discreet=True, public_listing_consent=False),
        prisoner=PrisonerFactory(publicity=Publicity.NONE, name_latin="Hidden Person"),
        proposed_by=None,
    )

    match_offer(match=proposal, by=None)

    [email] = outbox
    assert "Hidden Person" not in email.subject
    assert "Hidden Person" in email.body


def test_emails_leave_no_copy_of_their_arguments_in_the_task_table(proposal, outbox):
    from django_q.models import Task

    match_offer(match=proposal, by=None)

    assert len(outbox) == 1
    assert not Task.objects.exists()
