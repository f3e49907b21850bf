"""Benchmark: the Congress report (issues 7 and 17): its data part against hand-written SQL, and
its PDF (pages, seconds against its HTML, peak memory).

Rows follow issue 17's form (subject, anchor, ratio, target):

- data part, public variant: `report_build` against `bench/report_raw.py`, the same figures by
  hand-written SQL through the same cursor, timed alternately in one process (medians of
  BENCH_REPORT_RUNS, default 5); target ≤ 2×. The probe checks that both give the same headline
  figures. The internal variant is reported against the same anchor, for information.
- PDF of the public variant: pages (≤ 40), seconds (≤ 10 s; anchor its HTML), peak RSS of the
  process that builds the data and renders the PDF (≤ 300 MB; anchor the same process before the
  PDF), in a process of its own so that nothing else counts in its peak.

Data: by default a small seeded world on SQLite (`seed_demo` 1,000 prisoners, 500 godparents,
20,000 letters, 8,000 actions; about a minute in all), PostgreSQL with BENCH_DATABASE_URL (see
bench_seed.py). BENCH_FULL=1: the issue's scale (20,000 prisoners, 10,000 godparents, 500,000
letters, 200,000 actions), read from BENCH_FULL_DATABASE_URL when it is set (a database seeded
with `--anchor-date 2026-01-15`, not written to) instead of seeding one (minutes).
"""

import datetime
import json
import os
import statistics
import subprocess
import sys
import time

from bench.bench_seed import ANCHOR, ROOT, _database, _manage

SCALES = {
    "full": {"prisoners": 20000, "godparents": 10000, "letters": 500000, "actions": 200000},
    "small": {"prisoners": 1000, "godparents": 500, "letters": 20000, "actions": 8000},
}
DATA_TARGET, PAGES_TARGET, PDF_SECONDS_TARGET, RSS_TARGET_MB = 2.0, 40, 10.0, 300


def run() -> list[dict]:
    full = os.environ.get("BENCH_FULL", "") in {"1", "true", "yes"}
    scale = SCALES["full" if full else "small"]
    size = ", ".join(f"{value:,} {name}" for name, value in scale.items())
    existing = os.environ.get("BENCH_FULL_DATABASE_URL", "") if full else ""
    if existing:
        backend = "PostgreSQL" if existing.startswith("postgres") else "SQLite"
        return _rows(_probe(existing, "data"), _probe(existing, "pdf"), size, backend)
    seed = [arg for name, value in scale.items() for arg in (f"--{name}", str(value))]
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")
        _manage(url, "setup_site")
        _manage(url, "seed_demo", *seed, "--pages", "0", "--anchor-date", ANCHOR)
        if backend == "PostgreSQL":
            _analyze(url)
        return _rows(_probe(url, "data"), _probe(url, "pdf"), size, backend)


