"""State changes of prisoner records. Each runs in one transaction and leaves an audit entry."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Expression, Field, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.common.audit import log_many
from solidarity.common.signals import records_written

from .choices import (
    ABROAD_SITUATIONS,
    RELEASED_STATUSES,
    ContactConsent,
    Publicity,
    Situation,
    Status,
)
from .models import (
    COUNTRY_NOT_ABROAD_ERROR,
    SAFE_ONLY_IN_BELARUS_ERROR,
    Facility,
    Prisoner,
    StatusChange,
    Whereabouts,
)
from .names import search_keys, sort_name
from .signals import status_changed, whereabouts_changed

SAME_STATUS_ERROR = _(
    "The prisoner already has this status. To record a transfer, choose the new facility."
)
FUTURE_DATE_ERROR = _("A status change cannot take effect in the future.")
BEFORE_DETENTION_ERROR = _("A status change cannot take effect before the detention date.")
EARLIER_THAN_CURRENT_ERROR = _(
    "The record already has a later status change; record this one as history."
)
RECORD_ERROR = _("Record %(pk)s (%(name)s): %(errors)s")

STATUS_CHANGE_ACTION = "solidarity.status_change"
# What a status change writes on the record, besides updated_at.
STATUS_FIELDS = ["status", "status_changed_on", "released_on", "died_on", "facility"]
# Changes per INSERT or UPDATE: bounds statement size (and the CASE of a bulk update) on PostgreSQL.
BATCH_SIZE = 500


def prisoner_compute_names(*, prisoner: Prisoner) -> bool:
    """Set search keys and sort name from the three spellings; True when anything changed."""
    keys = search_keys(prisoner.name_latin, prisoner.name_be, prisoner.name_ru)
    sort = sort_name(prisoner.name_latin, prisoner.name_ru, prisoner.name_be)
    changed = (keys, sort) != (prisoner.search_keys, prisoner.sort_name)
    prisoner.search_keys, prisoner.sort_name = keys, sort
    return changed


PUBLICITY_RAISED_ACTION = "solidarity.publicity_raised"
PUBLICITY_REASON_REQUIRED = _(
    "This record was not public. Say why it may be public now (who agreed, when): the reason is "
    "kept in the record's history."
)


def prisoner_publicity_raise_check(*, prisoner: Prisoner, new: str, reason: str) -> None:
    """Raising a record from None (a family's refusal, the list's `np`) needs a stated reason.

    Imports never raise publicity (docs/import.md); only a person can, and says why.
    """
    raising = prisoner.pk and prisoner.publicity == Publicity.NONE and new != Publicity.NONE
    if raising and not reason.strip():
        raise ValidationError({"publicity_reason": PUBLICITY_REASON_REQUIRED})


def prisoner_publicity_raised(
    *, prisoner: Prisoner, previous: str, reason: str, user: User | None
) -> None:
    """Record who raised the record's publicity, from what, and why (the audit log)."""
    log(
        instance=prisoner,
        action=PUBLICITY_RAISED_ACTION,
        user=user,
        data={"from": previous, "to": prisoner.publicity, "reason": reason.strip()[:1000]},
    )


def prisoner_refresh_search_keys(*, prisoner_id: int) -> bool:
    """Recompute one record's search keys; idempotent, so a retried job changes nothing."""
    with transaction.atomic():
        prisoner = Prisoner.objects.select_for_update().filter(pk=prisoner_id).first()
        if prisoner is None or not prisoner_compute_names(prisoner=prisoner):
            return False
        prisoner.save(update_fields=["search_keys", "sort_name", "updated_at"])
        return True


@dataclass(frozen=True)
class StatusChangeRequest:
    """One change of a batch: what `prisoner_status_change` takes for one record."""

    prisoner_id: int
    status: str
    effective_on: datetime.date
    note: str = ""
    facility: Facility | None = None


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
        request = StatusChangeRequest(
            prisoner_id=prisoner.pk,
            status=status,
            effective_on=effective_on,
            note=note,
            facility=facility,
        )
        change = _stage_status_change(
            prisoner=prisoner, request=request, source=source, recorded_by=recorded_by
        )
        change.full_clean()
        change.save()
        prisoner.full_clean()
        prisoner.save()
        log(
            instance=prisoner,
            action=STATUS_CHANGE_ACTION,
            user=recorded_by,
            data=_audit_data(change),
        )
        status_changed.send(sender=Prisoner, changes=[change], user=recorded_by)
    return change


