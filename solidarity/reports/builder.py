"""The Congress report's figures, computed with aggregate queries (issue 7, first step).

`report_build` returns plain data (numbers, strings, dates, lists and dicts), so that every format
(HTML, PDF, XLSX, CSV) renders the same figures and a test can compare them. The number of queries
depends on the number of sections, never on the data.

Scope (countries, parliaments, political groups) narrows what godparents did: godparents, matches,
letters, actions and outcomes of their prisoners. The state of the prisoners (held now, coverage,
regions, articles) is the whole list's: a national delegation wants to see it next to its own work.

The public variant names no discreet or unlisted godparent and no prisoner whose family refused
publicity: they count in every total, and are never named.
"""

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language

from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter, LetterOutcome
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    PUBLIC_PUBLICITY,
    RELEASED_STATUSES,
)
from solidarity.prisoners.models import Charge, Prisoner, StatusChange

from .models import ReportVariant

NOTABLE_KINDS = ("resolution", "plenary_speech", "parliamentary_question", "trial_monitoring")
NOTABLE_LIMIT = 50
UNMATCHED_LIMIT = 500
ACCEPTED = (MatchStatus.ACTIVE, MatchStatus.ENDED)


@dataclass(frozen=True)
class Scope:
    countries: tuple[str, ...] = ()
    parliaments: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict | None) -> "Scope":
        data = data or {}
        return cls(
            countries=tuple(data.get("countries", ())),
            parliaments=tuple(int(pk) for pk in data.get("parliaments", ())),
            groups=tuple(data.get("groups", ())),
        )

    def as_json(self) -> dict:
        """What `ReportRun.scope` stores; empty parts are left out."""
        parts = {
            "countries": list(self.countries),
            "parliaments": list(self.parliaments),
            "groups": list(self.groups),
        }
        return {name: values for name, values in parts.items() if values}

    def godparent_filter(self, prefix: str = "") -> Q:
        """Godparents in scope; `prefix` reaches them from a related model ("godparent__")."""
        condition = Q()
        if self.countries:
            condition &= Q(**{f"{prefix}parliament__country__in": self.countries})
        if self.parliaments:
            condition &= Q(**{f"{prefix}parliament__in": self.parliaments})
        if self.groups:
            condition &= Q(**{f"{prefix}political_group__in": self.groups})
        return condition


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def previous(self) -> "Period":
        """The period of the same length just before, for the "change" of headline figures."""
        length = self.end - self.start + datetime.timedelta(days=1)
        return Period(self.start - length, self.start - datetime.timedelta(days=1))

    def dates(self, lookup: str) -> Q:
        return Q(**{f"{lookup}__gte": self.start, f"{lookup}__lte": self.end})


@dataclass
class Report:
    period: Period
    variant: str
    scope: Scope
    sections: dict = field(default_factory=dict)


def report_build(
    *, start: datetime.date, end: datetime.date, variant: str, scope: Scope | None = None
) -> Report:
    period, scope = Period(start, end), scope or Scope()
    public = variant == ReportVariant.PUBLIC
    report = Report(period=period, variant=variant, scope=scope)
    report.sections = {
        "godparents": _godparents(period, scope, public=public),
        "prisoners": _prisoners(public=public),
        "matches": _matches(period, scope),
        "letters": _letters(period, scope, public=public),
        "actions": _actions(period, scope, public=public),
        "outcomes": _outcomes(period, scope),
        "listed": _listed_godparents(period, scope, public=public),
    }
    return report


def _headline(now: int, before: int) -> dict:
    """A figure and its change against the previous period of the same length."""
    return {"value": now, "previous": before, "change": now - before}


# --- Godparents ----------------------------------------------------------------------------------


def _godparents_in(scope: Scope) -> QuerySet[GodparentProfile]:
    return GodparentProfile.objects.filter(scope.godparent_filter(), deleted_at__isnull=True)


