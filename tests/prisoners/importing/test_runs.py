"""Imports started from the admin: stored dry run, one-time apply, background path, progress."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from solidarity.common import jobs, staging
from solidarity.common.models import BackgroundJob, ImportState, JobStatus
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.importing import ImportRefused, runs
from solidarity.prisoners.importing.apply import STALE_PLAN_ERROR
from solidarity.prisoners.importing.plan import MISSING_NAME_ERROR
from solidarity.prisoners.models import Prisoner, PrisonerImport, StatusChange
from tests.factories import UserFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db

TWO_ROWS = make_csv([row(), row(id="1002", name="Максим Знак", birthday="04.09.1981")])


def upload(content=TWO_ROWS, *, user=None, publicity=Publicity.BASIC, filename="list.csv"):
    return runs.import_upload(
        content=content, filename=filename, language="", publicity=publicity, user=user
    )


@pytest.fixture
def background(monkeypatch):
    """Every file counts as large, so that two-row files take the background path."""
    monkeypatch.setattr(runs.PRISONER_LIST, "background_rows", 1)


def test_a_small_file_is_planned_at_once_and_its_dry_run_stored():
    user = UserFactory()
    record = upload(user=user)
    assert record.state == ImportState.PLANNED
    assert (record.row_count, record.language, record.created_by) == (2, "ru", user)
    assert record.counts == {
        "new": 2,
        "changed": 0,
        "unchanged": 0,
        "invalid": 0,
        "warning": 0,
        "blocking": 0,
    }
    assert [r["name"] for r in record.rows] == ["Мария Колесникова", "Максим Знак"]
    assert record.rows[0]["action"] == "new"
    assert record.rows[0]["changes"]
    assert len(record.fingerprint) == 64
    assert not Prisoner.objects.exists()


def test_applying_writes_the_records_once_and_is_audited():
    user = UserFactory()
    record = upload(user=user)
    assert runs.import_request_apply(record=record, user=user)
    record.refresh_from_db()
    assert record.state == ImportState.APPLIED
    assert record.result == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "status_changes": 0,
        "skipped": 0,
    }
    assert record.applied_by == user
    assert record.applied_at is not None
    assert Prisoner.objects.filter(publicity=Publicity.BASIC).count() == 2
    entry = ModelLogEntry.objects.get(action=runs.IMPORT_APPLIED_ACTION)
    assert (entry.user, entry.data["created"]) == (user, 2)
    # A second click, or a retried task, writes nothing more.
    assert not runs.import_request_apply(record=record, user=user)
    runs.import_run_apply(import_id=record.pk)
    assert Prisoner.objects.count() == 2


def test_a_dry_run_with_invalid_rows_applies_only_once_the_skip_is_confirmed():
    record = upload(make_csv([row(), row(id="1002", name="")]))
    assert record.state == ImportState.PLANNED
    assert not record.is_valid
    assert (record.to_write, record.to_skip) == (1, 1)
    assert record.rows[1]["errors"] == [str(MISSING_NAME_ERROR)]
    assert not runs.import_request_apply(record=record, user=None, skip=0)
    record.refresh_from_db()
    assert record.state == ImportState.PLANNED
    assert not Prisoner.objects.exists()
    assert runs.import_request_apply(record=record, user=None, skip=1)
    assert list(Prisoner.objects.values_list("external_id", flat=True)) == ["1001"]


def test_a_dry_run_whose_every_row_is_invalid_cannot_be_applied():
    record = upload(make_csv([row(name="")]))
    assert not record.can_apply
    assert not runs.import_request_apply(record=record, user=None, skip=1)


def test_an_unreadable_file_is_refused_and_not_stored():
    with pytest.raises(ImportRefused):
        upload("id,имя и фамилия\n1,Мария\n".encode("utf-16"))
    assert not PrisonerImport.objects.exists()


def test_records_changed_after_the_dry_run_make_the_apply_fail_without_writing():
    record = upload()
    # Someone creates one of the file's people by hand after the dry run was reviewed.
    Prisoner.objects.create(
        name_ru="Максим Знак", external_id="1002", status="convicted", publicity="none"
    )
    assert runs.import_request_apply(record=record, user=None)
    record.refresh_from_db()
    assert record.state == ImportState.FAILED
    assert record.message == str(STALE_PLAN_ERROR)
    assert Prisoner.objects.count() == 1
    again = runs.import_upload_again(record=record, user=None)
    assert again.pk != record.pk
    assert again.counts == {
        "new": 1,
        "changed": 1,
        "unchanged": 0,
        "invalid": 0,
        "warning": 0,
        "blocking": 0,
    }


def test_a_large_file_is_planned_and_applied_by_the_worker_after_commit(
    background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record = upload()
    assert record.state == ImportState.PLANNING
    assert runs.import_progress(record)["running"]
    for callback in callbacks:  # the task queue runs synchronously in tests
        callback()
    record.refresh_from_db()
    assert record.state == ImportState.PLANNED
    assert runs.import_progress(record) | {"state_label": ""} == {
        "state": ImportState.PLANNED,
        "state_label": "",
        "running": False,
        "phase": staging.PLANNING_PHASE,
        "phase_label": str(runs.PHASE_LABELS[staging.PLANNING_PHASE]),
        "done": 2,
        "total": 2,
        "percent": 100,
    }

    with django_capture_on_commit_callbacks(execute=True):
        assert runs.import_request_apply(record=record, user=None)
    record.refresh_from_db()
    assert record.state == ImportState.APPLIED
    assert Prisoner.objects.count() == 2
    assert runs.import_progress(record)["phase"] == "writing"


def test_the_worker_writes_messages_in_the_uploaders_language(
    background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, translation.override("ru"):
        record = upload(make_csv([row(name="")]))
    for callback in callbacks:
        callback()
    record.refresh_from_db()
    with translation.override("ru"):
        expected = str(MISSING_NAME_ERROR)
    assert record.rows[0]["errors"] == [expected]
    assert expected != "The name is empty."


def test_a_status_change_in_the_file_becomes_history_through_the_stored_import():
    first = upload(make_csv([row()]))
    runs.import_request_apply(record=first, user=None)
    second = upload(make_csv([row(status="former", release_date="01.02.2025")]))
    assert second.counts["changed"] == 1
    runs.import_request_apply(record=second, user=None)
    second.refresh_from_db()
    assert second.result["status_changes"] == 1
    change = StatusChange.objects.get()
    assert change.effective_on.isoformat() == "2025-02-01"


def test_a_bug_ends_the_import_visibly_instead_of_leaving_it_running(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(runs, "import_plan", broken)
    record = upload()
    assert record.state == ImportState.FAILED
    assert record.message == str(staging.UNEXPECTED_ERROR)
    assert not runs.import_progress(record)["running"]


def test_the_file_is_dropped_once_applied_or_refused_and_kept_while_it_may_be_retried():
    applied = upload()
    runs.import_request_apply(record=applied, user=None)
    applied.refresh_from_db()
    assert bytes(applied.content) == b""
    assert applied.fingerprint

    refused = upload(b"id,notes\n1,x\n")  # readable, but not the list: no name column
    refused.refresh_from_db()
    assert refused.state == ImportState.REFUSED
    assert bytes(refused.content) == b""

    planned = upload()
    assert bytes(PrisonerImport.objects.get(pk=planned.pk).content) == TWO_ROWS


def _worker_died(record: PrisonerImport, step: str, *, attempts: int) -> None:
    """What a killed worker leaves: the step's job running, its heartbeat a while ago."""
    state = ImportState.APPLYING if step == "apply" else ImportState.PLANNING
    job = BackgroundJob.objects.create(
        kind=runs.PRISONER_LIST.job_kind(step),
        target_id=record.pk,
        status=JobStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=1),
    )
    PrisonerImport.objects.filter(pk=record.pk).update(state=state, job=job)


