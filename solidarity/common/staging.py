"""The one staged-import kernel: upload → stored dry run → apply, for every import of the project.

A kind of import (the defenders' list, actions collected at an event) subclasses `Stager` and
says three things: how to count a file's rows (refusing what is not a table at all), how to
plan it (the dry run, as plain rows) and how to apply it. The kernel does the rest, the same way
for every kind:

- **Steps that cannot run twice.** Each step moves the record's state forward with a conditional
  update (`PLANNING` → `PLANNED`, `PLANNED` → `APPLYING` → `APPLIED`), so a double click, a
  retried task or a second worker never plans or applies the same file twice. Applying takes a
  row lock and writes the state in the same transaction as the data: a worker that dies half-way
  leaves nothing written and the import `APPLYING`.
- **Each step is a background job** of the project's one kernel (`solidarity.common.jobs`),
  kinds `<name>-import-plan` and `<name>-import-apply`: files of more than `background_rows`
  rows by a django-q2 worker after commit, smaller ones at once within the request. The job
  holds the progress (phase, rows done, rows in all) and the heartbeat: on PostgreSQL its
  heartbeat thread writes them on its own connection, so the bar moves while the apply's
  transaction is still open, on every machine; SQLite shows the apply's progress at its end.
  A step whose worker died is run again once by the kernel's sweep, then ends `FAILED`
  (`STALE_ERROR`, "Run the dry run again").
- **A bug ends the import visibly** (`FAILED`, with a message that says to tell the technical
  team its number), never a progress bar spinning; nothing of the file reaches the log.
- **Messages in the uploader's language**: the dry run is stored already translated, in the
  language of whoever uploaded the file (`ui_language`), also when a worker plans it.
"""

from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .jobs import Progress, job_enqueue, job_kind_register
from .models import RUNNING_IMPORT_STATES, ImportState, JobError, StagedImport
from .tables import ImportRefused

__all__ = ["PLANNING_PHASE", "Progress", "StagedPlan", "Stager"]

Record = TypeVar("Record", bound=StagedImport)

PLANNING_PHASE = "planning"
APPLY_FIRST_PHASE = "checking"

UNEXPECTED_ERROR = _(
    "The import stopped on an unexpected error; nothing was written. The error is in the "
    "server's log: tell the technical team the import's number."
)
STALE_ERROR = _(
    "The import stopped without finishing (the server or its worker was restarted); nothing "
    "was written. Run the dry run again."
)


@dataclass(frozen=True)
class StagedPlan:
    """A dry run as stored for review: plain data, already in the uploader's language.

    `rows` are dicts with at least "line" and "action" (one of the kind's row actions), and
    "errors" and "warnings" lists; `fields` are the kind's own columns of the record.
    """

    counts: dict[str, int]
    rows: list[dict]
    fingerprint: str
    ignored_columns: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


