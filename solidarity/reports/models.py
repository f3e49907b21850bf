"""Congress reports built in the background, kept with their parameters and files."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from solidarity.common.models import BackgroundJob, TimeStampedModel, dates_in_order


def _private_storage():
    return storages["private"]


class ReportVariant(models.TextChoices):
    PUBLIC = "public", _("Public: names no discreet godparent and no unpublished prisoner")
    INTERNAL = "internal", _("Internal: for organisers only")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportRun(TimeStampedModel):
    """One generation of the Congress report for a period and scope, with the files it produced."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    variant = models.CharField(
        _("variant"), max_length=10, choices=ReportVariant.choices, default=ReportVariant.PUBLIC
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    scope = models.JSONField(
        _("scope"),
        default=dict,
        blank=True,
        help_text=_("Countries, parliaments, political groups."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The report's labels, dates and prisoners' names are written in it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey(
        BackgroundJob,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
        help_text=_("The latest generation: its progress, heartbeat and retries."),
    )
    html_file = models.FileField(
        _("HTML"), storage=_private_storage, upload_to="reports/", blank=True
    )
    pdf_file = models.FileField(
        _("PDF"), storage=_private_storage, upload_to="reports/", blank=True
    )
    xlsx_file = models.FileField(
        _("XLSX"), storage=_private_storage, upload_to="reports/", blank=True
    )
    csv_zip_file = models.FileField(
        _("CSV (zip)"), storage=_private_storage, upload_to="reports/", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"
            ),
            dates_in_order(
                later="finished_at", earlier="started_at", name="report_finished_after_start"
            ),
        ]

    def __str__(self) -> str:
        kind = _("Internal report") if self.is_internal else _("Public report")
        return f"{kind}, {self.period_start} – {self.period_end}"

    @property
    def progress(self) -> int:
        """Percent done, as the background job says (`solidarity.common.jobs`)."""
        if self.status == ReportStatus.DONE:
            return 100
        return self.job.percent if self.job else 0

    @property
    def is_internal(self) -> bool:
        """It names everyone, discreet godparents included: never to be published."""
        return self.variant == ReportVariant.INTERNAL
