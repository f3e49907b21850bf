"""The one staged-import kernel: both imports (the defenders' list, actions from an event) go
through the same steps, background path, progress, stale detection and failure handling."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from solidarity.accounts.roles import Role
from solidarity.activity import action_import
from solidarity.common import jobs, staging
from solidarity.common.models import BackgroundJob, ImportState, JobStatus
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.importing import runs
from tests.activity import action_import_files
from tests.factories import user_with_role
from tests.prisoners.importing import files as list_files

pytestmark = pytest.mark.django_db


class Kind:
    """One kind of import as the kernel's tests drive it."""

    def __init__(self, stager, viewset, make_file, options, model_count):
        self.stager, self.viewset = stager, viewset
        self.make_file, self.options, self.model_count = make_file, options, model_count

    def upload(self, user, content=None):
        return self.stager.upload(
            content=content or self.make_file(), filename="file.csv", user=user, **self.options
        )

    def url(self, name, *args):
        with translation.override("en"):
            return reverse(f"{self.viewset}:{name}", args=args)


def _prisoner_list() -> Kind:
    from solidarity.prisoners.models import Prisoner

    return Kind(
        runs.PRISONER_LIST,
        "prisoner_import",
        lambda: list_files.make_csv(
            [list_files.row(), list_files.row(id="1002", name="Максим Знак")]
        ),
        {"requested_language": "", "publicity": Publicity.BASIC},
        Prisoner.objects.count,
    )


def _actions() -> Kind:
    from solidarity.activity.models import AdvocacyAction

    action_import_files.import_people()
    return Kind(
        action_import.ACTION_IMPORTS,
        "action_import",
        lambda: action_import_files.make_csv(
            [action_import_files.row(), action_import_files.row(title="Second")]
        ),
        {},
        AdvocacyAction.objects.count,
    )


@pytest.fixture(params=["prisoner list", "actions"])
def kind(request) -> Kind:
    return _prisoner_list() if request.param == "prisoner list" else _actions()


@pytest.fixture
def organiser():
    return user_with_role(Role.ORGANISER)


def test_a_large_file_is_planned_and_applied_by_a_worker_with_progress(
    kind, organiser, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(kind.stager, "background_rows", 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record = kind.upload(organiser)
    assert record.state == ImportState.PLANNING
    assert kind.stager.progress(record) | {"state_label": ""} == {
        "state": ImportState.PLANNING,
        "state_label": "",
        "running": True,
        "phase": staging.PLANNING_PHASE,
        "phase_label": "Comparing the file with the records",
        "done": 0,
        "total": 2,
        "percent": 0,
    }
    for callback in callbacks:  # the task queue runs synchronously in tests
        callback()
    record.refresh_from_db()
    assert record.is_planned
    assert record.to_write == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert kind.stager.request_apply(record=record, user=organiser, skip=0)
    record.refresh_from_db()
    assert record.is_applied
    assert kind.model_count() == 2
    assert kind.stager.progress(record)["done"] == 2


def test_the_progress_endpoint_answers_the_bar_for_both_kinds(kind, organiser, client):
    record = kind.upload(organiser)
    client.force_login(organiser)

    response = client.get(kind.url("status", record.pk))

    data = json.loads(response.content)
    assert (data["state"], data["running"]) == (ImportState.PLANNED, False)
    assert client.get(kind.url("status", 10**6), follow=True).status_code == 404


def test_a_step_whose_worker_died_twice_ends_visibly_and_can_be_run_again(kind, organiser, client):
    record = kind.upload(organiser)
    job = BackgroundJob.objects.create(
        kind=kind.stager.job_kind("apply"),
        target_id=record.pk,
        status=JobStatus.RUNNING,
        attempts=2,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=1),
    )
    type(record).objects.filter(pk=record.pk).update(state=ImportState.APPLYING, job=job)
    client.force_login(organiser)
    assert json.loads(client.get(kind.url("status", record.pk)).content)["running"]

    jobs.jobs_sweep()

    page = client.get(kind.url("detail", record.pk)).content.decode()
    record.refresh_from_db()
    assert record.state == ImportState.FAILED
    assert str(staging.STALE_ERROR) in page
    assert "Run the dry run again" in page
    response = client.post(kind.url("again", record.pk))
    again = type(record).objects.latest("pk")
    assert response.url == kind.url("detail", again.pk)
    assert again.is_planned
    assert kind.model_count() == 0


def test_a_bug_ends_the_import_visibly_and_logs_no_cell_of_the_file(
    kind, organiser, monkeypatch, caplog
):
    def broken(record, progress):
        raise RuntimeError("a bug")

    monkeypatch.setattr(kind.stager, "plan", broken)

    record = kind.upload(organiser)

    assert (record.state, record.message) == (ImportState.FAILED, str(staging.UNEXPECTED_ERROR))
    assert f"({kind.stager.job_kind('plan')} {record.pk}) failed: RuntimeError" in caplog.text
    assert "Колесникова" not in caplog.text
    assert "Written question" not in caplog.text


def test_a_double_click_on_apply_writes_once(kind, organiser, client):
    record = kind.upload(organiser)
    client.force_login(organiser)

    for _ in range(2):
        client.post(kind.url("apply", record.pk), {"skip": "0"})

    record.refresh_from_db()
    assert record.is_applied
    assert kind.model_count() == 2
