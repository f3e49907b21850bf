"""Sign-up, mandatory email verification, login and password reset through allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from solidarity.accounts.models import User
from tests.factories import UserFactory
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]
NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def _signup(client, email):
    return client.post(
        "/en/accounts/signup/",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def _verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_sign_up_sends_a_verification_email_and_withholds_the_session(client):
    response = _signup(client, "mp@parliament.example")

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/confirm-email/")
    assert User.objects.filter(email="mp@parliament.example").exists()
    assert len(mail.outbox) == 1
    assert "_auth_user_id" not in client.session


def test_following_the_verification_link_verifies_and_signs_in(client):
    _signup(client, "mp@parliament.example")
    link = re.search(r"https?://[^\s]+/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    response = client.post(f"/{path}")

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="mp@parliament.example").verified
    assert client.session["_auth_user_id"]


def test_login_with_an_unverified_email_is_refused(client):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response.url


def test_login_with_a_verified_email_opens_a_session(client):
    user = _verified_user()
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_weak_password_is_refused_with_an_explanation(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "mp@parliament.example", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="mp@parliament.example").exists()
    assert b"too common" in response.content


def test_sign_up_with_a_registered_email_looks_the_same_from_outside():
    _verified_user(email="taken@parliament.example")

    def visit(address):
        response = Client().post(
            "/en/accounts/signup/",
            {"email": address, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
            follow=True,
        )
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return response.redirect_chain, response.status_code, page.replace(address, "ADDRESS")

    assert visit("taken@parliament.example") == visit("fresh@parliament.example")
    assert User.objects.filter(email__iexact="taken@parliament.example").count() == 1
    # One email each, to the address's owner: "already registered" or the confirmation link.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "fresh@parliament.example",
        "taken@parliament.example",
    ]


def test_password_reset_answers_the_same_for_unknown_addresses(client):
    user = _verified_user()

    known = client.post("/en/accounts/password/reset/", {"email": user.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    reset_mails = [m for m in mail.outbox if user.email in m.to]
    assert len(reset_mails) == 1
    assert "/password/reset/key/" in reset_mails[0].body


def test_the_admin_has_no_login_form_of_its_own(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/en/accounts/login/?next=/admin/pages/"


def test_staff_reach_the_admin_after_signing_in_through_allauth(client, role_users):
    from solidarity.accounts.roles import Role

    organiser = role_users[Role.ORGANISER]
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)
    response = client.post(
        "/en/accounts/login/?next=/admin/",
        {"login": organiser.email, "password": PASSWORD},
    )
    # A password alone is not enough for staff: allauth asks for the authenticator's code.
    assert response.url == "/en/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    response = client.post(response.url, {"code": totp_code()})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
