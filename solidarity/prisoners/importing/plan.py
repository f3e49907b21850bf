"""The dry run: what importing a file would do to each record, computed without writing.

Merging rules (docs/import.md): an empty cell never erases a value; each version of the list
writes its own language's facts (name spelling, sentence text, judge, prosecutor, links, article
titles, facility name), so that importing the three versions in any order, then again, changes
nothing; values derived from wording (sentence length, penalty type) belong to the Russian
version, the others fill them when empty. A facility is the same across versions when its
postcode and number agree; only the Cyrillic versions give the envelope's address.

Each row ends new, changed, unchanged or invalid; odd but real values (a verdict before the
detention, a charge that cannot be read, an unknown status word) are warnings on a row that
still imports. A row with status `np` never makes a record public.
"""

import contextlib
import datetime
import functools
import gc
import hashlib
import operator
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from solidarity.common.tables import TOO_MANY_CELLS_ERROR, ImportRefused, read_rows
from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    RELEASED_STATUSES,
    PenaltyType,
    Publicity,
    Situation,
    Status,
)
from solidarity.prisoners.models import Charge, CriminalArticle, Facility, Prisoner, Whereabouts
from solidarity.prisoners.names import fold, name_tokens, phonetic_key

from . import parsing
from .articles import ArticleReading, read_articles
from .columns import detect_language, map_columns
from .parsing import FacilityCell, Place

DUPLICATE_ID_ERROR = _("The id “%(id)s” appears more than once in the file (lines %(lines)s).")
MISSING_NAME_ERROR = _("The name is empty.")
MISSING_STATUS_ERROR = _("The status is empty.")
AMBIGUOUS_MATCH_ERROR = _("Several records have this name and birth date; add the id.")
PRIVATE_MATCH_ERROR = _(
    "A record kept private (publicity None) has this name: to avoid publishing a duplicate, "
    "give that record this row's id first, or leave the row out."
)
SAME_RECORD_ERROR = _("Another row of the file matches the same record (line %(line)s).")
VERDICT_BEFORE_ARREST_WARNING = _(
    "The verdict date is before the arrest date (a trial in absentia, or a new arrest after an "
    "older case?): imported as written."
)
RELEASE_BEFORE_ARREST_ERROR = _("The release date is before the arrest date.")
DEATH_BEFORE_ARREST_WARNING = _(
    "The date of death is before the arrest date: imported as written; the status is dated by "
    "the arrest."
)
UNREADABLE_ARTICLES_WARNING = _(
    "The charges “%(value)s” could not be read into articles: they are kept as written and "
    "shown on the profile as published."
)
UNKNOWN_STATUS_PRIVATE_WARNING = _(
    "The new record is created not public (publicity None) until someone reads its status."
)
NP_INVALID_ERROR = _(
    "This row withdraws a public record (status np) but is invalid: correct it before "
    "applying anything, so that the record does not stay public."
)
NOT_PUBLIC_WARNING = _(
    "Status np: the list does not name this person a political prisoner now, so the record "
    "is not public (publicity None)."
)
BIRTH_AFTER_ARREST_ERROR = _("The birth date is not before the arrest date.")
STATUS_DATE_ERROR = _(
    "The status would change on %(date)s, before its current status (%(current)s)."
)
ARREST_AFTER_STATUS_ERROR = _(
    "The arrest date is after the date of the record's status (%(date)s): correct the arrest "
    "date, or the status history of the record."
)
BAD_PUBLICITY_ERROR = _("Unknown publicity “%(publicity)s”: choose basic, none or full.")
DEPORTED_WHERE_WARNING = _(
    "The list says the person was deported but names no country this import knows: record "
    "where under “Whereabouts after release”."
)

NAME_FIELDS = {"en": "name_latin", "ru": "name_ru", "be": "name_be"}
# Facility name fields by the language of the version that writes them.
FACILITY_NAME_FIELDS = {"en": "name_latin", "ru": "name", "be": "name_be"}
# Values derived from the wording of a cell: each version may read them a little differently,
# so one version owns them and the others only fill them when empty.
DERIVED_FIELDS = ("sentence_months", "penalty_type")
TEXT_OWNER = "ru"
# What a place cell that names no facility says about the status of someone in custody.
PLACE_STATUSES: dict[str, str] = {
    Place.AWAITING_SENTENCE: Status.AWAITING_SENTENCE,
    Place.HOME_CONFINEMENT: Status.RESTRICTED_FREEDOM,
    Place.RESTRICTED_FREEDOM: Status.RESTRICTED_FREEDOM,
}
PLACE_PENALTIES: dict[str, str] = {
    Place.HOME_CONFINEMENT: PenaltyType.HOME_CONFINEMENT,
    Place.RESTRICTED_FREEDOM: PenaltyType.RESTRICTED_AT_HOME,
}
PROGRESS_EVERY = 250  # rows between two progress reports

# Called with (rows done, rows in all) while the dry run compares the file with the records.
Progress = Callable[[int, int], None]


class RowAction(models.TextChoices):
    NEW = "new", _("New")
    CHANGED = "changed", _("Changed")
    UNCHANGED = "unchanged", _("Unchanged")
    INVALID = "invalid", _("Invalid")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class StatusTransition:
    status: str
    effective_on: datetime.date


@dataclass(frozen=True)
class FacilityPlan:
    """Where the row puts the person: an existing facility (`facility_id`), a new one (`key`,
    shared by every row of the file that names it), or none; and the names or address that
    this version fills in on the facility (`fills`, field -> value)."""

    facility_id: int | None = None
    key: str = ""
    cell: FacilityCell | None = None
    fills: tuple[tuple[str, str], ...] = ()


