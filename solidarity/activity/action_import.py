"""Advocacy actions an organiser collected at an event, imported from a CSV or XLSX file.

Two steps, so that nothing unreviewed is written (docs/architecture.md, "Security model"):

- `action_import_plan` is the dry run: every row is read, checked and matched to prisoners and
  godparents, and flagged new, duplicate or error. It never writes.
- `action_import_apply` plans the same bytes again and writes every new row in one transaction,
  or nothing: a single row with an error refuses the whole file.

`ActionImport` keeps the file and its stored dry run between the two steps, moved through them
by the project's one staged-import kernel (`ACTION_IMPORTS`, below). Reading the bytes
(encodings, delimiters, XLSX, size limits, zip bombs) is `common.tables.read_rows`, shared with
the defenders' list import rather than copied.
"""

import datetime
import functools
import hashlib
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.common.models import ImportState
from solidarity.common.signals import records_written
from solidarity.common.staging import Progress, StagedPlan, Stager
from solidarity.common.tables import (
    TOO_MANY_CELLS_ERROR,
    ImportRefused,
    fold_header,
    map_headers,
    read_rows,
)
from solidarity.godparents.models import GodparentProfile
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.names import fold

from .models import ActionImport, ActionKind, ActionVerification, AdvocacyAction
from .services import NOT_PUBLIC_ERROR

# Lists from one event are short; a larger file is more likely a mistake than an event.
MAX_ACTION_ROWS = 2_000
# Several prisoners or godparents in one cell; a spreadsheet cell may also hold line breaks.
LIST_SEPARATOR = re.compile(r"[;\n]+")


def _max_length(field: models.Field) -> int:
    assert field.max_length is not None  # a CharField or URLField always has one
    return field.max_length


_TITLE_MAX = _max_length(AdvocacyAction._meta.get_field("title"))
_URL_MAX = _max_length(AdvocacyAction._meta.get_field("evidence_url"))

# field -> accepted header spellings in English, Russian and Belarusian (compared folded).
HEADERS: dict[str, tuple[str, ...]] = {
    "date": ("date", "occurred on", "дата", "дата действия", "дата дзеяння"),
    "kind": (
        "kind", "type", "action type", "kind of action",
        "тип", "вид", "тип действия", "вид действия", "тып", "від", "тып дзеяння", "від дзеяння",
    ),
    "title": ("title", "action", "название", "заголовок", "действие", "назва", "загаловак"),
    "description": ("description", "details", "описание", "подробности", "апісанне"),
    "evidence": (
        "evidence", "evidence link", "evidence url", "link", "url",
        "ссылка", "подтверждение", "доказательство", "спасылка", "пацвярджэнне", "доказ",
    ),
    "prisoners": (
        "prisoners", "prisoner", "political prisoners",
        "заключенные", "заключенный", "политзаключенные", "политзаключенный",
        "зняволеныя", "зняволены", "палітвязні", "палітвязень",
    ),
    "godparents": (
        "godparents", "godparent", "parliamentarians", "godparent emails",
        "крестные", "крестный", "парламентарии", "депутаты",
        "хросныя", "хросны", "парламентарыі", "дэпутаты",
    ),
    "public": ("public", "публично", "публичное", "публічна", "публічнае"),
}  # fmt: skip
REQUIRED_COLUMNS = ("date", "kind", "title", "prisoners", "godparents")
TEMPLATE_HEADER = [
    "date", "kind", "title", "description", "evidence link", "prisoners", "godparents", "public",
]  # fmt: skip

_PUBLIC_WORDS = {
    True: ("yes", "y", "true", "1", "public", "да", "так", "публично", "публічна"),
    False: ("no", "n", "false", "0", "internal", "нет", "не", "внутреннее", "унутранае"),
}
_DATE_FORMATS = (
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
)

