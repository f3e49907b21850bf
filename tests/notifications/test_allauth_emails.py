"""allauth's emails use our templates: plain text plus HTML, in the language of the request."""

import re
from datetime import UTC, datetime

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.test import RequestFactory

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db]
PASSWORD = "a-long-and-unusual-passphrase-42"
# Valid in an address, special in HTML: the HTML part must show it escaped.
ODD_EMAIL = "o'neil&co@parliament.example"
CONFIRM_LINK = re.compile(r"https?://[^\s\"<]+/ru/accounts/confirm-email/[^\s\"<]+/")


def _signup(client, email, language="en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _html(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def _verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_sign_up_sends_one_email_with_text_and_html_in_the_request_language(client, outbox):
    _signup(client, "mp@parliament.example", language="ru")

    [message] = outbox
    assert message.to == ["mp@parliament.example"]
    assert message.subject.startswith("[Solidarity] ")
    assert CONFIRM_LINK.search(message.body)
    html = _html(message)
    assert CONFIRM_LINK.search(html)
    assert '<html lang="ru">' in html


def test_sign_up_with_a_registered_email_sends_the_already_exists_email(client, outbox):
    _verified_user(email="taken@parliament.example")

    _signup(client, "taken@parliament.example")

    [message] = outbox
    assert message.to == ["taken@parliament.example"]
    assert "/en/accounts/password/reset/" in message.body
    assert "taken@parliament.example" in message.body
    html = _html(message)
    assert "/en/accounts/password/reset/" in html
    assert "taken@parliament.example" in html
    assert "/confirm-email/" not in message.body + html


def test_password_reset_for_a_known_address_sends_a_link_in_both_parts(client, outbox):
    user = _verified_user()

    client.post("/en/accounts/password/reset/", {"email": user.email})

    [message] = outbox
    assert message.to == [user.email]
    assert "/password/reset/key/" in message.body
    assert "/password/reset/key/" in _html(message)


def test_password_reset_for_an_unknown_address_sends_the_unknown_account_email(client, outbox):
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    [message] = outbox
    assert message.to == ["nobody@example.org"]
    assert "/password/reset/key/" not in message.body
    assert "/en/accounts/signup/" in message.body
    assert "/en/accounts/signup/" in _html(message)


def test_the_html_part_escapes_the_address_the_visitor_typed(client, outbox):
    client.post("/en/accounts/password/reset/", {"email": ODD_EMAIL})

    [message] = outbox
    assert ODD_EMAIL in message.body
    html = _html(message)
    assert "o&#x27;neil&amp;co@parliament.example" in html
    assert ODD_EMAIL not in html


NOTIFICATION = {"ip": "192.0.2.1", "user_agent": "<Browser>", "timestamp": datetime.now(UTC)}
EMAILS = {
    "email_confirmation_signup": {"activate_url": "https://x.example/confirm/KEY/"},
    "email_confirmation": {"code": "CODE42"},
    "password_reset_key": {"password_reset_url": "https://x.example/reset/KEY/"},
    "account_already_exists": {"password_reset_url": "https://x.example/reset/"},
    "unknown_account": {"signup_url": "https://x.example/signup/"},
    "login_code": {"code": "CODE42"},
    "password_reset_code": {"code": "CODE42"},
    "password_changed": NOTIFICATION,
    "password_set": NOTIFICATION,
    "password_reset": NOTIFICATION,
    "email_confirm": NOTIFICATION,
    "email_changed": {**NOTIFICATION, "from_email": "old@x.example", "to_email": "new@x.example"},
    "email_deleted": {**NOTIFICATION, "deleted_email": "gone@x.example"},
}


@pytest.mark.parametrize("name", EMAILS)
def test_every_allauth_email_has_our_subject_text_and_html(name):
    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    context = {"email": "mp@x.example", **EMAILS[name]}
    with allauth_context.request_context(request):
        message = get_adapter(request).render_mail(f"account/email/{name}", "mp@x.example", context)

    assert message.subject.startswith("[Solidarity] ")
    assert "Solidarity" in message.body
    html = _html(message)
    assert html.startswith("<!DOCTYPE html>")
    for value in EMAILS[name].values():
        if isinstance(value, str):
            assert value in message.body
    if "user_agent" in EMAILS[name]:
        assert "&lt;Browser&gt;" in html
    for url in (v for v in EMAILS[name].values() if str(v).startswith("https://")):
        assert f'href="{url}"' in html


# --- Through the outbox ------------------------------------------------------------------------


def test_sign_up_and_password_reset_emails_are_outbox_rows_emptied_once_sent(client, outbox):
    from solidarity.notifications.models import EmailStatus, SentEmail

    _signup(client, "mp@parliament.example")
    client.post("/en/accounts/password/reset/", {"email": "mp@parliament.example"})

    rows = SentEmail.objects.order_by("pk")
    assert [(r.template, r.to, r.status) for r in rows] == [
        ("account/email/email_confirmation_signup", ["mp@parliament.example"], EmailStatus.SENT),
        ("account/email/password_reset_key", ["mp@parliament.example"], EmailStatus.SENT),
    ]
    assert all(r.body == r.html == r.subject == "" for r in rows)  # no reset link stays
    assert len(outbox) == 2


def test_with_smtp_down_sign_up_works_and_its_email_waits_in_the_outbox(client, outbox, settings):
    from solidarity.notifications.models import EmailStatus, SentEmail
    from tests.notifications.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    response = _signup(client, "mp@parliament.example", language="ru")

    assert response.status_code == 302
    email = SentEmail.objects.get()
    assert (email.status, email.attempts, email.language) == (EmailStatus.QUEUED, 1, "ru")
    assert CONFIRM_LINK.search(email.body)  # kept until it is sent
    assert "mp@parliament.example" not in email.last_error