def prisoner_status_change_many(
    *,
    changes: Sequence[StatusChangeRequest],
    source: str = "",
    recorded_by: User | None = None,
) -> int:
    """Record many changes exactly as `prisoner_status_change` would one by one; return the count.

    For imports, where thousands of statuses change at once: the same rules, history entries,
    record fields and audit entries, in a fixed number of statements per 500 changes instead of
    about ten queries per change. Changes apply in the given order, so two for one record chain
    as two calls would. All or nothing: an invalid change raises ValidationError naming its record.
    """
    if not changes:
        return 0
    with transaction.atomic():
        prisoners = _lock_prisoners(ids={request.prisoner_id for request in changes})
        history = [
            _stage_in_batch(
                prisoner=prisoners[request.prisoner_id],
                request=request,
                source=source,
                recorded_by=recorded_by,
            )
            for request in changes
        ]
        StatusChange.objects.bulk_create(history, batch_size=BATCH_SIZE)
        _save_status_fields(list(prisoners.values()))
        _log_status_changes(history, user=recorded_by)
        status_changed.send(sender=Prisoner, changes=history, user=recorded_by)
        records_written.send(sender=StatusChange)
    return len(history)


def _lock_prisoners(*, ids: set[int]) -> dict[int, Prisoner]:
    """Load and lock the records in key order, so that two concurrent batches cannot deadlock."""
    prisoners = Prisoner.objects.select_for_update().order_by("pk").in_bulk(sorted(ids))
    missing = ids - prisoners.keys()
    if missing:
        raise Prisoner.DoesNotExist(f"No prisoner record with id {min(missing)}.")
    return prisoners