MISSING_COLUMNS_ERROR = _(
    "Columns missing: %(columns)s. The first row must name the columns date, kind, title, "
    "prisoners and godparents (description, evidence link and public are optional)."
)
NO_ROWS_ERROR = _("The file has a header row but no actions.")
TOO_MANY_ROWS_ERROR = _("The file has more than 2,000 actions: split it into smaller files.")
MISSING_DATE_ERROR = _("The date is empty.")
BAD_DATE_ERROR = _("“%(value)s” is not a date (write 24.04.2026 or 2026-04-24).")
FUTURE_DATE_ERROR = _("The date %(value)s is in the future.")
BAD_KIND_ERROR = _("Unknown kind “%(value)s”. Write one of: %(kinds)s.")
MISSING_TITLE_ERROR = _("The title is empty.")
LONG_TITLE_ERROR = _("The title is longer than %(max)s characters.")
BAD_URL_ERROR = _("“%(value)s” is not a valid web link.")
LONG_URL_ERROR = _("The evidence link is longer than %(max)s characters.")
MISSING_PRISONERS_ERROR = _("No prisoner is named: write an id or a name.")
UNKNOWN_PRISONER_ERROR = _("No prisoner has the id or the name “%(value)s”.")
AMBIGUOUS_PRISONER_ERROR = _("Several prisoners are called “%(value)s”: write their id instead.")
MISSING_GODPARENTS_ERROR = _("No godparent is named: write their email address.")
UNKNOWN_GODPARENT_ERROR = _("No godparent has the email address “%(value)s”.")
UNVERIFIED_GODPARENT_ERROR = _(
    "The godparent with the email address “%(value)s” is not verified (%(state)s): only "
    "verified godparents can be credited with an action."
)
AMBIGUOUS_GODPARENT_ERROR = _("Several godparents have the email address “%(value)s”.")
BAD_PUBLIC_ERROR = _("Write yes or no in the public column, not “%(value)s”.")
SAME_AS_LINE_NOTE = _("Same action as line %(line)s: skipped.")
ALREADY_RECORDED_NOTE = _("Already recorded (action %(id)s, %(state)s): skipped.")
FINGERPRINT_ERROR = _(
    "This is not the file that was reviewed in the dry run: upload it again and review it."
)
INVALID_ROWS_ERROR = _(
    "Some rows have errors: correct them in the file and upload it again. Nothing was imported."
)
CONFLICT_ERROR = _("A row could not be saved (%(error)s); nothing was imported.")


class RowStatus(models.TextChoices):
    NEW = "new", _("New")
    DUPLICATE = "duplicate", _("Duplicate")
    ERROR = "error", _("Error")


@dataclass(frozen=True)
class Named:
    """A prisoner or godparent a row refers to: the id to write, the name to show."""

    pk: int
    name: str


@dataclass
class ActionRow:
    """One row of the file: the action it describes and what applying would do with it."""

    line: int
    occurred_on: datetime.date | None = None
    kind: str = ""
    title: str = ""
    description: str = ""
    evidence_url: str = ""
    prisoners: list[Named] = field(default_factory=list)
    godparents: list[Named] = field(default_factory=list)
    is_public: bool = False
    status: str = RowStatus.NEW
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(ActionKind(self.kind).label) if self.kind else ""

    @property
    def status_label(self) -> str:
        return str(RowStatus(self.status).label)

    @property
    def is_new(self) -> bool:
        """Applying the import writes this row."""
        return self.status == RowStatus.NEW

    @property
    def is_error(self) -> bool:
        return self.status == RowStatus.ERROR

    def duplicate_key(self) -> tuple:
        """Same date, kind, title (case and spacing aside) and prisoners: the same action."""
        return _duplicate_key(
            self.occurred_on, self.kind, self.title, [p.pk for p in self.prisoners]
        )


@dataclass
class ActionImportPlan:
    """The dry run of one file; `fingerprint` is what the organiser approves by applying."""

    filename: str
    fingerprint: str
    rows: list[ActionRow]
    ignored_columns: list[str]

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(row.status for row in self.rows)
        return {status.value: counter.get(status, 0) for status in RowStatus}

    @property
    def is_valid(self) -> bool:
        return not any(row.status == RowStatus.ERROR for row in self.rows)

    @property
    def new_rows(self) -> list[ActionRow]:
        return [row for row in self.rows if row.status == RowStatus.NEW]


@dataclass(frozen=True)
class ActionImportResult:
    created: int
    duplicates: int
    action_ids: list[int]


