"""The Congress report's figures, computed with aggregate queries (issue 7, first step).

`report_build` returns frozen dataclasses of plain values (numbers, strings, dates, tuples), so
that every format (HTML, PDF, XLSX, CSV) renders the same figures and a test can compare them; typed
attributes, rather than dicts read by string keys, say what each section holds, and what the public
variant leaves out is an explicit `None`, not a missing key. The number of queries depends on the
number of sections, never on the data.

Scope (countries, parliaments, political groups) narrows what godparents did: godparents, matches,
letters, actions and outcomes of their prisoners. The state of the prisoners (held now, coverage,
regions, articles) is the whole list's: a national delegation wants to see it next to its own work.

The public variant names no discreet or unlisted godparent and no prisoner whose family refused
publicity: they count in every total, and are never named.
"""

import datetime
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, Exists, F, Func, Min, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter, LetterOutcome
from solidarity.congress.selectors import congress_report_figures
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.matching.models import Match, MatchStatus, Support
from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    PUBLIC_PUBLICITY,
    RELEASED_STATUSES,
    Status,
)
from solidarity.prisoners.models import (
    Charge,
    Prisoner,
    StatusChange,
    Whereabouts,
    in_active_language,
    prisoner_display_name,
)

from .models import ReportVariant

NOTABLE_KINDS = ("resolution", "plenary_speech", "parliamentary_question", "trial_monitoring")
NOTABLE_LIMIT = 50
UNMATCHED_LIMIT = 500
ACCEPTED = (MatchStatus.ACTIVE, MatchStatus.ENDED)
PUBLIC_MIN_COUNT = 3  # smaller counts by country of deportation merge into "other" (public)


