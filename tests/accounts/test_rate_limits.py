"""Abuse resistance: guessing a password or flooding an inbox is stopped per account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


@pytest.fixture(autouse=True)
def _fresh_counters():
    """Rate limit counters live in the cache, which outlives a test's transaction with Redis."""
    from django.core.cache import cache

    cache.clear()


def test_five_wrong_passwords_lock_the_account_for_a_while_even_with_the_right_one(client):
    user = UserFactory(email="mp@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_an_address_at_most_three_times_an_hour(client):
    user = UserFactory(email="mp@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    statuses = [
        client.post(reverse("account_reset_password"), {"email": user.email}).status_code
        for _request in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_the_limits_are_explicit_in_the_settings(settings):
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits["login_failed"] == "10/m/ip,5/900s/key"
    assert limits["reset_password"] == "20/m/ip,3/h/key"
    assert limits["confirm_email"] == "1/180s/key"


def test_sign_ups_from_one_address_are_limited(client):
    password = "a-long-and-unusual-passphrase-42"
    statuses = [
        client.post(
            reverse("account_signup"),
            {"email": f"mp{n}@example.org", "password1": password, "password2": password},
        ).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [302] * 20
    assert statuses[20] == 429


def test_a_verification_email_is_resent_at_most_once_in_three_minutes(client):
    user = UserFactory(email="mp@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    for _attempt in range(3):
        client.post(reverse("account_email"), {"action_send": "", "email": user.email})
    assert len(mail.outbox) == 1