@dataclass
class RowPlan:
    """One row of the file and what applying it would do."""

    line: int
    name: str
    external_id: str
    action: str = RowAction.UNCHANGED
    prisoner_id: int | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # field values by field name
    charges: list[tuple[str, str]] | None = None
    titles: dict[str, str] = field(default_factory=dict)
    facility: FacilityPlan | None = None
    transition: StatusTransition | None = None
    # "Deported to Lithuania": the country goes to the record's Whereabouts (restricted), never
    # to a public field; with the date of the release.
    deported_to: str = ""
    moved: bool = False  # an existing record's facility changes: a transfer
    blocking: bool = False  # invalid, and skipping it would leave a withdrawn record public
    transfer: bool = False  # the transition only moves the person to another facility


@dataclass(frozen=True)
class MissingRecord:
    prisoner_id: int
    external_id: str
    name: str


# The order in which a dry run's summary lists what the file changes: releases first (they end
# godparenthoods and call for help in exile), then deaths, withdrawals, other changes.
SUMMARY_ORDER = (
    "new",
    Status.RELEASED_SERVED,
    Status.RELEASED_PARDONED,
    Status.RELEASED_AMNESTIED,
    Status.RELEASED_EXCHANGED,
    Status.DEPORTED,
    Status.DIED_IN_CUSTODY,
    Status.NO_LONGER_RECOGNISED,
    Status.INCOMMUNICADO,
    Status.IN_TRANSIT,
    "transferred",
    Status.PRE_TRIAL,
    Status.CONVICTED,
    Status.RESTRICTED_FREEDOM,
    Status.AWAITING_SENTENCE,
    "gone",
)
SUMMARY_LABELS = {
    "new": _("New on the list"),
    "transferred": _("Transferred to another facility"),
    "gone": _("No longer on the list (kept, never deleted)"),
}


@dataclass(frozen=True)
class SummaryEntry:
    line: int | None  # None: a record the file no longer lists
    name: str
    prisoner_id: int | None


@dataclass(frozen=True)
class SummaryGroup:
    """One kind of change in the file (a release, a death, a transfer...) and whom it concerns."""

    kind: str
    label: str
    entries: tuple[SummaryEntry, ...]


@dataclass
class ImportPlan:
    """The dry run of one file: per-row actions and the records the file no longer lists."""

    filename: str
    language: str
    publicity: str
    source: str
    rows: list[RowPlan]
    missing: list[MissingRecord]
    ignored_columns: list[str]
    content: bytes = field(default=b"", repr=False, compare=False)
    # A digest of the day and of everything the dry run read from the database: applying
    # writes this plan as it is only while the records still give the same digest.
    state: str = field(default="", repr=False, compare=False)

    @property
    def counts(self) -> dict[str, int]:
        """Rows by action, and `warning`: rows that import with a warning."""
        counter = Counter(row.action for row in self.rows)
        counts = {action.value: counter.get(action, 0) for action in RowAction}
        counts["warning"] = sum(
            1 for row in self.rows if row.warnings and row.action != RowAction.INVALID
        )
        counts["blocking"] = sum(1 for row in self.rows if row.blocking)
        return counts

    @property
    def is_valid(self) -> bool:
        """No row is invalid: applying writes the whole file."""
        return not any(row.action == RowAction.INVALID for row in self.rows)

    @property
    def summary(self) -> list[SummaryGroup]:
        """What the file changes, by kind, in SUMMARY_ORDER: a release wave at a glance.

        Invalid rows are left out (applying skips them); a status change of an existing record
        counts under its new status, a new record under "new".
        """
        groups: dict[str, list[SummaryEntry]] = defaultdict(list)
        for row in self.rows:
            entry = SummaryEntry(line=row.line, name=row.name, prisoner_id=row.prisoner_id)
            if row.action == RowAction.NEW:
                groups["new"].append(entry)
            elif row.action == RowAction.CHANGED and (
                row.transfer or (row.moved and not row.transition)
            ):
                groups["transferred"].append(entry)
            elif row.action == RowAction.CHANGED and row.transition is not None:
                groups[row.transition.status].append(entry)
        for record in self.missing:
            groups["gone"].append(SummaryEntry(None, record.name, record.prisoner_id))
        return [
            SummaryGroup(kind=str(kind), label=str(_summary_label(kind)), entries=tuple(entries))
            for kind in SUMMARY_ORDER
            if (entries := groups.get(kind))
        ]

    @property
    def applicable(self) -> int:
        """Rows that applying writes or confirms (every row that is not invalid); none while an
        invalid row would leave a record public that the list withdraws."""
        if any(row.blocking for row in self.rows):
            return 0
        return sum(1 for row in self.rows if row.action != RowAction.INVALID)

    @property
    def skipped(self) -> int:
        """Invalid rows: applying leaves their records untouched."""
        return sum(1 for row in self.rows if row.action == RowAction.INVALID)

    @property
    def fingerprint(self) -> str:
        """What applying would write, independent of the language the dry run was shown in.

        Applying re-plans and compares fingerprints: any change to the records since the dry
        run the user approved refuses the import instead of writing something unreviewed.
        """
        digest = hashlib.sha256()
        for row in self.rows:
            written = (
                row.line,
                row.external_id,
                str(row.action),
                row.prisoner_id,
                sorted(row.values.items()),
                row.charges,
                sorted(row.titles.items()),
                _facility_tuple(row.facility) if row.facility else None,
                (row.transition.status, row.transition.effective_on) if row.transition else None,
                *((row.deported_to,) if row.deported_to else ()),
            )
            digest.update(repr(written).encode())
        return digest.hexdigest()