@dataclass(frozen=True)
class Scope:
    countries: tuple[str, ...] = ()
    parliaments: tuple[int, ...] = ()
    groups: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "Scope":
        """From what `ReportRun.scope` stores (JSON)."""
        data = data or {}
        return cls(
            countries=tuple(data.get("countries", ())),
            parliaments=tuple(int(pk) for pk in data.get("parliaments", ())),
            groups=tuple(data.get("groups", ())),
        )

    def as_json(self) -> dict[str, list[str] | list[int]]:
        """What `ReportRun.scope` stores; empty parts are left out."""
        parts: dict[str, list[str] | list[int]] = {
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

    @property
    def after(self) -> datetime.datetime:
        """The first moment after the period (local midnight), a bound for date-times."""
        return _midnight(self.end + datetime.timedelta(days=1))

    def moments(self, lookup: str) -> Q:
        """Date-times on the period's days (in the report's time zone), as `__date` would say,
        but as a range: `__date` casts every row (a Python function per row on SQLite; no index
        on PostgreSQL)."""
        return Q(**{f"{lookup}__gte": _midnight(self.start), f"{lookup}__lt": self.after})


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- What the builder returns -------------------------------------------------------------------
# Tables are tuples of rows, a code or a name first and counts after: `document.py` labels them.

Counts = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Headline:
    """A figure and its change against the previous period of the same length."""

    value: int
    previous: int

    @property
    def change(self) -> int:
        """Derived, so that it can never disagree with the two counts."""
        return self.value - self.previous


@dataclass(frozen=True)
class GodparentFigures:
    """The totals count everyone; in the public variant the three breakdowns leave discreet
    godparents out (a count for one parliament minus the names listed would point at them)."""

    total: Headline
    new: Headline
    verified: Headline
    by_country: Counts  # country code ("" for international assemblies), verified godparents
    by_parliament: Counts
    by_group: Counts


@dataclass(frozen=True)
class PrisonerFigures:
    """The whole list's state today, whatever the scope or the period.

    `unmatched_named` holds at most UNMATCHED_LIMIT names of `unmatched_named_total`; in the public
    variant it leaves out prisoners whose families refused publicity, and `unmatched_unnamed`
    counts them (0 in the internal variant, which names everyone).
    """

    held: int
    with_godparent: int
    without_godparent: int
    coverage: float | None  # percent with a godparent; None when nobody is held
    by_region: Counts  # region code ("" when not known), prisoners held
    by_article: tuple[tuple[str, str, int], ...]  # article number, title, prisoners held
    unmatched_named: tuple[str, ...]
    unmatched_named_total: int
    unmatched_unnamed: int


@dataclass(frozen=True)
class MatchFigures:
    made: Headline
    accepted: Headline
    declined: Headline
    ended: Headline
    # None when nobody had a first match in the period (the report prints "–"). A first match
    # before the godparent's sign-up (imported or legacy records) says nothing about waiting: it
    # is left out of the median, and `first_match_before_sign_up` counts those left out.
    median_days_to_first_match: int | float | None
    first_match_before_sign_up: int = 0


@dataclass(frozen=True)
class LetterResults:
    """What came back of the period's letters, and where: for staff only (the internal variant),
    as on the site (activity/selectors.py, the letter insight)."""

    returned: Headline
    replies: Headline
    reply_rate: float | None  # percent of letters sent; None when none was sent
    by_facility: tuple[tuple[str, int, int, int], ...]  # facility, sent, replies, returned


@dataclass(frozen=True)
class LetterFigures:
    """`results` is None in the public variant: it counts letters sent, as the public site does."""

    sent: Headline
    by_month: Counts  # "YYYY-MM", letters sent
    results: LetterResults | None


@dataclass(frozen=True)
class NotableAction:
    date: datetime.date
    kind: str  # an ActionKind value
    title: str


@dataclass(frozen=True)
class ActionFigures:
    """Verified actions only. In the public variant `notable` lists no internal action and none
    about a prisoner whose family refused publicity; the counts include them."""

    verified: Headline
    by_kind: Counts
    # Country code of the godparents in scope ("" for international assemblies). An action of
    # godparents from two countries counts once in each: the column sums to more than `verified`.
    by_country: Counts
    by_month: Counts
    notable: tuple[NotableAction, ...]  # newest first, at most NOTABLE_LIMIT


@dataclass(frozen=True)
class OutcomeFigures:
    released: int
    by_status: Counts  # release status, prisoners
    median_days_with_godparents: int | float | None  # None when nobody was released
    # Issue 18. Of the deported among `released`, per country they were taken to; "" for
    # "not recorded", and in the public variant also for countries with fewer than
    # PUBLIC_MIN_COUNT people (a count of one, with a public list of the released, names them).
    deported_to: Counts = ()
    # People with a godparenthood in exile during the period, and the verified actions for them.
    supported_in_exile: int = 0
    exile_actions: int = 0


@dataclass(frozen=True)
class ListedGodparent:
    """One godparent with their work in the period. The public variant lists only godparents who
    agreed to be listed (never discreet ones) and names only prisoners whose publicity allows it;
    `unnamed_prisoners` counts the others (0 in the internal variant)."""

    name: str
    parliament: str
    country: str  # code; "" for an international assembly or a parliament not in the list
    prisoners: tuple[str, ...]
    unnamed_prisoners: int
    letters: int
    actions: int  # verified ones


@dataclass(frozen=True)
class CongressFigures:
    """A Congress held in the period (issue 19). In the public variant, countries with fewer
    than PUBLIC_MIN_COUNT participants count under "" ("other"): a count of one next to a
    public list of participants could name someone who asked not to be listed."""

    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    participants: int
    checked_in: int
    online: int
    countries: int
    by_country: Counts
    pledges: int
    pledgers: int
    godparenthoods: int


@dataclass(frozen=True)
class ReportSections:
    """One attribute per section, in reading order."""

    godparents: GodparentFigures
    prisoners: PrisonerFigures
    matches: MatchFigures
    letters: LetterFigures
    actions: ActionFigures
    outcomes: OutcomeFigures
    listed: tuple[ListedGodparent, ...]  # by name
    congresses: tuple[CongressFigures, ...] = ()


@dataclass(frozen=True)
class Report:
    period: Period
    variant: str  # a ReportVariant value
    scope: Scope
    sections: ReportSections


def report_build(
    *, start: datetime.date, end: datetime.date, variant: str, scope: Scope | None = None
) -> Report:
    period, scope = Period(start, end), scope or Scope()
    public = variant == ReportVariant.PUBLIC
    sections = ReportSections(
        godparents=_godparents(period, scope, public=public),
        prisoners=_prisoners(public=public),
        matches=_matches(period, scope),
        letters=_letters(period, scope, public=public),
        actions=_actions(period, scope, public=public),
        outcomes=_outcomes(period, scope, public=public),
        listed=_listed_godparents(period, scope, public=public),
        congresses=_congresses(period, public=public),
    )
    return Report(period=period, variant=variant, scope=scope, sections=sections)


# --- Godparents ----------------------------------------------------------------------------------


def _godparents_in(scope: Scope) -> QuerySet[GodparentProfile]:
    return GodparentProfile.objects.filter(scope.godparent_filter(), deleted_at__isnull=True)


def _godparents(period: Period, scope: Scope, *, public: bool) -> GodparentFigures:
    """Totals count everyone; the public variant's breakdowns leave discreet godparents out, since
    a small count for one parliament minus the names listed would point at them."""
    people = _godparents_in(scope)
    figures = _godparent_counts(people, period)
    verified = people.filter(
        verification_state=VerificationState.VERIFIED, verified_at__lt=period.after
    )
    if public:
        verified = verified.filter(is_discreet=False)
    by_country, by_parliament, by_group = _godparent_breakdowns(verified)
    return GodparentFigures(
        total=Headline(figures["total"], figures["total_before"]),
        new=Headline(figures["new"], figures["new_before"]),
        verified=Headline(figures["verified"], figures["verified_before"]),
        by_country=by_country,
        by_parliament=by_parliament,
        by_group=by_group,
    )


def _godparent_counts(people: QuerySet[GodparentProfile], period: Period) -> dict[str, int]:
    return people.aggregate(
        total=Count("pk", filter=Q(created_at__lt=period.after)),
        total_before=Count("pk", filter=Q(created_at__lt=period.previous.after)),
        new=Count("pk", filter=period.moments("created_at")),
        new_before=Count("pk", filter=period.previous.moments("created_at")),
        verified=Count(
            "pk",
            filter=Q(verification_state=VerificationState.VERIFIED, verified_at__lt=period.after),
        ),
        verified_before=Count(
            "pk",
            filter=Q(
                verification_state=VerificationState.VERIFIED,
                verified_at__lt=period.previous.after,
            ),
        ),
    )


def _godparent_breakdowns(verified: QuerySet[GodparentProfile]) -> tuple[Counts, Counts, Counts]:
    """By country, parliament and political group; a country's count sums its parliaments'."""
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
    countries: Counter[str] = Counter()
    for row in by_parliament:
        countries[row["parliament__country"] or ""] += row["count"]
    return (
        tuple(sorted(countries.items(), key=lambda item: (-item[1], item[0]))),
        tuple(
            (row["parliament__short_name"] or row["parliament__name"] or "", row["count"])
            for row in by_parliament
        ),
        tuple((row["political_group"], row["count"]) for row in by_group),
    )


# --- Prisoners -----------------------------------------------------------------------------------


def _prisoners(*, public: bool) -> PrisonerFigures:
    held = Prisoner.objects.filter(status__in=DETAINED_STATUSES)
    # EXISTS, not a join counted DISTINCT: a prisoner with several godparents counts once anyway.
    supported = Exists(Match.objects.filter(prisoner=OuterRef("pk"), status=MatchStatus.ACTIVE))
    figures = held.aggregate(held=Count("pk"), supported=Count("pk", filter=Q(supported)))
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
    return PrisonerFigures(
        held=figures["held"],
        with_godparent=figures["supported"],
        without_godparent=without,
        coverage=round(100 * figures["supported"] / figures["held"], 1)
        if figures["held"]
        else None,
        by_region=tuple((row["region"], row["count"]) for row in by_region),
        by_article=tuple(
            (row["article__number"], _article_title(row), row["count"]) for row in by_article
        ),
        unmatched_named=tuple(p.display_name for p in named.only(*_NAME_FIELDS)[:UNMATCHED_LIMIT]),
        unmatched_named_total=named_count,
        unmatched_unnamed=without - named_count,
    )


def _article_title(row: Mapping[str, object]) -> str:
    """In the report's language, falling back like `Article.title`."""
    language = (get_language() or "en")[:2]
    titles = (
        row.get(f"article__title_{language}"),
        *(row[f"article__title_{c}"] for c in ["en", "ru", "be"]),
    )
    return next((str(title) for title in titles if title), "")


_NAME_FIELDS = ("name_latin", "name_ru", "name_be", "sort_name", "publicity")


# --- Matches -------------------------------------------------------------------------------------


def _matches(period: Period, scope: Scope) -> MatchFigures:
    matches = Match.objects.filter(scope.godparent_filter("godparent__"))

    def counts(p: Period) -> dict[str, int]:
        return matches.aggregate(
            made=Count("pk", filter=p.moments("offered_at")),
            accepted=Count("pk", filter=p.moments("responded_at") & Q(status__in=ACCEPTED)),
            declined=Count("pk", filter=p.moments("responded_at") & Q(status=MatchStatus.DECLINED)),
            ended=Count("pk", filter=p.moments("ended_at")),
        )

    now, before = counts(period), counts(period.previous)
    first = (
        matches.filter(status__in=ACCEPTED, responded_at__isnull=False)
        .values("godparent")
        .annotate(first=Min("responded_at"))
        .filter(period.moments("first"))
        .values_list("godparent__created_at", "first")
    )
    pairs = list(first)
    days = [(first_at - signed_up).days for signed_up, first_at in pairs if first_at >= signed_up]
    return MatchFigures(
        made=Headline(now["made"], before["made"]),
        accepted=Headline(now["accepted"], before["accepted"]),
        declined=Headline(now["declined"], before["declined"]),
        ended=Headline(now["ended"], before["ended"]),
        median_days_to_first_match=statistics.median(days) if days else None,
        first_match_before_sign_up=len(pairs) - len(days),
    )


# --- Letters -------------------------------------------------------------------------------------


def _letter_counts(letters: QuerySet[Letter]) -> dict[str, int]:
    return letters.aggregate(
        sent=Count("pk"),
        returned=Count("pk", filter=Q(outcome=LetterOutcome.RETURNED)),
        replies=Count("pk", filter=Q(outcome=LetterOutcome.REPLY_RECEIVED)),
    )


def _letters(period: Period, scope: Scope, *, public: bool) -> LetterFigures:
    """The public variant counts letters sent, as the public site does: whether letters come back
    or are answered, and where, is for staff only (activity/selectors.py, the letter insight)."""
    letters = Letter.objects.filter(scope.godparent_filter("godparent__"))
    now = _letter_counts(letters.filter(period.dates("sent_on")))
    before = _letter_counts(letters.filter(period.previous.dates("sent_on")))
    in_period = letters.filter(period.dates("sent_on"))
    by_month = (
        in_period.annotate(month=YearMonth("sent_on"))
        .values("month")
        .annotate(sent=Count("pk"))
        .order_by("month")
    )
    return LetterFigures(
        sent=Headline(now["sent"], before["sent"]),
        by_month=tuple((row["month"] or "", row["sent"]) for row in by_month),
        results=None if public else _letter_results(in_period, now, before),
    )


def _letter_results(
    in_period: QuerySet[Letter], now: dict[str, int], before: dict[str, int]
) -> LetterResults:
    """Returns, replies and the facilities they went to; facilities named in the report's script."""
    by_facility = (
        in_period.values("facility__name", "facility__name_be", "facility__name_latin")
        .annotate(
            sent=Count("pk"),
            replies=Count("pk", filter=Q(outcome=LetterOutcome.REPLY_RECEIVED)),
            returned=Count("pk", filter=Q(outcome=LetterOutcome.RETURNED)),
        )
        .order_by("-sent", "facility__name")
    )
    return LetterResults(
        returned=Headline(now["returned"], before["returned"]),
        replies=Headline(now["replies"], before["replies"]),
        reply_rate=round(100 * now["replies"] / now["sent"], 1) if now["sent"] else None,
        by_facility=tuple(
            (
                in_active_language(
                    {
                        "ru": row["facility__name"],
                        "be": row["facility__name_be"],
                        "en": row["facility__name_latin"],
                    }
                ),
                row["sent"],
                row["replies"],
                row["returned"],
            )
            for row in by_facility
        ),
    )


class YearMonth(Func):
    """A date's month as "YYYY-MM" text, in the database's own function.

    `TruncMonth` is a Python function called for every row on SQLite (half a second for a year of
    letters at a tenth of the benchmark's scale); both databases format a date natively.
    """

    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="strftime('%%%%Y-%%%%m', %(expressions)s)"
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')")


# --- Advocacy actions ----------------------------------------------------------------------------


def _actions(period: Period, scope: Scope, *, public: bool) -> ActionFigures:
    """Verified actions only: an unverified claim is not what the Congress counts."""
    verified = _verified_actions(scope)
    now = verified.filter(period.dates("occurred_on"))
    total, before = now.count(), verified.filter(period.previous.dates("occurred_on")).count()
    by_kind = now.values("kind").annotate(count=Count("pk")).order_by("-count", "kind")
    by_country = _actions_by_country(now, scope)
    by_month = (
        now.annotate(month=YearMonth("occurred_on"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )
    return ActionFigures(
        verified=Headline(total, before),
        by_kind=tuple((row["kind"], row["count"]) for row in by_kind),
        by_country=by_country,
        by_month=tuple((row["month"] or "", row["count"]) for row in by_month),
        notable=_notable_actions(now, public=public),
    )


def _actions_by_country(in_period: QuerySet[AdvocacyAction], scope: Scope) -> Counts:
    """Actions per country of their godparents in scope: an action counts once per country.

    The distinct (action, country) pairs are made first and counted after, in one statement. A
    `COUNT(DISTINCT action)` grouped over the action–godparent join sorted the whole join (half of
    the report's time at full scale); the pairs are few (most actions have one country).
    """
    pairs = (
        AdvocacyAction.godparents.through.objects.filter(
            scope.godparent_filter("godparentprofile__"), advocacyaction__in=in_period
        )
        .values(action=F("advocacyaction_id"), country=F("godparentprofile__parliament__country"))
        .distinct()
        .order_by()
    )
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pairs.country, COUNT(*) AS count "  # noqa: S608 (Django's own SQL, parameters)
            f"FROM ({sql}) pairs GROUP BY pairs.country ORDER BY count DESC, pairs.country",
            params,
        )
        return tuple((country or "", count) for country, count in cursor.fetchall())


def _verified_actions(scope: Scope) -> QuerySet[AdvocacyAction]:
    """Verified actions of at least one godparent in scope (all of them without a scope)."""
    verified = AdvocacyAction.objects.filter(verification=ActionVerification.VERIFIED)
    if scope == Scope():
        return verified
    return verified.filter(
        pk__in=AdvocacyAction.godparents.through.objects.filter(
            scope.godparent_filter("godparentprofile__")
        ).values("advocacyaction_id")
    )


def _notable_actions(
    in_period: QuerySet[AdvocacyAction], *, public: bool
) -> tuple[NotableAction, ...]:
    notable = in_period.filter(kind__in=NOTABLE_KINDS)
    if public:  # internal actions, or about an unpublished prisoner, are never listed publicly
        unpublished = Prisoner.objects.exclude(publicity__in=PUBLIC_PUBLICITY)
        notable = notable.filter(is_public=True).exclude(prisoners__in=unpublished)
    return tuple(
        NotableAction(date=action.occurred_on, kind=action.kind, title=action.title)
        for action in notable.order_by("-occurred_on", "pk").distinct()[:NOTABLE_LIMIT]
    )


# --- Outcomes ------------------------------------------------------------------------------------


def _outcomes(period: Period, scope: Scope, *, public: bool) -> OutcomeFigures:
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
    seen: dict[int, dict[str, Any]] = {}
    for row in releases:  # a prisoner released twice in a period counts once, at the first
        seen.setdefault(row["prisoner"], row)
    rows = [row for row in seen.values() if row["first"].date() <= row["effective_on"]]
    days = [(row["effective_on"] - row["first"].date()).days for row in rows]
    how = Counter(row["to_status"] for row in rows)
    deported = [row["prisoner"] for row in rows if row["to_status"] == Status.DEPORTED]
    return OutcomeFigures(
        released=len(rows),
        by_status=_by_count(how),
        median_days_with_godparents=statistics.median(days) if days else None,
        deported_to=_deported_to(deported, public=public),
        **_exile_figures(period, scope),
    )


def _by_count(counts: Counter[str]) -> Counts:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _deported_to(prisoner_ids: list[int], *, public: bool) -> Counts:
    """Where the deported people were taken, from their (restricted) whereabouts: only counts
    leave this function, and in the public variant no count below PUBLIC_MIN_COUNT."""
    if not prisoner_ids:
        return ()
    countries = dict(
        Whereabouts.objects.filter(prisoner_id__in=prisoner_ids).values_list(
            "prisoner_id", "country"
        )
    )
    counts = Counter(str(countries.get(pk) or "") for pk in prisoner_ids)
    return _by_count(_small_merged(counts) if public else counts)


def _small_merged(counts: Counter[str]) -> Counter[str]:
    """Countries counted fewer than PUBLIC_MIN_COUNT times go under "" ("other or not
    recorded"): in the public variant a count of one or two can point at a person."""
    merged = Counter(counts)
    for code in [code for code, count in counts.items() if code and count < PUBLIC_MIN_COUNT]:
        merged[""] += merged.pop(code)
    return merged


def _exile_figures(period: Period, scope: Scope) -> dict[str, int]:
    """People supported in exile at some time in the period (a godparenthood in exile accepted
    before its end and not ended before its start), and the verified actions for them then."""
    in_exile = Match.objects.filter(
        scope.godparent_filter("godparent__"),
        support=Support.IN_EXILE,
        status__in=ACCEPTED,
        responded_at__lt=period.after,
    ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=_midnight(period.start)))
    people = in_exile.values("prisoner_id").distinct()
    actions = (
        _verified_actions(scope)
        .filter(period.dates("occurred_on"), prisoners__in=people)
        .values("pk")
        .distinct()
    )
    return {"supported_in_exile": people.count(), "exile_actions": actions.count()}


# --- The Congress --------------------------------------------------------------------------------


def _congresses(period: Period, *, public: bool) -> tuple[CongressFigures, ...]:
    """Each Congress held in the period. Not narrowed by the report's scope: a Congress gathers
    guests of no parliament, and its figures are the event's own."""
    figures = []
    for congress in congress_report_figures(start=period.start, end=period.end):
        counts = Counter(dict(congress.by_country))
        if public:
            counts = _small_merged(counts)
        figures.append(
            CongressFigures(
                title=congress.title,
                starts_on=congress.starts_on,
                ends_on=congress.ends_on,
                participants=congress.participants,
                checked_in=congress.checked_in,
                online=congress.online,
                countries=sum(1 for code, _n in congress.by_country if code),
                by_country=_by_count(counts),
                pledges=congress.pledges,
                pledgers=congress.pledgers,
                godparenthoods=congress.godparenthoods,
            )
        )
    return tuple(figures)


# --- Godparents by name --------------------------------------------------------------------------


def _listed_godparents(
    period: Period, scope: Scope, *, public: bool
) -> tuple[ListedGodparent, ...]:
    """Each godparent with their prisoners, letters and verified actions in the period.

    Public: only godparents who agreed to be listed (never discreet ones), and only prisoners whose
    publicity allows a name; the others count in their numbers.
    """
    people = GodparentProfile.objects.filter(_listed(scope, public=public))
    # Tuples, not model instances: thousands of godparents and their prisoners made the Python
    # side of this section take longer than its SQL (issue 17).
    listed = people.order_by("full_name").values_list(
        "pk",
        "full_name",
        "parliament__short_name",
        "parliament__name",
        "parliament__country",
        "parliament_other",
    )
    # Two grouped counts, not two annotations: joining letters and actions at once would multiply
    # the rows (letters × actions per godparent) and the time with them.
    letters = dict(
        Letter.objects.filter(period.dates("sent_on"), _listed(scope, "godparent__", public=public))
        .values_list("godparent")
        .annotate(count=Count("pk"))
    )
    actions = dict(
        AdvocacyAction.godparents.through.objects.filter(
            period.dates("advocacyaction__occurred_on"),
            _listed(scope, "godparentprofile__", public=public),
            advocacyaction__verification=ActionVerification.VERIFIED,
        )
        .values_list("godparentprofile")
        .annotate(count=Count("pk"))  # a (godparent, action) pair is unique: no DISTINCT needed
    )
    supported, hidden = _supported_prisoners(scope, public=public)
    return tuple(
        ListedGodparent(
            name=name,
            parliament=(short_name or parliament) if parliament else other,
            country=country or "",
            prisoners=tuple(supported.get(pk, ())),
            unnamed_prisoners=hidden[pk],
            letters=letters.get(pk, 0),
            actions=actions.get(pk, 0),
        )
        for pk, name, short_name, parliament, country, other in listed
    )


def _listed(scope: Scope, prefix: str = "", *, public: bool) -> Q:
    """The godparents the list names, reached from a related model through `prefix`.

    Conditions on the joined godparent, not `godparent__in=<subquery>`: SQLite probed the
    subquery's list once per letter or action (a third of a second at a tenth of the scale).
    """
    condition = scope.godparent_filter(prefix) & Q(
        **{
            f"{prefix}deleted_at__isnull": True,
            f"{prefix}verification_state": VerificationState.VERIFIED,
        }
    )
    if public:
        condition &= Q(**{f"{prefix}public_listing_consent": True, f"{prefix}is_discreet": False})
    return condition


def _supported_prisoners(
    scope: Scope, *, public: bool
) -> tuple[dict[int, list[str]], Counter[int]]:
    """Per godparent, the names of the prisoners they support now (by name), and how many more
    the public variant may not name."""
    supported: dict[int, list[str]] = {}
    hidden: Counter[int] = Counter()
    active = Match.objects.filter(
        _listed(scope, "godparent__", public=public), status=MatchStatus.ACTIVE
    )
    rows = active.order_by("prisoner__sort_name").values_list(
        "godparent_id",
        "prisoner__publicity",
        "prisoner__name_latin",
        "prisoner__name_ru",
        "prisoner__name_be",
    )
    for godparent, publicity, latin, russian, belarusian in rows:
        if public and publicity not in PUBLIC_PUBLICITY:
            hidden[godparent] += 1
        else:
            name = prisoner_display_name(latin, russian, belarusian)
            supported.setdefault(godparent, []).append(name)
    return supported, hidden
