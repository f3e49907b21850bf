"""A visitor narrows the public listing with its filters, then finds a person by name."""

import re

import pytest
from playwright.sync_api import expect

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.matching.models import MatchStatus
from solidarity.prisoners.choices import Publicity, Region
from tests.e2e.conftest import E2E
from tests.factories import MatchFactory, PrisonerFactory

pytestmark = E2E


@pytest.fixture
def listing(site):
    """Kalesnikava (Minsk, no godparent) with a profile, next to records the filters must drop."""
    record = PrisonerFactory(publicity=Publicity.FULL, region=Region.MINSK_CITY)
    index = PrisonerIndexPage.objects.get(locale__language_code="en")
    index.add_child(
        instance=PrisonerPage(title="Maryia Kalesnikava", slug="kalesnikava", prisoner=record)
    )
    supported = PrisonerFactory(
        name_latin="Ales Bialiatski", name_be="Алесь Бяляцкі", name_ru="Алесь Беляцкий"
    )
    MatchFactory(prisoner=supported, status=MatchStatus.ACTIVE)
    PrisonerFactory(
        name_latin="Ihar Losik", name_be="Ігар Лосік", name_ru="Игорь Лосик", region=Region.BREST
    )
    PrisonerFactory(
        name_latin="Hidden Person", name_ru="Скрытый", name_be="Схаваны", publicity=Publicity.NONE
    )
    return index


def test_a_visitor_filters_the_listing_then_finds_a_person_by_a_russian_spelling(
    live_server, page, listing
):
    page.goto(f"{live_server.url}/en/prisoners/")
    cards = page.locator(".cards .card")
    expect(cards).to_have_count(3)

    page.locator("summary", has_text="Filter and sort").click()
    page.get_by_label("Home region").select_option(label="Minsk city")
    page.get_by_label("Has no godparent yet").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"region=minsk.*no_godparent=on"))
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Maryia Kalesnikava")
    expect(page.get_by_role("status")).to_contain_text("1 result")
    expect(page.get_by_text("Hidden Person")).to_have_count(0)

    page.get_by_label("Search by name").fill("Колесникова")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page).to_have_url(re.compile(r"q=.*region=minsk"))
    expect(cards).to_have_count(1)
    page.get_by_role("link", name="Maryia Kalesnikava").click()
    expect(page.locator("h1")).to_have_text("Maryia Kalesnikava")
