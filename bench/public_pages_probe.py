"""Run inside a seeded database by bench_public_pages.py: time public pages, print JSON.

"Uncached" here is a page-cache miss on a warm generation: the page cache is off
(PAGE_CACHE_SECONDS = 0), so every request renders its page, while the public counters and the
godparents index kept per generation (cms/counters.py) are computed by the warm-up request and
then read from the cache, as between two edits in production. Both cache aliases are in-process
memory here (Redis in production): the probe writes nothing to the database it measures, which
may be a shared benchmark database.
"""

import json
import os
import statistics
import time

import django

django.setup()

from django.test import Client, override_settings  # noqa: E402

from cms.models import GodparentIndexPage, PrisonerIndexPage  # noqa: E402
from solidarity.matching.directory import godparent_public_directory  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_PUBLIC_PAGES_REQUESTS", "15"))
MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {
    "default": {**MEMORY, "LOCATION": "probe-default"},
    "pages": {**MEMORY, "LOCATION": "probe-pages", "OPTIONS": {"MAX_ENTRIES": 5000}},
    "renditions": {**MEMORY, "LOCATION": "probe-renditions"},
}


def _get(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert "X-Cache" not in response, url
    return response


def _time(client: Client, url: str) -> dict:
    response = _get(client, url)  # warm-up: templates, URL caches, the counters' generation
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        _get(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    return {"median_ms": statistics.median(timings), "kb": len(response.content) / 1024}


def main() -> None:
    client = Client()
    with override_settings(CACHES=CACHES, PAGE_CACHE_SECONDS=0):
        listing = PrisonerIndexPage.objects.get(locale__language_code="en").url
        godparents = GodparentIndexPage.objects.get(locale__language_code="en").url
        groups = sorted(godparent_public_directory().groups, key=lambda g: -g.godparents)
        largest = f"{godparents}{groups[0].slug}/" if groups else godparents
        results = {
            "healthz": _time(client, "/healthz"),
            "listing": _time(client, listing),
            "home": _time(client, "/en/"),
            "godparents index": _time(client, godparents),
            "godparents largest country": _time(client, largest),
        }
        # The largest of every page of the directory in three languages: each group's first
        # page and the last page of the largest group.
        urls = [godparents, *(f"{godparents}{group.slug}/" for group in groups)]
        if groups:
            urls.append(f"{largest}?page=999")
        sizes = {}
        for code in ("en", "be", "ru"):
            for url in urls:
                localised = url.replace("/en/", f"/{code}/", 1)
                sizes[localised] = len(_get(client, localised).content) / 1024
    biggest = max(sizes, key=sizes.__getitem__)
    results["godparents largest page"] = {"kb": sizes[biggest], "url": biggest, "pages": len(sizes)}
    listed = groups[0].godparents if groups else 0
    results["largest country"] = {"url": largest, "godparents": listed}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
