"""Every public record has a profile in every locale without anyone creating a page."""

import pytest

from solidarity.prisoners.choices import Publicity
from tests.factories import ChargeFactory, PrisonerConfidentialFactory, PrisonerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(site):
    prisoner = PrisonerFactory(publicity=Publicity.BASIC)
    ChargeFactory(prisoner=prisoner)
    PrisonerConfidentialFactory(prisoner=prisoner)
    return prisoner


def _url(listings, code, prisoner):
    return f"{listings[code].url}{prisoner.profile_slug}/"


@pytest.mark.parametrize("code", ["en", "be", "ru"])
def test_a_public_record_has_a_profile_in_every_locale(client, listings, record, code):
    response = client.get(_url(listings, code, record))

    html = response.content.decode()
    assert response.status_code == 200
    assert record.name_ru in html  # the envelope name, in Cyrillic
    assert "REPUBLIC OF BELARUS" in html
    assert "CANARY" not in html


def test_an_unpublished_record_has_no_profile(client, listings):
    hidden = PrisonerFactory(publicity=Publicity.NONE)
    assert client.get(_url(listings, "en", hidden)).status_code == 404


def test_a_wrong_name_in_the_url_redirects_to_the_right_one(client, listings, record):
    response = client.get(f"{listings['en'].url}{record.pk}-someone-else/")
    assert response.status_code == 301
    assert response.url.endswith(f"/{record.profile_slug}/")


def test_a_record_with_an_editorial_page_leads_to_it(client, make_profile):
    page = make_profile(publicity=Publicity.FULL, translate_to=())
    listing = page.get_parent()

    response = client.get(f"{listing.url}{page.prisoner.profile_slug}/")

    assert response.status_code == 301
    assert response.url == page.url


def test_the_listing_links_every_record_to_its_profile(client, listings, record):
    html = client.get(listings["ru"].url).content.decode()
    assert f'href="{_url(listings, "ru", record)}"' in html


def test_the_language_switcher_stays_on_the_same_profile(client, listings, record):
    html = client.get(_url(listings, "en", record)).content.decode()
    assert f'href="{_url(listings, "be", record)}"' in html


def test_the_sitemap_lists_public_record_profiles_only(client, listings, record):
    hidden = PrisonerFactory(publicity=Publicity.NONE, name_latin="Hidden Person")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert _url(listings, "en", record) in sitemap
    assert hidden.profile_slug not in sitemap


@pytest.mark.usefixtures("page_cache_off")
def test_a_record_profile_runs_a_fixed_number_of_queries(client, listings, record):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.prisoners.models import StatusChange
    from tests.factories import CriminalArticleFactory

    rich = PrisonerFactory(publicity=Publicity.BASIC)
    for number in ("130", "342", "361-1", "367", "368"):
        ChargeFactory(prisoner=rich, article=CriminalArticleFactory(number=number))
    for day in range(1, 4):
        StatusChange.objects.create(
            prisoner=rich, to_status=rich.status, effective_on=datetime.date(2024, 1, day)
        )

    def count(prisoner):
        client.get(_url(listings, "en", prisoner))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(listings, "en", prisoner)).status_code == 200
        return len(queries)

    assert count(record) == count(rich) <= 27  # two: the letter and action counters
