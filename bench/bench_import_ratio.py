"""Benchmark: the import against its anchor, and manage.py's start-up CPU (issue 14, "Speed").

- A 5,000-row first import (dry run and apply, in one process, after start-up) against a
  `bulk_create` of the same rows (the fewest statements that can store them), each on a fresh
  database: the ratio is what the import's parsing, merging rules and checks cost.
- The same file again (nothing to write) against the same anchor.
- `manage.py check`: CPU seconds (user + system) of the whole process, the best of three; the
  target is under 2 s, so that a scheduled import or a worker starts quickly.
"""

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_import import _export
from bench.bench_seed import ROOT, _database, _manage

IMPORT = """
import time
from solidarity.prisoners.importing import import_apply, import_plan
content = open({path!r}, "rb").read()
for _ in range({times}):
    started = time.perf_counter()
    import_apply(plan=import_plan(content=content, filename="list.csv"))
    print("SECONDS", time.perf_counter() - started)
"""
BULK = """
import csv, datetime, time
from solidarity.prisoners.models import Prisoner
def day(text):
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None
started = time.perf_counter()
rows = list(csv.reader(open({path!r}, encoding="utf-8")))[1:]
Prisoner.objects.bulk_create(
    [
        Prisoner(external_id=r[0], source_url_ru=r[1], name_ru=r[2], status="convicted",
                 detained_on=day(r[6]), verdict_date=day(r[8]), sentence_text_ru=r[9],
                 publicity="basic")
        for r in rows
    ],
    batch_size=500,
)
print("SECONDS", time.perf_counter() - started)
"""


def run() -> list[dict]:
    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "5000"))
    with tempfile.TemporaryDirectory(prefix="importratio-") as directory:
        path = Path(directory) / "list.csv"
        path.write_bytes(_export(rows, released_every=0))
        with _database() as (url, backend):
            _manage(url, "migrate", "--no-input", "-v0")
            _manage(url, "createcachetable")  # the page cache an import tells, as in production
            first, again = _seconds(url, IMPORT.format(path=str(path), times=2))
        with _database() as (url, _backend):
            _manage(url, "migrate", "--no-input", "-v0")
            (bulk,) = _seconds(url, BULK.format(path=str(path)))
    cpu = min(_startup_cpu() for _ in range(3))
    note = f"{backend}; in one process, after start-up; anchor bulk_create {bulk:.2f} s"
    return [
        {"name": f"import {rows} rows, first: x bulk_create", "value": round(first / bulk, 1),
         "unit": "x", "note": f"{note}; import {first:.1f} s; target <= 3x"},
        {"name": f"import {rows} rows, unchanged: x bulk_create", "value": round(again / bulk, 1),
         "unit": "x", "note": f"{note}; import {again:.1f} s"},
        {"name": "manage.py check, CPU", "value": round(cpu, 2), "unit": "s",
         "note": "user + system, best of 3; target < 2 s"},
    ]  # fmt: skip


def _seconds(url: str, code: str) -> list[float]:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        float(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("SECONDS")
    ]


def _startup_cpu() -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<48} {row['value']:>8} {row['unit']}  {row['note']}")
