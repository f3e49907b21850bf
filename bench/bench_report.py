"""Benchmark: the Congress report's data part at the issue's scale (issue 7).

`seed_demo` builds 20,000 prisoners, 10,000 godparents, 500,000 letters and 200,000 actions (not
timed); then, in a process of its own, `report_build` (both variants, all figures, a year before
the anchor date) is timed with its query count. SQLite by default, PostgreSQL with
BENCH_DATABASE_URL (see bench_seed.py). Environment: BENCH_REPORT_SCALE="small" for a quick run
(2,000 prisoners, 1,000 godparents, 50,000 letters, 20,000 actions), BENCH_REPORT_RUNS (default 5).
"""

import datetime
import io
import json
import os
import statistics
import subprocess
import sys
import time

from bench.bench_seed import ANCHOR, ROOT, _database, _manage

SCALES = {
    "full": {"prisoners": 20000, "godparents": 10000, "letters": 500000, "actions": 200000},
    "small": {"prisoners": 2000, "godparents": 1000, "letters": 50000, "actions": 20000},
}


def run() -> list[dict]:
    scale = SCALES[os.environ.get("BENCH_REPORT_SCALE", "full")]
    seed = [arg for name, value in scale.items() for arg in (f"--{name}", str(value))]
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        _manage(url, "setup_site")
        _manage(url, "seed_demo", *seed, "--pages", "0", "--anchor-date", ANCHOR)
        measured = _probe(url)
    size = ", ".join(f"{value:,} {name}" for name, value in scale.items())
    files = measured.pop("files")
    return [
        *(
            {
                "name": f"report data, {variant} variant ({size})",
                "value": round(row["median_ms"], 1),
                "unit": "ms",
                "note": f"{backend}; {row['queries']} queries",
            }
            for variant, row in measured.items()
        ),
        *(
            {
                "name": f"report files, public variant: {name} ({size})",
                "value": round(ms, 1),
                "unit": "ms",
                "note": f"{backend}; {files['pages']} PDF pages",
            }
            for name, ms in files["ms"].items()
        ),
    ]


def _probe(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "solidarity.settings.test"}
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_report", "probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"report probe failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _probe_main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.reports.builder import report_build

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh bulk-loaded tables: production's autovacuum has run
    end = datetime.date.fromisoformat(ANCHOR)
    start = end - datetime.timedelta(days=364)
    measured = {}
    for variant in ("public", "internal"):
        report_build(start=start, end=end, variant=variant)  # warm-up
        timings = []
        for _ in range(int(os.environ.get("BENCH_REPORT_RUNS", "5"))):
            started = time.perf_counter()
            report_build(start=start, end=end, variant=variant)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            report_build(start=start, end=end, variant=variant)
        measured[variant] = {"median_ms": statistics.median(timings), "queries": len(queries)}
    measured["files"] = _files(start, end)
    print(json.dumps(measured))


def _files(start: datetime.date, end: datetime.date) -> dict:
    """Each file of the public report, once: what a worker spends after the data part."""
    from django.utils import timezone
    from pypdf import PdfReader

    from solidarity.reports import formats
    from solidarity.reports.builder import report_build
    from solidarity.reports.document import report_document

    report = report_build(start=start, end=end, variant="public")
    timings, started = {}, time.perf_counter()
    sections = report_document(report)
    html = formats.report_html(report, sections, generated_at=timezone.now())
    timings["HTML"], started = (time.perf_counter() - started) * 1000, time.perf_counter()
    pdf = formats.report_pdf(html)
    timings["PDF"], started = (time.perf_counter() - started) * 1000, time.perf_counter()
    formats.report_xlsx(sections)
    timings["XLSX"], started = (time.perf_counter() - started) * 1000, time.perf_counter()
    formats.report_csv_zip(sections)
    timings["CSV zip"] = (time.perf_counter() - started) * 1000
    return {"ms": timings, "pages": len(PdfReader(io.BytesIO(pdf)).pages)}


if __name__ == "__main__":
    if sys.argv[1:] == ["probe"]:
        _probe_main()
    else:
        for row in run():
            print(f"{row['name']:<60} {row['value']:>8} {row['unit']}  {row['note']}")
