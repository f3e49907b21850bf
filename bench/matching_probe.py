"""Run by bench_matching.py inside a migrated throwaway database: seed, time a run, print JSON.

Seeds BENCH_MATCHING_PRISONERS detained prisoners (default 5000: a tenth with publicity None, some
with health at risk, a third already with a godparent) and BENCH_MATCHING_GODPARENTS verified
godparents (default 3000, capacity 1 to 3, a tenth discreet), then times reading the pool and
the exact assignment, and reports the peak memory of the whole run.
"""

import datetime
import json
import os
import random
import resource
import time
import tracemalloc

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from solidarity.accounts.models import User  # noqa: E402
from solidarity.godparents.models import GodparentProfile, Parliament  # noqa: E402
from solidarity.matching.assignment import assign  # noqa: E402
from solidarity.matching.models import Match, MatchStatus  # noqa: E402
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
    seed(random.Random(2026))
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        pool = pool_load()
    loaded = time.perf_counter()
    result = assign(
        pool.godparents, pool.prisoners, weights=Weights(), threshold=1.0, excluded=pool.excluded
    )
    finished = time.perf_counter()
    _current, peak = tracemalloc.get_traced_memory()
    print(
        json.dumps(
            {
                "slots": sum(g.slots for g in pool.godparents),
                "prisoners": len(pool.prisoners),
                "proposals": len(result.proposals),
                "load_s": loaded - started,
                "assign_s": finished - loaded,
                "total_s": finished - started,
                "queries": len(queries),
                "peak_traced_mb": peak / 2**20,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