def file_fingerprint(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# The dry run ------------------------------------------------------------------------------------


def action_import_plan(*, content: bytes, filename: str) -> ActionImportPlan:
    """Read and check every row, without writing; ImportRefused when the file as a whole is not
    an action list (format, size, missing columns, too many rows).

    Messages are in the active language. Prisoners, godparents and existing actions are fetched
    once for the whole file (four queries), never per row.
    """
    table = _read_table(content=content, filename=filename)
    directory = _Directory.load()
    planned = [
        _parse_row(line, cells, table.columns, directory, table.width) for line, cells in table.rows
    ]
    _flag_duplicates(planned)
    return ActionImportPlan(
        filename=filename,
        fingerprint=file_fingerprint(content),
        rows=planned,
        ignored_columns=table.ignored,
    )


@dataclass(frozen=True)
class _Table:
    columns: dict[str, int]
    ignored: list[str]
    width: int
    rows: list[tuple[int, list[str]]]  # (line in the file, cells), blank rows left out


def _read_table(*, content: bytes, filename: str) -> _Table:
    """The file's rows under known columns; ImportRefused when it is not an action list."""
    rows = read_rows(content=content, filename=filename)
    columns, ignored = _map_columns(rows[0])
    numbered = [(line, cells) for line, cells in enumerate(rows[1:], start=2) if cells]
    if not numbered:
        raise ImportRefused(NO_ROWS_ERROR)
    if len(numbered) > MAX_ACTION_ROWS:
        raise ImportRefused(TOO_MANY_ROWS_ERROR)
    return _Table(columns=columns, ignored=ignored, width=len(rows[0]), rows=numbered)


def _map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field -> column index, and the headers that mean nothing here (ignored, and shown)."""
    columns, ignored = map_headers(headers, field_of=lambda h: _SPELLINGS.get(fold_header(h)))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportRefused(MISSING_COLUMNS_ERROR % {"columns": ", ".join(missing)})
    return columns, ignored


_SPELLINGS = {
    fold_header(spelling): name for name, spellings in HEADERS.items() for spelling in spellings
}


def _parse_row(
    line: int, cells: list[str], columns: dict[str, int], directory: "_Directory", width: int
) -> ActionRow:
    """Every cell of one row; errors are collected, not raised, so that all are shown at once."""
    text = {
        name: cells[index].strip() if index < len(cells) else "" for name, index in columns.items()
    }
    row = ActionRow(line=line, title=text["title"], description=text.get("description", ""))
    if any(cells[width:]):
        row.errors.append(str(TOO_MANY_CELLS_ERROR))
    for check in (_read_date, _read_kind, _read_title, _read_evidence, _read_public):
        try:
            check(row, text)
        except ValidationError as error:
            row.errors.extend(error.messages)
    row.prisoners = directory.prisoners(text["prisoners"], errors=row.errors)
    row.godparents = directory.godparents(text["godparents"], errors=row.errors)
    if row.is_public and not directory.all_public(row.prisoners):
        # The family's refusal decides, whatever the file says (as in `action_log`).
        row.is_public = False
        row.notes.append(str(NOT_PUBLIC_ERROR))
    if row.errors:
        row.status = RowStatus.ERROR
    return row


def _read_date(row: ActionRow, text: dict[str, str]) -> None:
    value = text["date"]
    if not value:
        raise ValidationError(MISSING_DATE_ERROR)
    match = next((m for pattern in _DATE_FORMATS if (m := pattern.match(value))), None)
    try:
        parts = {key: int(number) for key, number in match.groupdict().items()} if match else {}
        row.occurred_on = datetime.date(parts["y"], parts["m"], parts["d"])
    except (KeyError, ValueError) as error:
        raise ValidationError(BAD_DATE_ERROR % {"value": value}) from error
    # Tomorrow, not today: as in `action_log`, people east of the server live a few hours ahead.
    if row.occurred_on > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError(FUTURE_DATE_ERROR % {"value": value})


def _read_kind(row: ActionRow, text: dict[str, str]) -> None:
    value = text["kind"]
    row.kind = _kind_words().get(value.casefold().strip(), "")
    if not row.kind:
        kinds = ", ".join(str(label) for label in ActionKind.labels)
        raise ValidationError(BAD_KIND_ERROR % {"value": value, "kinds": kinds})


@functools.cache
def _kind_words() -> dict[str, str]:
    """Each kind's code and its label in every site language, folded to lower case."""
    words = {kind.value: kind.value for kind in ActionKind}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words |= {str(kind.label).casefold(): kind.value for kind in ActionKind}
    return words


def _read_title(row: ActionRow, text: dict[str, str]) -> None:
    if not row.title:
        raise ValidationError(MISSING_TITLE_ERROR)
    if len(row.title) > _TITLE_MAX:
        raise ValidationError(LONG_TITLE_ERROR % {"max": _TITLE_MAX})


def _read_evidence(row: ActionRow, text: dict[str, str]) -> None:
    """A web link; "example.org/x" is read as https://example.org/x."""
    value = text.get("evidence", "")
    if not value:
        return
    url = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ValidationError(BAD_URL_ERROR % {"value": value}) from error
    if len(url) > _URL_MAX:
        raise ValidationError(LONG_URL_ERROR % {"max": _URL_MAX})
    row.evidence_url = url


def _read_public(row: ActionRow, text: dict[str, str]) -> None:
    """Internal unless the file says yes: publishing is the choice that needs saying."""
    value = text.get("public", "").casefold()
    if not value:
        return
    for public, words in _PUBLIC_WORDS.items():
        if value in words:
            row.is_public = public
            return
    raise ValidationError(BAD_PUBLIC_ERROR % {"value": text["public"]})


def _split(cell: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in LIST_SEPARATOR.split(cell) if part.strip()))


