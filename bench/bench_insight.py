"""Benchmark: the letter insight's facility table over 500,000 letters (20,000 prisoners).

`seed_demo` builds the data (letters spread over the two years before the anchor date, every
outcome, incommunicado prisoners' letters returned or lost); migrations and seeding are not timed.
Then, in a process of its own, the selector alone and the whole admin page (through Django's test
client, signed in as the demo defender with a confirmed second factor) are timed over the year
before the anchor date, with their query counts. SQLite by default, PostgreSQL with
BENCH_DATABASE_URL (see bench_seed.py). Environment: BENCH_INSIGHT_PRISONERS (default 20000),
BENCH_INSIGHT_LETTERS (default 500000), BENCH_INSIGHT_REQUESTS (default 10 per measurement).
"""

import datetime
import json
import os
import statistics
import sys
import time

from bench.bench_seed import ANCHOR, _database, _manage, probe

DEFENDER_EMAIL = "defender@solidarity.test"  # a demo account (solidarity/demo/accounts.py)


def run() -> list[dict]:
    prisoners = os.environ.get("BENCH_INSIGHT_PRISONERS", "20000")
    letters = os.environ.get("BENCH_INSIGHT_LETTERS", "500000")
    seed = ["--prisoners", prisoners, "--letters", letters, "--actions", "0", "--pages", "0"]
    full = os.environ.get("BENCH_FULL_DATABASE_URL", "") if os.environ.get("BENCH_FULL") else ""
    if full:  # `make bench FULL=1`: the full scale is this benchmark's scale; read only
        prisoners, letters = "20000", "500000"
        measured, backend = _probe(full), "PostgreSQL"
    else:
        with _database() as (url, backend):
            _manage(url, "migrate", "--no-input", "-v0")
            _manage(url, "createcachetable")
            _manage(url, "setup_site")
            _manage(url, "seed_demo", *seed, "--anchor-date", ANCHOR)
            measured = _probe(url)
    scale = f"{int(letters):,} letters, {int(prisoners):,} prisoners"
    note = (
        f"{backend}; {measured['period_letters']:,} letters in the year, "
        f"{measured['facilities']} facilities"
    )
    return [
        {
            "name": f"{name} ({scale})",
            "value": round(row["median_ms"], 1),
            "unit": "ms",
            "note": f"{note}; {row['queries']} queries",
        }
        for name, row in measured["timings"].items()
    ]


def _probe(url: str) -> dict:
    return probe("bench.bench_insight", url, "probe")


# --- Inside the seeded database (`python -m bench.bench_insight probe`) ----------------------


def _measure(action) -> dict:
    """Median time of `action` after one warm-up call, and the queries of one more call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    action()  # warm-up: templates, URL resolvers, the database's caches
    timings = []
    for _ in range(int(os.environ.get("BENCH_INSIGHT_REQUESTS", "10"))):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        action()
    return {"median_ms": statistics.median(timings), "queries": len(queries)}


def _defender_client():
    """The demo defender, signed in as if they had also entered their authenticator code."""
    from allauth.account.internal.flows import login as login_flow
    from allauth.account.internal.userkit import user_id_to_str
    from django.test import Client

    from solidarity.accounts.models import User

    user = User.objects.get(email=DEFENDER_EMAIL)
    client = Client()
    client.force_login(user)
    session, now = client.session, time.time()
    session[login_flow._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session[login_flow.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session.save()
    return client


def _probe_main() -> None:
    import django

    django.setup()
    from django.urls import reverse

    from solidarity.activity.insight import default_since, facility_letter_insight
    from solidarity.activity.models import Letter

    anchor = datetime.date.fromisoformat(ANCHOR)
    since = default_since(today=anchor)
    client = _defender_client()
    url = f"{reverse('letter_insight:index')}?since={since.isoformat()}"

    def page():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    rows = facility_letter_insight(since=since, today=anchor)
    timings = {
        "letter insight selector": _measure(
            lambda: facility_letter_insight(since=since, today=anchor)
        ),
        "letter insight admin page": _measure(page),
    }
    counts = {
        "facilities": len(rows),
        "period_letters": Letter.objects.filter(sent_on__gte=since).count(),
    }
    print(json.dumps({"timings": timings, **counts}))


if __name__ == "__main__":
    if sys.argv[1:] == ["probe"]:
        _probe_main()
    else:
        for row in run():
            print(f"{row['name']:<60} {row['value']:>8} {row['unit']}  {row['note']}")
