"""The outbox in the admin: organisers and admins see every email (to whom, whether it went, why
not) and send a failed one again; defenders and godparents do not. The message is never shown."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.notifications.models import EmailStatus, SentEmail
from solidarity.notifications.services import MAX_ATTEMPTS, RESEND_LOG, email_enqueue

pytestmark = pytest.mark.django_db
INDEX = "outbox:index"
SECRET_LINE = "Maryia Canaryline"  # in the message only: the admin must never show it


@pytest.fixture
def failed():
    email = email_enqueue(
        template="godparent_verified",
        to=["failed@parliament.example"],
        context={"name": SECRET_LINE, "message": ""},
        language="en",
        key="test-failed",
    )
    SentEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED,
        attempts=MAX_ATTEMPTS,
        last_error="SMTPRecipientsRefused: 550 <address>: Recipient address rejected",
    )
    return email


def _resend(client, email):
    return client.post(reverse("outbox:resend", args=[email.pk]), {"status": "failed"})


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.ADMIN])
def test_organisers_and_admins_see_who_was_written_to_and_why_it_failed(
    client, role_users, failed, role
):
    client.force_login(role_users[role])

    page = client.get(reverse(INDEX), {"status": "failed"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "failed@parliament.example" in html
    assert "Recipient address rejected" in html
    assert "Send again" in html
    assert SECRET_LINE not in html
    assert failed.subject not in html


def test_the_status_filter_shows_only_that_status(client, role_users, failed):
    client.force_login(role_users[Role.ORGANISER])

    sent = client.get(reverse(INDEX), {"status": "sent"}).content.decode()

    assert "failed@parliament.example" not in sent


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT, None])
def test_defenders_godparents_and_others_neither_see_nor_resend(client, role_users, failed, role):
    client.force_login(role_users[role])

    page = client.get(reverse(INDEX))
    resend = _resend(client, failed)

    assert page.status_code in (302, 403)
    assert "failed@parliament.example" not in page.content.decode()
    assert resend.status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.status == EmailStatus.FAILED
    assert not ModelLogEntry.objects.filter(action=RESEND_LOG).exists()


def test_the_menu_shows_the_outbox_to_organisers_only(client, role_users):
    menus = {}
    for role in (Role.ORGANISER, Role.DEFENDER):
        client.force_login(role_users[role])
        menus[role] = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse(INDEX) in menus[Role.ORGANISER]
    assert reverse(INDEX) not in menus[Role.DEFENDER]


def test_send_again_queues_a_failed_email_once_and_logs_who_asked(
    client, role_users, failed, django_capture_on_commit_callbacks
):
    organiser = role_users[Role.ORGANISER]
    client.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = _resend(client, failed)
        second = _resend(client, failed)  # a double click

    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse(INDEX) + "?status=failed"
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (EmailStatus.QUEUED, 0)
    assert len(callbacks) == 1  # one task: the second click changed nothing
    (entry,) = ModelLogEntry.objects.filter(action=RESEND_LOG)
    assert (entry.user_id, entry.object_id) == (organiser.pk, str(failed.pk))


def test_send_again_sends_it(client, role_users, failed, outbox):
    client.force_login(role_users[Role.ORGANISER])

    _resend(client, failed)

    (message,) = outbox
    assert message.to == ["failed@parliament.example"]
    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT


def test_a_sent_email_cannot_be_sent_again(client, role_users, failed):
    SentEmail.objects.filter(pk=failed.pk).update(status=EmailStatus.SENT, body="")
    client.force_login(role_users[Role.ORGANISER])

    _resend(client, failed)

    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert not ModelLogEntry.objects.filter(action=RESEND_LOG).exists()


def test_send_again_is_a_post(client, role_users, failed):
    client.force_login(role_users[Role.ORGANISER])

    response = client.get(reverse("outbox:resend", args=[failed.pk]))

    assert response.status_code == 405
    failed.refresh_from_db()
    assert failed.status == EmailStatus.FAILED
