"""What /healthz reports: the state of each dependency, from a registry any app may extend.

The load balancer takes a server out of rotation on a 503, so /healthz answers 503 only when the
site cannot serve at all: when a *critical* check (the database) is down. A Redis outage, a late
job queue or a failing outbox degrade the site without stopping it: 200, and the report says which
part is degraded, for the people watching it.

Each check is a function registered with `register_health_check()` that receives its time budget
in seconds and must stay within it: database queries inside `statement_timeout()`, network calls
with their own socket timeouts. A check that raises is reported "down" with the error's class,
never its message, and the report holds states and counts only: nothing about anyone. Apps above
`common` register their checks (outbox, jobs) in their `AppConfig.ready()`.
"""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone

from .cache import ResilientRedisCache
from .jobs import STALL_AFTER
from .models import BackgroundJob, JobStatus

logger = logging.getLogger(__name__)

OK = "ok"
DEGRADED = "degraded"
DOWN = "down"
NOT_CONFIGURED = "not configured"

Detail = int | float | str | bool | None
# A job waiting longer than this means no worker takes jobs (each takes one in about a second).
QUEUE_LATE_SECONDS = 120
# The cluster's scheduler looks at schedules about once a minute; the ones that run every minute
# are therefore up to a minute behind when all is well.
SCHEDULE_LATE_SECONDS = 180


@dataclass(frozen=True)
class CheckResult:
    state: str
    details: dict[str, Detail] = field(default_factory=dict)


@dataclass(frozen=True)
class HealthCheck:
    name: str
    run: Callable[[float], CheckResult]
    timeout: float
    critical: bool


_checks: dict[str, HealthCheck] = {}


def register_health_check(
    name: str, *, timeout: float = 1.0, critical: bool = False
) -> Callable[[Callable[[float], CheckResult]], Callable[[float], CheckResult]]:
    """Add a check to /healthz. `critical`: when it is down the site cannot serve (503).

    Registering a name again replaces the check (a module imported twice does no harm).
    """

    def decorator(run: Callable[[float], CheckResult]) -> Callable[[float], CheckResult]:
        _checks[name] = HealthCheck(name=name, run=run, timeout=timeout, critical=critical)
        return run

    return decorator


def health_report() -> tuple[int, dict[str, Any]]:
    """The HTTP status and the JSON body of /healthz."""
    checks: dict[str, dict[str, Detail]] = {}
    serving = True
    for check in list(_checks.values()):
        started = time.monotonic()
        try:
            result = check.run(check.timeout)
        except DatabaseError as error:
            # The database is down or too slow: expected during an outage, logged elsewhere.
            result = CheckResult(DOWN, {"error": type(error).__name__})
        except Exception as error:
            logger.warning("Health check %s failed.", check.name, exc_info=True)
            result = CheckResult(DOWN, {"error": type(error).__name__})
        checks[check.name] = {
            "state": result.state,
            **result.details,
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
        if check.critical and result.state == DOWN:
            serving = False
    if not serving:
        status = DOWN
    elif all(entry["state"] in (OK, NOT_CONFIGURED) for entry in checks.values()):
        status = OK
    else:
        status = DEGRADED
    return (200 if serving else 503), {"status": status, "checks": checks}


@contextmanager
def statement_timeout(seconds: float, using: str = "default") -> Iterator[None]:
    """A transaction in which no statement may run longer than `seconds` (PostgreSQL).

    SQLite is a local file that answers at once or fails at once; it needs no limit.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            # Local to the transaction; restored after, for a caller's transaction around it.
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [f"{int(seconds * 1000)}ms"],
            )
            previous = cursor.fetchone()[0]
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])


@register_health_check("database", timeout=2.0, critical=True)
def check_database(timeout: float) -> CheckResult:
    with statement_timeout(timeout), connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return CheckResult(OK)


@register_health_check("cache", timeout=1.0)
def check_cache(timeout: float) -> CheckResult:
    """Redis, once per server; its socket timeouts (common/cache.py) bound the time spent."""
    backends: dict[str, ResilientRedisCache] = {}
    for alias in settings.CACHES:
        backend = caches[alias]
        if isinstance(backend, ResilientRedisCache):
            backends.setdefault(backend.breaker.name, backend)
    if not backends:
        return CheckResult(NOT_CONFIGURED, {"backend": "database"})
    answering = [backend.ping() for backend in backends.values()]
    if all(answering):
        return CheckResult(OK, {"backend": "redis"})
    details: dict[str, Detail] = {"backend": "redis"}
    default = caches["default"]
    if isinstance(default, ResilientRedisCache) and default.fallback_alias:
        details["rate_limits"] = "database"
    return CheckResult(DOWN, details)


@register_health_check("queue", timeout=1.0)
def check_queue(timeout: float) -> CheckResult:
    """Jobs waiting for a worker, schedules the cluster has not run, clusters alive.

    Waiting jobs and late schedules are rows in the database, so they tell the truth even when the
    cache is down; the number of clusters alive comes from their heartbeats in the cache (each
    lives three seconds) and is only informative.
    """
    from django_q.conf import Conf
    from django_q.models import OrmQ, Schedule

    now = timezone.now()
    with statement_timeout(timeout, using=Conf.ORM or "default"):
        queue = (
            OrmQ.objects.using(Conf.ORM or "default")
            .filter(lock__lte=now)
            .aggregate(waiting=Count("id"), oldest=Min("lock"))
        )
        late_schedules = (
            Schedule.objects.filter(next_run__lt=now - timedelta(seconds=SCHEDULE_LATE_SECONDS))
            .exclude(repeats=0)
            .filter(Q(cluster__isnull=True) | Q(cluster="") | Q(cluster=Conf.PREFIX))
            .count()
        )
    oldest_seconds = int((now - queue["oldest"]).total_seconds()) if queue["oldest"] else 0
    details: dict[str, Detail] = {
        "waiting": queue["waiting"],
        "oldest_waiting_seconds": oldest_seconds,
        "late_schedules": late_schedules,
        "clusters": _clusters_alive(Conf),
    }
    late = oldest_seconds > QUEUE_LATE_SECONDS or late_schedules > 0
    return CheckResult(DEGRADED if late else OK, details)


def _clusters_alive(conf: Any) -> int | None:
    try:
        cache = caches[conf.CACHE]
        keys = cache.get(conf.Q_STAT) or []
        return len(cache.get_many(keys)) if keys else 0
    except Exception:
        # Unknown, not a failure: the queue's state comes from the database.
        return None


@register_health_check("jobs", timeout=1.0)
def check_jobs(timeout: float) -> CheckResult:
    """Background jobs (reports, matching runs, imports): how many run, and how many a dead
    worker left behind for the sweep (`common/jobs.py`). Degraded while such a job waits for it:
    within two minutes the sweep runs it again, so a lasting number means no sweep runs."""
    now = timezone.now()
    with statement_timeout(timeout):
        counts = BackgroundJob.objects.filter(
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).aggregate(
            running=Count("id", filter=Q(status=JobStatus.RUNNING)),
            queued=Count("id", filter=Q(status=JobStatus.QUEUED)),
            stalled=Count(
                "id",
                filter=Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALL_AFTER * 3),
            ),
        )
    return CheckResult(DEGRADED if counts["stalled"] else OK, dict(counts))
