"""Asking for a Congress report, producing its files in the background, and handing them out.

A report names people (all of them, in the internal variant): it is generated and downloaded by
organisers only, every download is audited, and its files live in private storage.
"""

from __future__ import annotations

import datetime
import logging
import traceback
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.uploads import delete_files_on_commit

from .formats import report_about, report_csv_zip, report_html, report_pdf, report_xlsx
from .models import ReportRun, ReportStatus

if TYPE_CHECKING:
    from .builder import Scope

logger = logging.getLogger(__name__)

GENERATE_TASK = "solidarity.reports.tasks.generate"
DOWNLOAD_LOG = "solidarity.report_download"
# A run still "running" after this long lost its worker: longer than a task may run (Q_CLUSTER
# "timeout", 10 min), shorter than the broker waits before delivering it again ("retry", 12 min),
# so that the redelivery takes it over. An organiser may also generate it again from its page.
STALE_AFTER = datetime.timedelta(minutes=11)
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
    """Once the request commits: a worker must find the run it is given."""
    transaction.on_commit(
        lambda: async_task(
            GENERATE_TASK, run.pk, task_name=f"report-{run.pk}", group="reports", save=False
        )
    )


def report_period_validate(start: datetime.date, end: datetime.date) -> None:
    """A period that ends after it starts, not in the future, and at most ten years long."""
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    if end > timezone.localdate():
        raise ValidationError({"period_end": _("The period cannot end in the future.")})
    if end - start > MAX_PERIOD:
        raise ValidationError({"period_start": _("A report covers at most ten years.")})


def report_run_generate(*, run_id: int) -> bool:
    """Build the figures and write every file; False when another worker has the run.

    Idempotent for the broker's at-least-once delivery: a finished run is left alone, and a run
    left "running" by a dead worker is taken over once it is stale.
    """
    now = timezone.now()
    takeable = Q(status=ReportStatus.PENDING) | Q(
        status=ReportStatus.RUNNING, started_at__lt=now - STALE_AFTER
    )
    taken = ReportRun.objects.filter(takeable, pk=run_id).update(
        status=ReportStatus.RUNNING, progress=5, started_at=now, error=""
    )
    if not taken:
        return False
    run = ReportRun.objects.get(pk=run_id)
    try:
        with translation.override(run.language):
            files = _produce(run)
        _store(run, files)
    except Exception as error:
        # The frames and the exception's type, not its message: a message may quote a name.
        frames = "".join(traceback.format_tb(error.__traceback__))
        logger.error("Report %s failed: %s\n%s", run_id, type(error).__name__, frames)
        with translation.override(run.language):
            ReportRun.objects.filter(pk=run_id, status=ReportStatus.RUNNING).update(
                status=ReportStatus.FAILED, error=str(FAILED_MESSAGE), finished_at=timezone.now()
            )
    return True


def report_run_stalled(run: ReportRun) -> bool:
    """Pending or running for longer than any worker takes: its task was lost."""
    active = run.status in (ReportStatus.PENDING, ReportStatus.RUNNING)
    since = run.started_at or run.created_at
    return active and timezone.now() - since > STALE_AFTER


def report_run_busy(run: ReportRun) -> bool:
    """Being generated by a live job: its page reloads, and it is neither deleted nor retried."""
    active = run.status in (ReportStatus.PENDING, ReportStatus.RUNNING)
    return active and not report_run_stalled(run)


def report_run_retryable(run: ReportRun) -> bool:
    """Failed, or stalled: its job was lost."""
    return run.status == ReportStatus.FAILED or report_run_stalled(run)


def report_run_retry(*, run: ReportRun, by: User) -> None:
    """Generate a failed or stalled run again, with the same parameters."""
    if not can_manage_godparents(by):
        raise PermissionDenied
    if not report_run_retryable(run):
        raise ValidationError(_("This report is being generated or is ready."))
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportStatus.PENDING, progress=0, error="", started_at=None, finished_at=None
    )
    log(instance=run, action="wagtail.edit", user=by)
    _enqueue(run)


def _progress(run: ReportRun, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk).update(progress=percent)


def _produce(run: ReportRun) -> dict[str, bytes]:
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
    _progress(run, 40)
    sections, generated_at = report_document(report), timezone.localtime()
    html = report_html(report, sections, generated_at=generated_at)
    _progress(run, 50)
    pdf = report_pdf(html)
    _progress(run, 85)
    about = report_about(report, generated_at=generated_at)
    xlsx = report_xlsx(sections, about)
    _progress(run, 95)
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
        **written, status=ReportStatus.DONE, progress=100, error="", finished_at=timezone.now()
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
