"""Benchmark: public listing and profile latency next to a trivial view, 5,000 prisoners seeded.

The pages are requested in one process through Django's test client (no network), so the ratio
to the trivial view (`/healthz`, one `SELECT 1`) measures what the pages themselves cost. Pages
are rendered with the page cache off, then the listing and a profile are timed again as anonymous
cache hits (the "cached" rows: the database cache's one SELECT on SQLite and PostgreSQL).
SQLite by default, PostgreSQL with BENCH_DATABASE_URL (see bench_seed.py). Environment:
BENCH_PAGES_PRISONERS (default 5000), BENCH_PAGES_REQUESTS (default 30 per URL).
"""

import os

from bench.bench_seed import ANCHOR, _database, _manage, probe


def run() -> list[dict]:
    prisoners = os.environ.get("BENCH_PAGES_PRISONERS", "5000")
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        _manage(url, "setup_site")
        _manage(url, "seed_demo", "--prisoners", prisoners, "--anchor-date", ANCHOR)
        measured = _probe(url)
    return [
        {
            "name": f"{name} ({prisoners} prisoners)",
            "value": round(row["median_ms"], 1),
            "unit": "ms",
            "note": f"{backend}; {row['ratio']:.1f}x the trivial view; {row['queries']} queries",
        }
        for name, row in measured.items()
    ]


def _probe(url: str) -> dict:
    return probe("bench.pages_probe", url)


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<40} {row['value']:>8} {row['unit']}  {row['note']}")
