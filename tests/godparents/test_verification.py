"""Organisers verify, ask for information or reject; each decision is audited and emailed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.godparents.models import VerificationState
from solidarity.godparents.services import (
    VERIFICATION_ACTION,
    godparent_mark_left_office,
    godparent_reject,
    godparent_request_info,
    godparent_verify,
)
from solidarity.matching.models import EndReason, MatchStatus
from solidarity.matching.services import match_propose
from solidarity.notifications.models import SentEmail
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(db):
    return GodparentProfileFactory(
        verification_state=VerificationState.UNVERIFIED,
        verified_at=None,
        user__preferred_language="ru",
        full_name="Jonas Pavyzdys",
    )


def test_verifying_stamps_who_and_when_audits_and_emails_in_the_godparents_language(
    waiting, organiser, outbox
):
    godparent_verify(profile=waiting, by=organiser)

    waiting.refresh_from_db()
    assert waiting.verification_state == VerificationState.VERIFIED
    assert waiting.verified_by == organiser
    assert waiting.verified_at is not None
    entry = ModelLogEntry.objects.for_instance(waiting).get(action=VERIFICATION_ACTION)
    assert entry.data == {"from": "unverified", "to": "verified"}
    assert entry.user == organiser
    (message,) = outbox
    assert message.to == [waiting.user.email]
    assert "Jonas Pavyzdys" in message.body
    assert "/ru/me/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/ru/me/" in html
    assert 'lang="ru"' in html


def test_asking_for_information_sends_the_organisers_words(waiting, organiser, outbox):
    godparent_request_info(
        profile=waiting, by=organiser, message="Please add your <official> page."
    )

    waiting.refresh_from_db()
    assert waiting.verification_state == VerificationState.INFO_REQUESTED
    (message,) = outbox
    assert "Please add your <official> page." in message.body
    assert "Please add your &lt;official&gt; page." in message.alternatives[0][0]
    assert "/ru/me/profile/" in message.body


def test_rejecting_needs_a_reason(waiting, organiser, outbox):
    with pytest.raises(ValidationError):
        godparent_reject(profile=waiting, by=organiser, reason="  ")

    godparent_reject(profile=waiting, by=organiser, reason="No mandate found.")

    waiting.refresh_from_db()
    assert waiting.verification_state == VerificationState.REJECTED
    assert waiting.verification_note == "No mandate found."
    assert len(outbox) == 1


def test_a_decision_is_refused_from_the_wrong_state(waiting, organiser):
    godparent_reject(profile=waiting, by=organiser, reason="No mandate found.")

    with pytest.raises(ValidationError, match="cannot become"):
        godparent_verify(profile=waiting, by=organiser)
    with pytest.raises(ValidationError, match="cannot become"):
        godparent_mark_left_office(profile=waiting, by=organiser)


def test_each_decision_email_is_sent_once_even_if_the_task_runs_twice(waiting, organiser, outbox):
    from solidarity.notifications.tasks import send_templated_email

    godparent_verify(profile=waiting, by=organiser)
    key = SentEmail.objects.get().key

    sent_again = send_templated_email(
        "godparent_verified", [waiting.user.email], {"name": "x"}, "en", key
    )

    assert sent_again is False
    assert len(outbox) == 1


def test_only_verified_godparents_can_be_matched(waiting, organiser):
    prisoner = PrisonerFactory()

    with pytest.raises(ValidationError, match="Only verified godparents"):
        match_propose(godparent=waiting, prisoner=prisoner, proposed_by=organiser)
    verified = godparent_verify(profile=waiting, by=organiser)
    assert match_propose(godparent=verified, prisoner=prisoner, proposed_by=organiser).pk


def test_leaving_office_ends_matches_keeps_them_and_stops_new_ones(godparent, organiser, outbox):
    active = MatchFactory(godparent=godparent)
    offered = MatchFactory(godparent=godparent, status=MatchStatus.OFFERED, responded_at=None)

    godparent_mark_left_office(
        profile=godparent, by=organiser, on=datetime.date(2026, 11, 1), note="New job."
    )

    godparent.refresh_from_db()
    active.refresh_from_db()
    offered.refresh_from_db()
    assert godparent.verification_state == VerificationState.LEFT_OFFICE
    assert godparent.left_office_on == datetime.date(2026, 11, 1)
    assert (active.status, active.end_reason) == (MatchStatus.ENDED, EndReason.GODPARENT_LEFT)
    assert offered.status == MatchStatus.WITHDRAWN
    assert godparent.matches.count() == 2
    with pytest.raises(ValidationError):
        match_propose(godparent=godparent, prisoner=PrisonerFactory(), proposed_by=organiser)
    assert "Thank you" in outbox[0].subject


# --- The queue in the admin ------------------------------------------------------------------


def queue_url(name="index", *args):
    return reverse(f"godparent_verification:{name}", args=args)


def test_the_queue_lists_waiting_godparents_only(client, organiser, waiting, godparent):
    client.force_login(organiser)

    response = client.get(queue_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert waiting.full_name in content
    assert godparent.full_name not in content


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT, None])
def test_only_organisers_and_admins_reach_the_queue(client, waiting, role):
    client.force_login(user_with_role(role))

    for url in (queue_url(), queue_url("decide", waiting.pk)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert waiting.full_name not in response.content.decode()


def test_verifying_in_the_queue_needs_the_evidence_checked(client, organiser, waiting, outbox):
    client.force_login(organiser)
    url = queue_url("decide", waiting.pk)

    refused = client.post(url, {"decision": "verified", "message": ""})
    assert refused.status_code == 200
    assert "Check the evidence before verifying." in refused.content.decode()
    waiting.refresh_from_db()
    assert waiting.verification_state == VerificationState.UNVERIFIED

    done = client.post(url, {"decision": "verified", "evidence_checked": "on"})
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_verified
    assert len(outbox) == 1


def test_asking_for_information_in_the_queue_needs_a_message(client, organiser, waiting):
    client.force_login(organiser)
    url = queue_url("decide", waiting.pk)

    refused = client.post(url, {"decision": "info_requested", "message": ""})

    assert "Tell the godparent what is missing or why." in refused.content.decode()
    client.post(url, {"decision": "info_requested", "message": "Your page, please."})
    waiting.refresh_from_db()
    assert waiting.verification_state == VerificationState.INFO_REQUESTED


def test_a_verified_godparent_can_be_marked_as_left_office_in_the_queue(
    client, organiser, godparent
):
    client.force_login(organiser)

    response = client.post(
        queue_url("decide", godparent.pk), {"left_office_on": "2026-11-20", "note": ""}
    )

    assert response.status_code == 302
    godparent.refresh_from_db()
    assert godparent.verification_state == VerificationState.LEFT_OFFICE


def test_the_queue_runs_a_fixed_number_of_queries(client, organiser, django_assert_max_num_queries):
    client.force_login(organiser)
    GodparentProfileFactory.create_batch(
        3, verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    with django_assert_max_num_queries(30) as few:
        client.get(queue_url())
    GodparentProfileFactory.create_batch(
        20, verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    with django_assert_max_num_queries(len(few)) as many:
        client.get(queue_url())
    assert len(many) == len(few)


def test_the_admin_home_tells_organisers_how_many_godparents_wait(client, organiser, waiting):
    client.force_login(organiser)
    assert "1 godparent is waiting for verification." in client.get("/admin/").content.decode()

    client.force_login(user_with_role(Role.DEFENDER))
    assert "waiting for verification" not in client.get("/admin/").content.decode()


def test_a_decision_taken_while_the_godparent_edits_is_kept(organiser):
    from solidarity.godparents.models import VerificationState
    from solidarity.godparents.services import godparent_profile_update, godparent_verify
    from tests.factories.godparents import GodparentProfileFactory

    profile = GodparentProfileFactory(
        verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    stale = type(profile).objects.get(pk=profile.pk)  # the form loaded it before the decision
    godparent_verify(profile=profile, by=organiser)
    stale.party = "Renew Europe"

    godparent_profile_update(profile=stale, changed_by=profile.user)

    profile.refresh_from_db()
    assert profile.verification_state == VerificationState.VERIFIED
    assert profile.verified_by == organiser
    assert profile.party == "Renew Europe"
