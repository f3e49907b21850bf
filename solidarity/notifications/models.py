"""A record of every email sent for an occasion, so that a retried task never sends twice."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentEmail(models.Model):
    """One row per occasion ("verification decision 12, 3"); the unique key is the guard.

    Holds no message body: emails can name prisoners and godparents, which must not pile up
    in a table that nobody needs to read.
    """

    key = models.CharField(_("occasion"), max_length=200, unique=True)
    template = models.CharField(_("template"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self) -> str:
        return self.key


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
