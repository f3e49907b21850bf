"""RFC 8058: reminders carry List-Unsubscribe and List-Unsubscribe-Post, and the mail provider's
one-click POST (no cookie, no CSRF token) turns the reminder off. Account emails carry neither."""

import re

import pytest
from django.conf import settings
from django.test import Client

from solidarity.accounts.roles import Role
from solidarity.activity.reminders import organiser_digest_send
from solidarity.notifications.models import EmailOptOut, ReminderKind
from solidarity.notifications.services import email_enqueue, unsubscribe_token
from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db
ONE_CLICK = "List-Unsubscribe=One-Click"


def _one_click(url: str):
    """As a mail provider posts it: a fresh client that enforces CSRF, the RFC's exact body."""
    return Client(enforce_csrf_checks=True).post(
        url, ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )


def test_a_reminder_carries_the_one_click_headers_and_their_post_unsubscribes(outbox):
    organiser = user_with_role(Role.ORGANISER, preferred_language="ru")
    organiser_digest_send()

    (message,) = outbox
    headers = message.extra_headers
    assert headers["List-Unsubscribe-Post"] == ONE_CLICK
    (url,) = re.fullmatch(r"<([^>]+)>", headers["List-Unsubscribe"]).groups()
    assert url.startswith(f"{settings.SITE_URL}/ru/email/unsubscribe/")
    assert url in message.body  # the header and the link in the text are one
    assert "List-Unsubscribe" in message.message().as_string()

    response = _one_click(url.removeprefix(settings.SITE_URL))
    again = _one_click(url.removeprefix(settings.SITE_URL))

    assert response.status_code == again.status_code == 200
    assert EmailOptOut.objects.filter(user=organiser, kind=ReminderKind.DIGEST).count() == 1


def test_the_one_click_post_needs_the_signed_token(client):
    user = user_with_role(Role.GODPARENT)
    token = unsubscribe_token(user_id=user.pk, kind=ReminderKind.QUIET)

    response = _one_click(f"/en/email/unsubscribe/{token[:-2]}xx/")

    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()


def test_a_get_still_only_asks(client):
    user = user_with_role(Role.GODPARENT)
    token = unsubscribe_token(user_id=user.pk, kind=ReminderKind.QUIET)

    response = Client(enforce_csrf_checks=True).get(f"/en/email/unsubscribe/{token}/")

    assert response.status_code == 200
    assert not EmailOptOut.objects.exists()


def test_emails_about_ones_account_have_no_unsubscribe_headers(client, outbox):
    email_enqueue(
        template="godparent_verified",
        to=["mp@parliament.example"],
        context={"name": "Anna", "message": ""},
        language="en",
        key="decision",
    )
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert len(outbox) == 2
    for message in outbox:
        assert "List-Unsubscribe" not in message.message().as_string()
