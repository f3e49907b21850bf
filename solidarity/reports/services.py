"""Asking for a Congress report, producing its files in the background, and handing them out.

A report names people (all of them, in the internal variant): it is generated and downloaded by
organisers only, every download is audited, and its files live in private storage.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.jobs import Progress, job_enqueue
from solidarity.common.models import JobError
from solidarity.common.uploads import delete_files_on_commit

from .formats import report_about, report_csv_zip, report_html, report_pdf, report_xlsx
from .models import ReportRun, ReportStatus

if TYPE_CHECKING:
    from .builder import Scope

# The kind of background job that generates a report (registered in tasks.py).
REPORT_JOB = "report"
GENERATING_PHASE = "generating"
DOWNLOAD_LOG = "solidarity.report_download"
MAX_PERIOD = datetime.timedelta(days=366 * 10)
# Format -> (file field, extension, content type). The order is the order of generation.
FORMATS = {
    "html": ("html_file", "html", "text/html; charset=utf-8"),
    "pdf": ("pdf_file", "pdf", "application/pdf"),
    "xlsx": (
        "xlsx_file",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "csv": ("csv_zip_file", "zip", "application/zip"),
}
FAILED_MESSAGE = _(
    "The report could not be generated. The error is logged; try again or ask an admin."
)
STALLED_MESSAGE = _(
    "The report stopped before it was ready (its worker stopped twice). Generate it again."
)


def report_run_request(
    *,
    by: User,
    variant: str,
    start: datetime.date,
    end: datetime.date,
    scope: Scope,
    language: str,
) -> ReportRun:
    """Record the request and generate the report once the request's transaction commits."""
    if not can_manage_godparents(by):
        raise PermissionDenied
    report_period_validate(start, end)
    run = ReportRun(
        variant=variant,
        period_start=start,
        period_end=end,
        scope=scope.as_json(),
        language=language,
        created_by=by,
    )
    run.full_clean()
    run.save()
    log(instance=run, action="wagtail.create", user=by)
    _enqueue(run)
    return run


def _enqueue(run: ReportRun) -> None:
    """A background job generates it once the request commits (`solidarity.common.jobs`)."""
    job = job_enqueue(kind=REPORT_JOB, target_id=run.pk, phase=GENERATING_PHASE, total=100)
    ReportRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job


def report_period_validate(start: datetime.date, end: datetime.date) -> None:
    """A period that ends after it starts, not in the future, and at most ten years long."""
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if end > timezone.localdate():
        raise ValidationError({"period_end": _("The period cannot end in the future.")})
    if end - start > MAX_PERIOD:
        raise ValidationError({"period_start": _("A report covers at most ten years.")})


def report_run_generate(*, run_id: int, progress: Progress | None = None) -> bool:
    """Build the figures and write every file (the job's handler); False when there is nothing
    to generate (done, failed, or deleted meanwhile).

    The job kernel runs one attempt at a time, so a run left "running" by a dead worker is the
    kernel's retry of it, taken over here; a bug raises, and the kernel fails the job and calls
    `report_run_job_failed`.
    """
    taken = ReportRun.objects.filter(
        pk=run_id, status__in=(ReportStatus.PENDING, ReportStatus.RUNNING)
    ).update(status=ReportStatus.RUNNING, started_at=timezone.now(), finished_at=None, error="")
    if not taken:
        return False
    run = ReportRun.objects.get(pk=run_id)
    progress = progress or _unwatched
    progress(GENERATING_PHASE, 5, 100)
    with translation.override(run.language):
        files = _produce(run, progress)
    _store(run, files)
    return True


def _unwatched(phase: str, done: int, total: int) -> None:
    """Progress of a generation run outside a job (a direct call): nobody watches it."""


def report_run_job_failed(run_id: int, error: str) -> None:
    """The job failed (a bug, or its worker died twice): the run says so, in its language, with
    a fixed sentence (never the exception's message: it may quote a name)."""
    run = ReportRun.objects.filter(pk=run_id).only("language").first()
    if run is None:
        return
    message = STALLED_MESSAGE if error == JobError.STALLED else FAILED_MESSAGE
    with translation.override(run.language):
        ReportRun.objects.filter(
            pk=run_id, status__in=(ReportStatus.PENDING, ReportStatus.RUNNING)
        ).update(status=ReportStatus.FAILED, error=str(message), finished_at=timezone.now())


def report_run_busy(run: ReportRun) -> bool:
    """Being generated (or about to be): its page reloads, it is neither deleted nor retried.

    A run whose worker died stays busy until the job kernel's sweep retries or fails it (within
    two minutes), never forever.
    """
    return run.status in (ReportStatus.PENDING, ReportStatus.RUNNING)


def report_run_retryable(run: ReportRun) -> bool:
    """Failed: generated again on request ("Generate again")."""
    return run.status == ReportStatus.FAILED


def report_run_retry(*, run: ReportRun, by: User) -> None:
    """Generate a failed run again, with the same parameters."""
    if not can_manage_godparents(by):
        raise PermissionDenied
    if not report_run_retryable(run):
        raise ValidationError(_("This report is being generated or is ready."))
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportStatus.PENDING, error="", started_at=None, finished_at=None
    )
    log(instance=run, action="wagtail.edit", user=by)
    _enqueue(run)


def _produce(run: ReportRun, progress: Progress) -> dict[str, bytes]:
    # The builder and the document are imported by the worker that makes a report, not at every
    # start-up (the admin imports this module).
    from .builder import Scope, report_build
    from .document import report_document

    report = report_build(
        start=run.period_start,
        end=run.period_end,
        variant=run.variant,
        scope=Scope.from_json(run.scope),
    )
    progress(GENERATING_PHASE, 40, 100)
    sections, generated_at = report_document(report), timezone.localtime()
    html = report_html(report, sections, generated_at=generated_at)
    progress(GENERATING_PHASE, 50, 100)
    pdf = report_pdf(html)
    progress(GENERATING_PHASE, 85, 100)
    about = report_about(report, generated_at=generated_at)
    xlsx = report_xlsx(sections, about)
    progress(GENERATING_PHASE, 95, 100)
    csv_zip = report_csv_zip(sections, about)
    return {"html": html.encode(), "pdf": pdf, "xlsx": xlsx, "csv": csv_zip}


def _store(run: ReportRun, files: dict[str, bytes]) -> None:
    """Write every file, then point the row at them, then delete what a lost worker left.

    Named by the run's id only: a storage path must not say whose report it is. If the run was
    deleted meanwhile, its new files go too: an orphaned report would name people forever.
    """
    storage = storages["private"]
    written = {
        field: storage.save(f"reports/report-{run.pk}.{extension}", ContentFile(files[name]))
        for name, (field, extension, _type) in FORMATS.items()
    }
    updated = ReportRun.objects.filter(pk=run.pk, status=ReportStatus.RUNNING).update(
        **written, status=ReportStatus.DONE, error="", finished_at=timezone.now()
    )
    old = [getattr(run, field).name for field in written]
    delete_files_on_commit(storage, old if updated else list(written.values()))


def report_file_open(*, run: ReportRun, file_format: str, by: User) -> FieldFile | None:
    """The stored file of a finished run, for an organiser; every opening is audited."""
    if not can_manage_godparents(by):
        raise PermissionDenied
    field = FORMATS[file_format][0]
    stored: FieldFile = getattr(run, field)
    if run.status != ReportStatus.DONE or not stored:
        return None
    log(instance=run, action=DOWNLOAD_LOG, user=by, data={"format": file_format})
    return stored