def _facility_tuple(plan: FacilityPlan) -> tuple:
    """`dataclasses.astuple(plan)` without its deep copies (a tenth of a dry run's time): the
    fingerprints of stored dry runs stay valid."""
    cell = plan.cell
    return (
        plan.facility_id,
        plan.key,
        (cell.name, cell.address, cell.place, cell.postcode, cell.number) if cell else None,
        plan.fills,
    )


@dataclass
class ParsedRow:
    line: int
    cells: dict[str, str]
    row: RowPlan
    status_code: str = ""
    publicity: str = ""
    facts: dict[str, Any] = field(default_factory=dict)  # field values by field name
    articles: ArticleReading | None = None
    facility: FacilityCell | None = None


def import_plan(
    *,
    content: bytes,
    filename: str,
    language: str | None = None,
    publicity: str = "basic",
    progress: Progress | None = None,
) -> ImportPlan:
    """Read the file and compare it with the database; raises ImportRefused for a bad file."""
    return _plan(
        content=content,
        filename=filename,
        language=language,
        publicity=publicity,
        progress=progress,
    )


def import_plan_again(plan: ImportPlan, *, progress: Progress | None = None) -> ImportPlan:
    """The dry run of `plan`'s file against the records as they are now.

    A dry run is a function of the file, its options, the day and the records it reads. The
    records are read again exactly as the dry run read them: when they are the same to the
    last column, and the day is the same, planning again would give the same rows, so `plan`
    itself is returned; otherwise the file is planned again against what was just read.
    """
    records = _MatchContext.load(language=plan.language, today=timezone.localdate())
    if plan.state and plan.state == records.state:
        if progress:
            progress(len(plan.rows), len(plan.rows))
        return plan
    return _plan(
        content=plan.content,
        filename=plan.filename,
        language=plan.language,
        publicity=plan.publicity,
        progress=progress,
        context=records,
    )


