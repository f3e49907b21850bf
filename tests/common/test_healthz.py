"""/healthz: each dependency's state; 503 only when the database is down."""

import datetime

import pytest
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule

from solidarity.common import health
from solidarity.common.health import CheckResult, register_health_check, statement_timeout

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """Checks registered by a test disappear with it."""
    monkeypatch.setattr(health, "_checks", dict(health._checks))


def test_a_healthy_site_reports_each_dependency(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["state"] == "ok"
    assert checks["cache"] == {**checks["cache"], "state": "not configured", "backend": "database"}
    assert checks["queue"]["state"] == "ok"
    assert checks["queue"]["waiting"] == 0
    assert all(isinstance(check["ms"], float) for check in checks.values())
    assert "no-cache" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_redis_down_degrades_but_keeps_the_server_in_rotation(client, on_redis):
    assert client.get("/healthz").json()["checks"]["cache"]["state"] == "ok"
    on_redis.kill()

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"] == {
        **body["checks"]["cache"],
        "state": "down",
        "backend": "redis",
        "rate_limits": "database",
    }
    assert body["checks"]["database"]["state"] == "ok"


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_no_database_is_a_503_not_a_500(client, monkeypatch, error):
    """Connection refused (OperationalError) or a connection lost under it (InterfaceError)."""

    def unreachable(*args, **kwargs):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {
        "state": "down",
        "error": error.__name__,
        "ms": body["checks"]["database"]["ms"],
    }
    # The error's text (hosts, ports, perhaps more) never reaches the public answer.
    assert "5432" not in response.content.decode()


def test_a_job_waiting_for_minutes_means_no_worker_takes_jobs(client):
    OrmQ.objects.create(
        key=Conf.PREFIX,
        payload="signed",
        lock=timezone.now() - datetime.timedelta(minutes=5),
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    queue = response.json()["checks"]["queue"]
    assert queue["state"] == "degraded"
    assert queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= 300


def test_a_job_taken_by_a_worker_is_not_waiting(client):
    OrmQ.objects.create(
        key=Conf.PREFIX,
        payload="signed",
        lock=timezone.now() + datetime.timedelta(minutes=10),
    )

    queue = client.get("/healthz").json()["checks"]["queue"]

    assert (queue["state"], queue["waiting"]) == ("ok", 0)


def test_a_schedule_the_cluster_did_not_run_means_no_cluster_runs(client):
    Schedule.objects.create(
        func="solidarity.common.views.healthz",
        schedule_type=Schedule.MINUTES,
        minutes=1,
        next_run=timezone.now() - datetime.timedelta(minutes=10),
    )

    queue = client.get("/healthz").json()["checks"]["queue"]

    assert (queue["state"], queue["late_schedules"]) == ("degraded", 1)


def test_the_clusters_alive_are_counted_from_their_heartbeats(client):
    cache = caches[Conf.CACHE]
    cache.set(Conf.Q_STAT, [f"{Conf.Q_STAT}:one", f"{Conf.Q_STAT}:gone"])
    cache.set(f"{Conf.Q_STAT}:one", "a signed status", 3)

    assert client.get("/healthz").json()["checks"]["queue"]["clusters"] == 1


def test_an_app_adds_its_own_check_and_a_failing_one_is_reported_not_raised(client, registry):
    @register_health_check("outbox")
    def outbox(timeout: float) -> CheckResult:
        return CheckResult("degraded", {"failed": 2})

    @register_health_check("broken")
    def broken(timeout: float) -> CheckResult:
        raise RuntimeError("details that stay out of the answer")

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["outbox"]["failed"] == 2
    assert body["checks"]["broken"]["state"] == "down"
    assert body["checks"]["broken"]["error"] == "RuntimeError"
    assert "details that stay out" not in response.content.decode()


def test_only_a_critical_check_down_takes_the_server_out_of_rotation(client, registry):
    @register_health_check("storage", critical=True)
    def storage(timeout: float) -> CheckResult:
        return CheckResult("down")

    assert client.get("/healthz").status_code == 503


def test_a_check_receives_its_own_time_budget(client, registry):
    budgets = []

    @register_health_check("slow", timeout=0.3)
    def slow(timeout: float) -> CheckResult:
        budgets.append(timeout)
        return CheckResult("ok")

    client.get("/healthz")

    assert budgets == [0.3]


def test_a_statement_over_its_budget_is_cut_short():
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), statement_timeout(0.05), connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        with statement_timeout(0.05), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        # The caller's transaction (here the test's) keeps its own limit afterwards.
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"
    else:
        # SQLite is a local file: a statement answers at once or fails at once, with no limit.
        with statement_timeout(0.05), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)


def test_a_job_whose_worker_died_long_ago_degrades_the_jobs_check(client):
    from solidarity.common.models import BackgroundJob, JobStatus

    now = timezone.now()
    BackgroundJob.objects.create(
        kind="report", target_id=1, status=JobStatus.RUNNING, heartbeat_at=now
    )
    jobs = client.get("/healthz").json()["checks"]["jobs"]
    assert (jobs["state"], jobs["running"], jobs["stalled"]) == ("ok", 1, 0)
    BackgroundJob.objects.create(
        kind="report",
        target_id=2,
        status=JobStatus.RUNNING,
        heartbeat_at=now - datetime.timedelta(minutes=5),
    )

    body = client.get("/healthz").json()

    assert body["checks"]["jobs"]["state"] == "degraded"
    assert body["checks"]["jobs"]["stalled"] == 1
    assert body["status"] == "degraded"


def test_emails_waiting_for_long_degrade_the_outbox_check_with_counts_only(client):
    from solidarity.notifications.models import EmailStatus, SentEmail

    now = timezone.now()
    SentEmail.objects.create(
        template="t", to=["someone@parliament.example"], status=EmailStatus.QUEUED
    )
    assert client.get("/healthz").json()["checks"]["outbox"]["state"] == "ok"
    SentEmail.objects.create(
        template="t",
        to=["other@parliament.example"],
        status=EmailStatus.QUEUED,
        created_at=now - datetime.timedelta(minutes=30),
    )
    SentEmail.objects.create(template="t", to=["x@parliament.example"], status=EmailStatus.FAILED)

    response = client.get("/healthz")

    outbox = response.json()["checks"]["outbox"]
    assert response.status_code == 200
    assert outbox["state"] == "degraded"
    assert (outbox["waiting"], outbox["failed"]) == (2, 1)
    assert outbox["oldest_waiting_seconds"] >= 30 * 60
    assert b"parliament.example" not in response.content
