"""Asking for a report in the admin, its background generation, and organiser-only downloads."""

import datetime
import io
import logging
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.common import jobs
from solidarity.common.models import BackgroundJob, JobError, JobStatus
from solidarity.reports import services
from solidarity.reports.builder import Scope
from solidarity.reports.models import ReportRun, ReportStatus
from solidarity.reports.services import (
    DOWNLOAD_LOG,
    report_run_generate,
    report_run_request,
)
from tests.factories.accounts import user_with_role
from tests.submissions import with_submission

from .world import END, START

pytestmark = pytest.mark.django_db
VIEWSET = "wagtailsnippets_reports_reportrun"


def _url(view: str, *args) -> str:
    return reverse(f"{VIEWSET}:{view}", args=args)


@pytest.fixture
def organiser():
    return user_with_role(Role.ORGANISER)


@pytest.fixture
def quick_pdf(monkeypatch):
    """For tests of a run's life (retries, sweeps, deletion), not of its document: WeasyPrint's
    second or two per PDF is spent in tests/reports/test_formats.py and the test just below."""
    monkeypatch.setattr(services, "report_pdf", lambda html: b"%PDF-1.7\n% lifecycle test\n")


def _ask(organiser, **overrides) -> ReportRun:
    parameters = {
        "by": organiser,
        "variant": "public",
        "start": START,
        "end": END,
        "scope": Scope(),
        "language": "en",
    } | overrides
    return report_run_request(**parameters)


def test_an_organiser_asks_in_the_admin_and_downloads_every_file(client, organiser, world, outbox):
    client.force_login(organiser)
    form = client.get(_url("add")).content.decode()
    assert 'name="countries"' in form
    assert 'value="DE"' in form  # the countries of known parliaments

    response = client.post(
        _url("add"),
        with_submission(
            client,
            _url("add"),
            {
                "variant": "public",
                "period_start": START.isoformat(),
                "period_end": END.isoformat(),
                "language": "en",
                "countries": ["DE"],
            },
        ),
    )

    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("inspect", run.pk)
    assert run.scope == {"countries": ["DE"]}
    assert run.created_by == organiser
    assert run.status == ReportStatus.DONE  # the task ran on commit (synchronous in tests)
    assert run.progress == 100
    page = client.get(_url("inspect", run.pk))
    assert "Refresh" not in page
    assert "Germany" in page.content.decode()
    for file_format in ("html", "pdf", "xlsx", "csv"):
        assert _url("download", run.pk, file_format) in page.content.decode()

    html = client.get(_url("download", run.pk, "html"))
    pdf = client.get(_url("download", run.pk, "pdf"))
    xlsx = client.get(_url("download", run.pk, "xlsx"))
    csv_zip = client.get(_url("download", run.pk, "csv"))

    assert html["Content-Type"].startswith("text/html")
    assert "attachment" not in html.get("Content-Disposition", "")
    assert (
        html["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "Summary" in load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).sheetnames
    assert zipfile.ZipFile(io.BytesIO(b"".join(csv_zip.streaming_content))).namelist()
    assert f"congress-report-{START}-{END}-public.pdf" in pdf["Content-Disposition"]
    assert "no-store" in pdf["Cache-Control"]
    opened = ModelLogEntry.objects.filter(action=DOWNLOAD_LOG, object_id=str(run.pk))
    assert opened.count() == 4
    assert {entry.data["format"] for entry in opened} == {"html", "pdf", "xlsx", "csv"}


def test_the_page_reloads_itself_and_shows_the_progress_until_the_report_is_ready(
    client, organiser, world, quick_pdf
):
    run = _ask(organiser)  # no commit: the task has not run
    client.force_login(organiser)

    waiting = client.get(_url("inspect", run.pk))
    assert waiting["Refresh"] == "3"
    assert '<progress id="report-progress" max="100" value="0">' in waiting.content.decode()
    assert _url("download", run.pk, "pdf") not in waiting.content.decode()
    assert client.get(_url("download", run.pk, "pdf"), follow=True).status_code == 404

    assert jobs.job_run(run.job_id)

    ready = client.get(_url("inspect", run.pk))
    assert "Refresh" not in ready
    assert _url("download", run.pk, "pdf") in ready.content.decode()


def test_the_edit_url_shows_the_run_because_its_parameters_are_fixed(client, organiser, world):
    run = _ask(organiser)
    client.force_login(organiser)

    response = client.post(_url("edit", run.pk), {"variant": "internal"})

    assert response.status_code == 302
    assert response["Location"] == _url("inspect", run.pk)
    run.refresh_from_db()
    assert run.variant == "public"
    assert _url("inspect", run.pk) in client.get(_url("list")).content.decode()


def test_a_delivered_twice_task_generates_once(organiser, world, outbox, quick_pdf):
    run = _ask(organiser)  # generated at once: on-commit hooks run at once here

    run.refresh_from_db()
    assert run.status == ReportStatus.DONE
    first_pdf = run.pdf_file.name
    assert not jobs.job_run(run.job_id)  # delivered again: left alone
    run.refresh_from_db()
    assert run.pdf_file.name == first_pdf


def _worker_died(run: ReportRun, *, attempts: int) -> None:
    """What a killed worker leaves: the run "running", its job's heartbeat a while ago."""
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), finished_at=None
    )
    BackgroundJob.objects.filter(pk=run.job_id).update(
        status=JobStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=1),
    )