_pauses = 0  # imports running in this process with the cycle collector paused
_pauses_lock = threading.Lock()
_collector_was_enabled = True


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an import runs (reference counting still frees
    everything else), then restore it.

    An import builds some 100,000 rows, values and changes that live until it ends; each time
    the collector runs it walks them all again, with the whole process's heap: a fifth of a
    first import's time, for no garbage (the import makes no reference cycles). The pause is
    process-wide, so other threads collect no cycles for those seconds either; nested and
    concurrent imports restore the collector when the last one ends.
    """
    global _pauses, _collector_was_enabled
    with _pauses_lock:
        if _pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0 and _collector_was_enabled:
                gc.enable()


@cycle_collection_paused()
def _plan(
    *,
    content: bytes,
    filename: str,
    language: str | None,
    publicity: str,
    progress: Progress | None,
    context: "_MatchContext | None" = None,
) -> ImportPlan:
    if publicity not in Publicity.values:
        raise ImportRefused(BAD_PUBLICITY_ERROR % {"publicity": publicity})
    rows = read_rows(content=content, filename=filename)
    columns, ignored = map_columns(rows[0])
    names = (row[columns["name"]] for row in rows[1:] if len(row) > columns["name"])
    language = detect_language(rows[0], requested=language, names=names)
    today = context.today if context else timezone.localdate()
    reader = _RowReader(columns=columns, language=language, width=len(rows[0]), today=today)
    parsed = [reader.read(number, cells) for number, cells in enumerate(rows[1:], start=2) if cells]
    _flag_duplicate_ids(parsed)
    if context is None:
        context = _MatchContext.load(language=language, today=today)
    for done, item in enumerate(parsed, start=1):
        if not item.row.errors:
            _plan_row(item, context=context, language=language)
        if item.row.errors:
            item.row.action = RowAction.INVALID
            if item.status_code == "np" and context.is_public(item.row.external_id):
                item.row.errors.append(str(NP_INVALID_ERROR))
                item.row.blocking = True
        if progress and (done % PROGRESS_EVERY == 0 or done == len(parsed)):
            progress(done, len(parsed))
    file_ids = {item.row.external_id for item in parsed if item.row.external_id}
    return ImportPlan(
        filename=filename,
        language=language,
        publicity=publicity,
        source=_("Defenders' list import: %(file)s") % {"file": filename},
        rows=[item.row for item in parsed],
        missing=context.missing(file_ids),
        ignored_columns=ignored,
        content=content,
        state=context.state,
    )


# Parsing ---------------------------------------------------------------------------------------

_DATE_FACTS = {
    "arrested": "detained_on",
    "verdict_date": "verdict_date",
    "release_date": "released_on",
    "died": "died_on",
}
_FACT_PARSERS = {
    "gender": ("gender", parsing.parse_gender),
    "penalty": ("penalty_type", parsing.parse_penalty),
}
# Cells whose text each version writes in its own language: stored in `<field>_<language>`.
_LANGUAGE_PARSERS = {
    "declaration": ("recognition_statement_url", parsing.parse_url),
    "url": ("source_url", parsing.parse_url),
    "judge": ("judge", lambda text: text[:200]),
    "prosecutor": ("prosecutor", lambda text: text[:200]),
}


@dataclass(frozen=True)
class _RowReader:
    """Reads the rows of one file: its columns, its language and the day it is imported."""

    columns: dict[str, int]
    language: str
    width: int
    today: datetime.date

    def read(self, line: int, cells: list[str]) -> "ParsedRow":
        """Read every cell of one row; errors are collected, not raised, to report them all."""
        by_field = {
            name: cells[index] if index < len(cells) else "" for name, index in self.columns.items()
        }
        row = RowPlan(line=line, name=by_field["name"], external_id=by_field.get("id", ""))
        item = ParsedRow(line=line, cells=by_field, row=row)
        if any(cells[self.width :]):
            row.errors.append(str(TOO_MANY_CELLS_ERROR))
        if not row.name:
            row.errors.append(str(MISSING_NAME_ERROR))
        item.facts[NAME_FIELDS[self.language]] = row.name[:200]
        for column, read in _CELL_READERS:
            text = by_field.get(column, "").strip()
            if text:
                try:
                    read(self, item, text)
                except parsing.CellError as error:
                    row.errors.append(str(error))
        status = by_field.get("status", "").strip()
        if not status and not by_field.get("died", "").strip():
            row.errors.append(str(MISSING_STATUS_ERROR))
        if status and not item.status_code:
            row.warnings.append(str(parsing.UNKNOWN_STATUS_WARNING % {"value": status}))
        if item.articles and item.articles.unreadable:
            message = UNREADABLE_ARTICLES_WARNING % {"value": item.articles.unreadable[:200]}
            row.warnings.append(str(message))
        return item


# A cell reader stores what its cell says on the parsed row.
CellReader = Callable[[_RowReader, "ParsedRow", str], None]


def _read_status(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    item.status_code = parsing.parse_status(text)


def _read_publicity(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    item.publicity = parsing.parse_publicity(text)


def _read_birthday(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    partial = parsing.parse_partial_date(text, today=reader.today)
    if partial is not None:
        item.facts["birth_date"] = partial.value
        item.facts["birth_date_precision"] = partial.precision


def _read_articles(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    item.articles = read_articles(text)
    item.facts[f"charges_text_{reader.language}"] = item.articles.unreadable


def _read_prison(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    item.facility = parsing.parse_prison(text)


def _read_decision(reader: _RowReader, item: "ParsedRow", text: str) -> None:
    item.facts[f"sentence_text_{reader.language}"] = text[:255]
    _store(item.facts, "sentence_months", parsing.parse_sentence_months(text))


def _date_reader(target: str) -> CellReader:
    def read(reader: _RowReader, item: "ParsedRow", text: str) -> None:
        _store(item.facts, target, parsing.parse_date(text, today=reader.today))

    return read


def _fact_reader(
    target: str, parse: Callable[[str], object], *, own_language: bool = False
) -> CellReader:
    def read(reader: _RowReader, item: "ParsedRow", text: str) -> None:
        _store(item.facts, f"{target}_{reader.language}" if own_language else target, parse(text))

    return read


# In this order, so that a row's errors are listed as they always were.
_CELL_READERS: tuple[tuple[str, CellReader], ...] = (
    ("status", _read_status),
    ("publicity", _read_publicity),
    ("birthday", _read_birthday),
    ("articles", _read_articles),
    ("prison", _read_prison),
    ("decision", _read_decision),
    *((column, _date_reader(target)) for column, target in _DATE_FACTS.items()),
    *((column, _fact_reader(target, parse)) for column, (target, parse) in _FACT_PARSERS.items()),
    *(
        (column, _fact_reader(target, parse, own_language=True))
        for column, (target, parse) in _LANGUAGE_PARSERS.items()
    ),
)


def _store(facts: dict, target: str, value: object) -> None:
    if value not in (None, ""):
        facts[target] = value


def _flag_duplicate_ids(parsed: list[ParsedRow]) -> None:
    lines: dict[str, list[int]] = defaultdict(list)
    for item in parsed:
        if item.row.external_id:
            lines[item.row.external_id].append(item.line)
    for item in parsed:
        found = lines.get(item.row.external_id, [])
        if len(found) > 1:
            message = DUPLICATE_ID_ERROR % {
                "id": item.row.external_id,
                "lines": ", ".join(map(str, found)),
            }
            item.row.errors.append(str(message))


# Matching --------------------------------------------------------------------------------------


def facility_key(facility: Facility) -> str:
    """A facility's postcode and number, as `FacilityCell.key` reads them from a place cell."""
    postcode = facility.postal_code or _postcode_of(facility.postal_address)
    if not postcode:
        return ""
    name = facility.name or facility.name_be or facility.name_latin
    number = re.search(r"\d+", name)
    return f"{postcode}/{number.group(0)}" if number else ""


def facility_fold(name: str) -> str:
    """A facility name as compared: case, "ё" and spacing aside; digits kept (ИК-4 ≠ ИК-15)."""
    return re.sub(r"\s+", " ", name.lower().replace("ё", "е")).strip()


def _postcode_of(address: str) -> str:
    match = parsing.POSTCODE.search(address)
    return match.group(1) if match else ""