# Matching ---------------------------------------------------------------------------------------


@dataclass
class _Directory:
    """Every prisoner and godparent a row may name, fetched once for the whole file."""

    prisoner_ids: dict[str, Prisoner]
    prisoner_names: dict[str, list[Prisoner]]
    godparent_emails: dict[str, list[GodparentProfile]]
    public_prisoner_ids: set[int]

    @classmethod
    def load(cls) -> "_Directory":
        fields = ("pk", "external_id", "name_latin", "name_ru", "name_be", "publicity")
        prisoners = list(Prisoner.objects.only(*fields))
        by_name: dict[str, list[Prisoner]] = defaultdict(list)
        for prisoner in prisoners:
            spellings = {fold(n) for n in (prisoner.name_latin, prisoner.name_ru, prisoner.name_be)}
            for spelling in spellings - {""}:
                by_name[spelling].append(prisoner)
        by_email: dict[str, list[GodparentProfile]] = defaultdict(list)
        for godparent in GodparentProfile.objects.filter(deleted_at__isnull=True).select_related(
            "user"
        ):
            emails = {godparent.official_email, godparent.user.email if godparent.user else ""}
            for email in {e.strip().casefold() for e in emails} - {""}:
                by_email[email].append(godparent)
        return cls(
            prisoner_ids={p.external_id.strip().casefold(): p for p in prisoners if p.external_id},
            prisoner_names=by_name,
            godparent_emails=by_email,
            public_prisoner_ids={p.pk for p in prisoners if p.is_public},
        )

    def prisoners(self, cell: str, *, errors: list[str]) -> list[Named]:
        """By the defenders' list id first, else by the exact name in any of its spellings."""
        found: dict[int, Named] = {}
        values = _split(cell)
        if not values:
            errors.append(str(MISSING_PRISONERS_ERROR))
        for value in values:
            by_id = self.prisoner_ids.get(value.casefold())
            candidates = [by_id] if by_id else self.prisoner_names.get(fold(value), [])
            if len(candidates) == 1:
                found.setdefault(candidates[0].pk, _named_prisoner(candidates[0]))
            else:
                message = AMBIGUOUS_PRISONER_ERROR if candidates else UNKNOWN_PRISONER_ERROR
                errors.append(str(message % {"value": value}))
        return list(found.values())

    def godparents(self, cell: str, *, errors: list[str]) -> list[Named]:
        """By account or official email; only verified godparents may be credited."""
        found: dict[int, Named] = {}
        values = _split(cell)
        if not values:
            errors.append(str(MISSING_GODPARENTS_ERROR))
        for value in values:
            candidates = self.godparent_emails.get(value.casefold(), [])
            if len({g.pk for g in candidates}) > 1:
                errors.append(str(AMBIGUOUS_GODPARENT_ERROR % {"value": value}))
            elif not candidates:
                errors.append(str(UNKNOWN_GODPARENT_ERROR % {"value": value}))
            elif not candidates[0].is_verified:
                state = candidates[0].get_verification_state_display().lower()
                errors.append(str(UNVERIFIED_GODPARENT_ERROR % {"value": value, "state": state}))
            else:
                found.setdefault(candidates[0].pk, Named(candidates[0].pk, candidates[0].full_name))
        return list(found.values())

    def all_public(self, named: Iterable[Named]) -> bool:
        return all(item.pk in self.public_prisoner_ids for item in named)


def _named_prisoner(prisoner: Prisoner) -> Named:
    return Named(prisoner.pk, prisoner.display_name)


# Duplicates -------------------------------------------------------------------------------------


