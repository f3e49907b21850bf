"""Benchmark: the public listing searched by name (`?q=`) next to the same listing without `q`.

Both are rendered with the page cache off through Django's test client; the value is the median
over several realistic queries (search_probe.py) of each query's median time, the anchor the plain
listing's median. A second row compares the selectors alone (count and first page, what the
paginator reads), so that the ratio can be read apart from the page's other costs: a reading
without a target of its own. SQLite with
BENCH_SEARCH_PRISONERS (default 3000) by default, PostgreSQL with BENCH_DATABASE_URL (see
bench_seed.py). BENCH_FULL=1: 20,000 prisoners at full scale, or the database named by
BENCH_FULL_DATABASE_URL as it is (migrations are applied to it). BENCH_SEARCH_ROUNDS (default 7).
"""

import contextlib
import os
import statistics
from collections.abc import Iterator

from bench.bench_seed import ANCHOR, FULL_SCALE, _database, _manage, probe

TARGET = 1.5  # issue 17: a searched listing at most 1.5 times the plain one


def run() -> list[dict]:
    full = os.environ.get("BENCH_FULL", "") in {"1", "true", "yes"}
    prisoners = "20000" if full else os.environ.get("BENCH_SEARCH_PRISONERS", "3000")
    with _seeded(full=full, prisoners=prisoners) as (url, backend):
        measured = _probe(url)
    scale = f"{backend}, {'full scale' if full else prisoners + ' prisoners'}"
    queries = "; ".join(f"{name}: {q!r}" for name, q in measured["queries"].items())
    rows = []
    for label, key in [("listing page", "pages_ms"), ("listing selector", "selectors_ms")]:
        times = measured[key]
        plain = times.pop("plain")
        searched = statistics.median(times.values())
        ratio = searched / plain
        # The issue's target is the page's; the selectors' ratio says where the time goes.
        target = TARGET if key == "pages_ms" else None
        rows.append(
            {
                "name": f"search: {label} with ?q= (median of {len(times)} names)",
                "value": round(searched, 1),
                "unit": "ms",
                "anchor": f"{label} without q",
                "anchor_value": round(plain, 1),
                "ratio": round(ratio, 2),
                "target": f"<= {target}x" if target else "(a reading)",
                "ok": ratio <= target if target else None,
                "note": f"{scale}; each: "
                + ", ".join(f"{name} {ms:.0f}" for name, ms in times.items())
                + f" ms; found {measured['found']}; {queries}",
            }
        )
    return rows


@contextlib.contextmanager
def _seeded(*, full: bool, prisoners: str) -> Iterator[tuple[str, str]]:
    existing = os.environ.get("BENCH_FULL_DATABASE_URL", "") if full else ""
    if existing:
        _manage(existing, "migrate", "--no-input", "-v0")
        yield existing, "PostgreSQL" if existing.startswith("postgres") else "SQLite"
        return
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        _manage(url, "setup_site")
        scale = FULL_SCALE if full else []
        _manage(url, "seed_demo", "--prisoners", prisoners, "--anchor-date", ANCHOR, *scale)
        yield url, backend


def _probe(url: str) -> dict:
    return probe("bench.search_probe", url)


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['name']:<56} {row['value']:>8} {row['unit']}  anchor {row['anchor_value']} "
            f"ratio {row['ratio']} ({row['target']}, ok={row['ok']})  {row['note']}"
        )
