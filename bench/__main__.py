"""`make bench`: run every bench/bench_*.py module's `run()` and print one table.

Each module's `run()` returns rows: {"name", "value", "unit", "note"?}. Benchmarks set up their own
throwaway databases, so they never touch development data. Results are also written to
bench/results/latest.json for comparison between runs.
"""

import importlib
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


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


def _table(rows: list[dict]) -> str:
    headers = ["benchmark", "value", "unit", "note"]
    cells = [[r["name"], _fmt(r["value"]), r.get("unit", ""), r.get("note", "")] for r in rows]
    widths = [max(len(str(c[i])) for c in [headers, *cells]) for i in range(4)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format(*headers), line.format(*("-" * w for w in widths))]
    out += [line.format(*c) for c in cells]
    return "\n".join(out)


def _fmt(value) -> str:
    return f"{value:,.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str]) -> int:
    rows = [row for name in _modules(argv) for row in _run(name)]
    print(_table(rows))
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(rows, indent=2, default=str))
    return 1 if any(row["value"] == "error" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
