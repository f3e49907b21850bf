"""Letter insight for defenders: whether letters reach prisoners, per facility and per prisoner.

Whether letters get through is one of the few signals from inside a colony: a facility whose
letters come back, or never get an answer, is withholding them. Defenders read these numbers, so
they carry no godparent identity (godparents may be discreet), no private note and no reply scan:
only counts, dates and the letter's own facts (docs/activity.md, docs/architecture.md).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Q, QuerySet

from solidarity.prisoners.models import Facility

from .models import Letter, LetterChannel, LetterOutcome

# Below this many letters in the period the rates say little: the facility is ranked after the rest.
MIN_LETTERS_RANKED = 10
DEFAULT_PERIOD_DAYS = 365
# The only letter fields the prisoner history reads: never the godparent, the note or the scan.
HISTORY_FIELDS = (
    "pk",
    "sent_on",
    "channel",
    "language",
    "outcome",
    "outcome_on",
    "facility__name",
    "facility__name_be",
    "facility__name_latin",
)

_REPLY = Q(outcome=LetterOutcome.REPLY_RECEIVED)
_RETURNED = Q(outcome=LetterOutcome.RETURNED)
_COUNTS = {
    "sent": Count("pk"),
    "replies": Count("pk", filter=_REPLY),
    "returned": Count("pk", filter=_RETURNED),
    "last_reply_on": Max("outcome_on", filter=_REPLY),
}


@dataclass(frozen=True)
class LetterSummary:
    """What became of a set of letters; "no news" is neither a reply nor a return (yet)."""

    sent: int
    replies: int
    returned: int
    last_reply_on: datetime.date | None
    days_since_reply: int | None

    @property
    def no_news(self) -> int:
        return self.sent - self.replies - self.returned

    @property
    def reply_rate(self) -> float | None:
        return self.replies / self.sent if self.sent else None

    @property
    def return_rate(self) -> float | None:
        return self.returned / self.sent if self.sent else None


@dataclass(frozen=True)
class FacilityInsight(LetterSummary):
    """One facility's row: `ranked` when it had enough letters for its rates to mean something."""

    facility_id: int
    name: str
    ranked: bool


@dataclass(frozen=True)
class LetterHistoryEntry:
    """One letter as defenders see it: when, how, where to, and what came of it."""

    pk: int
    sent_on: datetime.date
    channel: str
    language: str
    facility: str
    outcome: str
    outcome_code: str
    outcome_on: datetime.date | None
    has_scan: bool = False

    @property
    def got_through(self) -> bool:
        """A reply proves the letter arrived."""
        return self.outcome_code == LetterOutcome.REPLY_RECEIVED

    @property
    def came_back(self) -> bool:
        return self.outcome_code == LetterOutcome.RETURNED


def default_since(*, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)


def facility_letter_counts(*, since: datetime.date) -> QuerySet:
    """Letters sent since `since`, counted per facility with its names: one grouped query.

    Letters with no recorded facility say nothing about a place of detention and are left out.
    """
    return (
        Letter.objects.filter(sent_on__gte=since, facility__isnull=False)
        .values("facility_id", "facility__name", "facility__name_be", "facility__name_latin")
        .annotate(**_COUNTS)
        .order_by()
    )


def facility_letter_insight(
    *, since: datetime.date, today: datetime.date, ordering: str = ""
) -> list[FacilityInsight]:
    """Every facility that received letters since `since`, in `ordering` (see ORDERINGS).

    The default order puts the facilities that withhold letters first. Rows are ranked in Python:
    there are a few hundred facilities at most, and the order is then the same on every database.
    """
    rows = [_facility_row(row, today=today) for row in facility_letter_counts(since=since)]
    return facility_insight_sort(rows, ordering=ordering)


def _facility_row(row: dict, *, today: datetime.date) -> FacilityInsight:
    names = _facility_names(row)
    return FacilityInsight(
        **_summary_fields(row, today=today),
        facility_id=row["facility_id"],
        name=names.display_name,
        ranked=row["sent"] >= MIN_LETTERS_RANKED,
    )