def _godparents(period: Period, scope: Scope, *, public: bool) -> dict:
    """Totals count everyone; the public variant's breakdowns leave discreet godparents out, since
    a small count for one parliament minus the names listed would point at them."""
    people = _godparents_in(scope)
    figures = people.aggregate(
        total=Count("pk", filter=Q(created_at__date__lte=period.end)),
        total_before=Count("pk", filter=Q(created_at__date__lte=period.previous.end)),
        new=Count("pk", filter=period.dates("created_at__date")),
        new_before=Count("pk", filter=period.previous.dates("created_at__date")),
        verified=Count(
            "pk",
            filter=Q(
                verification_state=VerificationState.VERIFIED, verified_at__date__lte=period.end
            ),
        ),
        verified_before=Count(
            "pk",
            filter=Q(
                verification_state=VerificationState.VERIFIED,
                verified_at__date__lte=period.previous.end,
            ),
        ),
    )
    verified = people.filter(
        verification_state=VerificationState.VERIFIED, verified_at__date__lte=period.end
    )
    if public:
        verified = verified.filter(is_discreet=False)
    by_parliament = (
        verified.values("parliament__country", "parliament__name", "parliament__short_name")
        .annotate(count=Count("pk"))
        .order_by("-count", "parliament__name")
    )
    by_group = (
        verified.exclude(political_group="")
        .values("political_group")
        .annotate(count=Count("pk"))
        .order_by("-count", "political_group")
    )
    countries: Counter = Counter()
    for row in by_parliament:
        countries[row["parliament__country"] or ""] += row["count"]
    return {
        "total": _headline(figures["total"], figures["total_before"]),
        "new": _headline(figures["new"], figures["new_before"]),
        "verified": _headline(figures["verified"], figures["verified_before"]),
        "by_country": sorted(countries.items(), key=lambda item: (-item[1], item[0])),
        "by_parliament": [
            (row["parliament__short_name"] or row["parliament__name"] or "", row["count"])
            for row in by_parliament
        ],
        "by_group": [(row["political_group"], row["count"]) for row in by_group],
    }


# --- Prisoners -----------------------------------------------------------------------------------


def _prisoners(*, public: bool) -> dict:
    held = Prisoner.objects.filter(status__in=DETAINED_STATUSES)
    supported = Q(matches__status=MatchStatus.ACTIVE)
    figures = held.aggregate(
        held=Count("pk", distinct=True),
        supported=Count("pk", filter=supported, distinct=True),
    )
    unmatched = held.exclude(matches__status=MatchStatus.ACTIVE).order_by("sort_name")
    named = unmatched.filter(publicity__in=PUBLIC_PUBLICITY) if public else unmatched
    by_region = held.values("region").annotate(count=Count("pk")).order_by("-count", "region")
    by_article = (
        Charge.objects.filter(prisoner__status__in=DETAINED_STATUSES)
        .values("article__number", "article__title_en", "article__title_ru", "article__title_be")
        .annotate(count=Count("prisoner", distinct=True))
        .order_by("-count", "article__number")
    )
    without = figures["held"] - figures["supported"]
    named_count = named.count() if public else without
    return {
        "held": figures["held"],
        "with_godparent": figures["supported"],
        "without_godparent": without,
        "coverage": round(100 * figures["supported"] / figures["held"], 1)
        if figures["held"]
        else None,
        "by_region": [(row["region"], row["count"]) for row in by_region],
        "by_article": [
            (row["article__number"], _article_title(row), row["count"]) for row in by_article
        ],
        "unmatched_named": [p.display_name for p in named.only(*_NAME_FIELDS)[:UNMATCHED_LIMIT]],
        "unmatched_named_total": named_count,
        "unmatched_unnamed": without - named_count,
    }


def _article_title(row: dict) -> str:
    """In the report's language, falling back like `Article.title`."""
    language = (get_language() or "en")[:2]
    titles = (
        row.get(f"article__title_{language}"),
        *(row[f"article__title_{c}"] for c in ["en", "ru", "be"]),
    )
    return next((title for title in titles if title), "")


_NAME_FIELDS = ("name_latin", "name_ru", "name_be", "sort_name", "publicity")


# --- Matches -------------------------------------------------------------------------------------


