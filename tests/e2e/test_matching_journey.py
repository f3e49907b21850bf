"""An organiser runs matching and approves; the godparent accepts from the email link."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from solidarity.accounts.roles import Role
from tests.e2e.conftest import E2E
from tests.factories import user_with_role
from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.prisoners import PrisonerFactory

pytestmark = E2E


@pytest.fixture
def people(db):
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    godparent = GodparentProfileFactory(
        full_name="Anna Beispiel", capacity=1, user=user_with_role(Role.GODPARENT)
    )
    for user in (organiser, godparent.user):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    prisoner = PrisonerFactory(name_latin="Ihar Losik", name_ru="Игорь Лосик")
    return organiser, godparent, prisoner


def _sign_in(page, url, email, code=None):
    page.goto(url)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    if code:
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()


def test_an_organiser_runs_matching_and_the_godparent_accepts_from_the_email(
    live_server, page, phone, site, people
):
    organiser, godparent, _prisoner = people
    mail.outbox = []

    _sign_in(page, f"{live_server.url}/admin/", organiser.email, totp_code())
    page.goto(f"{live_server.url}/admin/matching/runs/")
    page.get_by_role("link", name="Start a matching run").click()
    page.get_by_label("Name").fill("Congress batch 1")
    page.get_by_role("button", name="Start the run").click()
    expect(page.get_by_text("Ready for review")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Ihar Losik"))
    expect(row).to_contain_text("Anna Beispiel")
    page.get_by_role("button", name="Approve: send the offers").click()
    expect(page.get_by_text("1 offer made: the godparents are told by email.")).to_be_visible()

    (message,) = [m for m in mail.outbox if m.to == [godparent.user.email]]
    link = re.search(r"https?://\S+/me/offers/link/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    _sign_in(phone, f"{live_server.url}/en/accounts/login/?next={path}", godparent.user.email)
    expect(
        phone.get_by_role("heading", name="Will you be the godparent of Ihar Losik?")
    ).to_be_visible()
    phone.get_by_role("button", name="Accept").click()

    expect(phone.get_by_text("Ihar Losik is now on your list.")).to_be_visible()
    expect(phone.locator("address.envelope")).to_contain_text("Игорь Лосик")