def _duplicate_key(
    occurred_on: datetime.date | None, kind: str, title: str, prisoner_ids: Iterable[int]
) -> tuple:
    return (occurred_on, kind, " ".join(title.casefold().split()), frozenset(prisoner_ids))


def _flag_duplicates(rows: list[ActionRow]) -> None:
    """An action already recorded, or on an earlier line, is skipped rather than refused: a
    file imported twice, or an action its godparent logged already, must not count twice.

    Rejected actions do not count: they were never recorded as done.
    """
    valid = [row for row in rows if row.status != RowStatus.ERROR]
    existing = _existing_actions({row.occurred_on for row in valid if row.occurred_on})
    seen: dict[tuple, int] = {}
    for row in valid:
        key = row.duplicate_key()
        if key in seen:
            row.notes.append(str(SAME_AS_LINE_NOTE % {"line": seen[key]}))
        elif key in existing:
            action = existing[key]
            state = action.get_verification_display().lower()
            row.notes.append(str(ALREADY_RECORDED_NOTE % {"id": action.pk, "state": state}))
        else:
            seen[key] = row.line
            continue
        row.status = RowStatus.DUPLICATE


def _existing_actions(dates: set[datetime.date]) -> dict[tuple, AdvocacyAction]:
    """Recorded actions on the file's dates, by duplicate key (two queries)."""
    actions = list(
        AdvocacyAction.objects.filter(occurred_on__in=dates)
        .exclude(verification=ActionVerification.REJECTED)
        .only("pk", "occurred_on", "kind", "title", "verification")
        .order_by("pk")
    )
    through = AdvocacyAction.prisoners.through.objects.filter(
        advocacyaction_id__in=[a.pk for a in actions]
    ).values_list("advocacyaction_id", "prisoner_id")
    prisoners: dict[int, set[int]] = defaultdict(set)
    for action_id, prisoner_id in through:
        prisoners[action_id].add(prisoner_id)
    keys: dict[tuple, AdvocacyAction] = {}
    for action in actions:
        key = _duplicate_key(action.occurred_on, action.kind, action.title, prisoners[action.pk])
        keys.setdefault(key, action)
    return keys


# Applying ---------------------------------------------------------------------------------------


def action_import_apply(
    *, content: bytes, filename: str, fingerprint: str, by: User
) -> ActionImportResult:
    """Write the reviewed file: every new row, in one transaction, or nothing.

    The bytes must be those reviewed (`fingerprint`, the SHA-256 shown with the dry run) and are
    planned again inside the transaction, so rows that became duplicates since are skipped and a
    row that became invalid (a godparent no longer verified...) refuses the whole file.

    The actions are created VERIFIED by `by`: an organiser collected them at the event and read
    every row in the dry run, which is what verifying an action means; a second review of the
    same rows by the same person would add a step, not safety. They stay internal unless the
    file says "yes" and every prisoner's family agreed to publicity.

    Each action gets its own "wagtail.create" audit entry (one insert each, sharing one uuid so
    that the admin's history groups them as one import). 2,000 rows take about 3 s on
    SQLite, 2.4 s of them for the audit entries: acceptable for the largest list one event gives.
    """
    if file_fingerprint(content) != fingerprint:
        raise ImportRefused(FINGERPRINT_ERROR)
    try:
        with transaction.atomic():
            plan = action_import_plan(content=content, filename=filename)
            if not plan.is_valid:
                raise ImportRefused(INVALID_ROWS_ERROR)
            actions = _create(plan.new_rows, by=by, fingerprint=fingerprint, filename=filename)
    except ValidationError as error:  # a model rule the dry run did not foresee
        raise ImportRefused(CONFLICT_ERROR % {"error": "; ".join(error.messages)}) from error
    return ActionImportResult(
        created=len(actions),
        duplicates=plan.counts[RowStatus.DUPLICATE],
        action_ids=[action.pk for action in actions],
    )


