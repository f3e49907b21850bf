"""The one background-run kernel: every report, matching run, import step (and any later job)
runs, reports progress, stalls and fails the same way, through a `BackgroundJob` row.

A kind of job is a name, a handler and a failure hook, registered by the app that owns the work
in its `tasks.py` (`job_kind_register`); the kernel finds them by importing the apps' `tasks`
modules the first time it needs one, so that a worker process knows every kind. Then:

- **Enqueue** (`job_enqueue`) writes the job row in the caller's transaction and queues
  `job_run(job_id)` for django-q2 once it commits: the task carries the id only, never a name.
  One live job per piece of work (a database constraint): asking twice finds the first.
- **Claim** (`job_run`) moves the row queued → running by a conditional update (attempts + 1,
  who and when): django-q2 may deliver a task twice, or the sweep may queue it again, and only
  one worker ever runs a given attempt. The handler runs with a progress reporter.
- **Heartbeat**: while the handler runs, a daemon thread writes `heartbeat_at` (and the latest
  progress) on its own database connection every few seconds. The apply of an import runs in
  one long transaction: on PostgreSQL the thread's separate connection is what makes its
  progress visible meanwhile. SQLite (one machine, development) has one writer at a time, so
  the thread's writes wait, fail quietly, and the bar moves at the end only. When there is no
  separate worker (django-q2's `sync` mode in tests, or a job run inside the caller's
  transaction) there is no thread: progress is written directly.
- **Sweep** (`jobs_sweep`, every minute from a django-q2 schedule, or `manage.py jobs_sweep`):
  a running job whose heartbeat is older than `STALL_AFTER` lost its worker (killed, machine
  gone); it is queued again once, then failed with `JobError.STALLED`, and the kind's failure
  hook lets the domain row say "Failed" with its "Generate again" button. A queued job that no
  worker claimed for `LOST_AFTER` (its task lost with a broker) is queued again.
- **Errors** are codes (`JobError`), never an exception's message, which may quote a name: the
  log gets the job, the exception's type and its frames, no values.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_q.tasks import async_task

from .models import BackgroundJob, JobError, JobStatus

logger = logging.getLogger(__name__)

# phase, units done, units in all ("writing", 1200, 20000); a percentage is (phase, 40, 100).
Progress = Callable[[str, int, int], None]
# handler(target_id, progress): does the work; raises on a bug (the job fails, the hook runs).
Handler = Callable[[int, Progress], None]
# on_failed(target_id, error_code): the domain row says it failed (in its own words).
FailureHook = Callable[[int, str], None]

RUN_TASK = "solidarity.common.jobs.job_run"
SWEEP_TASK = "solidarity.common.jobs.jobs_sweep"
SWEEP_SCHEDULE = "jobs-sweep"
# A worker beats every HEARTBEAT_SECONDS; four missed beats and more mean it is gone. With the
# sweep every minute a dead worker's job is queued again within two minutes.
HEARTBEAT_SECONDS = 10
FLUSH_SECONDS = 2  # progress reaches the bars this often while a worker runs
STALL_AFTER = datetime.timedelta(seconds=45)
LOST_AFTER = datetime.timedelta(minutes=2)
# A job whose worker died is run once more; the second death fails it (it may be the killer).
MAX_ATTEMPTS = 2
# Progress written directly (no worker thread) at most this often, and at every change of phase.
DIRECT_WRITE_SECONDS = 1.0


class JobLost(Exception):
    """The sweep gave this attempt's job to another worker: stop without finishing it."""


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    on_failed: FailureHook | None = None


_KINDS: dict[str, JobKind] = {}
_discovered = False


def job_kind_register(
    name: str, *, handler: Handler, on_failed: FailureHook | None = None
) -> JobKind:
    """Declare a kind of job (from the owning app's `tasks.py`, imported by every worker)."""
    kind = JobKind(name=name, handler=handler, on_failed=on_failed)
    _KINDS[name] = kind
    return kind


def job_kind(name: str) -> JobKind | None:
    """The registered kind; the apps' `tasks` modules are imported once, on the first miss."""
    global _discovered
    if name not in _KINDS and not _discovered:
        autodiscover_modules("tasks")
        _discovered = True
    return _KINDS.get(name)


# Starting jobs ----------------------------------------------------------------------------------