def test_a_run_whose_worker_died_is_generated_again_by_the_sweep(
    organiser, world, django_capture_on_commit_callbacks, quick_pdf
):
    run = _ask(organiser)  # queued; no commit, no worker
    _worker_died(run, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_sweep().requeued == 1

    run.refresh_from_db()
    assert run.status == ReportStatus.DONE
    assert run.pdf_file.storage.exists(run.pdf_file.name)
    assert BackgroundJob.objects.get(pk=run.job_id).attempts == 2


def test_a_run_whose_worker_died_twice_fails_and_is_generated_again_on_request(
    client, organiser, world, outbox, quick_pdf
):
    run = _ask(organiser, language="en")
    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.PENDING)
    BackgroundJob.objects.filter(pk=run.job_id).update(status=JobStatus.QUEUED)
    _worker_died(run, attempts=2)
    client.force_login(organiser)
    assert client.get(_url("inspect", run.pk))["Refresh"] == "3"  # running, as far as we know

    assert jobs.jobs_sweep().failed == 1

    run.refresh_from_db()
    assert run.status == ReportStatus.FAILED
    assert run.error == str(services.STALLED_MESSAGE)
    page = client.get(_url("inspect", run.pk))
    assert "Refresh" not in page
    assert str(services.STALLED_MESSAGE) in page.content.decode()
    assert "Generate again" in page.content.decode()
    assert _url("retry", run.pk) in page.content.decode()

    client.post(_url("retry", run.pk))

    run.refresh_from_db()
    assert (run.status, run.error) == (ReportStatus.DONE, "")


def test_a_failure_ends_the_run_visibly_and_logs_no_figure(organiser, world, monkeypatch, caplog):
    run = _ask(organiser, variant="internal")

    def broken(report, sections, **kwargs):
        raise RuntimeError(f"cannot render {sections[-1].tables[0].rows[0][0]}")

    monkeypatch.setattr(services, "report_html", broken)
    with caplog.at_level(logging.ERROR):
        jobs.job_run(run.job_id)

    run.refresh_from_db()
    assert run.status == ReportStatus.FAILED
    assert run.finished_at is not None
    assert "could not be generated" in run.error
    assert "Godparent" not in run.error
    assert f"Job {run.job_id} (report {run.pk}) failed: RuntimeError" in caplog.text
    assert "Godparent" not in caplog.text
    assert BackgroundJob.objects.get(pk=run.job_id).error == JobError.ERROR


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT, None])
def test_only_organisers_may_ask(role, world):
    with pytest.raises(PermissionDenied):
        _ask(user_with_role(role))
    assert not ReportRun.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (END, START, "period_end"),
        (START, timezone.localdate() + datetime.timedelta(days=1), "period_end"),
        (datetime.date(2000, 1, 1), END, "period_start"),
    ],
    ids=["reversed", "future", "too-long"],
)
def test_a_period_that_makes_no_sense_is_refused_with_a_reason(organiser, start, end, field):
    with pytest.raises(ValidationError) as error:
        _ask(organiser, start=start, end=end)
    assert field in error.value.message_dict
    assert not ReportRun.objects.exists()


def test_the_admin_form_explains_a_refused_period_and_creates_nothing(client, organiser):
    client.force_login(organiser)

    response = client.post(
        _url("add"),
        with_submission(
            client,
            _url("add"),
            {
                "variant": "public",
                "period_start": END.isoformat(),
                "period_end": START.isoformat(),
                "language": "en",
            },
        ),
    )

    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    assert not ReportRun.objects.exists()


def test_deleting_a_run_deletes_its_files_after_the_commit(
    client, organiser, world, outbox, quick_pdf
):
    run = _ask(organiser)
    run.refresh_from_db()
    storage, names = run.pdf_file.storage, [run.pdf_file.name, run.html_file.name]
    assert all(storage.exists(name) for name in names)
    client.force_login(organiser)

    client.post(_url("delete", run.pk))

    assert not ReportRun.objects.exists()
    assert not any(storage.exists(name) for name in names)


def test_an_organiser_generates_a_failed_run_again(client, organiser, world, outbox, quick_pdf):
    run = _ask(organiser)
    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.FAILED, error="x")
    client.force_login(organiser)
    page = client.get(_url("inspect", run.pk)).content.decode()
    assert _url("retry", run.pk) in page

    client.post(_url("retry", run.pk))

    run.refresh_from_db()
    assert run.status == ReportStatus.DONE  # enqueued again, and run (synchronous here)
    assert run.error == ""


def test_a_run_being_generated_is_neither_generated_again_nor_deleted(client, organiser, world):
    run = _ask(organiser)  # pending, its job fresh
    client.force_login(organiser)

    client.post(_url("retry", run.pk))
    client.post(_url("delete", run.pk))

    assert ReportRun.objects.get().status == ReportStatus.PENDING
    with pytest.raises(ValidationError):
        services.report_run_retry(run=run, by=organiser)
    with pytest.raises(PermissionDenied):
        services.report_run_retry(run=run, by=user_with_role(Role.DEFENDER))


def test_the_files_of_a_run_deleted_while_it_was_generated_are_deleted_too(
    organiser, world, outbox, monkeypatch, quick_pdf
):
    run = _ask(organiser, language="en")
    ReportRun.objects.filter(pk=run.pk).update(status=ReportStatus.PENDING, finished_at=None)
    storage = run.pdf_file.storage
    real_store = services._store

    def deleted_meanwhile(run, files):
        ReportRun.objects.filter(pk=run.pk).delete()
        real_store(run, files)

    monkeypatch.setattr(services, "_store", deleted_meanwhile)
    before = set(storage.listdir("reports")[1])

    report_run_generate(run_id=run.pk)

    assert set(storage.listdir("reports")[1]) <= before
