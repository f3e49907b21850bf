"""Benchmark (issue 17): a matching run over 3,000 godparents (capacity 1 to 3) and 5,000 prisoners.

Rows are `subject, anchor, ratio, target`; the anchor is the former dense formulation (a matrix
of every slot and prisoner, SciPy's `linear_sum_assignment`: `assign_dense`), measured in the same
process on the same pool (see matching_probe.py):

- a whole run (`matching_run_execute`: read the pool, score and assign, write the proposals),
  target at most 3 s;
- the solver alone (`assign` against `assign_dense`), target at most 0.4 of the anchor;
- the run's peak memory, traced (tracemalloc, a separate run of each), target at most 250 MB.

SQLite by default, PostgreSQL with BENCH_DATABASE_URL (see bench_seed.py). Environment:
BENCH_MATCHING_GODPARENTS (default 3000), BENCH_MATCHING_PRISONERS (default 5000),
BENCH_MATCHING_REPEAT (the sparse solver's repetitions, default 3). `make bench FULL=1` runs the
same pool on PostgreSQL: the issue's figure is this pool, and the dense anchor at the full scale
(20,000 prisoners against every free slot of 10,000 godparents) would need a matrix of gigabytes.
"""

from bench.bench_seed import _database, _manage, probe

RUN_TARGET_S = 3.0
SOLVER_TARGET_RATIO = 0.4
MEMORY_TARGET_MB = 250


def run() -> list[dict]:
    with _database() as (url, backend):
        _manage(url, "migrate", "--no-input", "-v0")
        _manage(url, "createcachetable")  # writing proposals clears cached pages
        row = _probe(url, seeded=False)
    return _rows(row, backend)


def _rows(row: dict, backend: str) -> list[dict]:
    scale = (
        f"{backend}; {row['godparents']} godparents ({row['slots']} slots) x {row['prisoners']} "
        f"prisoners, {row['run_proposals']} proposals"
    )
    run_ratio = row["run_s"] / row["dense_run_s"]
    solve_ratio = row["solve_s"] / row["dense_solve_s"]
    memory_ratio = row["run_peak_mb"] / row["dense_run_peak_mb"]
    return [
        {"name": "matching run, end to end", "value": round(row["run_s"], 2), "unit": "s",
         "anchor": "the same run, dense solver", "anchor_value": round(row["dense_run_s"], 2),
         "ratio": round(run_ratio, 2), "target": f"<= {RUN_TARGET_S:g} s",
         "ok": row["run_s"] <= RUN_TARGET_S,
         "note": f"{scale}; pool read in {row['queries']} queries"},
        {"name": "matching solver alone (assign)", "value": round(row["solve_s"], 2), "unit": "s",
         "anchor": "dense linear_sum_assignment, same pool",
         "anchor_value": round(row["dense_solve_s"], 2), "ratio": round(solve_ratio, 2),
         "target": f"<= {SOLVER_TARGET_RATIO:g}x anchor", "ok": solve_ratio <= SOLVER_TARGET_RATIO,
         "note": f"{scale}; {row['rounds']} round(s); same optimum {row['total_score']:.2f}"},
        {"name": "matching run, peak memory (tracemalloc)", "value": round(row["run_peak_mb"]),
         "unit": "MB", "anchor": "the same run, dense solver",
         "anchor_value": round(row["dense_run_peak_mb"]), "ratio": round(memory_ratio, 2),
         "target": f"<= {MEMORY_TARGET_MB} MB", "ok": row["run_peak_mb"] <= MEMORY_TARGET_MB,
         "note": f"{backend}; process max RSS {round(row['max_rss_mb'])} MB (seeding included)"},
    ]  # fmt: skip


def _probe(url: str, *, seeded: bool) -> dict:
    return probe(
        "bench.matching_probe", url, extra_env={"BENCH_MATCHING_SEEDED": "1"} if seeded else {}
    )


if __name__ == "__main__":
    for row in run():
        print(row)
