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
