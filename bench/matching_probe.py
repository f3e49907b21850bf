"""Run by bench_matching.py inside a migrated throwaway database: seed, time runs, print JSON.

Seeds BENCH_MATCHING_PRISONERS detained prisoners (default 5000: a tenth with publicity None, some
with health at risk, a tenth already with a godparent) and BENCH_MATCHING_GODPARENTS verified
godparents (default 3000, capacity 1 to 3, a tenth discreet), unless BENCH_MATCHING_SEEDED=1 (a
database that already holds its pool, e.g. the full-scale seed). Then, in this one process:

- a whole matching run (`matching_run_execute`: read the pool, score and assign, write the
  proposals and the results), its time and its tracemalloc peak; then the same run with the former
  dense solver (`assign_dense`), its proposals deleted first so that both see the same pool;
- the solvers alone on the same pool: `assign` (median of BENCH_MATCHING_REPEAT, default 3) and
  `assign_dense` (median of BENCH_MATCHING_DENSE_REPEAT, default 1: it takes seconds).

BENCH_MATCHING_PROFILE=1 prints the run's cProfile (cumulative) to stderr.
"""

import cProfile
import datetime
import json
import os
import pstats
import random
import resource
import statistics
import sys
import time
import tracemalloc
from unittest import mock

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from solidarity.accounts.models import User  # noqa: E402
from solidarity.godparents.models import GodparentProfile, Parliament  # noqa: E402
from solidarity.matching import runs  # noqa: E402
from solidarity.matching.assignment import assign, assign_dense  # noqa: E402
from solidarity.matching.models import Match, MatchingRun, MatchStatus  # noqa: E402
from solidarity.matching.pool import pool_load  # noqa: E402
from solidarity.matching.scoring import Weights  # noqa: E402
from solidarity.prisoners.choices import Gender, Publicity, Region, Status  # noqa: E402
from solidarity.prisoners.models import Background, Prisoner, PrisonerConfidential  # noqa: E402

PRISONERS = int(os.environ.get("BENCH_MATCHING_PRISONERS", "5000"))
GODPARENTS = int(os.environ.get("BENCH_MATCHING_GODPARENTS", "3000"))
LANGUAGES = ["de", "en", "fr", "lt", "pl", "ru", "be", "sv", "cs"]


def seed(rng: random.Random) -> None:
    backgrounds = [
        Background.objects.get_or_create(slug=f"bg-{n}", defaults={"name_en": f"Background {n}"})[0]
        for n in range(10)
    ]
    today = timezone.localdate()
    prisoners = Prisoner.objects.bulk_create(
        Prisoner(
            external_id=f"bench-{n}",
            name_latin=f"Bench Prisoner {n}",
            status=rng.choice([Status.CONVICTED] * 8 + [Status.PRE_TRIAL, Status.INCOMMUNICADO]),
            publicity=Publicity.NONE if n % 10 == 0 else Publicity.BASIC,
            gender=rng.choice([Gender.FEMALE, Gender.MALE]),
            region=rng.choice(Region.values),
            languages=rng.sample(["be", "ru"], rng.randint(1, 2)),
            expected_release_on=today + datetime.timedelta(days=rng.randint(30, 4000)),
        )
        for n in range(PRISONERS)
    )
    PrisonerConfidential.objects.bulk_create(
        PrisonerConfidential(prisoner=p, health_at_risk=True) for p in prisoners[::20]
    )
    Prisoner.backgrounds.through.objects.bulk_create(
        Prisoner.backgrounds.through(prisoner_id=p.pk, background_id=rng.choice(backgrounds).pk)
        for p in prisoners
    )
    parliaments = list(Parliament.objects.all())
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@example.org") for n in range(GODPARENTS)
    )
    profiles = GodparentProfile.objects.bulk_create(
        GodparentProfile(
            user=user,
            full_name=f"Bench Godparent {n}",
            parliament=rng.choice(parliaments),
            capacity=rng.randint(1, 3),
            is_discreet=n % 10 == 0,
            verification_state="verified",
            verified_at=timezone.now(),
            languages=rng.sample(LANGUAGES, 2),
            preferred_regions=rng.sample(Region.values, rng.randint(0, 2)),
        )
        for n, user in enumerate(users)
    )
    GodparentProfile.preferred_backgrounds.through.objects.bulk_create(
        GodparentProfile.preferred_backgrounds.through(
            godparentprofile_id=g.pk, background_id=rng.choice(backgrounds).pk
        )
        for g in profiles[::2]
    )
    # The first 500 godparents already support one prisoner each (a tenth of the prisoners).
    now = timezone.now()
    Match.objects.bulk_create(
        Match(
            godparent=godparent,
            prisoner=prisoner,
            status=MatchStatus.ACTIVE,
            offered_at=now,
            responded_at=now,
        )
        for godparent, prisoner in zip(profiles[:500], prisoners[1::10], strict=False)
    )


