"""State changes of prisoner records. Each runs in one transaction and leaves an audit entry."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User

from .choices import RELEASED_STATUSES, Status
from .models import Facility, Prisoner, StatusChange
from .names import search_keys, sort_name

SAME_STATUS_ERROR = _(
    "The prisoner already has this status. To record a transfer, choose the new facility."
)
FUTURE_DATE_ERROR = _("A status change cannot take effect in the future.")
BEFORE_DETENTION_ERROR = _("A status change cannot take effect before the detention date.")
EARLIER_THAN_CURRENT_ERROR = _(
    "The record already has a later status change; record this one as history."
)


def prisoner_compute_names(*, prisoner: Prisoner) -> bool:
    """Set search keys and sort name from the three spellings; True when anything changed."""
    keys = search_keys(prisoner.name_latin, prisoner.name_be, prisoner.name_ru)
    sort = sort_name(prisoner.name_latin, prisoner.name_ru, prisoner.name_be)
    changed = (keys, sort) != (prisoner.search_keys, prisoner.sort_name)
    prisoner.search_keys, prisoner.sort_name = keys, sort
    return changed


def prisoner_refresh_search_keys(*, prisoner_id: int) -> bool:
    """Recompute one record's search keys; idempotent, so a retried job changes nothing."""
    with transaction.atomic():
        prisoner = Prisoner.objects.select_for_update().filter(pk=prisoner_id).first()
        if prisoner is None or not prisoner_compute_names(prisoner=prisoner):
            return False
        prisoner.save(update_fields=["search_keys", "sort_name", "updated_at"])
        return True


def prisoner_status_change(
    *,
    prisoner: Prisoner,
    status: str,
    effective_on: datetime.date,
    source: str = "",
    note: str = "",
    facility: Facility | None = None,
    recorded_by: User | None = None,
) -> StatusChange:
    """Record a new status or a transfer: history entry, record fields and audit, all or nothing.

    Release dates, death dates and the current facility follow the status so that every page
    showing the record agrees at once.
    """
    with transaction.atomic():
        prisoner = Prisoner.objects.select_for_update().get(pk=prisoner.pk)
        _validate_status_change(
            prisoner=prisoner, status=status, effective_on=effective_on, facility=facility
        )
        change = StatusChange(
            prisoner=prisoner,
            from_status=prisoner.status,
            to_status=status,
            effective_on=effective_on,
            source=source,
            note=note,
            facility=facility,
            recorded_by=recorded_by,
        )
        change.full_clean()
        change.save()
        _apply_status(
            prisoner=prisoner, status=status, effective_on=effective_on, facility=facility
        )
        prisoner.full_clean()
        prisoner.save()
        log(
            instance=prisoner,
            action="solidarity.status_change",
            user=recorded_by,
            data={
                "from": change.from_status,
                "to": status,
                "effective_on": effective_on.isoformat(),
            },
        )
    return change


def _validate_status_change(
    *, prisoner: Prisoner, status: str, effective_on: datetime.date, facility: Facility | None
) -> None:
    is_transfer = facility is not None and facility.pk != prisoner.facility_id
    if status == prisoner.status and not is_transfer:
        raise ValidationError({"status": SAME_STATUS_ERROR})
    if effective_on > datetime.date.today():
        raise ValidationError({"effective_on": FUTURE_DATE_ERROR})
    if prisoner.detained_on and effective_on < prisoner.detained_on:
        raise ValidationError({"effective_on": BEFORE_DETENTION_ERROR})
    if prisoner.status_changed_on and effective_on < prisoner.status_changed_on:
        raise ValidationError({"effective_on": EARLIER_THAN_CURRENT_ERROR})


def _apply_status(
    *, prisoner: Prisoner, status: str, effective_on: datetime.date, facility: Facility | None
) -> None:
    prisoner.status = status
    prisoner.status_changed_on = effective_on
    if status in RELEASED_STATUSES:
        prisoner.released_on = effective_on
    elif status == Status.DIED_IN_CUSTODY:
        prisoner.died_on = effective_on
    elif status != Status.NO_LONGER_RECOGNISED:
        prisoner.released_on = None  # re-arrested: back in custody
    if facility is not None:
        prisoner.facility = facility