def _analyze(url: str) -> None:
    """Fresh bulk-loaded tables: production's autovacuum has analysed them."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def _row(name, value, unit, anchor, anchor_value, target, ok, note) -> dict:
    ratio = round(value / anchor_value, 2) if anchor_value else 0.0
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "anchor": anchor,
        "anchor_value": round(anchor_value, 3),
        "ratio": ratio,
        "target": target,
        "ok": ok,
        "note": note,
    }


def _rows(data: dict, pdf: dict, size: str, backend: str) -> list[dict]:
    raw = data["raw_ms"]
    same = "same headline figures" if data["same"] else f"FIGURES DIFFER: {data['differ']}"
    rows = [
        _row(
            f"report data, {variant} variant ({size})",
            data[variant]["median_ms"],
            "ms",
            "hand-written SQL, public figures (bench/report_raw.py)",
            raw,
            "≤ 2× anchor" if variant == "public" else "information",
            data[variant]["median_ms"] <= DATA_TARGET * raw if variant == "public" else True,
            f"{backend}; {data[variant]['queries']} queries; {same}; medians of "
            f"{data['runs']}, alternating",
        )
        for variant in ("public", "internal")
    ]
    rows += [
        _row(
            f"report PDF pages, public variant ({size})",
            pdf["pages"],
            "pages",
            "the target",
            PAGES_TARGET,
            f"≤ {PAGES_TARGET}",
            pdf["pages"] <= PAGES_TARGET,
            f"{backend}; the workbook holds {pdf['listed']:,} godparents and "
            f"{pdf['unmatched']:,} prisoners without one",
        ),
        _row(
            f"report PDF seconds, public variant ({size})",
            pdf["pdf_s"],
            "s",
            "its HTML",
            pdf["html_s"],
            f"≤ {PDF_SECONDS_TARGET:g} s",
            pdf["pdf_s"] <= PDF_SECONDS_TARGET,
            f"{backend}; median of {pdf['runs']}; XLSX {pdf['xlsx_s']:.2f} s, "
            f"CSV zip {pdf['csv_s']:.2f} s",
        ),
        _row(
            f"report PDF peak RSS, public variant ({size})",
            pdf["peak_mb"],
            "MB",
            "the same process before the PDF (data and HTML)",
            pdf["before_mb"],
            f"≤ {RSS_TARGET_MB} MB",
            pdf["peak_mb"] <= RSS_TARGET_MB,
            f"{backend}; ru_maxrss of a process of its own",
        ),
    ]
    return rows


def _probe(url: str, part: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "solidarity.settings.test"}
    env.pop("DEBUG", None)
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "bench.bench_report", "probe", part],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"report probe failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _period() -> tuple[datetime.date, datetime.date]:
    end = datetime.date.fromisoformat(ANCHOR)
    return end - datetime.timedelta(days=364), end


def _probe_data() -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.report_raw import builder_figures, raw_pass
    from solidarity.reports.builder import report_build

    start, end = _period()
    runs = int(os.environ.get("BENCH_REPORT_RUNS", "5"))

    def timed(function) -> float:
        started = time.perf_counter()
        function()
        return (time.perf_counter() - started) * 1000

    steps = {
        "raw": lambda: raw_pass(start, end),
        "public": lambda: report_build(start=start, end=end, variant="public"),
        "internal": lambda: report_build(start=start, end=end, variant="internal"),
    }
    for step in steps.values():  # warm-up: caches, plans
        step()
    timings: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):  # alternating, so that a busy moment falls on all of them
        for name, step in steps.items():
            timings[name].append(timed(step))
    measured: dict = {"runs": runs, "raw_ms": statistics.median(timings["raw"])}
    for variant in ("public", "internal"):
        with CaptureQueriesContext(connection) as queries:
            steps[variant]()
        measured[variant] = {
            "median_ms": statistics.median(timings[variant]),
            "queries": len(queries),
        }
    raw = raw_pass(start, end)
    built = builder_figures(report_build(start=start, end=end, variant="public"))
    differ = sorted(key for key in built if built[key] != _plain(raw[key]))
    measured |= {"same": not differ, "differ": differ}
    return measured


def _plain(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def _probe_pdf() -> dict:
    """The public report's files, as a worker makes them, in this process alone."""
    import io
    import resource

    from django.utils import timezone
    from pypdf import PdfReader

    from solidarity.reports import formats
    from solidarity.reports.builder import report_build
    from solidarity.reports.document import report_document

    def mb() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux

    start, end = _period()
    report = report_build(start=start, end=end, variant="public")
    sections = report_document(report)
    full = os.environ.get("BENCH_FULL", "") in {"1", "true", "yes"}
    runs = int(os.environ.get("BENCH_REPORT_PDF_RUNS", "3" if full else "1"))
    html_s, pdf_s, pdf = [], [], b""
    before = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        html = formats.report_html(report, sections, generated_at=timezone.now())
        html_s.append(time.perf_counter() - started)
        before = before or mb()
        started = time.perf_counter()
        pdf = formats.report_pdf(html)
        pdf_s.append(time.perf_counter() - started)
    peak = mb()
    started = time.perf_counter()
    formats.report_xlsx(sections)
    xlsx_s = time.perf_counter() - started
    started = time.perf_counter()
    formats.report_csv_zip(sections)
    csv_s = time.perf_counter() - started
    return {
        "runs": runs,
        "html_s": statistics.median(html_s),
        "pdf_s": statistics.median(pdf_s),
        "xlsx_s": xlsx_s,
        "csv_s": csv_s,
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "before_mb": before,
        "peak_mb": peak,
        "listed": len(report.sections.listed),
        "unmatched": report.sections.prisoners.unmatched_named_total,
    }


def _probe_main(part: str) -> None:
    import django

    django.setup()
    print(json.dumps(_probe_data() if part == "data" else _probe_pdf()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["probe"]:
        _probe_main(sys.argv[2])
    else:
        for row in run():
            print(
                f"{row['name']:<70} {row['value']:>9} {row['unit']:<5} anchor "
                f"{row['anchor_value']} ({row['anchor']}) ratio {row['ratio']} "
                f"target {row['target']} {'ok' if row['ok'] else 'MISSED'}  {row['note']}"
            )