def main() -> None:
    if os.environ.get("BENCH_MATCHING_SEEDED", "") not in {"1", "true", "yes"}:
        seed(random.Random(2026))
    organiser = User.objects.create(username="bench-organiser", email="organiser@example.org")
    # Both solvers' SciPy modules are imported before any timing (a worker imports them once).
    import scipy.optimize
    import scipy.sparse.csgraph  # noqa: F401

    with CaptureQueriesContext(connection) as queries:
        pool = pool_load()
    run = _run(organiser, assign, profile=os.environ.get("BENCH_MATCHING_PROFILE") == "1")
    run["peak_mb"] = _run(organiser, assign, traced=True)["peak_mb"]
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the dense one
    dense_run = _run(organiser, assign_dense)
    dense_run["peak_mb"] = _run(organiser, assign_dense, traced=True)["peak_mb"]
    repeat = int(os.environ.get("BENCH_MATCHING_REPEAT", "3"))
    dense_repeat = int(os.environ.get("BENCH_MATCHING_DENSE_REPEAT", "1"))
    sparse = [_solve(assign, pool) for _ in range(repeat)]
    dense = [_solve(assign_dense, pool) for _ in range(dense_repeat)]
    assert abs(sparse[0][1] - dense[0][1]) < 1e-3, "the two solvers disagree on the optimum"
    print(
        json.dumps(
            {
                "godparents": len(pool.godparents),
                "slots": sum(g.slots for g in pool.godparents),
                "prisoners": len(pool.prisoners),
                "queries": len(queries),
                **{f"run_{key}": value for key, value in run.items()},
                **{f"dense_run_{key}": value for key, value in dense_run.items()},
                "solve_s": statistics.median(seconds for seconds, _total, _rounds in sparse),
                "rounds": sparse[0][2],
                "dense_solve_s": statistics.median(seconds for seconds, _total, _rounds in dense),
                "total_score": sparse[0][1],
                "max_rss_mb": max_rss,
            }
        )
    )


def _run(organiser: User, solver, *, traced: bool = False, profile: bool = False) -> dict:
    """One whole run with this solver; its proposals and the run are deleted afterwards.

    Timed without tracemalloc (which slows every Python allocation); `traced` measures the peak.
    """
    run = MatchingRun.objects.create(
        created_by=organiser, parameters={"weights": {}, "threshold": 1.0}
    )
    profiler = cProfile.Profile() if profile else None
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    with mock.patch.object(runs, "assign", solver):
        if profiler:
            profiler.enable()
        runs.matching_run_execute(run_id=run.pk)
        if profiler:
            profiler.disable()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory() if traced else (0, 0)
    tracemalloc.stop()
    if profiler:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    run.refresh_from_db()
    results = {"s": seconds, "peak_mb": peak / 2**20, "proposals": run.results["proposals"]}
    Match.objects.filter(run=run).delete()
    run.delete()
    return results


def _solve(solver, pool) -> tuple[float, float, int]:
    started = time.perf_counter()
    result = solver(
        pool.godparents, pool.prisoners, weights=Weights(), threshold=1.0, excluded=pool.excluded
    )
    return time.perf_counter() - started, result.total, result.rounds


if __name__ == "__main__":
    main()
