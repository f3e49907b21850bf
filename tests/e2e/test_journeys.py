"""Main paths through the foundation, as a person with a browser takes them."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect
from wagtail.models import Locale

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import Publicity
from tests.e2e.conftest import E2E
from tests.factories import PrisonerFactory, user_with_role
from tests.factories.accounts import PASSWORD, totp_code

pytestmark = E2E


@pytest.fixture
def profile(site):
    """Kalesnikava's public profile in every locale, next to a record that must stay hidden."""
    PrisonerFactory(
        name_latin="Hidden Person", name_ru="Скрытый", name_be="Схаваны", publicity=Publicity.NONE
    )
    record = PrisonerFactory(publicity=Publicity.FULL)
    index = PrisonerIndexPage.objects.get(locale__language_code="en")
    page = index.add_child(
        instance=PrisonerPage(title="Maryia Kalesnikava", slug="kalesnikava", prisoner=record)
    )
    for code in ("be", "ru"):
        page.copy_for_translation(Locale.objects.get(language_code=code)).save_revision().publish()
    return page


def test_a_visitor_finds_a_prisoner_in_belarusian_and_sees_the_envelope(live_server, page, profile):
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("h1")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Беларуская").click()
    expect(page).to_have_url(re.compile(r"/be/"))
    expect(page.locator("html")).to_have_attribute("lang", "be")

    page.locator(".site-nav a[href*='prisoners']").click()
    expect(page.get_by_text("Hidden Person")).to_have_count(0)
    page.get_by_role("link", name="Марыя Калеснікава").click()

    expect(page.locator("h1")).to_have_text("Марыя Калеснікава")
    envelope = page.locator("address.envelope")
    expect(envelope).to_contain_text("Мария Колесникова")
    expect(envelope).to_contain_text("REPUBLIC OF BELARUS")


def test_an_organiser_signs_in_and_finds_a_record_by_a_russian_spelling(live_server, page, profile):
    organiser = user_with_role(Role.ORGANISER, email="organiser@solidarity.test")
    EmailAddress.objects.create(user=organiser, email=organiser.email, verified=True, primary=True)

    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label(re.compile("Email", re.I)).fill(organiser.email)
    page.get_by_label(re.compile("Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    # Staff confirm with their authenticator app (the factory's TOTP secret).
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"{live_server.url}/admin/snippets/prisoners/prisoner/?q=Колесникова")
    expect(page.get_by_role("link", name=re.compile("Kalesnikava"))).to_be_visible()
    expect(page.get_by_text("Hidden Person")).to_have_count(0)
