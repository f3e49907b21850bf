"""Benchmark: the letter composer, the toolkit and a printed letter's PDF (issue 20).

Anchor: "My prisoners" of the same godparent (the demo godparent account, signed in through
Django's test client), measured in the same process. The composer reads every phrase (one query)
and the facility's letters over a year (one aggregate over its index); the toolkit reads the
record's charges; neither should cost much more than the dashboard, whatever the number of
letters. The PDF is timed on its own (WeasyPrint) with a target in seconds.

`make bench FULL=1` measures on the full-scale PostgreSQL database (500,000 letters); otherwise a
throwaway database with BENCH_WRITING_PRISONERS (default 2000) and BENCH_WRITING_LETTERS (default
50000). BENCH_WRITING_REQUESTS (default 15 per page).
"""

import json
import os
import statistics
import sys
import time

from bench.bench_seed import ANCHOR, _database, _manage, probe

GODPARENT_EMAIL = "godparent@solidarity.test"  # a demo account (solidarity/demo/accounts.py)
PAGE_TARGET = 1.5  # × "My prisoners"
PDF_TARGET_MS = 1500


def run() -> list[dict]:
    full = os.environ.get("BENCH_FULL_DATABASE_URL", "") if os.environ.get("BENCH_FULL") else ""
    if full:
        measured, backend, scale = _probe(full), "PostgreSQL", "500,000 letters"
    else:
        prisoners = os.environ.get("BENCH_WRITING_PRISONERS", "2000")
        letters = os.environ.get("BENCH_WRITING_LETTERS", "50000")
        with _database() as (url, backend):
            _manage(url, "migrate", "--no-input", "-v0")
            _manage(url, "createcachetable")
            _manage(url, "setup_site")
            _manage(
                url,
                "seed_demo",
                *("--prisoners", prisoners, "--letters", letters, "--pages", "0"),
                *("--anchor-date", ANCHOR),
            )
            measured = _probe(url)
        scale = f"{int(letters):,} letters"
    anchor = measured["dashboard"]
    rows = []
    for key, label in (("composer", "letter composer"), ("toolkit", "advocacy toolkit")):
        row = measured[key]
        ratio = row["median_ms"] / anchor["median_ms"]
        rows.append(
            {
                "name": f"{label} ({scale})",
                "value": round(row["median_ms"], 1),
                "unit": "ms",
                "anchor": "My prisoners",
                "anchor_value": round(anchor["median_ms"], 1),
                "ratio": round(ratio, 2),
                "target": f"<= {PAGE_TARGET}x",
                "ok": ratio <= PAGE_TARGET,
                "note": f"{backend}; {row['queries']} queries "
                f"(My prisoners {anchor['queries']}); {measured['facility_letters']:,} "
                "letters to the facility",
            }
        )
    pdf = measured["pdf"]
    rows.append(
        {
            "name": "printed letter PDF",
            "value": round(pdf["median_ms"], 1),
            "unit": "ms",
            "note": f"{backend}; target <= {PDF_TARGET_MS} ms: "
            + ("ok" if pdf["median_ms"] <= PDF_TARGET_MS else "MISSED"),
        }
    )
    return rows


def _probe(url: str) -> dict:
    return probe("bench.bench_writing", url, "probe")


# --- Inside the seeded database (`python -m bench.bench_writing probe`) ----------------------


def _measure(action, *, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm-up: templates, URL resolvers, the database's caches
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        action()
    return {"median_ms": statistics.median(timings), "queries": len(queries)}


def _probe_main() -> None:
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from solidarity.accounts.models import User
    from solidarity.activity.models import Letter
    from solidarity.writing.models import PreparedLetter

    user = User.objects.get(email=GODPARENT_EMAIL)
    prepared = (
        PreparedLetter.objects.select_related("prisoner").filter(godparent__user=user).first()
    )
    if prepared is None:
        raise RuntimeError("seed_demo gave the demo godparent no prisoner letters can reach")
    client = Client()
    client.force_login(user)
    with translation.override("en"):
        urls = {
            "dashboard": reverse("portal:dashboard"),
            "composer": reverse("portal:letter_compose", args=[prepared.match_id]),
            "toolkit": reverse("portal:toolkit", args=[prepared.match_id]),
            "pdf": reverse("portal:prepared_pdf", args=[prepared.pk]),
        }

    def get(url):
        def action():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return action

    requests = int(os.environ.get("BENCH_WRITING_REQUESTS", "15"))
    measured = {
        name: _measure(get(url), requests=requests if name != "pdf" else 5)
        for name, url in urls.items()
    }
    measured["facility_letters"] = Letter.objects.filter(
        facility_id=prepared.prisoner.facility_id
    ).count()
    print(json.dumps(measured))


if __name__ == "__main__":
    if sys.argv[1:] == ["probe"]:
        _probe_main()
    else:
        for row in run():
            print(f"{row['name']:<44} {row['value']:>8} {row['unit']}  {row}")