@dataclass
class _Facilities:
    """The facilities known before the file, and those the file itself adds (by key)."""

    language: str
    by_id: dict[int, Facility]
    by_name: dict[str, Facility]
    by_key: dict[str, Facility]
    new: dict[str, FacilityCell] = field(default_factory=dict)
    new_names: dict[str, str] = field(default_factory=dict)  # folded name -> key of `new`

    @classmethod
    def of(cls, language: str, facilities: list[Facility]) -> "_Facilities":
        name_field = FACILITY_NAME_FIELDS[language]
        return cls(
            language=language,
            by_id={f.pk: f for f in facilities},
            by_name={
                facility_fold(getattr(f, name_field)): f
                for f in facilities
                if getattr(f, name_field)
            },
            by_key={key: f for f in facilities if (key := facility_key(f))},
        )

    def find(self, cell: FacilityCell, current: Facility | None) -> Facility | None:
        """The facility this version's cell names: by its name in this language, by postcode
        and number, else the person's current facility when that has no name in this language
        yet (the versions describe the same person on the same day)."""
        found = self.by_name.get(facility_fold(cell.name)) or (
            cell.key and self.by_key.get(cell.key)
        )
        if found:
            return found
        name_field = FACILITY_NAME_FIELDS[self.language]
        if current is None or getattr(current, name_field):
            return None
        return current if not cell.number or cell.number in _numbers(current) else None

    def new_key(self, cell: FacilityCell) -> str:
        """One key per new facility of the file, so that its rows share one record (the same
        name, or the same postcode and number)."""
        folded = facility_fold(cell.name)
        key = self.new_names.get(folded) or cell.key or f"{self.language}:{folded}"
        self.new.setdefault(key, cell)
        self.new_names.setdefault(folded, key)
        return key

    def fills(self, facility: Facility, cell: FacilityCell) -> tuple[tuple[str, str], ...]:
        """What this version knows of the facility that the record lacks (never overwrites),
        remembered so that the file's later rows find the facility by that name or postcode.

        A name that a new facility of the same file already has is not given to this one too.
        """
        planned = []
        name_field = FACILITY_NAME_FIELDS[self.language]
        folded = facility_fold(cell.name)
        if not getattr(facility, name_field) and folded not in self.new_names:
            planned.append((name_field, cell.name))
            setattr(facility, name_field, cell.name)  # an unsaved mark for the file's next rows
            self.by_name[folded] = facility
        if self.language != "en" and cell.address and not facility.postal_address:
            planned.append(("postal_address", cell.address))
        if cell.postcode and not facility.postal_code:
            planned.append(("postal_code", cell.postcode))
            if cell.key:
                self.by_key.setdefault(cell.key, facility)
        return tuple(planned)


def _numbers(facility: Facility) -> set[str]:
    return {
        match.group(0)
        for name in (facility.name, facility.name_be, facility.name_latin)
        if (match := re.search(r"\d+", name))
    }


@dataclass
class _MatchContext:
    """What the dry run reads from the database, once per file, and the day it runs."""

    by_id: dict[str, Prisoner]
    by_name: dict[tuple[str, datetime.date | None], list[Prisoner]]
    facilities: _Facilities
    titles: dict[str, str]
    charges: dict[int, list[tuple[str, str]]]  # (article, part) by record id
    today: datetime.date
    state: str  # a digest of `today` and of everything read: see `_state_digest`
    ui_language: str  # the language of the review's texts
    blank: Prisoner = field(default_factory=Prisoner)  # what a new record is compared with
    private_names: set[frozenset[str]] = field(default_factory=set)
    claimed: dict[int, int] = field(default_factory=dict)

    @classmethod
    def load(cls, *, language: str, today: datetime.date) -> "_MatchContext":
        prisoners = list(Prisoner.objects.select_related("facility"))
        # Charges as plain rows, in one query: instances through prefetch_related cost half of
        # reading 5,000 records.
        charge_rows = list(Charge.objects.values_list(*CHARGE_COLUMNS))
        charges: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for _pk, prisoner_id, _article_id, number, part in charge_rows:
            charges[prisoner_id].append((number, part))
        facilities = list(Facility.objects.all())
        titles = dict(CriminalArticle.objects.values_list("number", f"title_{language}"))
        by_name: dict[tuple[str, datetime.date | None], list[Prisoner]] = defaultdict(list)
        for prisoner in prisoners:
            for name in {
                fold(n) for n in (prisoner.name_latin, prisoner.name_ru, prisoner.name_be)
            }:
                if name and prisoner.birth_date:
                    by_name[(name, prisoner.birth_date)].append(prisoner)
        return cls(
            by_id={p.external_id: p for p in prisoners if p.external_id},
            by_name=by_name,
            facilities=_Facilities.of(language, facilities),
            titles=titles,
            charges=charges,
            today=today,
            state=_state_digest(today, prisoners, charge_rows, facilities, titles),
            ui_language=get_language() or "",
            private_names={
                name_signature(name)
                for p in prisoners
                if p.publicity == Publicity.NONE
                for name in (p.name_latin, p.name_ru, p.name_be)
                if name
            },
        )

    def match(self, item: ParsedRow) -> Prisoner | None:
        """By id; else by folded name and birth date among records without another id."""
        external_id = item.row.external_id
        if external_id and external_id in self.by_id:
            return self._claim(item, self.by_id[external_id])
        birth = item.facts.get("birth_date")
        # Folding names costs a third of a first import's matching: only when there is a
        # record to find (none in an empty database, none without a birth date).
        folded = fold(item.row.name) if self.by_name and birth else ""
        candidates = [
            p
            for p in self.by_name.get((folded, birth), [])
            if not p.external_id or p.external_id == external_id
        ]
        if len(candidates) > 1:
            item.row.errors.append(str(AMBIGUOUS_MATCH_ERROR))
        if len(candidates) == 1:
            return self._claim(item, candidates[0])
        if self.private_names and name_signature(item.row.name) in self.private_names:
            # Never create a public duplicate of a person whose family refused publicity (or
            # whom the list withholds), whatever id the row carries.
            item.row.errors.append(str(PRIVATE_MATCH_ERROR))
        return None

    def is_public(self, external_id: str) -> bool:
        record = self.by_id.get(external_id) if external_id else None
        return record is not None and record.publicity != Publicity.NONE

    def _claim(self, item: ParsedRow, prisoner: Prisoner) -> Prisoner:
        other = self.claimed.setdefault(prisoner.pk, item.line)
        if other != item.line:
            item.row.errors.append(str(SAME_RECORD_ERROR % {"line": other}))
        return prisoner

    def missing(self, file_ids: set[str]) -> list[MissingRecord]:
        return [
            MissingRecord(prisoner_id=p.pk, external_id=p.external_id, name=p.display_name)
            for external_id, p in sorted(self.by_id.items())
            if external_id not in file_ids
        ]


