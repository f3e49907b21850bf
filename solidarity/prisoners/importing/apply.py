"""Writing a dry run in one transaction, through the prisoner services.

Every valid row is written and invalid rows are skipped (their records untouched), once the
defender has confirmed "apply N, skip M"; `strict` keeps all-or-nothing for those who want it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.common.signals import records_written
from solidarity.common.tables import ImportRefused
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.models import Charge, CriminalArticle, Facility, Prisoner
from solidarity.prisoners.services import (
    DeportationNote,
    StatusChangeRequest,
    prisoner_compute_names,
    prisoner_status_change_many,
    whereabouts_note_deportations,
)
from solidarity.prisoners.signals import publicity_withdrawn

from .parsing import guess_facility_kind
from .plan import (
    FACILITY_NAME_FIELDS,
    FacilityPlan,
    ImportPlan,
    Progress,
    RowAction,
    RowPlan,
    cycle_collection_paused,
    import_plan,
    import_plan_again,
)

INVALID_ROWS_ERROR = _(
    "The file has invalid rows and the import is strict (all rows or none): correct them and "
    "run the import again."
)
NP_BLOCKING_ERROR = _(
    "A row that withdraws a public record (status np) is invalid: nothing is applied until it "
    "is corrected, so that the record does not stay public."
)
NOTHING_TO_APPLY_ERROR = _("Every row of the file is invalid: there is nothing to apply.")
STALE_PLAN_ERROR = _("The records changed since the dry run; run the dry run again.")
CONFLICT_ERROR = _(
    "The file contradicts a record in a way the dry run did not catch (%(error)s); "
    "nothing was imported. Correct the row or the record and try again."
)


class ApplyPhase(models.TextChoices):
    """The steps of applying, as progress reports name them."""

    CHECKING = "checking", _("Checking the file against the records")
    WRITING = "writing", _("Writing the records")
    HISTORY = "history", _("Recording status changes")


# Called with (phase, steps done, steps in all) while applying.
ApplyProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    status_changes: int
    skipped: int = 0


def import_apply(
    *, plan: ImportPlan, user=None, strict: bool = False, progress: ApplyProgress | None = None
) -> ImportResult:
    """Apply a dry run the user has reviewed: its valid rows, or (strict) all rows or none.

    Inside the transaction the records are read again, exactly as the dry run read them: when
    nothing it read has changed (and it is the same day), `plan` is written as it is, since
    planning the file again would give the same rows; otherwise the file is planned again and
    must give the fingerprint of `plan`.
    """
    _check_applicable(plan, strict=strict)
    return _apply(
        lambda checking: import_plan_again(plan, progress=checking),
        reviewed=plan,
        fingerprint=None,
        user=user,
        strict=strict,
        progress=progress,
    )


def _check_applicable(plan: ImportPlan, *, strict: bool) -> None:
    if plan.counts["blocking"]:
        raise ImportRefused(NP_BLOCKING_ERROR)
    if strict and not plan.is_valid:
        raise ImportRefused(INVALID_ROWS_ERROR)
    if not plan.applicable:
        raise ImportRefused(NOTHING_TO_APPLY_ERROR)


def import_apply_file(
    *,
    content: bytes,
    filename: str,
    language: str,
    publicity: str,
    fingerprint: str,
    user=None,
    strict: bool = False,
    progress: ApplyProgress | None = None,
) -> ImportResult:
    """Apply a file whose dry run had `fingerprint`, in one transaction.

    The file is planned again inside the transaction and must give the same fingerprint, so
    nothing is written that the user did not review. A database constraint the plan missed
    rolls everything back and becomes a clear refusal.
    """
    return _apply(
        lambda checking: import_plan(
            content=content,
            filename=filename,
            language=language,
            publicity=publicity,
            progress=checking,
        ),
        reviewed=None,
        fingerprint=fingerprint,
        user=user,
        strict=strict,
        progress=progress,
    )


def _apply(
    plan_again: Callable[[Progress], ImportPlan],
    *,
    reviewed: ImportPlan | None,
    fingerprint: str | None,
    user,
    strict: bool,
    progress: ApplyProgress | None,
) -> ImportResult:
    """Plan again inside the transaction (`plan_again` may return the reviewed plan itself,
    when nothing it depends on changed), check, and write."""
    report = progress or (lambda phase, done, total: None)
    try:
        with cycle_collection_paused(), transaction.atomic():
            fresh = plan_again(lambda done, total: report(ApplyPhase.CHECKING, done, total))
            _check_applicable(fresh, strict=strict)
            if fresh is not reviewed:
                expected = reviewed.fingerprint if reviewed is not None else fingerprint
                if fresh.fingerprint != expected:
                    raise ImportRefused(STALE_PLAN_ERROR)
            return _write(fresh, user=user, report=report)
    except IntegrityError as error:
        raise ImportRefused(CONFLICT_ERROR % {"error": str(error).splitlines()[0]}) from error
    except ValidationError as error:  # a service rule the dry run did not foresee
        raise ImportRefused(CONFLICT_ERROR % {"error": "; ".join(error.messages)}) from error


def _write(fresh: ImportPlan, *, user, report: ApplyProgress) -> ImportResult:
    rows = [row for row in fresh.rows if row.action in (RowAction.NEW, RowAction.CHANGED)]
    report(ApplyPhase.WRITING, 0, len(rows))
    articles = _ensure_articles(rows, language=fresh.language)
    facilities = _ensure_facilities(rows, language=fresh.language)
    new = [row for row in rows if row.action == RowAction.NEW]
    created = _create(new, publicity=fresh.publicity, facilities=facilities, articles=articles)
    report(ApplyPhase.WRITING, len(new), len(rows))
    changed = [row for row in rows if row.action == RowAction.CHANGED]
    _update(changed, facilities=facilities, articles=articles)
    withdrawn = [r.prisoner_id for r in changed if r.values.get("publicity") == Publicity.NONE]
    if withdrawn:
        publicity_withdrawn.send(sender=Prisoner, prisoner_ids=withdrawn, user=user)
    report(ApplyPhase.WRITING, len(rows), len(rows))
    # Before the status changes, whose receivers (matching) may read where the person is.
    whereabouts_note_deportations(
        notes=[
            DeportationNote(
                prisoner_id=row.prisoner_id,
                country=row.deported_to,
                since=row.transition.effective_on if row.transition else None,
            )
            for row in changed
            if row.deported_to and row.prisoner_id is not None
        ],
        by=user,
    )
    transitions = _record_transitions(
        changed, source=fresh.source, user=user, report=report, facilities=facilities
    )
    records_written.send(sender=Prisoner)
    return ImportResult(
        created=created,
        updated=len(changed),
        unchanged=fresh.applicable - len(rows),
        status_changes=transitions,
        skipped=fresh.skipped,
    )


def _ensure_articles(rows: list[RowPlan], *, language: str) -> dict[str, CriminalArticle]:
    """Articles by number: created when missing, with the title this version gives (in its
    language); a title already known in that language is never overwritten."""
    numbers = {number for row in rows for number, _part in row.charges or []}
    titles = {number: title for row in rows for number, title in row.titles.items()}
    existing = {
        a.number: a for a in CriminalArticle.objects.filter(number__in=numbers | titles.keys())
    }
    title_field = f"title_{language}"
    for number in sorted(numbers | titles.keys()):
        article = existing.get(number)
        if article is None:
            article = CriminalArticle(number=number, sort_key=CriminalArticle.sort_key_for(number))
        elif getattr(article, title_field) or number not in titles:
            continue
        if number in titles and not getattr(article, title_field):
            setattr(article, title_field, titles[number])
        article.full_clean()
        article.save()
        existing[number] = article
    return existing


def _ensure_facilities(rows: list[RowPlan], *, language: str) -> dict[str, Facility]:
    """The file's facilities by key ("id:<pk>" or a new facility's key): new ones created,
    names and an empty address filled in; nothing known is overwritten."""
    plans = [row.facility for row in rows if row.facility and row.facility.cell]
    ids = {plan.facility_id for plan in plans if plan.facility_id}
    facilities = {f"id:{f.pk}": f for f in Facility.objects.filter(pk__in=ids)}
    name_field = FACILITY_NAME_FIELDS[language]
    new: dict[str, Facility] = {}  # by key
    for plan in plans:
        if plan.facility_id:
            facility = facilities[f"id:{plan.facility_id}"]
            changed = [name for name, value in plan.fills if not getattr(facility, name)]
            for name, value in plan.fills:
                if name in changed:
                    setattr(facility, name, value)
            if changed:
                facility.full_clean(validate_unique=False)
                facility.save(update_fields=[*changed, "updated_at"])
        elif plan.key and plan.key not in new and plan.cell is not None:
            cell = plan.cell
            facility = Facility(
                kind=guess_facility_kind(cell.name),
                postal_address=cell.address if language != "en" else "",
                postal_code=cell.postcode,
            )
            setattr(facility, name_field, cell.name)
            # The fields' rules here; the constraints (a name, unique) hold by the plan, which
            # names each new facility once and never by the name of another, and the database
            # still guards them: checking them here cost a query each, 400 in a first import.
            facility.full_clean(validate_unique=False, validate_constraints=False)
            new[plan.key] = facility
    Facility.objects.bulk_create(new.values(), batch_size=500)
    facilities.update(new)
    return facilities


def _moved_by(row: RowPlan, facilities: dict[str, Facility]) -> Facility | None:
    """The facility a row's status change moves the person to: the change records it (a
    transfer in the history, news for the godparents) instead of a plain field update."""
    if row.transition is None or not row.moved or row.facility is None:
        return None
    return _facility_for(row.facility, facilities)


def _facility_for(plan: FacilityPlan, facilities: dict[str, Facility]) -> Facility | None:
    if plan.facility_id:
        return facilities[f"id:{plan.facility_id}"]
    return facilities[plan.key] if plan.key else None


def _create(rows: list[RowPlan], *, publicity: str, facilities, articles) -> int:
    prisoners = []
    for row in rows:
        prisoner = Prisoner(**{"publicity": publicity, **row.values})
        if row.facility is not None:
            prisoner.facility = _facility_for(row.facility, facilities)
        prisoner_compute_names(prisoner=prisoner)
        # The plan checked every value it writes (lengths, links), the ids and the date order
        # for the whole file; the database constraints still guard the insert. Checking again
        # here would double the cost of a first import.
        prisoners.append(prisoner)
    Prisoner.objects.bulk_create(prisoners, batch_size=500)
    article_ids = {number: article.pk for number, article in articles.items()}
    Charge.objects.bulk_create(
        [
            # Ids rather than instances: 10,000 charges skip the related-object descriptors.
            Charge(prisoner_id=prisoner.pk, article_id=article_ids[number], part=part)
            for prisoner, row in zip(prisoners, rows, strict=True)
            for number, part in row.charges or []
        ],
        batch_size=500,
    )
    return len(prisoners)


def _update(rows: list[RowPlan], *, facilities, articles) -> None:
    """Write the changed records in bulk statements, however many the file changes.

    The records are locked first, so that the values written beside the changed fields (one
    UPDATE carries the union of the rows' fields) are the current ones. A bulk write sends no
    `post_save`: the page cache hears `records_written` once, after the whole import.
    """
    prisoners = (
        Prisoner.objects.select_for_update()
        .prefetch_related("charges")
        .in_bulk([row.prisoner_id for row in rows])
    )
    now = timezone.now()
    written: list[Prisoner] = []
    fields: set[str] = set()
    stale: list[int] = []
    added: list[Charge] = []
    for row in rows:
        prisoner = prisoners[row.prisoner_id]
        changed = _update_fields(prisoner, row, facilities=facilities)
        if changed:
            prisoner.updated_at = now
            written.append(prisoner)
            fields |= changed
        if row.charges is not None:
            gone, new = _charge_changes(prisoner, row.charges, articles)
            stale += gone
            added += new
    if written:
        Prisoner.objects.bulk_update(written, sorted({*fields, "updated_at"}), batch_size=500)
    Charge.objects.filter(pk__in=stale).delete()
    Charge.objects.bulk_create(added, batch_size=500)


def _update_fields(prisoner: Prisoner, row: RowPlan, *, facilities) -> set[str]:
    """Set the row's values on the record; the names of the fields that change."""
    fields = set(row.values)
    for name, value in row.values.items():
        setattr(prisoner, name, value)
    if row.facility is not None and _moved_by(row, facilities) is None:
        prisoner.facility = _facility_for(row.facility, facilities)
        fields.add("facility")
    if prisoner_compute_names(prisoner=prisoner):
        fields |= {"search_keys", "sort_name"}
    # As in _create: the plan checked every value it writes; the database still guards.
    return fields


def _charge_changes(
    prisoner: Prisoner, charges: list[tuple[str, str]], articles
) -> tuple[list[int], list[Charge]]:
    """The record's charges to delete (ids) and to add, for the charges the file gives."""
    wanted = {(articles[number].pk, part) for number, part in charges}
    current = {(c.article_id, c.part): c.pk for c in prisoner.charges.all()}
    gone = [pk for key, pk in current.items() if key not in wanted]
    new = [
        Charge(prisoner=prisoner, article_id=article_id, part=part)
        for article_id, part in wanted - current.keys()
    ]
    return gone, new


def _record_transitions(
    rows: list[RowPlan],
    *,
    source: str,
    user,
    report: ApplyProgress,
    facilities: dict[str, Facility],
) -> int:
    """Status changes and transfers go through the service: dated history entries citing the
    export, and the news their godparents get (a transfer carries the new address)."""
    changes = [
        StatusChangeRequest(
            prisoner_id=row.prisoner_id,
            status=row.transition.status,
            effective_on=row.transition.effective_on,
            facility=_moved_by(row, facilities),
        )
        for row in rows
        # The plan gives a transition only to a row that matched a record.
        if row.transition is not None and row.prisoner_id is not None
    ]
    if not changes:
        return 0
    report(ApplyPhase.HISTORY, 0, len(changes))
    count = prisoner_status_change_many(changes=changes, source=str(source)[:500], recorded_by=user)
    report(ApplyPhase.HISTORY, count, len(changes))
    return count
