"""A parliamentarian signs up on a phone; an organiser sets up 2FA and verifies them."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from tests.e2e.conftest import E2E
from tests.factories import user_with_role
from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.godparents import ParliamentFactory

pytestmark = E2E
MP_EMAIL = "anna.beispiel@bundestag.example"
MP_PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def organiser(db):
    """An organiser whose account has no second factor yet (it is their first admin visit)."""
    user = user_with_role(Role.ORGANISER, mfa=False, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_a_parliamentarian_signs_up_on_a_phone_and_an_organiser_verifies_them(
    live_server, phone, browser, site, organiser
):
    ParliamentFactory(country="LT", name="Lietuvos Respublikos Seimas", short_name="Seimas")
    mail.outbox = []

    # 1. Sign-up from the home page, on a phone.
    phone.goto(f"{live_server.url}/en/")
    phone.get_by_role("link", name="Sign up").click()
    phone.locator("input[name=email]").fill(MP_EMAIL)
    phone.locator("input[name=password1]").fill(MP_PASSWORD)
    phone.locator("input[name=password2]").fill(MP_PASSWORD)
    phone.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    expect(phone).to_have_url(re.compile(r"/accounts/confirm-email/"))

    # 2. The confirmation link from the test outbox.
    (message,) = [m for m in mail.outbox if MP_EMAIL in m.to]
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body).group(0)
    phone.goto(live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    phone.get_by_role("button", name="Confirm").click()

    # 3. The profile step: the parliament found by typing, evidence, languages, consent.
    expect(phone.get_by_role("heading", name="Your godparent profile")).to_be_visible()
    phone.get_by_label("Full name").fill("Anna Beispiel")
    phone.get_by_label("Search the list of parliaments").fill("seimas")
    phone.get_by_label("Parliament or assembly").select_option(label="Lietuvos Respublikos Seimas")
    phone.get_by_label("Political group").fill("EPP")
    phone.get_by_label("Official email address").fill(MP_EMAIL)
    phone.get_by_label("English").check()
    phone.get_by_label("List me on the public godparents page").check()
    phone.get_by_role("button", name="Send for verification").click()
    expect(phone.get_by_text("Waiting for verification.")).to_be_visible()

    # 4. The organiser's first admin visit: password, then setting up the authenticator app.
    desk = browser.new_page()
    desk.goto(f"{live_server.url}/admin/")
    desk.locator("input[name=login]").fill(organiser.email)
    desk.locator("input[name=password]").fill(PASSWORD)
    desk.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(desk).to_have_url(re.compile(r"/reauthenticate/|/2fa/totp/activate/"))
    if "reauthenticate" in desk.url:
        desk.locator("input[name=password]").fill(PASSWORD)
        desk.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    secret = desk.locator("#authenticator_secret").input_value()
    desk.locator("input[name=code]").fill(totp_code(secret))
    desk.get_by_role("button", name=re.compile("Activate", re.I)).click()
    expect(desk.get_by_text(re.compile("recovery codes", re.I)).first).to_be_visible()

    # 5. The verification queue: evidence checked, verified.
    desk.goto(f"{live_server.url}/admin/")
    desk.get_by_role("link", name="Open the verification queue").click()
    desk.get_by_role("link", name="Anna Beispiel").click()
    expect(desk.get_by_text(MP_EMAIL).first).to_be_visible()
    desk.get_by_label("Verify: the mandate is confirmed").check()
    desk.get_by_label("I checked the evidence (official page or email) myself").check()
    desk.get_by_role("button", name="Record the decision and email the godparent").click()
    expect(desk.get_by_text("Anna Beispiel is verified and was told by email.")).to_be_visible()
    verified_mail = [m for m in mail.outbox if m.to == [MP_EMAIL] and "verified" in m.subject]
    assert len(verified_mail) == 1

    # 6. The godparent sees the verified state and an empty dashboard.
    phone.goto(f"{live_server.url}/en/me/")
    expect(phone.get_by_text("Verified godparent.")).to_be_visible()
    expect(phone.get_by_text(re.compile("^No prisoner yet."))).to_be_visible()
    desk.close()
