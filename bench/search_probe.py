"""Run inside a seeded database by bench_search.py: time the listing with and without `?q=`.

Queries are built from the data (so they find people at any scale): a surname, a full name with a
typo, a name being typed, and Russian and Belarusian Cyrillic. Each round requests the plain
listing and every searched one in turn, so that a busy machine slows both alike; the selectors
alone (count and first page, as the paginator reads them) are timed the same way. Prints JSON.
"""

import json
import os
import statistics
import time

import django

django.setup()

from django.test import Client, override_settings  # noqa: E402

from cms.filters import prisoner_list_filtered  # noqa: E402
from cms.models import PRISONERS_PER_PAGE, PrisonerIndexPage  # noqa: E402
from solidarity.prisoners.selectors import prisoner_list_public  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_SEARCH_ROUNDS", "7"))


def _queries() -> dict[str, str]:
    public = list(prisoner_list_public().order_by("pk").select_related(None).prefetch_related(None))
    pick = [public[len(public) * i // 5] for i in range(5)]
    given, surname = pick[1].name_latin.split(" ", 1)
    typed_given, typed_surname = pick[2].name_latin.split(" ", 1)
    return {
        "surname": pick[0].name_latin.split(" ", 1)[1],
        "full name, one typo": f"{given} {surname[:3]}{surname[4:]}",  # a letter left out
        "name being typed": f"{typed_given} {typed_surname[:5]}",
        "Russian Cyrillic": pick[3].name_ru,
        "Belarusian surname": pick[4].name_be.split(" ", 1)[1],
    }


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _first_page(filters: dict) -> None:
    queryset = prisoner_list_filtered(filters=filters)
    queryset.count()
    list(queryset[:PRISONERS_PER_PAGE])


def main() -> None:
    listing = PrisonerIndexPage.objects.get(locale__language_code="en")
    queries = _queries()
    client = Client()
    pages: dict[str, list[float]] = {name: [] for name in ["plain", *queries]}
    selectors: dict[str, list[float]] = {name: [] for name in ["plain", *queries]}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for query in ["", *queries.values()]:  # warm-up
            assert client.get(listing.url, {"q": query} if query else {}).status_code == 200
        for _ in range(ROUNDS):
            for name, query in [("plain", ""), *queries.items()]:
                params = {"q": query} if query else {}
                pages[name].append(_timed(lambda p=params: client.get(listing.url, p)))
                filters = {"q": query} if query else {}
                selectors[name].append(_timed(lambda f=filters: _first_page(f)))
    found = {name: prisoner_list_filtered(filters={"q": q}).count() for name, q in queries.items()}
    print(
        json.dumps(
            {
                "queries": queries,
                "found": found,
                "pages_ms": {name: statistics.median(t) for name, t in pages.items()},
                "selectors_ms": {name: statistics.median(t) for name, t in selectors.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
