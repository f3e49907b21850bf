"""With 5,000 prisoners the listing and the profiles run as many queries as with 30.

Each page is asserted at both sizes against one budget, so a query per card or per row (an N+1)
fails at 5,000 however generous the budget looks at 30. The data comes from the demo generators
(facilities, charges, status history, mixed publicity, godparents, matches), seeded once per size
in a transaction that is rolled back when the module ends; each test runs in a savepoint inside it.

The anonymous page cache is switched off (PAGE_CACHE_SECONDS = 0, and no X-Cache header is
allowed): a cached response runs almost no query and would hide what a render costs. Each page is
requested once before it is measured, so that first-render work (Wagtail's site root paths, the
photo's renditions) is not counted.
"""

from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from cms.filters import SENTENCE_MONTHS
from cms.models import PRISONERS_PER_PAGE
from solidarity.prisoners.choices import PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner
from tests.factories.scale import ScaleSite, scale_site_seed

SMALL, LARGE = 30, 5000
# The most any case below runs, measured: the same at both sizes. Image renditions are looked up
# in the "renditions" cache (settings), not the database cache: without it the Full profile's
# photo alone cost about 50 queries.
LISTING_MAX_QUERIES = 22
BASIC_PROFILE_MAX_QUERIES = 28
FULL_PROFILE_MAX_QUERIES = 22  # two of them: the letter and action counters

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[SMALL, LARGE], ids=lambda n: f"{n}-prisoners")
def scale(request, django_db_setup, django_db_blocker):
    """The seeded site, once per size; rolled back after the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield scale_site_seed(prisoners=request.param)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _uncached(page_cache_off):
    """Every test here measures rendering, never a page cache hit."""


def measured_get(client, url: str):
    """The response to the second request for `url`, and how many queries it ran."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Cache" not in response
    return response, len(queries)


def public() -> QuerySet[Prisoner]:
    return Prisoner.objects.filter(publicity__in=PUBLIC_PUBLICITY)


def _sentence_range() -> str:
    """A sentence range that some public record falls in."""
    months = public().exclude(sentence_months=None).values_list("sentence_months", flat=True)[0]
    return next(
        key
        for key, (low, high) in SENTENCE_MONTHS.items()
        if (low is None or months >= low) and (high is None or months < high)
    )


def _last_page() -> str:
    return str(-(-public().count() // PRISONERS_PER_PAGE))


# Each case builds a query string from the seeded data, so that every filter finds records.
LISTING_CASES: dict[str, Callable[[ScaleSite], str]] = {
    "plain": lambda site: "",
    "status-group": lambda site: "status=held",
    "status": lambda site: f"status={site.basic.status}",
    "region": lambda site: f"region={site.basic.region}",
    "facility": lambda site: f"facility={site.basic.facility_id}",
    "article": lambda site: f"article={site.basic.charges.first().article.number}",
    "gender": lambda site: f"gender={site.basic.gender}",
    "sentence": lambda site: f"sentence={_sentence_range()}",
    "no-godparent": lambda site: "no_godparent=on",
    "search": lambda site: f"q={site.basic.name_latin.split()[-1]}",
    "search-sorted": lambda site: f"q={site.basic.name_latin.split()[-1]}&sort=detained",
    "sort-detained": lambda site: "sort=detained",
    "sort-sentence": lambda site: "sort=sentence",
    "all-filters": lambda site: (
        f"status=held&region={site.basic.region}&gender={site.basic.gender}"
        f"&article={site.basic.charges.first().article.number}&sort=sentence"
    ),
    "last-page": lambda site: f"page={_last_page()}",
}


@pytest.mark.parametrize("case", LISTING_CASES)
def test_listing_runs_a_fixed_number_of_queries(client, scale, case):
    query = LISTING_CASES[case](scale)
    response, count = measured_get(client, f"/en/prisoners/?{query}")
    assert len(response.context["page_obj"].object_list) > 0, query
    assert count <= LISTING_MAX_QUERIES, query


@pytest.mark.parametrize("language", ["be", "ru"])
def test_listing_in_other_languages_runs_a_fixed_number_of_queries(client, scale, language):
    _response, count = measured_get(client, f"/{language}/prisoners/")
    assert count <= LISTING_MAX_QUERIES


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_basic_profile_runs_a_fixed_number_of_queries(client, scale, language):
    url = f"/{language}/prisoners/{scale.basic.profile_slug}/"
    response, count = measured_get(client, url)
    assert response.context["godparents"]
    assert count <= BASIC_PROFILE_MAX_QUERIES


def test_full_profile_with_editorial_page_runs_a_fixed_number_of_queries(client, scale):
    response, count = measured_get(client, scale.full_page.url)
    assert response.context["godparents"]
    assert b"profile__photo" in response.content
    assert count <= FULL_PROFILE_MAX_QUERIES
