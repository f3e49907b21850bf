"""Benchmark: a matching run over 3,000 godparents (capacity 1 to 3) and 5,000 prisoners.

Times reading the pool from the database and the exact assignment (scoring every pair, SciPy's
linear_sum_assignment), and reports peak memory. SQLite by default, PostgreSQL with
BENCH_DATABASE_URL (see bench_seed.py). Environment: BENCH_MATCHING_GODPARENTS (default 3000),
BENCH_MATCHING_PRISONERS (default 5000). Target (issue 5): under 10 s on PostgreSQL.
"""

import json
import os
import subprocess
import sys

from bench.bench_seed import ROOT, _database, _manage


def run() -> list[dict]:
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        row = _probe(url)
    note = (
        f"{backend}; {row['slots']} slots x {row['prisoners']} prisoners, "
        f"{row['proposals']} proposals, {row['queries']} queries"
    )
    return [
        {"name": "matching run: read the pool", "value": round(row["load_s"], 2), "unit": "s",
         "note": note},
        {"name": "matching run: score and assign", "value": round(row["assign_s"], 2),
         "unit": "s", "note": note},
        {"name": "matching run: total", "value": round(row["total_s"], 2), "unit": "s",
         "note": note},
        {"name": "matching run: peak memory (traced)", "value": round(row["peak_traced_mb"]),
         "unit": "MB", "note": f"{backend}; process max RSS {round(row['max_rss_mb'])} MB"},
    ]  # fmt: skip


def _probe(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "solidarity.settings.test"}
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench.matching_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"matching probe failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    for row in run():
        print(row)