# Diff ------------------------------------------------------------------------------------------


def _plan_row(item: ParsedRow, *, context: _MatchContext, language: str) -> None:
    prisoner = context.match(item)
    if item.row.errors:
        return
    row = item.row
    row.prisoner_id = prisoner.pk if prisoner else None
    _plan_place(item)
    targets = _target_values(item, prisoner=prisoner, language=language)
    current = prisoner or context.blank
    changed = {name: value for name, value in targets.items() if getattr(current, name) != value}
    _check_fields(item, changed)  # what the records already hold was checked when written
    ui = context.ui_language
    for name, value in changed.items():
        row.values[name] = value
        row.changes.append(_change(prisoner, name, value, ui=ui))
    _plan_publicity(item, prisoner, ui=ui)
    charges = context.charges.get(prisoner.pk, []) if prisoner else []
    _plan_charges(item, charges, titles=context.titles, language=language, ui=ui)
    _plan_facility(item, prisoner, facilities=context.facilities, language=language, ui=ui)
    _plan_status(item, prisoner, today=context.today, ui=ui)
    _plan_whereabouts(item, prisoner, ui=ui)
    _plan_transfer(item, prisoner, today=context.today)
    _check_dates(item, prisoner)
    if row.errors:
        return
    if prisoner is None:
        row.action = RowAction.NEW
    elif row.changes:
        row.action = RowAction.CHANGED


def _plan_transfer(item: ParsedRow, prisoner: Prisoner | None, *, today: datetime.date) -> None:
    """A person held elsewhere now is transferred: a dated history entry naming the facility,
    which tells their godparents the new address, as a transfer recorded by hand does."""
    row = item.row
    if prisoner is None or not row.moved or row.transition is not None:
        return
    cell = row.facility.cell if row.facility else None
    if prisoner.status in DETAINED_STATUSES and cell is not None and cell.name:
        row.transition = StatusTransition(prisoner.status, today)
        row.transfer = True


def _plan_place(item: ParsedRow) -> None:
    """A place cell that names no facility may say what the penalty is (home confinement)."""
    cell = item.facility
    if cell is not None and cell.place in PLACE_PENALTIES and "penalty_type" not in item.facts:
        item.facts["penalty_type"] = PLACE_PENALTIES[cell.place]


def _summary_label(kind: str) -> str:
    return str(SUMMARY_LABELS.get(kind) or Status(kind).label)


def _prisoner_field(name: str) -> models.Field:
    model_field = Prisoner._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # facts name concrete fields
    return model_field


def _facility_field(name: str) -> models.Field:
    model_field = Facility._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # fills name concrete fields
    return model_field


def _check_fields(item: ParsedRow, targets: dict) -> None:
    """Field rules (lengths, URL form) now, so that applying never fails half-way.

    Only text is checked: dates, numbers and choices come from this module's own parsers and
    are valid by construction (checking them too cost a third of a first import's dry run).
    """
    for name, value in targets.items():
        if not isinstance(value, str) or _plainly_valid(name, value):
            continue
        model_field = _prisoner_field(name)
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            messages = "; ".join(error.messages)
            item.row.errors.append(f"{model_field.verbose_name}: {messages}")


_PLAIN_RULES = (validators.ProhibitNullCharactersValidator, validators.URLValidator)


@functools.cache
def _text_rules(name: str) -> tuple[int | None, frozenset[str], bool] | None:
    """A text field's length limit, its choices (empty: any text), and whether it may be empty;
    None for a field whose rules are more than these (its values always go through `clean`).

    A link's URLValidator counts as one of these rules: every link a file gives went through
    `parsing.parse_url`, which runs the same validator."""
    model_field = _prisoner_field(name)
    limits: list[int] = []
    for rule in model_field.validators:
        if type(rule) is validators.MaxLengthValidator and isinstance(rule.limit_value, int):
            limits.append(rule.limit_value)
        elif type(rule) not in _PLAIN_RULES:
            return None
    if model_field.null:
        return None
    choices = frozenset(str(key) for key, _label in model_field.flatchoices)
    return min(limits, default=None), choices, model_field.blank


def _plainly_valid(name: str, value: str) -> bool:
    """True when `clean` would certainly accept the value: checking each of a first import's
    60,000 texts through the field's validators was a fifth of its dry run."""
    rules = _text_rules(name)
    if rules is None:
        return False
    max_length, choices, blank = rules
    return (
        (max_length is None or len(value) <= max_length)
        and "\x00" not in value
        and (bool(value) or blank)
        and (not choices or value in choices)
    )


def _target_values(item: ParsedRow, *, prisoner: Prisoner | None, language: str) -> dict:
    """The values the row asks for, after the merging rules."""
    values = dict(item.facts)
    if item.row.external_id:
        values["external_id"] = item.row.external_id
    for name in DERIVED_FIELDS:
        keeps_own = prisoner is not None and getattr(prisoner, name)
        if name in values and language != TEXT_OWNER and keeps_own:
            del values[name]
    charges_text = f"charges_text_{language}"
    if values.get(charges_text) == "" and not (prisoner and getattr(prisoner, charges_text)):
        del values[charges_text]  # read into articles, and nothing kept to clear
    if prisoner and "birth_date" in values and _is_coarser_birthday(values, prisoner):
        del values["birth_date"], values["birth_date_precision"]
    return values


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def _is_coarser_birthday(values: dict, prisoner: Prisoner) -> bool:
    """A year-only "1982" must not overwrite a known 24.04.1982."""
    if prisoner.birth_date is None:
        return False
    precision, date = values["birth_date_precision"], values["birth_date"]
    if _PRECISION_RANK[precision] >= _PRECISION_RANK[prisoner.birth_date_precision]:
        return False
    same_year = date.year == prisoner.birth_date.year
    return same_year and (precision == "year" or date.month == prisoner.birth_date.month)


