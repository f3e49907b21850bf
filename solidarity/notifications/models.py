"""A record of every email sent for an occasion, so that a retried task never sends twice."""

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