def _create(
    rows: list[ActionRow], *, by: User, fingerprint: str, filename: str
) -> list[AdvocacyAction]:
    now = timezone.now()
    actions = [_new_action(row, by=by, now=now) for row in rows]
    for action in actions:
        # Users exist (they are `by`): skipping the foreign key checks saves 2 queries a row.
        action.full_clean(exclude=["logged_by", "verified_by"], validate_constraints=False)
    AdvocacyAction.objects.bulk_create(actions)
    prisoners, godparents = AdvocacyAction.prisoners.through, AdvocacyAction.godparents.through
    prisoners.objects.bulk_create(
        prisoners(advocacyaction_id=action.pk, prisoner_id=item.pk)
        for action, row in zip(actions, rows, strict=True)
        for item in row.prisoners
    )
    godparents.objects.bulk_create(
        godparents(advocacyaction_id=action.pk, godparentprofile_id=item.pk)
        for action, row in zip(actions, rows, strict=True)
        for item in row.godparents
    )
    batch = uuid.uuid4()
    data = {"import": {"file": filename[:255], "sha256": fingerprint}}
    for action in actions:
        log(instance=action, action="wagtail.create", user=by, uuid=batch, data=data)
    records_written.send(sender=AdvocacyAction)
    return actions


def _new_action(row: ActionRow, *, by: User, now: datetime.datetime) -> AdvocacyAction:
    assert row.occurred_on is not None  # a row without its date is an error, never applied
    return AdvocacyAction(
        kind=row.kind,
        occurred_on=row.occurred_on,
        title=row.title,
        description=row.description,
        evidence_url=row.evidence_url,
        is_public=row.is_public,
        verification=ActionVerification.VERIFIED,
        verified_by=by,
        verified_at=now,
        logged_by=by,
    )


# The staged steps: upload, stored dry run, apply ---------------------------------------------

ACTIONS_IMPORTED_ACTION = "solidarity.actions_imported"
WRITING_PHASE = "writing"


class ActionImportStager(Stager[ActionImport]):
    """The action import on the project's staged-import kernel (`solidarity.common.staging`).

    Imports of the same file are locked together while one is applied, so that a double click,
    or a second organiser applying the same list uploaded twice, waits for the first, then finds
    its rows already recorded (duplicates, skipped).
    """

    model = ActionImport
    name = "action"
    applied_action = ACTIONS_IMPORTED_ACTION
    phase_labels = {WRITING_PHASE: _("Recording the actions")}

    def count_rows(self, *, content: bytes, filename: str) -> int:
        return len(_read_table(content=content, filename=filename).rows)

    def plan(self, record: ActionImport, progress: Progress) -> StagedPlan:
        plan = action_import_plan(content=bytes(record.content), filename=record.filename)
        return StagedPlan(
            counts=plan.counts,
            rows=[_row_data(row) for row in plan.rows],
            fingerprint=plan.fingerprint,
            ignored_columns=plan.ignored_columns,
        )

    def lock(self, record: ActionImport) -> bool:
        same_file = ActionImport.objects.select_for_update().filter(fingerprint=record.fingerprint)
        list(same_file.order_by("pk").values_list("pk", flat=True))
        return ActionImport.objects.filter(pk=record.pk, state=ImportState.APPLYING).exists()

    def apply(self, record: ActionImport, progress: Progress) -> dict:
        progress(WRITING_PHASE, 0, record.row_count)
        assert record.applied_by is not None  # set when the apply was requested
        result = action_import_apply(
            content=bytes(record.content),
            filename=record.filename,
            fingerprint=record.fingerprint,
            by=record.applied_by,
        )
        progress(WRITING_PHASE, record.row_count, record.row_count)
        return {
            "created": result.created,
            "duplicates": result.duplicates,
            "action_ids": result.action_ids,
        }


ACTION_IMPORTS = ActionImportStager()


def action_import_upload(*, content: bytes, filename: str, by: User) -> ActionImport:
    """Keep an uploaded file and run its dry run; a file that is not an action list at all
    (format, size, columns, number of rows) raises ImportRefused and is not kept."""
    return ACTION_IMPORTS.upload(content=content, filename=filename, user=by)


def _row_data(row: ActionRow) -> dict:
    """A row of the dry run as the review table shows it: plain, translated text."""
    public = _("Yes") if row.is_public else _("No")
    return {
        "line": row.line,
        "name": row.title,
        "action": row.status,
        "errors": row.errors,
        "warnings": [],
        "notes": row.notes,
        "facts": [
            [str(_("Date")), formats.date_format(row.occurred_on, "SHORT_DATE_FORMAT")
             if row.occurred_on else ""],
            [str(_("Kind")), row.kind_label],
            [str(_("Prisoners")), "; ".join(item.name for item in row.prisoners)],
            [str(_("Godparents")), "; ".join(item.name for item in row.godparents)],
            [str(_("Public")), str(public)],
            [str(_("Evidence link")), row.evidence_url],
        ],
    }  # fmt: skip