def _change(current: Prisoner | None, name: str, value: object, *, ui: str) -> FieldChange:
    label, choices = _field_texts(name, ui)
    old = getattr(current, name) if current else None
    return FieldChange(
        field=label,
        old=_display(choices.get(old, old)),
        new=_display(choices.get(value, value)),
    )


@functools.cache
def _field_texts(name: str, language: str) -> tuple[str, dict[object, str]]:
    """A field's label and its choices' labels in `language`, translated once per run rather
    than once per changed cell (a 5,000-row file changes 100,000 of them)."""
    model_field = _prisoner_field(name)
    with override(language or None):
        return str(model_field.verbose_name), {
            key: str(text) for key, text in model_field.flatchoices
        }


@functools.cache
def _place_label(place: str, language: str) -> str:
    with override(language or None):
        return str(Place(place).label)


@functools.cache
def _new_label(language: str) -> str:
    with override(language or None):
        return str(_("new"))


def _display(value: object) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _charges_text(charges) -> str:
    return ", ".join(f"{number} ч.{part}" if part else number for number, part in charges) or "—"


def _plan_publicity(item: ParsedRow, prisoner: Prisoner | None, *, ui: str) -> None:
    """A row may only lower an existing record's publicity to None, never raise it.

    A family's refusal recorded by hand must win over any file; a file's "withheld" mark must
    take a record off the site at once. A row with status `np` is withheld whatever it says:
    the list does not name the person a political prisoner now. New records take the row's
    publicity, or the import's.
    """
    wanted = item.publicity
    if item.status_code == "np":
        wanted = Publicity.NONE
        item.row.warnings.append(str(NOT_PUBLIC_WARNING))
    elif not item.status_code and item.cells.get("status", "").strip() and prisoner is None:
        wanted = Publicity.NONE  # an unknown word might mean "withheld": a person decides
        item.row.warnings.append(str(UNKNOWN_STATUS_PRIVATE_WARNING))
    if not wanted or (prisoner is not None and wanted != Publicity.NONE):
        return
    current = prisoner.publicity if prisoner else None
    if wanted != current:
        item.row.values["publicity"] = wanted
        item.row.changes.append(_change(prisoner, "publicity", wanted, ui=ui))


def _plan_charges(
    item: ParsedRow,
    charges: list[tuple[str, str]],
    *,
    titles: dict[str, str],
    language: str,
    ui: str,
) -> None:
    """Charges as read; an unreadable cell leaves the articles as they are (its text is kept).
    `charges` are the record's, (article, part) pairs.

    Article titles are filled in this version's language where the database has none yet.
    """
    reading = item.articles
    if reading is None or reading.unreadable:
        return
    current = sorted(charges)
    if sorted(reading.charges) != current:
        item.row.charges = reading.charges
        label = _field_texts("articles", ui)[0]
        item.row.changes.append(
            FieldChange(label, _charges_text(current), _charges_text(reading.charges))
        )
    for number, title in reading.titles.items():
        if not titles.get(number):
            titles[number] = title  # planned once: the file's later rows find it known
            item.row.titles[number] = title
            label = _("Title of article %(number)s (%(language)s)") % {
                "number": number,
                "language": language,
            }
            item.row.changes.append(FieldChange(str(label), "—", title))


def _plan_facility(
    item: ParsedRow,
    prisoner: Prisoner | None,
    *,
    facilities: _Facilities,
    language: str,
    ui: str,
) -> None:
    """The row's place: a facility found across versions (filling this version's name and,
    from a Cyrillic version, an empty address), a new facility, or none for a place cell that
    names no facility ("released", "at liberty before serving the sentence"...)."""
    cell = item.facility
    if cell is None:
        return
    current = prisoner.facility if prisoner else None
    label = _field_texts("facility", ui)[0]
    if not cell.name:
        if current is not None:
            item.row.facility = FacilityPlan(cell=cell)
            said = _place_label(cell.place, ui)
            item.row.changes.append(FieldChange(label, current.display_name, f"— ({said})"))
        return
    found = facilities.find(cell, current)
    if found is None:
        key = facilities.new_key(cell)
        item.row.facility = FacilityPlan(key=key, cell=cell)
        item.row.moved = current is not None
        new = f"{cell.name} ({_new_label(ui)})"
        old = current.display_name if current else ""
        item.row.changes.append(FieldChange(label, _display(old), new))
        return
    fills = facilities.fills(found, cell)
    if found != current or fills:
        item.row.facility = FacilityPlan(facility_id=found.pk, cell=cell, fills=fills)
    if found != current:
        item.row.moved = current is not None
        old = current.display_name if current else ""
        item.row.changes.append(FieldChange(label, _display(old), found.display_name))
    for name, value in fills:
        field_label = _facility_field(name).verbose_name
        item.row.changes.append(FieldChange(f"{label}: {field_label}", "—", value))