class Stager(Generic[Record]):
    """The steps of one kind of import. Subclasses set the class attributes and implement
    `count_rows`, `plan` and `apply`; one instance per kind, at module level."""

    model: type[Record]
    # Short name of the kind, for its jobs' kinds ("prisoner" → "prisoner-import-plan").
    name: ClassVar[str]
    # The audit log's action for an applied import (registered by the app's wagtail_hooks).
    applied_action: ClassVar[str]
    background_rows: ClassVar[int] = 500
    # Labels of the apply's phases, shown under the progress bar.
    phase_labels: ClassVar[dict[str, str | Promise]] = {}

    def __init__(self) -> None:
        """Declare the kind's two jobs; the instance lives in a module that the app's
        `tasks.py` imports, so that every worker knows them."""
        job_kind_register(self.job_kind("plan"), handler=self._plan_job, on_failed=self._failed)
        job_kind_register(self.job_kind("apply"), handler=self._apply_job, on_failed=self._failed)

    def job_kind(self, step: str) -> str:
        return f"{self.name}-import-{step}"

    # What a kind of import implements ----------------------------------------------------------

    def count_rows(self, *, content: bytes, filename: str) -> int:
        """Data rows of a file; ImportRefused when it cannot be read as this kind of list at all
        (such a file is never stored)."""
        raise NotImplementedError

    def plan(self, record: Record, progress: Progress) -> StagedPlan:
        """The dry run of the stored file; never writes. ImportRefused refuses the file."""
        raise NotImplementedError

    def apply(self, record: Record, progress: Progress) -> dict:
        """Write the reviewed file, inside the kernel's transaction, and return the result to
        store. ImportRefused (the file changed, a row became invalid) writes nothing."""
        raise NotImplementedError

    def lock(self, record: Record) -> bool:
        """Lock what applying this record must not share with a concurrent apply, and say
        whether the record is still to apply. Kinds that must also serialise other imports
        (the same file uploaded twice) lock those too, always in the same order."""
        locked = self.model._default_manager.select_for_update().filter(
            pk=record.pk, state=ImportState.APPLYING
        )
        return locked.exists()

    def after_apply(self, record: Record) -> None:
        """Hook run inside the transaction once the result is stored (audit, notifications)."""

    # Steps ----------------------------------------------------------------------------------

    def upload(self, *, content: bytes, filename: str, user, **options: Any) -> Record:
        """Store an uploaded file and start its dry run (now, or in the background if large).

        `options` are the kind's own fields (the language asked for, the publicity of new
        records). A file that cannot be read at all raises ImportRefused and is not stored.
        """
        row_count = self.count_rows(content=content, filename=filename)
        record = self.model._default_manager.create(
            filename=filename[:255],
            content=content,
            ui_language=translation.get_language() or "en",
            row_count=row_count,
            created_by=user,
            **options,
        )
        self._run_or_enqueue(record, "plan", phase=PLANNING_PHASE)
        return record

    def upload_again(self, *, record: Record, user) -> Record:
        """A new dry run of the same file, e.g. after the records changed under a reviewed one."""
        return self.upload(
            content=bytes(record.content),
            filename=record.filename,
            user=user,
            **self.options_of(record),
        )

    def options_of(self, record: Record) -> dict[str, Any]:
        """The kind's own upload options of a stored record (for `upload_again`)."""
        return {}

    def run_plan(self, *, import_id: int, progress: Progress | None = None) -> None:
        """The dry run of a stored file (the plan job's work; safe to run twice)."""
        record = self.model._default_manager.filter(
            pk=import_id, state=ImportState.PLANNING
        ).first()
        if record is not None:
            self._plan(record, progress or _no_progress)

    def request_apply(self, *, record: Record, user, skip: int | None = None) -> bool:
        """Start applying a dry run; False when it is not (or no longer) applicable.

        `skip` is the number of invalid rows the user saw and agreed to leave out ("apply N,
        skip M"): a confirmation given for another count (say, an older page) applies nothing.
        """
        if not record.can_apply or (skip is not None and skip != record.to_skip):
            return False
        started = self.model._default_manager.filter(
            pk=record.pk, state=ImportState.PLANNED
        ).update(state=ImportState.APPLYING, applied_by=user, updated_at=timezone.now())
        if not started:
            return False
        record.refresh_from_db()
        self._run_or_enqueue(record, "apply", phase=APPLY_FIRST_PHASE)
        return True

    def run_apply(self, *, import_id: int, progress: Progress | None = None) -> None:
        """Apply a stored dry run in one transaction (the apply job's work; safe to run twice)."""
        record = self.model._default_manager.filter(
            pk=import_id, state=ImportState.APPLYING
        ).first()
        if record is not None:
            self._apply(record, progress or _no_progress)

    def progress(self, record: Record) -> dict:
        """What a progress bar shows: the current step, rows done and in all, a percentage,
        as the step's background job has them (the same on every machine)."""
        job = record.job
        done = job.done if job else 0
        total = (job.total if job else 0) or record.row_count
        phase = (job.phase if job else "") or PLANNING_PHASE
        return {
            "state": record.state,
            "state_label": str(record.get_state_display()),
            "running": record.is_running,
            "phase": phase,
            "phase_label": str(self.labels().get(phase, "")),
            "done": done,
            "total": total,
            "percent": min(100, round(100 * done / total)) if total else 0,
        }

    def labels(self) -> dict[str, str | Promise]:
        return {PLANNING_PHASE: _("Comparing the file with the records"), **self.phase_labels}

    def finish(self, record: Record, state: str, *, message: str) -> None:
        """End a running step; never overwrites an import that another run already finished.

        A refused file is dropped at once (it is unreadable or not the list); a failed one is
        kept for "Run the dry run again".
        """
        changes: dict[str, Any] = {"state": state, "message": message, "updated_at": timezone.now()}
        if state == ImportState.REFUSED:
            changes["content"] = b""
        self.model._default_manager.filter(pk=record.pk, state__in=RUNNING_IMPORT_STATES).update(
            **changes
        )

    # Inside the steps -----------------------------------------------------------------------

    def _plan_job(self, import_id: int, progress: Progress) -> None:
        self.run_plan(import_id=import_id, progress=progress)

    def _apply_job(self, import_id: int, progress: Progress) -> None:
        self.run_apply(import_id=import_id, progress=progress)

    def _failed(self, import_id: int, error: str) -> None:
        """The step's job failed: a bug (logged by the kernel, without the file's cells), or its
        worker died twice. The import ends visibly, in the uploader's language."""
        record = self.model._default_manager.filter(pk=import_id).only("ui_language").first()
        if record is None:
            return
        message = STALE_ERROR if error == JobError.STALLED else UNEXPECTED_ERROR
        with translation.override(record.ui_language):
            self.finish(record, ImportState.FAILED, message=str(message))

    def _plan(self, record: Record, progress: Progress) -> None:
        with translation.override(record.ui_language):
            try:
                plan = self.plan(record, progress)
            except ImportRefused as error:
                self.finish(record, ImportState.REFUSED, message=error.message)
                return
        self.model._default_manager.filter(pk=record.pk, state=ImportState.PLANNING).update(
            counts=plan.counts,
            rows=plan.rows,
            ignored_columns=plan.ignored_columns,
            fingerprint=plan.fingerprint,
            state=ImportState.PLANNED,
            updated_at=timezone.now(),
            **plan.fields,
        )

    def _apply(self, record: Record, progress: Progress) -> None:
        with translation.override(record.ui_language):
            try:
                with transaction.atomic():
                    # Two workers given the same task: the second waits here, then finds it done.
                    if not self.lock(record):
                        return
                    result = self.apply(record, progress)
                    record.result = result
                    record.state = ImportState.APPLIED
                    record.applied_at = timezone.now()
                    record.content = b""  # it may carry columns the import ignored
                    fields = ["result", "state", "applied_at", "content", "updated_at"]
                    record.save(update_fields=fields)
                    log(
                        instance=record,
                        action=self.applied_action,
                        user=record.applied_by,
                        data={"file": record.filename, **result},
                    )
                    self.after_apply(record)
            except ImportRefused as error:
                self.finish(record, ImportState.FAILED, message=error.message)

    def _run_or_enqueue(self, record: Record, step: str, *, phase: str) -> None:
        """The step's job: small files at once within the request, large ones by a worker after
        commit."""
        small = record.row_count <= self.background_rows
        job = job_enqueue(
            kind=self.job_kind(step),
            target_id=record.pk,
            phase=phase,
            total=record.row_count,
            now=small,
        )
        self.model._default_manager.filter(pk=record.pk).update(job=job)
        if small:
            record.refresh_from_db()
        else:
            record.job = job


def _no_progress(phase: str, done: int, total: int) -> None:
    """Progress of a step run outside a job (a direct call): nobody watches it."""
