"""Benchmark: `manage.py seed_demo` at benchmark scale, on a throwaway database.

SQLite in a temporary directory by default; PostgreSQL when BENCH_DATABASE_URL is set (a server URL;
a database named seedbench_<pid> is created there and dropped afterwards). Environment:
BENCH_SEED_PRISONERS (default 20000); BENCH_SEED_FULL=1 adds the scale later benchmarks need
(10000 godparents, 500000 letters, 200000 actions). Migrations are not timed.
"""

import contextlib
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = "2026-01-15"  # fixed, so that every run builds the same rows
FULL_SCALE = ["--godparents", "10000", "--letters", "500000", "--actions", "200000"]


def run() -> list[dict]:
    if os.environ.get("BENCH_FULL_SEED_SECONDS"):  # `make bench FULL=1` seeded once already
        return [
            {
                "name": "seed_demo at full scale",
                "value": round(float(os.environ["BENCH_FULL_SEED_SECONDS"]), 1),
                "unit": "s",
                "note": "PostgreSQL, 20,000 prisoners, 10,000 godparents, 500,000 letters, "
                "200,000 actions; migrate and ANALYZE included",
            }
        ]
    prisoners = int(os.environ.get("BENCH_SEED_PRISONERS", "20000"))
    full = os.environ.get("BENCH_SEED_FULL", "") in {"1", "true", "yes"}
    args = ["--prisoners", str(prisoners), "--anchor-date", ANCHOR, *(FULL_SCALE if full else [])]
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        build = _timed(url, "seed_demo", *args)
        again = _timed(url, "seed_demo", *args)
    scale = "full scale" if full else "default sizes"
    return [
        {
            "name": f"seed_demo {prisoners} prisoners",
            "value": round(build, 1),
            "unit": "s",
            "note": f"{backend}, {scale}, 24 prisoner pages x 3 locales; migrate not timed",
        },
        {
            "name": "seed_demo second run (no-op)",
            "value": round(again, 1),
            "unit": "s",
            "note": f"{backend}: skips existing data, checks pages and demo accounts",
        },
    ]


@contextlib.contextmanager
def full_scale_database() -> Iterator[str]:
    """A PostgreSQL database at the full benchmark scale, seeded once and dropped afterwards.

    `make bench FULL=1` hands it to every module (BENCH_FULL_DATABASE_URL), so that the 20,000
    prisoners are seeded once per run, not once per benchmark. VACUUM ANALYZE: production's
    autovacuum has run on tables of this size; a freshly bulk-loaded one has no statistics and no
    visibility map yet (no index-only scans: the plain listing's selector took 15.6 ms instead of
    6.1 ms, and the search ratio read 1.74x instead of 1.32x).
    """
    with _database() as (url, backend):
        if backend != "PostgreSQL":
            raise RuntimeError("the full scale runs on PostgreSQL: set BENCH_DATABASE_URL")
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        _manage(url, "setup_site")
        _manage(url, "seed_demo", "--prisoners", "20000", "--anchor-date", ANCHOR, *FULL_SCALE)
        _postgres(url, "VACUUM ANALYZE")
        yield url


def _timed(url: str, *args: str) -> float:
    started = time.perf_counter()
    _manage(url, *args)
    return time.perf_counter() - started


def probe(module: str, url: str, *args: str, extra_env: dict[str, str] | None = None) -> dict:
    """Run `python -m <module> [args]` inside the seeded database; the JSON of its last line.

    The test settings layer: DEBUG off as in production, plain static files (no collectstatic),
    and the test client's host allowed.
    """
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "solidarity.settings.test"}
    env.pop("DEBUG", None)
    env["ALLOWED_HOSTS"] = "testserver"
    env.update(extra_env or {})
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{result.stderr[-3000:]}")
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")


_DATABASES = itertools.count(1)


@contextlib.contextmanager
def _database() -> Iterator[tuple[str, str]]:
    server = os.environ.get("BENCH_DATABASE_URL", "")
    if not server:
        with tempfile.TemporaryDirectory(prefix="seedbench-") as directory:
            yield f"sqlite:///{directory}/bench.sqlite3", "SQLite"
        return
    # Unique in this process too: `make bench FULL=1` keeps the full-scale database open while
    # other benchmarks make theirs.
    name = f"seedbench_{os.getpid()}_{next(_DATABASES)}"
    _postgres(server, f'CREATE DATABASE "{name}"')
    try:
        parts = urlsplit(server)
        yield urlunsplit(parts._replace(path=f"/{name}")), "PostgreSQL"
    finally:
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(statement)


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<36} {row['value']:>8} {row['unit']}  {row['note']}")