def test_a_step_whose_worker_died_twice_ends_visibly_and_can_be_run_again():
    record = upload()
    _worker_died(record, "apply", attempts=2)

    jobs.jobs_sweep()

    record.refresh_from_db()
    assert record.state == ImportState.FAILED
    assert record.message == str(staging.STALE_ERROR)
    assert not runs.import_progress(record)["running"]
    again = runs.import_upload_again(record=record, user=None)
    assert again.state == ImportState.PLANNED
    assert Prisoner.objects.count() == 0


def test_a_step_whose_worker_died_once_is_run_again_by_the_sweep(
    background, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = upload()
    record.refresh_from_db()
    PrisonerImport.objects.filter(pk=record.pk).update(applied_by=None)
    _worker_died(record, "apply", attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_sweep().requeued == 1

    record.refresh_from_db()
    assert record.state == ImportState.APPLIED
    assert Prisoner.objects.count() == 2


def test_a_running_step_is_not_failed_early_and_a_finished_one_is_never_overwritten():
    record = upload()
    _worker_died(record, "apply", attempts=1)
    BackgroundJob.objects.filter(pk=record.job_id).update(heartbeat_at=timezone.now())
    jobs.jobs_sweep()
    record.refresh_from_db()
    assert record.state == ImportState.APPLYING

    applied = upload()
    runs.import_request_apply(record=applied, user=None)
    runs.PRISONER_LIST.finish(applied, ImportState.FAILED, message="late")
    applied.refresh_from_db()
    assert applied.state == ImportState.APPLIED