def job_enqueue(
    *, kind: str, target_id: int, phase: str = "", total: int = 0, now: bool = False
) -> BackgroundJob:
    """Record a job for `target_id` and run it: by a worker once the caller's transaction
    commits, or at once in this process (`now`, for work small enough for a request).

    Asking while a job for the same target is queued or running returns that job.
    """
    try:
        with transaction.atomic():
            job = BackgroundJob.objects.create(
                kind=kind,
                target_id=target_id,
                phase=phase,
                total=max(total, 0),
                queued_at=timezone.now(),
            )
    except IntegrityError:
        active = BackgroundJob.objects.filter(
            kind=kind, target_id=target_id, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
        ).first()
        if active is None:  # it finished in between: ask again
            return job_enqueue(kind=kind, target_id=target_id, phase=phase, total=total, now=now)
        return active
    if now:
        job_run(job.pk)
        job.refresh_from_db()
    else:
        _send(job.pk)
    return job


def _send(job_id: int) -> None:
    """Queue `job_run(job_id)` after the commit: a worker must find the row it is given."""
    transaction.on_commit(
        lambda: async_task(RUN_TASK, job_id, task_name=f"job-{job_id}", group="jobs", save=False)
    )


# Running a job --------------------------------------------------------------------------------


def job_run(job_id: int) -> bool:
    """The django-q2 task: claim the job, run its handler, finish it. False when the job was
    not there to claim (delivered twice, already done, or claimed by another worker)."""
    now = timezone.now()
    claimed = BackgroundJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        claimed_by=_worker_name(),
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        error=JobError.NONE,
        updated_at=now,
    )
    if not claimed:
        return False
    job = BackgroundJob.objects.get(pk=job_id)
    kind = job_kind(job.kind)
    if kind is None:
        logger.error("Job %s: no handler for the kind %r", job.pk, job.kind)
        _end(job, JobStatus.FAILED, JobError.UNKNOWN_KIND, _Reported(job), hook=None)
        return True
    reported = _Reported(job)
    heartbeat = _Heartbeat(job, reported) if _separate_worker() else None
    if heartbeat:
        heartbeat.start()
    try:
        kind.handler(job.target_id, reported.reporter(direct=heartbeat is None))
    except JobLost:
        logger.warning("Job %s (%s %s) was taken over: stopped", job.pk, job.kind, job.target_id)
        return True
    except Exception as error:
        # The frames and the exception's type, not its message: a message may quote a name.
        frames = "".join(traceback.format_tb(error.__traceback__))
        logger.error(
            "Job %s (%s %s) failed: %s\n%s",
            job.pk,
            job.kind,
            job.target_id,
            type(error).__name__,
            frames,
        )
        _end(job, JobStatus.FAILED, JobError.ERROR, reported, hook=kind.on_failed)
        return True
    finally:
        if heartbeat:
            heartbeat.stop()
    _end(job, JobStatus.DONE, JobError.NONE, reported, hook=None)
    return True


def _separate_worker() -> bool:
    """A thread may beat for this job: a real worker, not inside the caller's transaction
    (where nobody else sees the job before the commit anyway)."""
    return not settings.Q_CLUSTER.get("sync") and not connection.in_atomic_block


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


class _Reported:
    """The latest progress of one attempt, shared by the handler and the heartbeat thread."""

    def __init__(self, job: BackgroundJob) -> None:
        self.job_id, self.attempt = job.pk, job.attempts
        self.values = {"phase": job.phase, "done": job.done, "total": job.total}
        self.changed = False
        self.lost = False
        self.lock = threading.Lock()
        self._written_at = 0.0

    def reporter(self, *, direct: bool) -> Progress:
        def progress(phase: str, done: int, total: int) -> None:
            if self.lost:
                raise JobLost
            values = {"phase": str(phase)[:40], "done": max(done, 0), "total": max(total, 0)}
            with self.lock:
                new_phase = values["phase"] != self.values["phase"]
                self.values, self.changed = values, True
            if direct and (
                new_phase
                or done >= total
                or time.monotonic() - self._written_at >= DIRECT_WRITE_SECONDS
            ):
                self.flush()

        return progress

    def snapshot(self) -> dict:
        with self.lock:
            self.changed = False
            return dict(self.values)

    def mine(self):
        return BackgroundJob.objects.filter(
            pk=self.job_id, status=JobStatus.RUNNING, attempts=self.attempt
        )

    def flush(self, **extra) -> int:
        """Write the progress (and `extra`) if the job is still this attempt's."""
        now = timezone.now()
        updated = self.mine().update(**self.snapshot(), heartbeat_at=now, updated_at=now, **extra)
        self._written_at = time.monotonic()
        if not updated:
            self.lost = True
        return updated