def _stage_in_batch(
    *, prisoner: Prisoner, request: StatusChangeRequest, source: str, recorded_by: User | None
) -> StatusChange:
    """Stage one change of a batch with full_clean()'s checks, minus those that need a query.

    The record was just locked, so it exists; the facility and the user are guarded by the
    database's foreign keys; and the record's date constraints that a change touches (release,
    death and change dates after detention) are what BEFORE_DETENTION_ERROR already enforces.
    """
    try:
        change = _stage_status_change(
            prisoner=prisoner, request=request, source=source, recorded_by=recorded_by
        )
        change.full_clean(exclude=["prisoner", "facility", "recorded_by"])
        prisoner.full_clean(exclude=["facility"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ValidationError(
            RECORD_ERROR,
            code="invalid",
            params={"pk": prisoner.pk, "name": str(prisoner), "errors": " ".join(error.messages)},
        ) from error
    return change


def _save_status_fields(prisoners: list[Prisoner]) -> None:
    """What bulk_update does: UPDATE ... SET field = CASE pk WHEN ... END, per batch of records.

    Django's bulk_update builds and resolves an expression per record and field, about 1 ms
    per record in Python: 2.5 s or more for 2,500 changes. The same CASE as SQL text costs
    nothing to build; its values go through the fields' own conversion, as parameters.
    """
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(["pk", "pk", *STATUS_FIELDS], prisoners))
    now = timezone.now()  # the updated_at that save() would set
    for start in range(0, len(prisoners), size):
        batch = prisoners[start : start + size]
        values = {name: _value_per_record(batch, name) for name in STATUS_FIELDS}
        Prisoner.objects.filter(pk__in=[p.pk for p in batch]).update(**values, updated_at=now)


def _value_per_record(prisoners: list[Prisoner], name: str) -> Expression:
    field = Prisoner._meta.get_field(name)
    assert isinstance(field, Field)  # STATUS_FIELDS are concrete fields
    values = [getattr(prisoner, field.attname) for prisoner in prisoners]
    if len(set(values)) == 1:
        return Value(values[0], output_field=field)
    pk_column = connection.ops.quote_name(Prisoner._meta.pk.column)
    whens = " ".join(["WHEN %s THEN %s"] * len(prisoners))
    params = []
    for prisoner, value in zip(prisoners, values, strict=True):
        params += [prisoner.pk, field.get_db_prep_save(value, connection)]
    # The text holds placeholders and a quoted column name only; the values are parameters.
    case = RawSQL(f"CASE {pk_column} {whens} END", params, output_field=field)  # noqa: S611
    # As in bulk_update: PostgreSQL cannot infer the type of a CASE of parameters.
    return Cast(case, field) if connection.features.requires_casted_case_in_updates else case


def _log_status_changes(history: list[StatusChange], *, user: User | None) -> None:
    """The audit entries one `prisoner_status_change` per change would write, in bulk."""
    log_many(
        instances=[change.prisoner for change in history],
        action=STATUS_CHANGE_ACTION,
        user=user,
        data=lambda index: _audit_data(history[index]),
    )


def _audit_data(change: StatusChange) -> dict[str, str]:
    return {
        "from": change.from_status,
        "to": change.to_status,
        "effective_on": change.effective_on.isoformat(),
    }


def _stage_status_change(
    *, prisoner: Prisoner, request: StatusChangeRequest, source: str, recorded_by: User | None
) -> StatusChange:
    """Check the rules, build the history entry and move the record, in memory only.

    Both services go through here, so a batch obeys exactly the rules of a single change.
    """
    _validate_status_change(prisoner=prisoner, request=request)
    change = StatusChange(
        prisoner=prisoner,
        from_status=prisoner.status,
        to_status=request.status,
        effective_on=request.effective_on,
        source=source,
        note=request.note,
        # A facility is recorded only when it changes: the change is then a transfer.
        facility=request.facility if _is_transfer(prisoner=prisoner, request=request) else None,
        recorded_by=recorded_by,
    )
    _apply_status(prisoner=prisoner, request=request)
    return change


def _is_transfer(*, prisoner: Prisoner, request: StatusChangeRequest) -> bool:
    return request.facility is not None and request.facility.pk != prisoner.facility_id


def _validate_status_change(*, prisoner: Prisoner, request: StatusChangeRequest) -> None:
    effective_on = request.effective_on
    if request.status == prisoner.status and not _is_transfer(prisoner=prisoner, request=request):
        raise ValidationError({"status": SAME_STATUS_ERROR})
    if effective_on > datetime.date.today():
        raise ValidationError({"effective_on": FUTURE_DATE_ERROR})
    if prisoner.detained_on and effective_on < prisoner.detained_on:
        raise ValidationError({"effective_on": BEFORE_DETENTION_ERROR})
    if prisoner.status_changed_on and effective_on < prisoner.status_changed_on:
        raise ValidationError({"effective_on": EARLIER_THAN_CURRENT_ERROR})


def _apply_status(*, prisoner: Prisoner, request: StatusChangeRequest) -> None:
    status, effective_on = request.status, request.effective_on
    prisoner.status = status
    prisoner.status_changed_on = effective_on
    if status in RELEASED_STATUSES:
        prisoner.released_on = effective_on
    elif status == Status.DIED_IN_CUSTODY:
        prisoner.died_on = effective_on
    elif status != Status.NO_LONGER_RECOGNISED:
        prisoner.released_on = None  # re-arrested: back in custody
    if request.facility is not None:
        prisoner.facility = request.facility


WHEREABOUTS_ACTION = "solidarity.whereabouts"
NOT_RELEASED_ERROR = _("Whereabouts are recorded for released people only.")
COUNTRY_REQUIRED_ERROR = _("Say which country the person was deported to or lives in.")
SINCE_IN_FUTURE_ERROR = _("The date cannot be in the future.")


@dataclass(frozen=True)
class WhereaboutsRequest:
    """What a defender or organiser states about a released person (all of it restricted)."""

    situation: str
    country: str = ""
    since: datetime.date | None = None
    consent: str = ContactConsent.NOT_ASKED
    safe_to_publish: bool = False
    notes: str = ""


def whereabouts_record(
    *, prisoner: Prisoner, request: WhereaboutsRequest, by: User | None
) -> Whereabouts:
    """Create or update the person's whereabouts, in one transaction with an audit entry.

    Who recorded the consent, and who confirmed that new public details are safe, are stamped
    when that answer changes (a save that repeats it keeps the first stamp): the issue asks
    "with who and when", and a double submit must not move them. The audit entry names the
    fields that changed, never their values: the log is read by more people than this record.
    """
    _validate_whereabouts(prisoner=prisoner, request=request)
    now = timezone.now()
    with transaction.atomic():
        record = Whereabouts.objects.select_for_update().filter(
            prisoner=prisoner
        ).first() or Whereabouts(prisoner=prisoner)
        fields = {
            "situation": request.situation,
            "country": request.country if request.situation in ABROAD_SITUATIONS else "",
            "since": request.since,
            "consent": request.consent,
            "safe_to_publish": request.safe_to_publish,
            "notes": request.notes.strip(),
        }
        changed = [name for name, value in fields.items() if getattr(record, name) != value]
        if record.pk is None or "consent" in changed:
            answered = request.consent != ContactConsent.NOT_ASKED
            record.consent_recorded_by = by if answered else None
            record.consent_recorded_at = now if answered else None
        if record.pk is None or "safe_to_publish" in changed:
            record.safe_confirmed_by = by if request.safe_to_publish else None
            record.safe_confirmed_at = now if request.safe_to_publish else None
        if record.pk is not None and not changed:
            return record
        for name, value in fields.items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
        log(instance=record, action=WHEREABOUTS_ACTION, user=by, data={"changed": changed})
        whereabouts_changed.send(sender=Whereabouts, prisoner_ids=[prisoner.pk], user=by)
    return record


@dataclass(frozen=True)
class DeportationNote:
    """What a list says of one deportation: who, to which country (ISO code), when."""

    prisoner_id: int
    country: str
    since: datetime.date | None


def whereabouts_note_deportations(*, notes: Sequence[DeportationNote], by: User | None) -> int:
    """Record where deported people were taken, as an import of the list says it.

    The list's words fill the situation, the country and the date only; what defenders and
    organisers recorded themselves (consent, notes) stays. A record that already names a
    country abroad keeps it: the person may have moved on, and the people who asked them know
    better than the list. A fixed number of queries for a whole wave (123 people on one day
    in December 2025); one audit entry per record written. Returns how many were written.
    """
    if not notes:
        return 0
    wanted = {note.prisoner_id: note for note in notes}
    with transaction.atomic():
        existing = {
            record.prisoner_id: record
            for record in Whereabouts.objects.select_for_update().filter(prisoner_id__in=wanted)
        }
        new: list[Whereabouts] = []
        changed: list[Whereabouts] = []
        for prisoner_id, note in wanted.items():
            record = existing.get(prisoner_id)
            if record is None:
                new.append(
                    Whereabouts(
                        prisoner_id=prisoner_id,
                        situation=Situation.DEPORTED,
                        country=note.country,
                        since=note.since,
                    )
                )
            elif not (record.situation in ABROAD_SITUATIONS and record.country):
                record.situation, record.country = Situation.DEPORTED, note.country
                record.since = record.since or note.since
                record.safe_to_publish, record.safe_confirmed_by = False, None
                record.safe_confirmed_at, record.updated_at = None, timezone.now()
                changed.append(record)
        for record in [*new, *changed]:
            record.full_clean(exclude=["prisoner"], validate_unique=False)
        Whereabouts.objects.bulk_create(new)
        Whereabouts.objects.bulk_update(
            changed,
            [
                "situation",
                "country",
                "since",
                "safe_to_publish",
                "safe_confirmed_by",
                "safe_confirmed_at",
                "updated_at",
            ],
        )
        written = [*new, *changed]
        log_many(
            instances=written,
            action=WHEREABOUTS_ACTION,
            user=by,
            data=lambda index: {"changed": ["situation", "country", "since"], "source": "import"},
        )
        if written:
            whereabouts_changed.send(
                sender=Whereabouts, prisoner_ids=[r.prisoner_id for r in written], user=by
            )
    return len(written)


def _validate_whereabouts(*, prisoner: Prisoner, request: WhereaboutsRequest) -> None:
    errors: dict[str, object] = {}
    if prisoner.status not in RELEASED_STATUSES:
        errors["prisoner"] = NOT_RELEASED_ERROR
    if request.situation in ABROAD_SITUATIONS and not request.country:
        errors["country"] = COUNTRY_REQUIRED_ERROR
    if request.situation not in ABROAD_SITUATIONS and request.country:
        errors["country"] = COUNTRY_NOT_ABROAD_ERROR
    if request.safe_to_publish and request.situation != Situation.IN_BELARUS:
        errors["safe_to_publish"] = SAFE_ONLY_IN_BELARUS_ERROR
    if request.since and request.since > timezone.localdate():
        errors["since"] = SINCE_IN_FUTURE_ERROR
    if errors:
        raise ValidationError(errors)
