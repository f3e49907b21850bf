"""The outbox's workers against a real SMTP server on a local port: retries with backoff while
nothing listens, delivery once it does, one connection per batch, one send per row."""

import datetime
import uuid

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from solidarity.notifications.models import EmailStatus, SentEmail
from solidarity.notifications.services import (
    MAX_ATTEMPTS,
    STUCK_AFTER,
    email_enqueue,
    outbox_reclaim_stuck,
    outbox_schedule,
    outbox_send,
    outbox_send_due,
)

from .smtp import SMTPServer, free_port

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
CONTEXT = {"name": "Anna", "message": ""}


@pytest.fixture
def smtp_port(settings):
    """The site's SMTP settings point at a free local port; nothing listens there yet."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return port


@pytest.fixture
def smtp_server(smtp_port):
    server = SMTPServer(smtp_port).start()
    yield server
    server.stop()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _enqueue(n: int = 1, to: str = "mp{}@parliament.example") -> list[SentEmail]:
    """Rows written in the test's transaction, which never commits: no task sends them."""
    return [
        email_enqueue(
            template="godparent_verified",
            to=[to.format(i)],
            context=CONTEXT,
            language="en",
            key=f"test-{to}-{i}",
        )
        for i in range(n)
    ]


def test_with_smtp_refused_the_email_waits_with_growing_pauses_then_goes_once(smtp_port, frozen):
    (email,) = _enqueue()

    assert outbox_send() == (1, 0)  # nothing listens on the port
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.next_attempt_at == NOW + datetime.timedelta(minutes=1)
    assert email.last_error.startswith("ConnectionRefusedError: ")
    assert outbox_send_due() == 0  # not due yet: no attempt
    frozen.shift(datetime.timedelta(minutes=1))
    outbox_send_due()
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at == timezone.now() + datetime.timedelta(minutes=2)

    server = SMTPServer(smtp_port).start()
    try:
        frozen.shift(datetime.timedelta(minutes=2))
        assert outbox_send_due() == 1
        assert outbox_send_due() == 0
    finally:
        server.stop()

    (received,) = server.messages
    assert received.recipients == ["mp0@parliament.example"]
    assert received.message["Subject"].startswith("[Solidarity] ")
    email.refresh_from_db()
    assert (email.status, email.sent_at, email.attempts) == (EmailStatus.SENT, timezone.now(), 2)
    # Sent: who and when stay, the message goes.
    assert (email.subject, email.body, email.html, email.headers) == ("", "", "", {})
    assert email.to == ["mp0@parliament.example"]
    assert email.key == "test-mp{}@parliament.example-0"


def test_once_smtp_answers_again_the_emails_paused_by_its_outage_go_in_the_same_sweep(
    smtp_port, frozen
):
    """A long outage leaves emails paused for up to an hour; the first success wakes them."""
    paused = _enqueue(3)
    for _attempt in range(6):  # SMTP refused for a while: the pauses grow to 32 minutes
        outbox_send()
        frozen.move_to(SentEmail.objects.get(pk=paused[0].pk).next_attempt_at)
    fresh = email_enqueue(
        template="godparent_verified",
        to=["new@parliament.example"],
        context=CONTEXT,
        language="en",
        key="test-fresh",
    )
    SentEmail.objects.filter(pk__in=[e.pk for e in paused]).update(
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=30)
    )

    server = SMTPServer(smtp_port).start()
    try:
        assert outbox_send_due() == 4
    finally:
        server.stop()

    assert sorted(m.recipients[0] for m in server.messages) == [
        "mp0@parliament.example",
        "mp1@parliament.example",
        "mp2@parliament.example",
        "new@parliament.example",
    ]
    assert SentEmail.objects.get(pk=fresh.pk).status == EmailStatus.SENT


def test_the_pause_doubles_up_to_an_hour_and_the_last_attempt_fails_the_email(smtp_port, frozen):
    (email,) = _enqueue()
    pauses = []
    for _attempt in range(MAX_ATTEMPTS):
        outbox_send()
        email.refresh_from_db()
        pauses.append(round((email.next_attempt_at - timezone.now()).total_seconds() / 60))
        frozen.move_to(email.next_attempt_at)

    assert pauses[:8] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert (email.status, email.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)
    assert outbox_send() == (0, 0)  # a failed email waits for someone to send it again
    assert email.body  # and still has its message for that


def test_one_smtp_connection_carries_a_whole_batch(smtp_server):
    _enqueue(3)

    assert outbox_send_due() == 3

    assert smtp_server.connections == 1
    assert sorted(m.recipients[0] for m in smtp_server.messages) == [
        f"mp{i}@parliament.example" for i in range(3)
    ]


