"""A worker is killed (SIGKILL) in the middle of a report and of an import: the job is noticed
by its missing heartbeat, run again once on a live worker, and finishes; nothing is doubled.

The kill is real; only the wait is not. The sweep (every minute in production) finds a job stale
45 s after its last heartbeat: instead of waiting up to two minutes per test, the dead worker's
last heartbeat is moved back past that bound and the sweep is run as its schedule runs it
(`manage.py jobs_sweep`). The bounds themselves are tested in tests/common."""

import os
import signal
import time

import pytest

from tests.prisoners.importing.files import make_csv, row

from .stack import Stack, wait_until

pytestmark = pytest.mark.faults

RETRY_SECONDS = 30  # the sweep has queued it again: a live worker claims it at once
FINISH_SECONDS = 240
IMPORT_ROWS = 2500


def latest_job(stack: Stack, kind: str, target: int) -> dict | None:
    rows = stack.sql(
        "SELECT id, status, attempts, claimed_by, error FROM common_backgroundjob "
        "WHERE kind = %s AND target_id = %s ORDER BY id DESC LIMIT 1",
        (kind, target),
    )
    if not rows:
        return None
    pk, status, attempts, claimed_by, error = rows[0]
    return {"id": pk, "status": status, "attempts": attempts, "by": claimed_by, "error": error}


def kill_the_worker_running(stack: Stack, kind: str, target: int) -> dict:
    """Wait until a worker claims the job, then kill that worker process outright."""
    job = wait_until(
        lambda: (j := latest_job(stack, kind, target)) and j["status"] == "running" and j,
        timeout=120,
        every=0.05,
        what=f"a worker to start {kind} {target}",
    )
    pid = int(job["by"].rsplit(":", 1)[1])
    os.kill(pid, signal.SIGKILL)
    return job


def finishes_after_one_retry(stack: Stack, kind: str, target: int) -> dict:
    started = time.monotonic()
    # As if the sweep came by a minute after the worker died (see the module's docstring).
    stack.sql(
        "UPDATE common_backgroundjob SET heartbeat_at = heartbeat_at - interval '60 seconds'"
        " WHERE kind = %s AND target_id = %s AND status = 'running'",
        (kind, target),
    )
    stack.manage("jobs_sweep")  # or the schedule's own sweep got there first: either queues it
    retried = wait_until(
        lambda: (j := latest_job(stack, kind, target)) and j["attempts"] >= 2 and j,
        timeout=RETRY_SECONDS,
        every=1,
        what=f"{kind} {target} to be retried",
    )
    assert retried["status"] in ("queued", "running", "done"), retried
    assert time.monotonic() - started <= RETRY_SECONDS
    return wait_until(
        lambda: (j := latest_job(stack, kind, target)) and j["status"] == "done" and j,
        timeout=FINISH_SECONDS,
        every=1,
        what=f"{kind} {target} to finish",
    )


def test_a_report_whose_worker_is_killed_is_generated_by_another(stack: Stack) -> None:
    run_id = stack.shell(
        "import datetime, json\n"
        "from solidarity.accounts.models import User\n"
        "from solidarity.reports.builder import Scope\n"
        "from solidarity.reports.services import report_run_request\n"
        "by = User.objects.get(email='organiser@solidarity.test')\n"
        "run = report_run_request(by=by, variant='internal', start=datetime.date(2020, 1, 1),"
        " end=datetime.date.today(), scope=Scope(), language='be')\n"
        "print(json.dumps(run.pk))\n"
    )
    first = kill_the_worker_running(stack, "report", run_id)
    done = finishes_after_one_retry(stack, "report", run_id)
    assert done["id"] == first["id"]  # the same job, run again: not a second report
    ((status, pdf),) = stack.sql(
        "SELECT status, pdf_file FROM reports_reportrun WHERE id = %s", (run_id,)
    )
    assert status == "done"
    assert pdf


def test_an_import_whose_worker_is_killed_writes_every_row_once(stack: Stack) -> None:
    rows = [row(id=str(900_000 + n), name=f"Иван Сбоев {n}") for n in range(IMPORT_ROWS)]
    path = stack.work / "import.csv"
    path.write_bytes(make_csv(rows))
    before = stack.sql("SELECT count(*) FROM prisoners_prisoner")[0][0]
    import_id = stack.import_upload(path)
    wait_until(
        lambda: (
            stack.sql("SELECT state FROM prisoners_prisonerimport WHERE id = %s", (import_id,))[0][
                0
            ]
            == "planned"
        ),
        timeout=FINISH_SECONDS,
        every=1,
        what="the dry run",
    )
    assert stack.import_apply(import_id) is True
    kind = "prisoner-import-apply"
    kill_the_worker_running(stack, kind, import_id)
    finishes_after_one_retry(stack, kind, import_id)
    (state,) = stack.sql("SELECT state FROM prisoners_prisonerimport WHERE id = %s", (import_id,))[
        0
    ]
    assert state == "applied"
    after = stack.sql("SELECT count(*) FROM prisoners_prisoner")[0][0]
    assert after - before == IMPORT_ROWS
