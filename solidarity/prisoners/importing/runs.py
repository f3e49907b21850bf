"""Imports started from the admin: upload, dry run, apply; large files in a background task.

A PrisonerImport row carries the state between the steps. Each step moves the state forward
with a conditional update, so a double click, a retried task or a second worker never plans or
applies the same file twice. Progress lives in the "progress" cache, outside the database,
because the apply's transaction stays open while it reports.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import asdict

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task
from wagtail.log_actions import log

from solidarity.common.tables import ImportRefused, read_rows
from solidarity.prisoners.choices import RUNNING_IMPORT_STATES, ImportState
from solidarity.prisoners.models import PrisonerImport
from solidarity.prisoners.signals import status_change_audience

from .apply import ApplyPhase, ImportResult, import_apply_file
from .plan import ImportPlan, import_plan

logger = logging.getLogger(__name__)

# Files with more data rows than this are planned and applied by a background worker.
BACKGROUND_ROWS = 500
PROGRESS_SECONDS = 24 * 60 * 60
# A step still running after this long was killed (the task timeout is 600 s): say so.
STALE_AFTER = datetime.timedelta(minutes=15)
IMPORT_APPLIED_ACTION = "solidarity.import_applied"

PLANNING_PHASE = "planning"
PHASE_LABELS = {
    PLANNING_PHASE: _("Comparing the file with the records"),
    **dict(ApplyPhase.choices),
}
UNEXPECTED_ERROR = _(
    "The import stopped on an unexpected error; nothing was written. The error is in the "
    "server's log: tell the technical team the import's number."
)
STALE_ERROR = _(
    "The import stopped without finishing (the server or its worker was restarted); nothing "
    "was written. Run the dry run again."
)


def import_upload(
    *, content: bytes, filename: str, language: str, publicity: str, user
) -> PrisonerImport:
    """Store an uploaded file and start its dry run (now, or in the background if large).

    A file that cannot be read at all (size, encoding, format) raises ImportRefused and is not
    stored.
    """
    rows = read_rows(content=content, filename=filename)
    record = PrisonerImport.objects.create(
        filename=filename[:255],
        content=content,
        requested_language=language,
        publicity=publicity,
        ui_language=translation.get_language() or "en",
        row_count=sum(1 for row in rows[1:] if row),
        created_by=user,
    )
    _run_or_enqueue(record, PLAN_TASK, phase=PLANNING_PHASE)
    return record


def import_upload_again(*, record: PrisonerImport, user) -> PrisonerImport:
    """A new dry run of the same file, e.g. after the records changed under a reviewed one."""
    return import_upload(
        content=bytes(record.content),
        filename=record.filename,
        language=record.requested_language,
        publicity=record.publicity,
        user=user,
    )


def import_run_plan(*, import_id: int) -> None:
    """The dry run of a stored file (the task entry point; safe to run twice)."""
    record = PrisonerImport.objects.filter(pk=import_id, state=ImportState.PLANNING).first()
    if record is not None:
        _guarded(record, _plan)


def _plan(record: PrisonerImport) -> None:
    with translation.override(record.ui_language):
        try:
            plan = import_plan(
                content=bytes(record.content),
                filename=record.filename,
                language=record.requested_language or None,
                publicity=record.publicity,
                progress=lambda done, total: _report(record, PLANNING_PHASE, done, total),
            )
        except ImportRefused as error:
            _finish(record, ImportState.REFUSED, message=error.message)
            return
        _store_plan(record, plan)


def import_request_apply(*, record: PrisonerImport, user, skip: int | None = None) -> bool:
    """Start applying a dry run's valid rows; False when it is not (or no longer) applicable.

    `skip` is the number of invalid rows the user confirmed to skip ("apply N, skip M"): a
    confirmation given for another count (say, an older page) applies nothing.
    """
    if not record.can_apply or (skip is not None and skip != record.to_skip):
        return False
    started = PrisonerImport.objects.filter(pk=record.pk, state=ImportState.PLANNED).update(
        state=ImportState.APPLYING, applied_by=user, updated_at=timezone.now()
    )
    if not started:
        return False
    record.refresh_from_db()
    _run_or_enqueue(record, APPLY_TASK, phase="checking")
    return True


def import_run_apply(*, import_id: int) -> None:
    """Apply a stored dry run in one transaction (the task entry point; safe to run twice).

    The state becomes APPLIED in the same transaction as the records, so a worker that dies
    half-way leaves the import APPLYING with nothing written, and the retry starts over.
    """
    record = PrisonerImport.objects.filter(pk=import_id, state=ImportState.APPLYING).first()
    if record is not None:
        _guarded(record, _apply)


def _apply(record: PrisonerImport) -> None:
    with translation.override(record.ui_language):
        try:
            with transaction.atomic():
                # Two workers given the same task: the second waits here, then finds it done.
                running = PrisonerImport.objects.select_for_update().filter(
                    pk=record.pk, state=ImportState.APPLYING
                )
                if not running.exists():
                    return
                result = import_apply_file(
                    content=bytes(record.content),
                    filename=record.filename,
                    language=record.language,
                    publicity=record.publicity,
                    fingerprint=record.fingerprint,
                    user=record.applied_by,
                    progress=lambda phase, done, total: _report(record, phase, done, total),
                )
                _store_result(record, result)
        except ImportRefused as error:
            _finish(record, ImportState.FAILED, message=error.message)


def import_expire_if_stale(record: PrisonerImport) -> None:
    """A step killed with its worker or request leaves no task to finish it: end it visibly."""
    if record.is_running and timezone.now() - record.updated_at > STALE_AFTER:
        with translation.override(record.ui_language):
            _finish(record, ImportState.FAILED, message=str(STALE_ERROR))
        record.refresh_from_db(fields=["state", "message", "updated_at"])


def import_progress(record: PrisonerImport) -> dict:
    """What a progress bar shows: the current step, rows done and in all, and a percentage."""
    data = caches["progress"].get(_progress_key(record.pk)) or {}
    done, total = data.get("done", 0), data.get("total", 0) or record.row_count
    phase = data.get("phase", PLANNING_PHASE)
    return {
        "state": record.state,
        "state_label": str(record.get_state_display()),
        "running": record.is_running,
        "phase": phase,
        "phase_label": str(PHASE_LABELS.get(phase, "")),
        "done": done,
        "total": total,
        "percent": min(100, round(100 * done / total)) if total else 0,
    }


# Steps ----------------------------------------------------------------------------------------

PLAN_TASK = "solidarity.prisoners.tasks.plan_import"
APPLY_TASK = "solidarity.prisoners.tasks.apply_import"


def _run_or_enqueue(record: PrisonerImport, task: str, *, phase: str) -> None:
    """Small files are handled within the request; large ones by a worker after commit."""
    if record.row_count <= BACKGROUND_ROWS:
        runner = import_run_plan if task == PLAN_TASK else import_run_apply
        runner(import_id=record.pk)
        record.refresh_from_db()
        return
    _report(record, phase, 0, record.row_count)
    transaction.on_commit(
        lambda: async_task(
            task, record.pk, task_name=f"{task.rsplit('.', 1)[-1]}-{record.pk}", group="imports"
        )
    )


def _guarded(record: PrisonerImport, step: Callable[[PrisonerImport], None]) -> None:
    """A bug must end the import visibly (state FAILED), not leave a progress bar spinning.

    Nothing of the file goes to the log: only the import's id and the exception.
    """
    try:
        step(record)
    except Exception:
        logger.exception("Import %s failed unexpectedly", record.pk)
        with translation.override(record.ui_language):
            _finish(record, ImportState.FAILED, message=str(UNEXPECTED_ERROR))


def _store_plan(record: PrisonerImport, plan: ImportPlan) -> None:
    PrisonerImport.objects.filter(pk=record.pk, state=ImportState.PLANNING).update(
        language=plan.language,
        counts=plan.counts,
        rows=[_row_data(row) for row in plan.rows],
        missing=[asdict(item) for item in plan.missing],
        summary=_summary_data(plan),
        ignored_columns=plan.ignored_columns,
        fingerprint=plan.fingerprint,
        state=ImportState.PLANNED,
        updated_at=timezone.now(),
    )


SUMMARY_EXPANDED = 20
# People listed per kind of change (the count says how many in all): a file that lists a few
# people of a 20,000-record list must not store and render 20,000 "no longer on the list".
SUMMARY_PEOPLE = 500


def _summary_data(plan: ImportPlan) -> list[dict]:
    """The dry run's summary as stored for review: each person with the godparents whom the
    change concerns (asked of the apps above through `status_change_audience`, one query)."""
    groups = plan.summary
    ids = [
        entry.prisoner_id
        for group in groups
        if group.kind not in ("new", "gone")  # nobody is told of these
        for entry in group.entries[:SUMMARY_PEOPLE]
        if entry.prisoner_id
    ]
    audience: dict[int, list[str]] = {}
    if ids:
        answers = status_change_audience.send(sender=PrisonerImport, prisoner_ids=ids)
        for _receiver, names in answers:
            if isinstance(names, dict):  # a receiver that knows nobody may return None
                for prisoner_id, people in names.items():
                    audience.setdefault(prisoner_id, []).extend(people)
    return [
        {
            "kind": group.kind,
            "label": group.label,
            "count": len(group.entries),
            "more": max(0, len(group.entries) - SUMMARY_PEOPLE),
            # New people have no godparents yet; a long list or the records no longer listed
            # start folded, so that the releases stay in view.
            "concerns_godparents": group.kind != "new",
            "expanded": len(group.entries) <= SUMMARY_EXPANDED and group.kind != "gone",
            "people": [
                {
                    "line": entry.line,
                    "name": entry.name,
                    "prisoner": entry.prisoner_id,
                    "godparents": audience.get(entry.prisoner_id or 0, []),
                }
                for entry in group.entries[:SUMMARY_PEOPLE]
            ],
        }
        for group in groups
    ]


def _row_data(row) -> dict:
    """A row of the dry run as the review table shows it: plain, translated text."""
    return {
        "line": row.line,
        "name": row.name,
        "id": row.external_id,
        "action": str(row.action),
        "prisoner": row.prisoner_id,
        "errors": row.errors,
        "warnings": row.warnings,
        "changes": [[change.field, change.old, change.new] for change in row.changes],
    }


def _store_result(record: PrisonerImport, result: ImportResult) -> None:
    """The outcome; the file itself is dropped, since it may carry columns the import ignored."""
    record.result = asdict(result)
    record.state = ImportState.APPLIED
    record.applied_at = timezone.now()
    record.content = b""
    record.save(update_fields=["result", "state", "applied_at", "content", "updated_at"])
    log(
        instance=record,
        action=IMPORT_APPLIED_ACTION,
        user=record.applied_by,
        data={"file": record.filename, **asdict(result)},
    )


def _finish(record: PrisonerImport, state: str, *, message: str) -> None:
    """End a running step; never overwrites an import that another run already finished.

    A refused file is dropped at once (it is unreadable or not the list); a failed one is kept
    for "Run the dry run again".
    """
    changes = {"state": state, "message": message, "updated_at": timezone.now()}
    if state == ImportState.REFUSED:
        changes["content"] = b""
    PrisonerImport.objects.filter(pk=record.pk, state__in=RUNNING_IMPORT_STATES).update(**changes)


def _report(record: PrisonerImport, phase: str, done: int, total: int) -> None:
    caches["progress"].set(
        _progress_key(record.pk),
        {"phase": str(phase), "done": done, "total": total},
        PROGRESS_SECONDS,
    )


def _progress_key(import_id: int) -> str:
    return f"prisoner-import-{import_id}"
