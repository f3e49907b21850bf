"""What godparents do: letters to their prisoners and advocacy actions (docs/activity.md)."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from solidarity.common.models import StagedImport, TimeStampedModel
from solidarity.godparents.models import GodparentProfile
from solidarity.prisoners.models import Facility, Prisoner


def _private_storage():
    return storages["private"]


class LetterChannel(models.TextChoices):
    POST = "post", _("Post")
    ELECTRONIC = "electronic", _("Electronic letter service")
    FAMILY = "family", _("Via family")
    OTHER = "other", _("Other")


class LetterOutcome(models.TextChoices):
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned")
    REPLY_RECEIVED = "reply", _("Reply received")
    UNKNOWN = "unknown", _("Unknown")


class Letter(TimeStampedModel):
    """A letter a godparent sent to a matched prisoner, and whether it got through."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    # Marks for the godparent's list of letters, set by `portal.selectors.letters_mark`.
    editable: bool
    awaiting_outcome: bool
    can_open_scan: bool

    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("godparent"),
    )
    prisoner = models.ForeignKey(
        Prisoner, on_delete=models.PROTECT, related_name="letters", verbose_name=_("prisoner")
    )
    match = models.ForeignKey(
        "matching.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("match"),
    )
    facility = models.ForeignKey(
        Facility,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("facility"),
        help_text=_("Where the letter was addressed, kept even if the prisoner is moved."),
    )
    sent_on = models.DateField(_("sent on"))
    channel = models.CharField(
        _("channel"), max_length=12, choices=LetterChannel.choices, default=LetterChannel.POST
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=LetterOutcome.choices, default=LetterOutcome.SENT
    )
    outcome_on = models.DateField(_("returned or answered on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    reply_scan = models.FileField(
        _("reply scan"),
        storage=_private_storage,
        upload_to="letters/replies/%Y/%m/",
        blank=True,
        help_text=_("Restricted: the godparent, defenders and organisers only."),
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
        help_text=_("The godparent or a staff member acting for them."),
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | Q(outcome_on__gte=F("sent_on")),
                name="letter_outcome_after_sending",
            ),
        ]
        indexes = [
            models.Index(fields=["prisoner", "sent_on"], name="letter_prisoner_sent_idx"),
            models.Index(fields=["facility", "outcome"], name="letter_facility_outcome_idx"),
            models.Index(fields=["sent_on"], name="letter_sent_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.godparent} → {self.prisoner}, {self.sent_on}"


class ActionKind(models.TextChoices):
    EMBASSY_INQUIRY = "embassy_inquiry", _("Inquiry to an embassy or the authorities")
    PARLIAMENTARY_QUESTION = "parliamentary_question", _("Parliamentary question")
    RESOLUTION = "resolution", _("Resolution")
    PLENARY_SPEECH = "plenary_speech", _("Plenary speech")
    PUBLIC_STATEMENT = "public_statement", _("Public statement")
    SOCIAL_MEDIA = "social_media", _("Social media post")
    MEDIA = "media", _("Op-ed or interview")
    EVENT = "event", _("Event")
    TRIAL_MONITORING = "trial_monitoring", _("Trial monitoring or visit request")
    MEETING = "meeting", _("Meeting with officials or diplomats")
    # For a person released abroad (issue 18): documents, residence, work.
    MIGRATION_OFFICE = "migration_office", _("Letter to a migration office")
    VISA_SUPPORT = "visa_support", _("Visa or residence support")
    EMPLOYMENT_CONTACT = "employment_contact", _("Employment contact")
    OTHER = "other", _("Other")


# The kinds that help a person in exile; reports count them apart.
EXILE_ACTION_KINDS = frozenset(
    {ActionKind.MIGRATION_OFFICE, ActionKind.VISA_SUPPORT, ActionKind.EMPLOYMENT_CONTACT}
)


class ActionVerification(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class AdvocacyAction(TimeStampedModel):
    """Something godparents did for one or more prisoners; only verified actions count publicly."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    kind = models.CharField(_("kind"), max_length=24, choices=ActionKind.choices)
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        storage=_private_storage,
        upload_to="actions/evidence/%Y/%m/",
        blank=True,
    )
    prisoners = models.ManyToManyField(
        Prisoner, related_name="advocacy_actions", verbose_name=_("prisoners")
    )
    godparents = models.ManyToManyField(
        GodparentProfile, related_name="advocacy_actions", verbose_name=_("godparents")
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Internal actions never appear on public pages.")
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=ActionVerification.choices,
        default=ActionVerification.PENDING,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )

    class Meta:
        verbose_name = _("advocacy action")
        verbose_name_plural = _("advocacy actions")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(verification="rejected") | ~Q(rejection_reason=""),
                name="action_rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["verification", "occurred_on"], name="action_verified_date_idx"),
            models.Index(fields=["kind", "occurred_on"], name="action_kind_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionImport(StagedImport):
    """A file of advocacy actions an organiser collected at an event, from upload to apply.

    The staged steps are the project's one import kernel (`StagedImport`). A row with an error
    refuses the file until corrected (`SKIPS_INVALID_ROWS`): an action credits godparents and may
    be published, so an organiser corrects the row rather than leaves it out; duplicates of
    actions already recorded are skipped. Once applied, the file is dropped, and the result (ids
    of the actions created) and the actions' audit entries remain as the record.
    """

    WRITTEN_ACTIONS = ("new",)
    INVALID_ACTION = "error"
    SKIPS_INVALID_ROWS = False

    class Meta(StagedImport.Meta):
        verbose_name = _("import of advocacy actions")
        verbose_name_plural = _("imports of advocacy actions")
