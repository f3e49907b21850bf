"""The platform's own emails: a row in the event's transaction, rendered in the recipient's
language, sent after the commit by a task that carries only the row's id."""

import pytest
from django.core import mail
from django.db import transaction

from solidarity.notifications.models import EmailStatus, SentEmail
from solidarity.notifications.services import (
    OutgoingEmail,
    email_enqueue,
    email_enqueue_many,
    email_language,
)

pytestmark = pytest.mark.django_db
ARGS = {
    "template": "godparent_verified",
    "to": ["mp@example.org"],
    "context": {"name": "Anna"},
    "language": "be",
    "key": "test-occasion-1",
}


def test_an_email_is_a_row_at_once_and_goes_after_the_commit(django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_enqueue(**ARGS)
    (email,) = SentEmail.objects.all()
    assert (email.status, email.language, email.to) == (EmailStatus.QUEUED, "be", ARGS["to"])
    assert "/be/me/" in email.body  # rendered now, in the recipient's language
    assert mail.outbox == []  # nothing leaves before the commit

    callbacks[0]()

    (message,) = mail.outbox
    assert message.subject.startswith("[Solidarity] ")
    assert "/be/me/" in message.body
    assert message.alternatives[0][1] == "text/html"
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT


def test_a_rolled_back_event_leaves_no_email(django_capture_on_commit_callbacks):
    def decide_and_fail():
        with transaction.atomic():
            email_enqueue(**ARGS)
            raise RuntimeError("the decision failed")

    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        decide_and_fail()

    assert callbacks == []
    assert not SentEmail.objects.exists()
    assert mail.outbox == []


def test_only_the_rows_id_travels_through_the_broker(monkeypatch):
    """No address, name or link in the task's arguments: django-q2 keeps failed tasks' arguments
    in its table, and the broker is not a place for personal data."""
    from solidarity.notifications import services

    queued = []
    monkeypatch.setattr(services, "async_task", lambda *args, **kwargs: queued.append(args))
    monkeypatch.setattr(services.transaction, "on_commit", lambda func, **kwargs: func())

    email = email_enqueue(**ARGS)

    assert queued == [("solidarity.notifications.tasks.send_email", email.pk)]


def test_one_occasion_is_one_email_however_often_it_is_enqueued(outbox):
    first = email_enqueue(**ARGS)
    again = email_enqueue(**{**ARGS, "context": {"name": "Someone else"}})

    assert first is not None
    assert again is None
    assert SentEmail.objects.count() == 1
    assert len(outbox) == 1


def test_an_email_to_nobody_is_not_written():
    assert email_enqueue(**{**ARGS, "to": []}) is None
    assert not SentEmail.objects.exists()


def test_a_task_queued_by_the_previous_release_still_sends_once(outbox):
    """Tasks with the old arguments may sit in the broker during a deployment."""
    from solidarity.notifications.tasks import send_rendered_email, send_templated_email

    args = (ARGS["template"], ARGS["to"], ARGS["context"], "en", "old-task")
    assert send_templated_email(*args) is True
    assert send_templated_email(*args) is False
    send_rendered_email(
        {
            "subject": "S",
            "body": "B",
            "from_email": "x@example.org",
            "to": ["y@example.org"],
            "alternatives": [("<p>B</p>", "text/html")],
        }
    )

    assert [m.to for m in outbox] == [ARGS["to"], ["y@example.org"]]
    assert outbox[1].alternatives == [("<p>B</p>", "text/html")]


def test_a_batch_is_written_in_two_statements_and_sent_after_the_commit(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A release wave tells every godparent in one INSERT; keys already written, or repeated in
    the batch, are dropped."""
    email_enqueue(**{**ARGS, "key": "news-0"})
    batch = [
        OutgoingEmail(ARGS["template"], [f"mp{i}@example.org"], ARGS["context"], "ru", f"news-{i}")
        for i in (0, 1, 2, 2, 3)
    ]
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(2):
        assert email_enqueue_many(batch) == 3

    sent = sorted(m.to[0] for m in mail.outbox)  # with the earlier row, due as well
    assert sent == ["mp1@example.org", "mp2@example.org", "mp3@example.org", "mp@example.org"]
    assert set(SentEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [("ru", "ru"), ("be", "be"), ("de", "en"), ("ru-RU", "ru"), ("", "en"), (None, "en")],
)
def test_the_email_language_falls_back_to_english(preferred, expected):
    assert email_language(preferred) == expected
