"""`make bench`: run every bench/bench_*.py module's `run()` and print one table.

Each module's `run()` returns rows. A row that measures against an anchor (issue 17's shape: a
figure only means something next to what the same machine does in the same run) carries
`anchor`, `anchor_value`, `ratio`, `target` and `ok`; other rows carry `name`, `value`, `unit` and
an optional `note`. The table prints both; the command fails when a benchmark breaks or a
figure misses its target.

`make bench FULL=1` measures at the full benchmark scale on PostgreSQL (20,000 prisoners, 10,000
godparents, 500,000 letters, 200,000 actions): the database is seeded once here and handed to
every module as BENCH_FULL_DATABASE_URL (set it yourself to reuse a seeded database; it is then
left in place). Benchmarks otherwise set up their own throwaway databases, so they never touch
development data. Results are also written to bench/results/latest.json.
"""

import contextlib
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _modules(selected: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    return [n for n in names if not selected or any(s in n for s in selected)]


def _run(name: str) -> list[dict]:
    started = time.perf_counter()
    try:
        rows = importlib.import_module(f"bench.{name}").run()
    except Exception as exc:  # a broken benchmark must not hide the others
        traceback.print_exc()
        rows = [{"name": name, "value": "error", "unit": "", "note": repr(exc)[:80]}]
    for row in rows:
        row.setdefault("module", name)
    print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def _cells(row: dict) -> list[str]:
    value = f"{_fmt(row['value'])} {row.get('unit', '')}".strip()
    if "ratio" not in row:
        return [row["name"], value, "", "", "", "", row.get("note", "")]
    anchor = f"{row['anchor']}: {_fmt(row.get('anchor_value', ''))}"
    # A ratio without a target (ok None) is a reading that explains another row.
    verdict = "" if row.get("ok") is None else "ok" if row["ok"] else "MISSED"
    return [
        row["name"],
        value,
        anchor,
        f"{row['ratio']:.2f}x" if isinstance(row["ratio"], float | int) else str(row["ratio"]),
        row.get("target", ""),
        verdict,
        row.get("note", ""),
    ]


def _table(rows: list[dict]) -> str:
    headers = ["benchmark", "value", "anchor", "ratio", "target", "", "note"]
    cells = [_cells(r) for r in rows]
    widths = [max(len(str(c[i])) for c in [headers, *cells]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*headers), line.format(*("-" * w for w in widths))]
    out += [line.format(*c).rstrip() for c in cells]
    return "\n".join(out)


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.3g}"
    return f"{value:,}" if isinstance(value, int) else str(value)


@contextlib.contextmanager
def _full_scale() -> Iterator[None]:
    """BENCH_FULL=1 and a seeded full-scale PostgreSQL database for every module."""
    os.environ["BENCH_FULL"] = "1"
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_SERVER)
    if os.environ.get("BENCH_FULL_DATABASE_URL"):
        yield
        return
    from bench.bench_seed import full_scale_database

    started = time.perf_counter()
    with full_scale_database() as url:
        os.environ["BENCH_FULL_DATABASE_URL"] = url
        os.environ["BENCH_FULL_SEED_SECONDS"] = str(time.perf_counter() - started)
        try:
            yield
        finally:
            del os.environ["BENCH_FULL_DATABASE_URL"], os.environ["BENCH_FULL_SEED_SECONDS"]


def main(argv: list[str]) -> int:
    full = os.environ.get("FULL", os.environ.get("BENCH_FULL", "")) in {"1", "true", "yes"}
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with _full_scale() if full else contextlib.nullcontext():
        rows = [row for name in _modules(argv) for row in _run(name)]
    print(f"Solidarity benchmarks, {started}, {platform.node()}, {os.cpu_count()} CPUs", end="")
    print(", full scale on PostgreSQL" if full else "")
    print(_table(rows))
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(rows, indent=2, default=str))
    broken = [row["name"] for row in rows if row["value"] == "error"]
    missed = [row["name"] for row in rows if "ratio" in row and row.get("ok") is False]
    if missed:
        print(f"\n{len(missed)} figure(s) missed their target: {'; '.join(missed)}")
    return 1 if broken or missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
