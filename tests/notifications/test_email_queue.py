"""The platform's own emails: queued after the commit, rendered in the recipient's language."""

import pytest
from django.core import mail

from solidarity.notifications.services import email_enqueue, email_language

pytestmark = pytest.mark.django_db


def test_an_email_waits_for_the_commit(django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_enqueue(
            template="godparent_verified",
            to=["mp@example.org"],
            context={"name": "Anna"},
            language="be",
            key="test-occasion-1",
        )
    assert mail.outbox == []  # a rolled-back decision would send nothing

    callbacks[0]()

    (message,) = mail.outbox
    assert message.subject.startswith("[Solidarity] ")
    assert "/be/me/" in message.body
    assert message.alternatives[0][1] == "text/html"


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [("ru", "ru"), ("be", "be"), ("de", "en"), ("ru-RU", "ru"), ("", "en"), (None, "en")],
)
def test_the_email_language_falls_back_to_english(preferred, expected):
    assert email_language(preferred) == expected


def test_a_failed_email_task_stays_queued_and_keeps_no_arguments(monkeypatch):
    """The broker retries a failed send; django-q2's task table (which keeps failures whatever
    `save` says) gets no copy of who was written to, or what."""
    from django_q.signals import post_execute_in_worker

    from solidarity.notifications import services

    queued = []
    monkeypatch.setattr(services, "async_task", lambda *args, **kwargs: queued.append(kwargs))
    monkeypatch.setattr(services.transaction, "on_commit", lambda func, **kwargs: func())
    email_enqueue(
        template="godparent_verified",
        to=["mp@example.org"],
        context={"name": "Anna"},
        language="en",
        key="k",
    )
    (options,) = queued
    assert options["ack_failure"] is False
    assert options["save"] is False

    failed = {"group": options["group"], "success": False, "args": ("x", ["mp@example.org"])}
    failed["kwargs"] = {"context": {"name": "Anna"}}
    done = {"group": options["group"], "success": True, "args": ("y",), "kwargs": {}}
    for task in (failed, done):
        post_execute_in_worker.send(sender="django_q", func=None, task=task)

    assert failed["args"] == ()
    assert failed["kwargs"] == {}
    assert done["args"] == ("y",)  # successful tasks are not saved at all (save=False)
