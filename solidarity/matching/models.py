"""Godparent–prisoner pairings and the organiser-reviewed runs that propose them.

The rules behind them: docs/matching.md.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from solidarity.common.models import BackgroundJob, JobError, TimeStampedModel, dates_in_order
from solidarity.godparents.models import GodparentProfile
from solidarity.prisoners.models import Prisoner


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready for review")
    APPROVED = "approved", _("Approved: offers sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class MatchingRun(TimeStampedModel):
    """One organiser's run of the assignment, reviewed before any offer goes out."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    name = models.CharField(_("name"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    parameters = models.JSONField(
        _("parameters"),
        default=dict,
        blank=True,
        help_text=_("Factor weights, threshold and pool."),
    )
    results = models.JSONField(
        _("results"),
        default=dict,
        blank=True,
        help_text=_("Totals and unmatched prisoners with reasons."),
    )
    # Why it failed, as the job kernel's code (`JobError`): never an exception's message.
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey(
        BackgroundJob,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
        help_text=_("The latest computation: its progress, heartbeat and retries."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at"]
        constraints = [
            dates_in_order(
                later="finished_at", earlier="started_at", name="matchingrun_finished_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Matching run #%(pk)s") % {"pk": self.pk})

    @property
    def is_running(self) -> bool:
        return self.status == RunStatus.RUNNING

    @property
    def has_failed(self) -> bool:
        return self.status == RunStatus.FAILED

    @property
    def progress(self) -> int:
        """Percent computed, as the background job says (`solidarity.common.jobs`)."""
        if self.status not in (RunStatus.PENDING, RunStatus.RUNNING):
            return 100 if self.results else 0
        return self.job.percent if self.job else 0

    @property
    def error_message(self) -> str:
        """Why it failed, in the reader's language."""
        if self.error == JobError.STALLED:
            return str(RUN_STALLED_MESSAGE)
        return str(RUN_FAILED_MESSAGE)


RUN_FAILED_MESSAGE = _(
    "The run stopped on an unexpected error (it is in the server's log). Run it again, or tell "
    "the technical team the run's number."
)
RUN_STALLED_MESSAGE = _(
    "The run stopped before it finished: its worker stopped twice. Run it again."
)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    OFFERED = "offered", _("Offered to the godparent")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined by the godparent")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.OFFERED, MatchStatus.ACTIVE)


class EndReason(models.TextChoices):
    PRISONER_RELEASED = "prisoner_released", _("Prisoner released")
    PRISONER_DIED = "prisoner_died", _("Prisoner died")
    NOT_RECOGNISED = "not_recognised", _("No longer recognised as a political prisoner")
    GODPARENT_LEFT = "godparent_left", _("Godparent left office or withdrew")
    ORGANISER = "organiser", _("Ended by an organiser")


class Support(models.TextChoices):
    """What a godparenthood is for: a person in custody, or a released person abroad (issue 18)."""

    IN_CUSTODY = "custody", _("In custody")
    IN_EXILE = "exile", _("Support in exile")


class ReleaseChoice(models.TextChoices):
    """What a godparent chose when the person they supported was released abroad."""

    CONTINUE = "continue", _("Continue: support the person in exile")
    HAND_OVER = "hand_over", _("Hand over to a parliamentarian of the host country")
    CLOSE = "close", _("Close the godparenthood")


class DeclineReason(models.TextChoices):
    """Why a godparent said no, in a few words the organisers can count (docs/matching.md)."""

    NO_TIME = "no_time", _("I do not have the time at the moment")
    ENOUGH = "enough", _("I already support as many prisoners as I can")
    ANOTHER_PERSON = "another_person", _("I would rather support someone else")
    CONFLICT = "conflict", _("A conflict of interest or another personal reason")
    OTHER = "other", _("Another reason")


class Match(TimeStampedModel):
    """A godparent supporting a prisoner: PROPOSED → OFFERED → ACTIVE → ENDED (or declined)."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.PROTECT,
        related_name="matches",
        verbose_name=_("godparent"),
    )
    prisoner = models.ForeignKey(
        Prisoner, on_delete=models.PROTECT, related_name="matches", verbose_name=_("prisoner")
    )
    run = models.ForeignKey(
        MatchingRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("matching run"),
        help_text=_("Empty for a manual match."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    score_breakdown = models.JSONField(_("score breakdown"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered by"),
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_choice = models.CharField(
        _("reason for declining"),
        max_length=20,
        choices=DeclineReason.choices,
        blank=True,
        help_text=_("The reason the godparent picked, if any."),
    )
    decline_reason = models.TextField(
        _("reason for declining, in their words"),
        blank=True,
        help_text=_("What the godparent wrote, if anything."),
    )
    public_statement = models.TextField(
        _("public statement"),
        blank=True,
        help_text=_("The godparent's words for the announcement."),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    support = models.CharField(
        _("support"),
        max_length=8,
        choices=Support.choices,
        default=Support.IN_CUSTODY,
        help_text=_("Support in exile: the person was released abroad and asked for help."),
    )
    release_choice = models.CharField(
        _("choice after the release"),
        max_length=10,
        choices=ReleaseChoice.choices,
        blank=True,
        help_text=_("For a godparenthood ended by a release abroad: what the godparent chose."),
    )
    release_choice_at = models.DateTimeField(_("chosen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["godparent", "prisoner"],
                condition=Q(status__in=["proposed", "offered", "active"]),
                name="match_one_open_per_pair",
            ),
            dates_in_order(
                later="responded_at", earlier="offered_at", name="match_answered_after_offer"
            ),
            dates_in_order(
                later="ended_at", earlier="responded_at", name="match_ended_after_answer"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(ended_at__isnull=False),
                name="match_ended_has_date",
            ),
            models.CheckConstraint(
                condition=Q(release_choice="") | Q(status="ended", end_reason="prisoner_released"),
                name="match_release_choice_after_release",
            ),
        ]
        indexes = [
            models.Index(fields=["prisoner", "status"], name="match_prisoner_status_idx"),
            models.Index(fields=["godparent", "status"], name="match_godparent_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.godparent} → {self.prisoner} ({self.get_status_display()})"

    @property
    def decline_summary(self) -> str:
        """The picked reason and the godparent's words, as organisers read them ("" if none)."""
        parts = [str(self.get_decline_choice_display()) if self.decline_choice else ""]
        parts.append(self.decline_reason.strip())
        return ": ".join(part for part in parts if part)

    @property
    def in_exile(self) -> bool:
        """Support in exile: no envelope, no letters to a colony; needs instead."""
        return self.support == Support.IN_EXILE

    @property
    def is_proposed(self) -> bool:
        """Still in a run's review: it may be removed or swapped, and nobody was told yet."""
        return self.status == MatchStatus.PROPOSED


class NeedKind(models.TextChoices):
    """What a person released abroad needs help with (issue 18)."""

    DOCUMENTS = "documents", _("Identity documents")
    RESIDENCE = "residence", _("Residence permit or visa")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work")
    HEALTH = "health", _("Health")
    FAMILY = "family", _("Family reunification")
    LEGAL = "legal", _("Legal help")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Needs help")
    IN_PROGRESS = "in_progress", _("Being handled")
    MET = "met", _("Solved")


class ExileNeed(TimeStampedModel):
    """One need of a person supported in exile, shared by their godparents (issue 18).

    Restricted like the person's whereabouts: organisers, defenders and the godparents who
    support the person in exile see it (`exile_needs_visible`); never a public page, report,
    export or log line (the audit names the kind, not the note). One row per person and kind:
    a repeated "documents" is the same need, updated.
    """

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    prisoner = models.ForeignKey(
        Prisoner, on_delete=models.CASCADE, related_name="exile_needs", verbose_name=_("person")
    )
    kind = models.CharField(_("need"), max_length=12, choices=NeedKind.choices)
    status = models.CharField(
        _("state"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    note = models.TextField(
        _("what is needed"),
        blank=True,
        help_text=_("Restricted: seen by organisers, defenders and the person's godparents."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("need in exile")
        verbose_name_plural = _("needs in exile")
        ordering = ["prisoner", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["prisoner", "kind"], name="exile_need_one_per_kind")
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def is_solved(self) -> bool:
        return self.status == NeedStatus.MET
