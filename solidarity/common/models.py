"""Abstract bases shared by the domain apps."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Creation and update times for every domain record (reports filter on created_at)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def dates_in_order(*, later: str, earlier: str, name: str) -> models.CheckConstraint:
    """`later` is on or after `earlier` whenever both are known (either may still be empty)."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__gte": F(earlier)}),
        name=name,
    )


class ImportState(models.TextChoices):
    """Where an uploaded file is: dry run, then (once) applied. Every staged import shares it."""

    PLANNING = "planning", _("Dry run in progress")
    PLANNED = "planned", _("Dry run ready")
    REFUSED = "refused", _("File refused")
    APPLYING = "applying", _("Being applied")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Not applied")


RUNNING_IMPORT_STATES = (ImportState.PLANNING, ImportState.APPLYING)


class StagedImport(TimeStampedModel):
    """An uploaded file on its way in: stored, planned (the dry run), then applied once.

    Every import of the project (the defenders' list, actions collected at an event) is one of
    these, moved through its states by `solidarity.common.staging`. The dry run is stored as
    plain rows, so that a large file planned by a background worker is reviewed page by page in
    the language of whoever uploaded it; the file is kept until applied, so that applying
    re-plans exactly what was reviewed, then dropped (it may carry columns the import ignores).

    Subclasses say which row actions write (`WRITTEN_ACTIONS`), which one is invalid
    (`INVALID_ACTION`) and whether invalid rows may be skipped once confirmed
    (`SKIPS_INVALID_ROWS`), or refuse the file until corrected.
    """

    WRITTEN_ACTIONS: tuple[str, ...] = ("new", "changed")
    INVALID_ACTION = "invalid"
    SKIPS_INVALID_ROWS = True

    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"), editable=False)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, db_index=True)
    ui_language = models.CharField(_("language of the messages"), max_length=10, default="en")
    state = models.CharField(
        _("state"), max_length=10, choices=ImportState.choices, default=ImportState.PLANNING
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    rows = models.JSONField(_("rows of the dry run"), default=list, blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # The current step's background job (the dry run's, then the apply's): progress, heartbeat.
    job = models.ForeignKey(
        "common.BackgroundJob",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def to_write(self) -> int:
        """Rows of the dry run that applying writes."""
        return sum(self.counts.get(action, 0) for action in self.WRITTEN_ACTIONS)

    @property
    def to_skip(self) -> int:
        """Invalid rows: applying leaves them out (once the skip is confirmed)."""
        return self.counts.get(self.INVALID_ACTION, 0)

    @property
    def is_valid(self) -> bool:
        """The dry run is ready and no row of it is invalid."""
        return self.is_planned and not self.to_skip

    @property
    def can_apply(self) -> bool:
        """A ready dry run with something to write, and nothing that forbids skipping."""
        if not self.is_planned or not self.to_write or self.counts.get("blocking"):
            return False  # "blocking": an invalid row that must not be left out
        return self.SKIPS_INVALID_ROWS or not self.to_skip

    @property
    def is_running(self) -> bool:
        return self.state in RUNNING_IMPORT_STATES

    @property
    def is_planned(self) -> bool:
        """The dry run is ready to read (and, if it can, to apply)."""
        return self.state == ImportState.PLANNED

    @property
    def is_applied(self) -> bool:
        return self.state == ImportState.APPLIED

    @property
    def has_failed(self) -> bool:
        """Applying it failed or stopped; the dry run may be run again."""
        return self.state == ImportState.FAILED

    @property
    def ended_unapplied(self) -> bool:
        """The file was refused, or applying it failed: nothing of it was written."""
        return self.state in (ImportState.REFUSED, ImportState.FAILED)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobError(models.TextChoices):
    """Why a job failed, as a fixed code: never an exception's message, which may quote a name."""

    NONE = "", _("No error")
    ERROR = "error", _("It stopped on an unexpected error (the error is in the server's log).")
    STALLED = "stalled", _("Its worker stopped twice without finishing it.")
    UNKNOWN_KIND = "unknown_kind", _("No worker knows this kind of job.")


class BackgroundJob(TimeStampedModel):
    """One piece of background work (a report, a matching run, a step of an import...).

    Every kind of job keeps its state here the same way (`solidarity.common.jobs`): claimed once
    by a conditional update, a heartbeat while a worker runs it, progress for the bars, and an
    error code free of personal data. The domain row it works on (`kind`, `target_id`) keeps
    its own state ("Ready for review", "Applied"); the job says whether work is under way.
    """

    kind = models.CharField(_("kind"), max_length=50)
    target_id = models.PositiveBigIntegerField(_("target"))
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    phase = models.CharField(_("phase"), max_length=40, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("in all"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    claimed_by = models.CharField(_("worker"), max_length=100, blank=True)
    error = models.CharField(
        _("error"), max_length=20, choices=JobError.choices, default=JobError.NONE, blank=True
    )

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live job per piece of work: a second request while one runs finds it.
            models.UniqueConstraint(
                fields=["kind", "target_id"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_job_per_target",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat_idx"),
            models.Index(fields=["kind", "target_id"], name="job_kind_target_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        """What a progress bar shows: 100 once done, else the share of the work done."""
        if self.status == JobStatus.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def is_active(self) -> bool:
        """Queued or running: a worker has it or will take it."""
        return self.status in ACTIVE_JOB_STATUSES

    @property
    def has_failed(self) -> bool:
        return self.status == JobStatus.FAILED


class Submission(models.Model):
    """A form submission that was accepted once (`solidarity.common.idempotency`).

    The row is written in the transaction that creates what the form asked for, so a failed
    write leaves the token unused and a committed one turns every replay (a double click, a
    retry after a timeout, a resent request) into the first answer. `token` is unique: of five
    identical posts at once, one inserts it and the others wait for its commit, then replay.
    """

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    form = models.CharField(_("form"), max_length=50)
    # Where the first success sent the user; a replay goes there too.
    answer_url = models.CharField(_("answer"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return f"{self.form} {self.created_at:%Y-%m-%d %H:%M}"
