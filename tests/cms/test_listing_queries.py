"""The listing runs a fixed number of queries whatever the number of prisoners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.prisoners.choices import Publicity
from tests.factories import ChargeFactory, CriminalArticleFactory, FacilityFactory, PrisonerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def add_public_prisoners(count: int) -> None:
    facility = FacilityFactory()
    articles = [CriminalArticleFactory(number=n) for n in ("342", "361-1")]
    for prisoner in PrisonerFactory.create_batch(
        count, facility=facility, publicity=Publicity.BASIC
    ):
        for article in articles:
            ChargeFactory(prisoner=prisoner, article=article)


def listing_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_uses_as_many_queries_for_120_prisoners_as_for_30(client, make_profile):
    make_profile()
    add_public_prisoners(29)
    client.get("/en/prisoners/")  # warm the site root paths cache
    with_30 = listing_queries(client, "/en/prisoners/")
    add_public_prisoners(90)
    client.get("/en/prisoners/")  # the counters of the new page-cache generation (cms/counters.py)
    with_120 = listing_queries(client, "/en/prisoners/")
    assert with_30 == with_120
    assert listing_queries(client, "/en/prisoners/?page=3") == with_120


def test_listing_stays_within_a_small_query_budget(
    client, make_profile, django_assert_max_num_queries
):
    make_profile()
    add_public_prisoners(40)
    client.get("/be/prisoners/")
    with django_assert_max_num_queries(25):
        client.get("/be/prisoners/")


def test_home_page_stays_within_a_small_query_budget(
    client, make_profile, django_assert_max_num_queries
):
    make_profile()
    add_public_prisoners(10)
    client.get("/en/")
    with django_assert_max_num_queries(25):
        client.get("/en/")