def _plan_status(
    item: ParsedRow, prisoner: Prisoner | None, *, today: datetime.date, ui: str
) -> None:
    facts = item.facts
    current = prisoner.status if prisoner else None
    place = item.facility.place if item.facility else Place.FACILITY
    status: str
    effective: datetime.date
    if item.status_code == "np":
        status, effective = Status.NO_LONGER_RECOGNISED, today
    elif facts.get("died_on"):
        status, effective = Status.DIED_IN_CUSTODY, facts["died_on"]
        arrested = facts.get("detained_on") or (prisoner.detained_on if prisoner else None)
        if arrested and effective < arrested:
            effective = arrested  # the death was written before the arrest: see the warning
    elif item.status_code == "former":
        status = current if current in RELEASED_STATUSES else Status.RELEASED_SERVED
        if place == Place.DEPORTED:
            status = Status.DEPORTED
        effective = facts.get("released_on", today)
    elif current == Status.DIED_IN_CUSTODY:
        return  # only a date of death speaks of a death: a table without one changes nothing
    elif not item.status_code and current is not None:
        return  # an unknown status word leaves the record's status as it is (a warning says so)
    elif place in PLACE_STATUSES:
        status, effective = PLACE_STATUSES[place], today
    elif current in DETAINED_STATUSES:
        status, effective = current, today
    else:
        status = Status.CONVICTED if facts.get("verdict_date") else Status.PRE_TRIAL
        effective = facts.get("detained_on", today)
    if status == current:
        return
    label, labels = _field_texts("status", ui)
    old = labels[current] if current else "—"
    item.row.changes.append(FieldChange(label, old, labels[status]))
    if prisoner is None:
        item.row.values["status"] = status
        return
    item.row.transition = StatusTransition(status=status, effective_on=effective)


def _plan_whereabouts(item: ParsedRow, prisoner: Prisoner | None, *, ui: str) -> None:
    """Where a record that the row deports was taken: shown in the dry run (defenders only)
    and written to the record's Whereabouts when applied (`whereabouts_note_deportations`).

    Only at the deportation itself: a weekly list that repeats "deported to Lithuania" must not
    overwrite what a defender has recorded since (the person moved on to Poland).
    """
    cell = item.facility
    row = item.row
    if cell is None or cell.place != Place.DEPORTED or prisoner is None:
        return
    if row.transition is None or row.transition.status != Status.DEPORTED:
        return
    if not cell.country:
        row.warnings.append(str(DEPORTED_WHERE_WARNING))
        return
    row.deported_to = cell.country
    with override(ui or None):
        label = str(Whereabouts._meta.verbose_name).capitalize()
        said = f"{Situation.DEPORTED.label}: {Country(cell.country).name}"
    row.changes.append(FieldChange(label, "—", said))


def _check_dates(item: ParsedRow, prisoner: Prisoner | None) -> None:
    """Dates in an order the list really has are warnings; those the records cannot hold are
    errors (a release before the arrest, a status dated before its current one)."""
    merged = {
        name: item.row.values.get(name, getattr(prisoner, name) if prisoner else None)
        for name in ("birth_date", "detained_on", "verdict_date", "released_on", "died_on")
    }
    arrested = merged["detained_on"]
    transition = item.row.transition
    changed_on = prisoner.status_changed_on if prisoner else None
    if arrested:
        for name, warning in (
            ("verdict_date", VERDICT_BEFORE_ARREST_WARNING),
            ("died_on", DEATH_BEFORE_ARREST_WARNING),
        ):
            if merged[name] and merged[name] < arrested and name in item.row.values:
                item.row.warnings.append(str(warning))
        if merged["released_on"] and merged["released_on"] < arrested:
            item.row.errors.append(str(RELEASE_BEFORE_ARREST_ERROR))
        if merged["birth_date"] and merged["birth_date"] >= arrested:
            item.row.errors.append(str(BIRTH_AFTER_ARREST_ERROR))
        status_on = transition.effective_on if transition else changed_on
        if status_on and status_on < arrested and not item.row.errors:
            message = ARREST_AFTER_STATUS_ERROR % {"date": status_on.isoformat()}
            item.row.errors.append(str(message))
    if transition and changed_on and transition.effective_on < changed_on:
        message = STATUS_DATE_ERROR % {
            "date": transition.effective_on.isoformat(),
            "current": changed_on.isoformat(),
        }
        item.row.errors.append(str(message))


# What a dry run reads of each charge: the record's charges as (article, part) pairs.
CHARGE_COLUMNS = ("pk", "prisoner_id", "article_id", "article__number", "part")


def _state_digest(
    today: datetime.date,
    prisoners: list[Prisoner],
    charges: list[tuple],
    facilities: list[Facility],
    titles: dict[str, str],
) -> str:
    """A digest of the day and of every value a dry run reads from the database: each record's
    columns and those of its facility (as loaded with the record), the charges (CHARGE_COLUMNS),
    every facility's columns, and the article titles in the file's language.

    Equal digests mean equal inputs, hence the same dry run: applying compares them instead
    of planning the file again.
    """
    record, facility_columns = _columns_of(Prisoner), _columns_of(Facility)
    digest = hashlib.sha256(repr(today).encode())
    for prisoner in sorted(prisoners, key=_pk):
        facility = prisoner.facility
        read = (record(prisoner), facility_columns(facility) if facility else None)
        digest.update(repr(read).encode())
    digest.update(repr(sorted(charges)).encode())
    for facility in sorted(facilities, key=_pk):
        digest.update(repr(facility_columns(facility)).encode())
    digest.update(repr(sorted(titles.items())).encode())
    return digest.hexdigest()


def _pk(instance: models.Model) -> int:
    return instance.pk


def _columns_of(model: type[models.Model]) -> Callable[[models.Model], tuple]:
    """A function giving the values of every column of an instance of `model`, in order."""
    return operator.attrgetter(*(column.attname for column in model._meta.concrete_fields))


def name_signature(name: str) -> frozenset[str]:
    """The name as a set of phonetic keys: equal whatever the script, word order or spelling."""
    return frozenset(phonetic_key(token) for token in name_tokens(name))
