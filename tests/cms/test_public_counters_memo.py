"""The public counters and the listing's options are computed once per page-cache generation.

The page cache is off in every test here: the counters are kept whether pages are or not, and a
cached page would hide whether they were recomputed.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import cms.counters
import cms.filters
from cms.counters import public_counters
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.models import Prisoner
from tests.factories import PrisonerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

PUBLIC_PROFILES = '<span class="counters__label">public profiles</span>'


@pytest.fixture
def computations(monkeypatch):
    """How many times the counters and the listing's options were computed."""
    calls = {"counters": 0, "options": 0}
    compute_counters = cms.counters.public_counters_compute
    facility_options = cms.filters.facility_options

    def counting_counters():
        calls["counters"] += 1
        return compute_counters()

    def counting_options():
        calls["options"] += 1
        return facility_options()

    monkeypatch.setattr(cms.counters, "public_counters_compute", counting_counters)
    monkeypatch.setattr(cms.filters, "facility_options", counting_options)
    return calls


def public_profiles(client) -> str:
    html = client.get("/en/").content.decode()
    return html.split(PUBLIC_PROFILES, 1)[0].rsplit(">", 2)[-2].split("<", 1)[0]


@pytest.fixture
def records(site):
    return PrisonerFactory.create_batch(3, publicity=Publicity.BASIC)


def test_two_uncached_pages_of_one_generation_compute_the_counters_once(
    client, records, computations
):
    client.get("/en/")  # the site root paths cache
    with CaptureQueriesContext(connection) as first:
        assert client.get("/en/prisoners/").status_code == 200
    assert computations == {"counters": 1, "options": 1}
    with CaptureQueriesContext(connection) as second:
        assert client.get("/en/prisoners/?page=1").status_code == 200
        assert client.get("/en/").status_code == 200

    assert computations == {"counters": 1, "options": 1}
    counting = [q["sql"] for q in second.captured_queries if "COUNT(" in q["sql"].upper()]
    # Not even the listing's result count: unfiltered, it is the counters' `public`.
    assert counting == []
    assert len(first) > len(second) / 2


def test_options_are_kept_per_language(client, records, computations):
    client.get("/en/prisoners/")
    client.get("/ru/prisoners/")
    client.get("/ru/prisoners/")
    assert computations["options"] == 2


def test_a_change_that_retires_pages_retires_the_counters(client, records):
    assert public_profiles(client) == "3"
    assert public_profiles(client) == "3"

    PrisonerFactory(publicity=Publicity.FULL)  # a saved record bumps the generation

    assert public_profiles(client) == "4"


def test_a_change_no_signal_announces_waits_for_the_next_generation(client, records):
    """A write that bypasses the signals (and so would leave cached pages stale too) is not
    seen until the generation changes: the memo is keyed by it, nothing else."""
    assert public_profiles(client) == "3"
    Prisoner.objects.filter(pk=records[0].pk).update(publicity=Publicity.NONE)
    assert public_profiles(client) == "3"
    records[1].save()
    assert public_profiles(client) == "2"


def test_with_the_cache_down_every_render_computes_correct_counters(
    client, records, computations, settings
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert public_profiles(client) == "3"
    Prisoner.objects.filter(pk=records[0].pk).update(publicity=Publicity.NONE)

    assert public_profiles(client) == "2"
    assert computations["counters"] == 2
    assert public_counters()["public"] == 2


def test_counters_are_computed_each_time_when_keeping_them_is_off(
    client, records, computations, settings
):
    settings.PUBLIC_COUNTERS_SECONDS = 0
    client.get("/en/")
    client.get("/en/")
    assert computations["counters"] == 2
