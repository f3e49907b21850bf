"""Run inside a seeded database by bench_pages.py: time pages with the test client, print JSON.

Pages are timed with the page cache off (what a miss costs), then the listing and a profile as an
anonymous visitor's cache hit (what a spike of visitors costs).
"""

import json
import os
import statistics
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms.models import PrisonerIndexPage  # noqa: E402
from solidarity.prisoners.selectors import prisoner_list_public  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_PAGES_REQUESTS", "30"))


def _time(client: Client, url: str, *, cached: bool = False) -> tuple[float, int]:
    response = client.get(url)  # warm-up: template and URL caches (and the page cache)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.get("X-Cache") == ("hit" if cached else None), (url, response.get("X-Cache"))
    return statistics.median(timings), len(queries)


def main() -> None:
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")
    prisoner = prisoner_list_public().filter(pages__isnull=True).first()
    urls = {
        "trivial view /healthz": "/healthz",
        "listing page 1": listing.url,
        "listing, filtered and searched": f"{listing.url}?q=Kalesnikava&sort=sentence&status=held",
        "listing page 50": f"{listing.url}?page=50",
        "record profile": f"{listing.url}{prisoner.profile_slug}/",
    }
    client = Client()
    with override_settings(PAGE_CACHE_SECONDS=0):
        results = {name: _time(client, url) for name, url in urls.items()}
    with override_settings(PAGE_CACHE_SECONDS=300):
        results["listing page 1, cached"] = _time(client, listing.url, cached=True)
        results["record profile, cached"] = _time(client, urls["record profile"], cached=True)
    trivial = results["trivial view /healthz"][0]
    print(
        json.dumps(
            {
                name: {"median_ms": ms, "queries": queries, "ratio": ms / trivial}
                for name, (ms, queries) in results.items()
            }
        )
    )


if __name__ == "__main__":
    main()
