"""Abstract bases shared by the domain apps."""

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
