"""The outbox: every email the platform sends is first a row here, written in the transaction of
the event that causes it, so that a rolled-back event sends nothing and a committed one is never
lost (docs/activity.md, "Emails")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class SentEmail(models.Model):
    """One email, from the event that causes it until SMTP takes it (the outbox).

    Named for what it has always guaranteed: `key`, when given, names the occasion ("verification
    decision 12, 3") and is unique, so an occasion is written to once however often its event or
    schedule runs.

    The message is rendered when the row is written (in the recipient's language) and a worker
    only sends it: `subject`, `body`, `html` and `headers` are emptied once SMTP accepted it.
    Emails name prisoners and godparents and carry sign-in links, which must not pile up in a
    table nobody needs to read; what stays (template, key, recipients, status, times) is what an
    administrator needs to answer "did it go?". A failed or queued row keeps its message, so it
    can still be sent.
    """

    key = models.CharField(_("occasion"), max_length=200, unique=True, null=True, blank=True)
    template = models.CharField(_("template"), max_length=100)
    to = models.JSONField(_("recipients"), default=list)
    language = models.CharField(_("language"), max_length=10, blank=True)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.TextField(_("subject"), blank=True)
    body = models.TextField(_("text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="email_due"),
            models.Index(fields=["-created_at"], name="email_newest"),
        ]

    def __str__(self) -> str:
        return self.key or f"{self.template} #{self.pk}"


class ReminderKind(models.TextChoices):
    """Emails a user may turn off; decisions about their own account cannot be turned off."""

    BIRTHDAY = "birthday", _("Birthdays of my prisoners")
    QUIET = "quiet", _("A nudge after 60 days without a letter")
    DIGEST = "digest", _("Weekly digest for organisers")


class EmailOptOut(models.Model):
    """A user who turned one kind of reminder off (from the email's link or their account)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("email opt-out")
        verbose_name_plural = _("email opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