class _Heartbeat(threading.Thread):
    """Beats for one attempt on its own database connection while the handler runs."""

    def __init__(self, job: BackgroundJob, reported: _Reported) -> None:
        super().__init__(name=f"job-{job.pk}-heartbeat", daemon=True)
        self.reported = reported
        self._stopped = threading.Event()

    def run(self) -> None:
        last_beat = time.monotonic()
        try:
            while not self._stopped.wait(FLUSH_SECONDS):
                due = time.monotonic() - last_beat >= HEARTBEAT_SECONDS
                if not (due or self.reported.changed):
                    continue
                try:
                    self.reported.flush()
                    last_beat = time.monotonic()
                except DatabaseError:
                    # SQLite while the handler holds the write lock: try again at the next beat,
                    # with the progress the failed write did not carry.
                    self.reported.changed = True
                    logger.debug("Job %s: heartbeat not written", self.reported.job_id)
        finally:
            connections.close_all()  # this thread's connections only

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=HEARTBEAT_SECONDS)


def _end(
    job: BackgroundJob,
    status: str,
    error: str,
    reported: _Reported,
    *,
    hook: FailureHook | None,
) -> None:
    """Finish this attempt (never one the sweep gave to another worker), then tell the domain
    row if it failed. A hook that fails is logged; the job stays failed."""
    now = timezone.now()
    ended = BackgroundJob.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
    ).update(status=status, error=error, finished_at=now, updated_at=now, **reported.snapshot())
    if ended and hook is not None:
        _call_hook(job, hook, error)


def _call_hook(job: BackgroundJob, hook: FailureHook, error: str) -> None:
    try:
        with transaction.atomic():
            hook(job.target_id, error)
    except Exception as failure:
        logger.error(
            "Job %s (%s %s): the failure hook failed: %s",
            job.pk,
            job.kind,
            job.target_id,
            type(failure).__name__,
        )


# Watching over jobs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    requeued: int = 0
    failed: int = 0
    resent: int = 0


def jobs_sweep(*, now: datetime.datetime | None = None) -> SweepResult:
    """Queue again the jobs whose worker died (once), fail those that died twice, and send
    again the queued jobs nobody claimed. Run every minute; safe to run twice at once."""
    now = now or timezone.now()
    requeued = failed = resent = 0
    stalled = BackgroundJob.objects.filter(
        status=JobStatus.RUNNING, heartbeat_at__lt=now - STALL_AFTER
    )
    for job in stalled.order_by("pk"):
        same = BackgroundJob.objects.filter(
            pk=job.pk,
            status=JobStatus.RUNNING,
            attempts=job.attempts,
            heartbeat_at=job.heartbeat_at,
        )
        if job.attempts < MAX_ATTEMPTS:
            if same.update(status=JobStatus.QUEUED, claimed_by="", queued_at=now, updated_at=now):
                logger.warning("Job %s (%s %s) lost its worker: queued again", *_names(job))
                _send(job.pk)
                requeued += 1
            continue
        with transaction.atomic():
            ended = same.update(
                status=JobStatus.FAILED, error=JobError.STALLED, finished_at=now, updated_at=now
            )
        if ended:
            logger.error("Job %s (%s %s) lost its worker twice: failed", *_names(job))
            kind = job_kind(job.kind)
            if kind is not None and kind.on_failed is not None:
                _call_hook(job, kind.on_failed, JobError.STALLED)
            failed += 1
    unclaimed = BackgroundJob.objects.filter(
        Q(queued_at__lt=now - LOST_AFTER) | Q(queued_at__isnull=True), status=JobStatus.QUEUED
    )
    for job in unclaimed.order_by("pk"):
        same = BackgroundJob.objects.filter(
            pk=job.pk, status=JobStatus.QUEUED, queued_at=job.queued_at
        )
        if same.update(queued_at=now, updated_at=now):
            _send(job.pk)
            resent += 1
    return SweepResult(requeued=requeued, failed=failed, resent=resent)


def _names(job: BackgroundJob) -> tuple:
    return job.pk, job.kind, job.target_id


def jobs_schedule() -> None:
    """Create or repair the sweep's schedule: every minute (`setup_site`)."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SWEEP_SCHEDULE,
        defaults={
            "func": SWEEP_TASK,
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