def _summary_fields(row: dict, *, today: datetime.date) -> dict:
    last = row["last_reply_on"]
    return {
        "sent": row["sent"],
        "replies": row["replies"],
        "returned": row["returned"],
        "last_reply_on": last,
        "days_since_reply": (today - last).days if last else None,
    }


def _withholding_first(row: FacilityInsight) -> tuple:
    """Enough letters first; then the lowest reply rate, the most returned, the most letters."""
    return (not row.ranked, row.reply_rate, -row.returned, -row.sent, row.name)


# ?ordering= values: a column, "-" in front for descending. Missing values sort last either way.
# A key gives a comparable value (str, int, float or date) or None.
ORDERINGS: dict[str, Callable[[FacilityInsight], Any]] = {
    "name": lambda row: row.name.casefold(),
    "sent": lambda row: row.sent,
    "replies": lambda row: row.replies,
    "returned": lambda row: row.returned,
    "no_news": lambda row: row.no_news,
    "reply_rate": lambda row: row.reply_rate,
    "return_rate": lambda row: row.return_rate,
    "last_reply": lambda row: row.last_reply_on,
    "days_since_reply": lambda row: row.days_since_reply,
}


def facility_insight_sort(
    rows: Iterable[FacilityInsight], *, ordering: str = ""
) -> list[FacilityInsight]:
    """Rows in `ordering`, or withholding facilities first when it is empty or unknown."""
    key = ORDERINGS.get(ordering.removeprefix("-"))
    if key is None:
        return sorted(rows, key=_withholding_first)
    rows = sorted(rows, key=lambda row: row.name.casefold())  # ties: alphabetical
    known = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    return sorted(known, key=key, reverse=ordering.startswith("-")) + missing


def prisoner_letter_summary(*, prisoner_id: int, today: datetime.date) -> LetterSummary:
    """All the prisoner's letters, counted by outcome: one query."""
    row = Letter.objects.filter(prisoner_id=prisoner_id).aggregate(**_COUNTS)
    return LetterSummary(**_summary_fields(row, today=today))


def prisoner_letter_history(*, prisoner_id: int) -> QuerySet:
    """The prisoner's letters, newest first, as dicts of HISTORY_FIELDS only.

    Reading only these fields keeps who wrote, their note and the reply scan out of reach of the
    page, whatever its template does; whether there is a scan is a flag, opened through the
    audited admin view.
    """
    return (
        Letter.objects.filter(prisoner_id=prisoner_id)
        .order_by("-sent_on", "-pk")
        .annotate(has_scan=ExpressionWrapper(~Q(reply_scan=""), output_field=BooleanField()))
        .values(*HISTORY_FIELDS, "has_scan")
    )


def letter_history_entries(rows: Iterable[dict]) -> list[LetterHistoryEntry]:
    """History rows with their labels in the active language."""
    return [
        LetterHistoryEntry(
            pk=row["pk"],
            sent_on=row["sent_on"],
            channel=_label(LetterChannel, row["channel"]),
            language=row["language"],
            facility=_facility_name(row),
            outcome=_label(LetterOutcome, row["outcome"]),
            outcome_code=row["outcome"],
            outcome_on=row["outcome_on"],
            has_scan=bool(row.get("has_scan")),
        )
        for row in rows
    ]


def _facility_name(row: dict) -> str:
    if row["facility__name"] is None:
        return ""
    return _facility_names(row).display_name


def _facility_names(row: dict) -> Facility:
    """An unsaved Facility with the row's names: its display_name picks the page's language."""
    return Facility(
        name=row["facility__name"],
        name_be=row["facility__name_be"],
        name_latin=row["facility__name_latin"],
    )


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # a value since removed from the choices: shown as stored
        return value


def facility_letter_summary(
    *, facility_id: int, since: datetime.date, today: datetime.date
) -> LetterSummary:
    """One facility's letters since `since`, counted by outcome: one query over its index.

    What the letter composer shows a godparent as a frank expectation (docs/letters.md).
    """
    row = Letter.objects.filter(facility_id=facility_id, sent_on__gte=since).aggregate(**_COUNTS)
    return LetterSummary(**_summary_fields(row, today=today))