def _matches(period: Period, scope: Scope) -> dict:
    matches = Match.objects.filter(scope.godparent_filter("godparent__"))

    def counts(p: Period) -> dict:
        return matches.aggregate(
            made=Count("pk", filter=p.dates("offered_at__date")),
            accepted=Count("pk", filter=p.dates("responded_at__date") & Q(status__in=ACCEPTED)),
            declined=Count(
                "pk", filter=p.dates("responded_at__date") & Q(status=MatchStatus.DECLINED)
            ),
            ended=Count("pk", filter=p.dates("ended_at__date")),
        )

    now, before = counts(period), counts(period.previous)
    first = (
        matches.filter(status__in=ACCEPTED, responded_at__isnull=False)
        .values("godparent")
        .annotate(first=Min("responded_at"))
        .filter(first__date__gte=period.start, first__date__lte=period.end)
        .values_list("godparent__created_at", "first")
    )
    days = [(first_at - signed_up).days for signed_up, first_at in first]
    return {
        **{name: _headline(now[name], before[name]) for name in now},
        "median_days_to_first_match": statistics.median(days) if days else None,
    }


# --- Letters -------------------------------------------------------------------------------------


def _letter_counts(letters: QuerySet[Letter]) -> dict:
    return letters.aggregate(
        sent=Count("pk"),
        returned=Count("pk", filter=Q(outcome=LetterOutcome.RETURNED)),
        replies=Count("pk", filter=Q(outcome=LetterOutcome.REPLY_RECEIVED)),
    )


def _letters(period: Period, scope: Scope, *, public: bool) -> dict:
    """The public variant counts letters sent, as the public site does: whether letters come back
    or are answered, and where, is for staff only (activity/selectors.py, the letter insight)."""
    letters = Letter.objects.filter(scope.godparent_filter("godparent__"))
    now = _letter_counts(letters.filter(period.dates("sent_on")))
    before = _letter_counts(letters.filter(period.previous.dates("sent_on")))
    in_period = letters.filter(period.dates("sent_on"))
    by_month = (
        in_period.annotate(month=TruncMonth("sent_on"))
        .values("month")
        .annotate(sent=Count("pk"))
        .order_by("month")
    )
    figures = {
        "sent": _headline(now["sent"], before["sent"]),
        "by_month": [(_month(row["month"]), row["sent"]) for row in by_month],
    }
    if public:
        return figures
    by_facility = (
        in_period.values("facility__name", "facility__name_latin")
        .annotate(
            sent=Count("pk"),
            replies=Count("pk", filter=Q(outcome=LetterOutcome.REPLY_RECEIVED)),
            returned=Count("pk", filter=Q(outcome=LetterOutcome.RETURNED)),
        )
        .order_by("-sent", "facility__name")
    )
    cyrillic = (get_language() or "en")[:2] in ("be", "ru")
    return {
        **figures,
        **{name: _headline(now[name], before[name]) for name in ("returned", "replies")},
        "reply_rate": round(100 * now["replies"] / now["sent"], 1) if now["sent"] else None,
        "by_facility": [
            (
                (row["facility__name"] if cyrillic else row["facility__name_latin"])
                or row["facility__name"]
                or "",
                row["sent"],
                row["replies"],
                row["returned"],
            )
            for row in by_facility
        ],
    }


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


# --- Advocacy actions ----------------------------------------------------------------------------


