"""Benchmark: `make test` on SQLite with two workers, the figure a newcomer waits for.

The suite's own run is the subject; there is no anchor but the target (3 minutes on a 2-core
machine). It runs only with `make bench FULL=1` or BENCH_TESTS=1: a benchmark run should not
double as a test run by default. The test database template is built fresh (`TMPDIR` points at
an empty directory, where tests/testdb.py keeps it), so the figure includes migrating once.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

from bench.bench_seed import ROOT

TARGET_S = 180


def run() -> list[dict]:
    if not (os.environ.get("BENCH_FULL") or os.environ.get("BENCH_TESTS")):
        return []
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as cache:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "BENCH"))}
        env["TMPDIR"] = cache
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:randomly"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"
    passed = re.search(r"(\d+) passed", summary)
    return [
        {
            "name": "make test (SQLite, 2 workers)",
            "value": round(seconds, 1),
            "unit": "s",
            "anchor": "target",
            "anchor_value": TARGET_S,
            "ratio": seconds / TARGET_S,
            "target": "<= 1x (3 min)",
            "ok": result.returncode == 0 and seconds <= TARGET_S,
            "note": f"{passed.group(1) if passed else '?'} passed; {summary[-60:]}",
        }
    ]


if __name__ == "__main__":
    os.environ["BENCH_TESTS"] = "1"
    for row in run():
        print(row)