def test_a_refused_recipient_is_retried_and_its_error_names_no_address(smtp_server):
    smtp_server.reject = {"gone@parliament.example"}
    (refused,) = _enqueue(to="gone@parliament.example")
    (fine,) = _enqueue(to="fine{}@parliament.example")

    outbox_send_due()

    refused.refresh_from_db()
    fine.refresh_from_db()
    assert fine.status == EmailStatus.SENT
    assert (refused.status, refused.attempts) == (EmailStatus.QUEUED, 1)
    assert refused.last_error.startswith("SMTPRecipientsRefused: ")
    assert "550" in refused.last_error
    assert "@" not in refused.last_error


def test_two_senders_at_once_send_each_email_once(monkeypatch):
    """While one worker is sending its batch, a second finds nothing left to claim."""
    from django.core.mail.backends.locmem import EmailBackend

    emails = _enqueue(3)
    mail.outbox = []
    send_messages = EmailBackend.send_messages
    second_worker = []

    def send_while_another_worker_sweeps(self, messages):
        if not second_worker:
            second_worker.append(outbox_send_due())
        return send_messages(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_while_another_worker_sweeps)

    assert outbox_send_due() == 3

    assert second_worker == [0]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.to[0] for e in emails)


def test_the_claim_is_conditional(smtp_server):
    """The claim is an UPDATE … WHERE status = queued: a row another worker claimed between the
    read of due rows and the update is not taken twice."""
    (email,) = _enqueue()
    SentEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENDING, claim=uuid.uuid4(), claimed_at=timezone.now()
    )

    assert outbox_send(ids=[email.pk]) == (0, 0)
    assert smtp_server.messages == []


def test_an_email_left_sending_by_a_killed_worker_is_sent_by_the_next_sweep(smtp_server, frozen):
    stuck, busy = _enqueue(2)
    SentEmail.objects.filter(pk=stuck.pk).update(
        status=EmailStatus.SENDING,
        claim=uuid.uuid4(),
        claimed_at=NOW - STUCK_AFTER - datetime.timedelta(seconds=1),
    )
    SentEmail.objects.filter(pk=busy.pk).update(
        status=EmailStatus.SENDING,
        claim=uuid.uuid4(),
        claimed_at=NOW - datetime.timedelta(minutes=1),
    )

    assert outbox_send_due() == 1

    assert [m.recipients for m in smtp_server.messages] == [stuck.to]
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (EmailStatus.SENT, 1)
    assert busy.status == EmailStatus.SENDING  # a live worker's row is left alone


def test_a_worker_thought_dead_cannot_undo_the_row_it_lost(smtp_server):
    """Its claim was taken over: its late "sent" or "failed" changes nothing."""
    from solidarity.notifications.services import _failed

    (email,) = _enqueue()
    late = SentEmail.objects.get(pk=email.pk)
    late.claim = uuid.uuid4()  # the claim the dead worker held
    outbox_send_due()  # the row, reclaimed and sent

    _failed(late, ConnectionResetError("late"))

    email.refresh_from_db()
    assert (email.status, email.last_error) == (EmailStatus.SENT, "")


def test_the_task_after_the_commit_sends_only_its_row():
    from solidarity.notifications.tasks import send_email

    first, _second = _enqueue(2)
    mail.outbox = []

    assert send_email(first.pk) == 1
    assert send_email(first.pk) == 0  # a task delivered twice

    assert [m.to for m in mail.outbox] == [first.to]


def test_the_sweep_runs_every_minute_from_setup_site():
    outbox_schedule()
    outbox_schedule()

    (schedule,) = Schedule.objects.filter(func="solidarity.notifications.tasks.send_due_emails")
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)


def test_a_slow_batch_keeps_its_rows_and_skips_one_taken_from_it(monkeypatch, frozen):
    """Each send renews the batch's claim time, so the sweep does not take a live worker's rows;
    a row taken all the same (the worker stalled too long) is not sent by it any more."""
    from django.core.mail.backends.locmem import EmailBackend

    first, second, third = _enqueue(3)
    mail.outbox = []
    send_messages = EmailBackend.send_messages
    sweeps = []

    def slow(self, messages):
        sent = send_messages(self, messages)
        if len(mail.outbox) == 1:  # the first send took longer than `STUCK_AFTER`
            frozen.shift(STUCK_AFTER + datetime.timedelta(minutes=1))
        elif len(mail.outbox) == 2:  # the heartbeat before this send renewed the batch
            sweeps.append(outbox_reclaim_stuck())
            SentEmail.objects.filter(pk=third.pk).update(claim=uuid.uuid4())  # taken over
        return sent

    monkeypatch.setattr(EmailBackend, "send_messages", slow)

    assert outbox_send() == (3, 2)

    assert sweeps == [0]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([*first.to, *second.to])