def _actions(period: Period, scope: Scope, *, public: bool) -> dict:
    """Verified actions only: an unverified claim is not what the Congress counts."""
    verified = AdvocacyAction.objects.filter(verification=ActionVerification.VERIFIED)
    if scope != Scope():
        verified = verified.filter(
            pk__in=AdvocacyAction.godparents.through.objects.filter(
                scope.godparent_filter("godparentprofile__")
            ).values("advocacyaction_id")
        )
    now = verified.filter(period.dates("occurred_on"))
    total, before = now.count(), verified.filter(period.previous.dates("occurred_on")).count()
    by_kind = now.values("kind").annotate(count=Count("pk")).order_by("-count", "kind")
    by_country = (
        AdvocacyAction.godparents.through.objects.filter(advocacyaction__in=now)
        .values("godparentprofile__parliament__country")
        .annotate(count=Count("advocacyaction", distinct=True))
        .order_by("-count")
    )
    by_month = (
        now.annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    notable = now.filter(kind__in=NOTABLE_KINDS)
    if public:  # internal actions, or about an unpublished prisoner, are never listed publicly
        unpublished = Prisoner.objects.exclude(publicity__in=PUBLIC_PUBLICITY)
        notable = notable.filter(is_public=True).exclude(prisoners__in=unpublished)
    return {
        "verified": _headline(total, before),
        "by_kind": [(row["kind"], row["count"]) for row in by_kind],
        "by_country": [
            (row["godparentprofile__parliament__country"] or "", row["count"]) for row in by_country
        ],
        "by_month": [(_month(row["month"]), row["count"]) for row in by_month],
        "notable": [
            {"date": action.occurred_on, "kind": action.kind, "title": action.title}
            for action in notable.order_by("-occurred_on", "pk").distinct()[:NOTABLE_LIMIT]
        ],
    }


# --- Outcomes ------------------------------------------------------------------------------------


def _outcomes(period: Period, scope: Scope) -> dict:
    """Prisoners with godparents (in scope) released in the period: how, and after how long."""
    releases = list(
        StatusChange.objects.filter(period.dates("effective_on"), to_status__in=RELEASED_STATUSES)
        .filter(
            scope.godparent_filter("prisoner__matches__godparent__"),
            prisoner__matches__status__in=ACCEPTED,
            prisoner__matches__responded_at__isnull=False,
        )
        .values("prisoner", "to_status", "effective_on")
        .annotate(first=Min("prisoner__matches__responded_at"))
        .order_by("effective_on")
    )
    seen: dict[int, dict] = {}
    for row in releases:  # a prisoner released twice in a period counts once, at the first
        seen.setdefault(row["prisoner"], row)
    rows = [row for row in seen.values() if row["first"].date() <= row["effective_on"]]
    days = [(row["effective_on"] - row["first"].date()).days for row in rows]
    how = Counter(row["to_status"] for row in rows)
    return {
        "released": len(rows),
        "by_status": sorted(how.items(), key=lambda item: (-item[1], item[0])),
        "median_days_with_godparents": statistics.median(days) if days else None,
    }


# --- Godparents by name --------------------------------------------------------------------------


def _listed_godparents(period: Period, scope: Scope, *, public: bool) -> list[dict]:
    """Each godparent with their prisoners, letters and verified actions in the period.

    Public: only godparents who agreed to be listed (never discreet ones), and only prisoners whose
    publicity allows a name; the others count in their numbers.
    """
    people = _godparents_in(scope).filter(verification_state=VerificationState.VERIFIED)
    if public:
        people = people.filter(public_listing_consent=True, is_discreet=False)
    ids = people.values("pk")  # a subquery: thousands of ids never travel as parameters
    people = list(people.select_related("parliament").order_by("full_name"))
    # Two grouped counts, not two annotations: joining letters and actions at once would multiply
    # the rows (letters × actions per godparent) and the time with them.
    letters = dict(
        Letter.objects.filter(period.dates("sent_on"), godparent__in=ids)
        .values_list("godparent")
        .annotate(count=Count("pk"))
    )
    actions = dict(
        AdvocacyAction.godparents.through.objects.filter(
            period.dates("advocacyaction__occurred_on"),
            advocacyaction__verification=ActionVerification.VERIFIED,
            godparentprofile__in=ids,
        )
        .values_list("godparentprofile")
        .annotate(count=Count("advocacyaction", distinct=True))
    )
    supported: dict[int, list[str]] = {}
    hidden: Counter = Counter()
    active = Match.objects.filter(status=MatchStatus.ACTIVE, godparent__in=ids).select_related(
        "prisoner"
    )
    for match in active.order_by("prisoner__sort_name").only(
        "godparent_id", *(f"prisoner__{name}" for name in _NAME_FIELDS)
    ):
        if public and match.prisoner.publicity not in PUBLIC_PUBLICITY:
            hidden[match.godparent_id] += 1
        else:
            supported.setdefault(match.godparent_id, []).append(match.prisoner.display_name)
    return [
        {
            "name": person.full_name,
            "parliament": person.parliament.short_name or person.parliament.name
            if person.parliament
            else person.parliament_other,
            "country": person.parliament.country.code if person.parliament else "",
            "prisoners": supported.get(person.pk, []),
            "unnamed_prisoners": hidden[person.pk],
            "letters": letters.get(person.pk, 0),
            "actions": actions.get(person.pk, 0),
        }
        for person in people
    ]
