"""The background-run kernel: claim once, progress, heartbeat, sweep (retry once, then fail)."""

import datetime
import logging
import os
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from solidarity.common import jobs
from solidarity.common.models import BackgroundJob, JobError, JobStatus

pytestmark = pytest.mark.django_db

KIND = "tests.counting"


class Recorder:
    """A kind of job whose handler counts its runs and whose hook records failures."""

    def __init__(self):
        self.runs: list[int] = []
        self.failures: list[tuple[int, str]] = []
        self.work = lambda target_id, progress: None

    def handler(self, target_id, progress):
        self.runs.append(target_id)
        self.work(target_id, progress)

    def on_failed(self, target_id, code):
        self.failures.append((target_id, code))


@pytest.fixture
def kind():
    recorder = Recorder()
    jobs.job_kind_register(KIND, handler=recorder.handler, on_failed=recorder.on_failed)
    yield recorder
    jobs._KINDS.pop(KIND, None)


def _stall(job: BackgroundJob, *, attempts: int) -> None:
    """What a killed worker leaves: running, its heartbeat a while ago."""
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=5),
    )


def test_a_job_runs_after_the_commit_and_only_its_id_is_queued(
    kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.job_enqueue(kind=KIND, target_id=7, phase="start", total=3)
    assert (job.status, kind.runs) == (JobStatus.QUEUED, [])
    assert job.percent == 0

    for callback in callbacks:  # django-q2 is synchronous in tests
        callback()

    job.refresh_from_db()
    assert kind.runs == [7]
    assert (job.status, job.attempts, job.error) == (JobStatus.DONE, 1, "")
    assert job.claimed_by
    assert job.finished_at
    assert job.percent == 100


def test_the_claim_is_exclusive_a_task_delivered_twice_runs_the_handler_once(kind):
    job = jobs.job_enqueue(kind=KIND, target_id=1)

    assert jobs.job_run(job.pk) is True
    assert jobs.job_run(job.pk) is False
    assert kind.runs == [1]


def test_a_second_request_for_the_same_work_finds_the_live_job(kind):
    first = jobs.job_enqueue(kind=KIND, target_id=3)
    again = jobs.job_enqueue(kind=KIND, target_id=3)
    assert again.pk == first.pk

    jobs.job_run(first.pk)
    later = jobs.job_enqueue(kind=KIND, target_id=3)
    assert later.pk != first.pk  # the first one is done: this is new work


def test_progress_is_visible_through_the_job_while_it_runs(kind):
    seen = []

    def work(target_id, progress):
        progress("counting", 1, 4)
        seen.append(BackgroundJob.objects.get(kind=KIND).percent)
        progress("writing", 3, 4)
        seen.append(BackgroundJob.objects.values_list("phase", "done", "total").get())

    kind.work = work

    job = jobs.job_enqueue(kind=KIND, target_id=1, now=True)

    assert seen == [25, ("writing", 3, 4)]
    assert (job.status, job.phase, job.percent) == (JobStatus.DONE, "writing", 100)


def test_an_error_fails_the_job_with_a_code_and_logs_no_personal_data(kind, caplog):
    secret = {"name": "Марія Калеснікава", "born": 1982}  # as a record's fields would be

    def work(target_id, progress):
        raise ValueError(f"{secret['name']}, born {secret['born']}")

    kind.work = work

    with caplog.at_level(logging.ERROR):
        job = jobs.job_enqueue(kind=KIND, target_id=5, now=True)

    assert (job.status, job.error) == (JobStatus.FAILED, JobError.ERROR)
    assert kind.failures == [(5, JobError.ERROR)]
    assert f"Job {job.pk} ({KIND} 5) failed: ValueError" in caplog.text
    assert "Калеснікава" not in caplog.text
    assert "1982" not in caplog.text


def test_a_job_whose_worker_died_is_queued_again_once_then_failed(
    kind, django_capture_on_commit_callbacks
):
    job = jobs.job_enqueue(kind=KIND, target_id=9)
    _stall(job, attempts=1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = jobs.jobs_sweep()

    job.refresh_from_db()
    assert result == jobs.SweepResult(requeued=1)
    assert (job.status, job.claimed_by, job.attempts) == (JobStatus.QUEUED, "", 1)
    assert len(callbacks) == 1  # job_run queued again after the sweep's commit
    assert kind.failures == []

    _stall(job, attempts=2)  # the second worker died too

    assert jobs.jobs_sweep() == jobs.SweepResult(failed=1)
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, JobError.STALLED)
    assert job.finished_at is not None
    assert kind.failures == [(9, JobError.STALLED)]
    assert jobs.jobs_sweep() == jobs.SweepResult()  # nothing twice


def test_a_retried_job_runs_again_and_the_dead_attempt_cannot_finish_it(kind):
    job = jobs.job_enqueue(kind=KIND, target_id=2)
    _stall(job, attempts=1)
    dead = BackgroundJob.objects.get(pk=job.pk)
    jobs.jobs_sweep()

    assert jobs.job_run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, kind.runs) == (JobStatus.DONE, 2, [2])
    # The first worker was only slow: its late ending must not overwrite the second's.
    jobs._end(dead, JobStatus.FAILED, JobError.ERROR, jobs._Reported(dead), hook=None)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_a_live_heartbeat_is_left_alone(kind):
    job = jobs.job_enqueue(kind=KIND, target_id=4)
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=timezone.now()
    )

    assert jobs.jobs_sweep() == jobs.SweepResult()
    assert BackgroundJob.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_a_queued_job_nobody_claimed_is_sent_again(kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = jobs.job_enqueue(kind=KIND, target_id=6)  # its task is lost with the broker
    assert jobs.jobs_sweep() == jobs.SweepResult()  # not yet: workers may just be busy

    later = timezone.now() + jobs.LOST_AFTER + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_sweep(now=later) == jobs.SweepResult(resent=1)

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert kind.runs == [6]


def test_a_kind_nobody_registered_fails_without_running_anything():
    job = jobs.job_enqueue(kind="tests.unknown", target_id=1, now=True)
    assert (job.status, job.error) == (JobStatus.FAILED, JobError.UNKNOWN_KIND)


def test_every_kind_of_the_project_is_found_by_a_fresh_worker():
    """A worker process imports nothing but the kernel before its first job."""
    names = ["report", "matching-run", "prisoner-import-plan", "action-import-apply"]
    script = (
        "import django; django.setup(); from solidarity.common.jobs import job_kind; "
        f"print([name for name in {names!r} if job_kind(name) is None])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "solidarity.settings.test"}
    done = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_sweep_runs_every_minute_and_from_the_command_line(kind, capsys):
    jobs.jobs_schedule()
    jobs.jobs_schedule()  # idempotent, like setup_site

    schedule = Schedule.objects.get(name=jobs.SWEEP_SCHEDULE)
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == (
        jobs.SWEEP_TASK,
        Schedule.MINUTES,
        1,
    )
    job = jobs.job_enqueue(kind=KIND, target_id=8)
    _stall(job, attempts=2)
    call_command("jobs_sweep")
    assert "failed: 1" in capsys.readouterr().out
    assert BackgroundJob.objects.get(pk=job.pk).status == JobStatus.FAILED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_beats_and_shows_progress_on_its_own_connection(kind, settings, monkeypatch):
    """Outside tests' synchronous mode a thread writes the heartbeat and progress meanwhile."""
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    monkeypatch.setattr(jobs, "FLUSH_SECONDS", 0.05)
    seen = []

    def work(target_id, progress):
        # Read before reporting: a beat may land between the two on a loaded machine.
        started = BackgroundJob.objects.get(kind=KIND).heartbeat_at
        progress("writing", 1, 2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            row = BackgroundJob.objects.get(kind=KIND)
            if row.done == 1 and row.heartbeat_at > started:
                seen.append((row.phase, row.done, row.total))
                break
            time.sleep(0.05)

    kind.work = work
    job = BackgroundJob.objects.create(kind=KIND, target_id=1, queued_at=timezone.now())

    assert jobs.job_run(job.pk)

    assert seen == [("writing", 1, 2)]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_beat_that_could_not_be_written_carries_its_progress_to_the_next(
    kind, settings, monkeypatch
):
    """SQLite may refuse a beat while the handler writes: the progress is not dropped with it."""
    from django.db import OperationalError

    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": False}
    monkeypatch.setattr(jobs, "FLUSH_SECONDS", 0.05)
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 600)  # only the progress makes it write
    write = jobs._Reported.flush
    refused = []

    def flaky_flush(self, **extra):
        if not refused:
            refused.append(self.snapshot())  # what a real write takes before it fails
            raise OperationalError("database is locked")
        return write(self, **extra)

    monkeypatch.setattr(jobs._Reported, "flush", flaky_flush)
    seen = []

    def work(target_id, progress):
        progress("writing", 1, 2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            row = BackgroundJob.objects.get(kind=KIND)
            if row.done == 1:
                seen.append((row.phase, row.done))
                break
            time.sleep(0.05)

    kind.work = work
    job = BackgroundJob.objects.create(kind=KIND, target_id=1, queued_at=timezone.now())

    assert jobs.job_run(job.pk)

    assert refused == [{"phase": "writing", "done": 1, "total": 2}]
    assert seen == [("writing", 1)]
