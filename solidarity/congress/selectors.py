"""The parliaments register: where the programme stands in each country and parliament.

The Paris Memorandum asks each national parliament for a group "For a Democratic Belarus" and a
memorandum of cooperation with the democratic forces; godparents are recruited through those
groups. The register puts the two facts next to the programme's figures, so organisers (and the
public) see which parliaments have a group, a memorandum, godparents, or none of them.

Discretion: the figures count every godparent, discreet ones included (their letters are the
programme's work too), so a country's figures are published only where they cannot point at a
discreet or unlisted godparent (`published_godparents`, `published_figure`). International
assemblies have no country: they form one row of their own.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django_countries.fields import Country

from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter
from solidarity.common.collation import collation_key
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import DETAINED_STATUSES, PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner

from .models import Congress, Declaration, Pledge, Registration, RegistrationStatus, Signature

DISCRETION_FLOOR = 5  # fewer godparents than this, some of them unlisted: no figure is published
ROUNDING = 5  # a total that includes unlisted godparents is published rounded down to this


@dataclass(frozen=True)
class PublishedCount:
    """A count as the public may read it: exact, rounded down ("at least"), or withheld."""

    value: int | None  # None: withheld
    at_least: bool = False

    @property
    def withheld(self) -> bool:
        return self.value is None

    @property
    def sort_key(self) -> int:
        return -1 if self.value is None else self.value


def published_godparents(total: int, *, listed: int) -> PublishedCount:
    """How many godparents a country has, as the public may read it.

    Below DISCRETION_FLOOR in all: the listed ones only, whom the godparents page names anyway,
    so a country with one listed and one discreet godparent reads exactly like a country with
    one listed godparent. From the floor up: exact when everyone is listed, else rounded down
    to ROUNDING ("at least 10"), so the difference with the listed names never says how many
    are unlisted.
    """
    if total < DISCRETION_FLOOR or total == listed:
        return PublishedCount(listed)
    return PublishedCount(max(total - total % ROUNDING, DISCRETION_FLOOR), at_least=True)


def published_figure(value: int, *, godparents: int) -> PublishedCount:
    """A country's prisoners, letters or actions: published only where at least
    DISCRETION_FLOOR godparents did the work, whether they are listed or not; a figure of a
    smaller group is the work of people one could name, or of a discreet godparent."""
    return PublishedCount(value) if godparents >= DISCRETION_FLOOR else PublishedCount(None)


@dataclass(frozen=True)
class RegisterParliament:
    """One parliament's public register entry: its group and memorandum."""

    pk: int
    name: str
    chamber: str
    group_name: str
    group_since: object
    group_chair: str
    memorandum_signed_on: object
    memorandum_url: str


@dataclass(frozen=True)
class RegisterCountry:
    """A country (None: the international assemblies) with its parliaments and figures."""

    country: Country | None
    parliaments: tuple[RegisterParliament, ...]
    godparents: PublishedCount
    listed: int
    prisoners: PublishedCount
    letters: PublishedCount
    actions: PublishedCount

    @property
    def groups(self) -> int:
        return sum(1 for parliament in self.parliaments if parliament.group_name)

    @property
    def memoranda(self) -> int:
        return sum(1 for parliament in self.parliaments if parliament.memorandum_signed_on)

    @property
    def engaged(self) -> tuple[RegisterParliament, ...]:
        """The parliaments with a group or a memorandum: the ones the page describes."""
        return tuple(p for p in self.parliaments if p.group_name or p.memorandum_signed_on)

    @property
    def not_engaged(self) -> int:
        return len(self.parliaments) - len(self.engaged)

    @property
    def has_nothing(self) -> bool:
        """No group, no memorandum, no godparent: where recruiting has not started."""
        return not (self.groups or self.memoranda or self.godparents.value)

    @property
    def name(self) -> str:
        return str(self.country.name) if self.country else ""


@dataclass(frozen=True)
class ParliamentRegister:
    countries: tuple[RegisterCountry, ...]
    groups: int
    memoranda: int
    parliaments: int
    countries_with_godparents: int = 0
    sort_keys: tuple[str, ...] = field(
        default=("country", "groups", "memoranda", "godparents", "prisoners", "letters", "actions")
    )

    def sorted_by(self, key: str) -> list[RegisterCountry]:
        """The rows by `key` (unknown keys: by country), largest first for the figures; ties and
        withheld figures by the country's name."""
        rows = sorted(
            self.countries, key=lambda row: (row.country is None, collation_key(row.name))
        )
        if key not in self.sort_keys or key == "country":
            return rows
        if key in ("groups", "memoranda"):
            return sorted(rows, key=lambda row: -getattr(row, key))
        return sorted(rows, key=lambda row: -getattr(row, key).sort_key)


def parliament_register() -> ParliamentRegister:
    """Every recorded parliament by country with the programme's figures, in six queries.

    Godparents are the verified ones (not those who left office); prisoners are those with an
    active godparenthood; letters are every letter logged; actions the verified ones, each
    counted once per country however many of its godparents took part (an action with
    godparents of two countries counts in both).
    """
    parliaments = list(Parliament.objects.order_by("country", "name", "chamber"))
    # One set of godparents for every figure, the one the discretion rule counts.
    godparents = _by_country(
        GodparentProfile.objects.filter(_current(), parliament__isnull=False)
        .values("parliament__country")
        .annotate(
            total=Count("pk"),
            listed=Count("pk", filter=Q(public_listing_consent=True, is_discreet=False)),
        ),
        "parliament__country",
    )
    prisoners = _by_country(
        Match.objects.filter(
            _current("godparent__"),
            status=MatchStatus.ACTIVE,
            godparent__parliament__isnull=False,
        )
        .values("godparent__parliament__country")
        .annotate(total=Count("prisoner", distinct=True)),
        "godparent__parliament__country",
    )
    letters = _by_country(
        Letter.objects.filter(_current("godparent__"), godparent__parliament__isnull=False)
        .values("godparent__parliament__country")
        .annotate(total=Count("pk")),
        "godparent__parliament__country",
    )
    through = AdvocacyAction.godparents.through
    actions = _by_country(
        through.objects.filter(
            _current("godparentprofile__"),
            advocacyaction__verification=ActionVerification.VERIFIED,
            godparentprofile__parliament__isnull=False,
        )
        .values("godparentprofile__parliament__country")
        .annotate(total=Count("advocacyaction", distinct=True)),
        "godparentprofile__parliament__country",
    )
    grouped: dict[str, list[RegisterParliament]] = defaultdict(list)
    for parliament in parliaments:
        grouped[parliament.country.code or ""].append(
            RegisterParliament(
                pk=parliament.pk,
                name=parliament.name,
                chamber=parliament.chamber,
                group_name=parliament.group_name,
                group_since=parliament.group_since,
                group_chair=parliament.group_chair,
                memorandum_signed_on=parliament.memorandum_signed_on,
                memorandum_url=parliament.memorandum_url,
            )
        )
    countries = []
    for code, rows in grouped.items():
        counts = godparents.get(code, {})
        total, listed = counts.get("total", 0), counts.get("listed", 0)

        def publish(value: int, total: int = total) -> PublishedCount:
            return published_figure(value, godparents=total)

        countries.append(
            RegisterCountry(
                country=Country(code) if code else None,
                parliaments=tuple(rows),
                godparents=published_godparents(total, listed=listed),
                listed=listed,
                prisoners=publish(prisoners.get(code, {}).get("total", 0)),
                letters=publish(letters.get(code, {}).get("total", 0)),
                actions=publish(actions.get(code, {}).get("total", 0)),
            )
        )
    return ParliamentRegister(
        countries=tuple(countries),
        groups=sum(1 for parliament in parliaments if parliament.group_name),
        memoranda=sum(1 for parliament in parliaments if parliament.memorandum_signed_on),
        parliaments=len(parliaments),
        # Countries whose godparents the public may know of: some listed, or enough in all.
        countries_with_godparents=sum(
            1
            for code, counts in godparents.items()
            if code and (counts["listed"] or counts["total"] >= DISCRETION_FLOOR)
        ),
    )


def _current(prefix: str = "") -> Q:
    """Current godparents (verified, not erased), reached from a related model via `prefix`."""
    return Q(
        **{
            f"{prefix}verification_state": VerificationState.VERIFIED,
            f"{prefix}deleted_at__isnull": True,
        }
    )


def _by_country(rows: Iterable[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {row[key] or "": row for row in rows}


@dataclass(frozen=True)
class HallCounters:
    """What the hall screen shows while the Congress runs; totals only, naming nobody."""

    participants: int
    checked_in: int
    countries: int
    pledges: int  # prisoners pledged
    pledgers: int
    accepted: int  # godparenthoods accepted by those who pledged, since the Congress opened
    without_godparent: int  # public records of people held, with no active godparent


def congress_hall_counters(congress: Congress) -> HallCounters:
    """The hall screen's counters in four queries, whatever the number of participants."""
    registered = _registered(congress)
    people = registered.aggregate(
        participants=Count("pk"),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        countries=Count("country", distinct=True, filter=~Q(country="")),
    )
    pledged = _pledged(registered)
    accepted = _accepted_from_pledges(congress, registered)
    without = Prisoner.objects.filter(
        publicity__in=PUBLIC_PUBLICITY, status__in=DETAINED_STATUSES
    ).exclude(Exists(Match.objects.filter(prisoner=OuterRef("pk"), status=MatchStatus.ACTIVE)))
    return HallCounters(
        participants=people["participants"],
        checked_in=people["checked_in"],
        countries=people["countries"],
        pledges=pledged["prisoners"] or 0,
        pledgers=pledged["pledgers"],
        accepted=accepted,
        without_godparent=without.count(),
    )


def _registered(congress: Congress) -> QuerySet[Registration]:
    return Registration.objects.filter(congress=congress, status=RegistrationStatus.REGISTERED)


def _pledged(registered: QuerySet[Registration]) -> dict[str, Any]:
    return Pledge.objects.filter(registration__in=registered).aggregate(
        prisoners=Sum("prisoners"), pledgers=Count("pk")
    )


def _accepted_from_pledges(
    congress: Congress,
    registered: QuerySet[Registration],
    *,
    until: datetime.date | None = None,
) -> int:
    """Godparenthoods accepted by participants who pledged, from the Congress's opening (to the
    end of `until`): what the hall screen and the report count as the pledges' result."""

    def midnight(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    accepted = Match.objects.filter(
        godparent__congress_registrations__in=registered.filter(pledge__isnull=False),
        responded_at__gte=midnight(congress.starts_on),
        status__in=(MatchStatus.ACTIVE, MatchStatus.ENDED),
    )
    if until is not None:
        accepted = accepted.filter(responded_at__lt=midnight(until + datetime.timedelta(days=1)))
    return int(accepted.aggregate(n=Count("pk", distinct=True))["n"])


def congress_current() -> Congress | None:
    """The latest Congress (there is one a year at most)."""
    return Congress.objects.order_by("-starts_on").first()


def listed_participants(congress: Congress) -> QuerySet[Registration]:
    """Who may be named as a participant: registered, agreed to be listed, never discreet."""
    return (
        Registration.objects.filter(
            congress=congress, status=RegistrationStatus.REGISTERED, listed=True
        )
        .exclude(godparent__is_discreet=True)
        .select_related("parliament")
        .order_by("country", "full_name")
    )


@dataclass(frozen=True)
class CongressReport:
    """A Congress's figures for the Congress report (counts only: the report names nobody)."""

    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    participants: int
    checked_in: int
    online: int
    by_country: tuple[tuple[str, int], ...]  # participants per country code, largest first
    pledges: int  # prisoners pledged
    pledgers: int
    godparenthoods: int  # accepted by those who pledged, from the opening to `until`


def congress_report_figures(
    *, start: datetime.date, end: datetime.date
) -> tuple[CongressReport, ...]:
    """Every Congress held (at least partly) between `start` and `end`, with its figures; the
    godparenthoods count those accepted by the Congress's pledgers from its opening to `end`."""
    congresses = Congress.objects.filter(starts_on__lte=end, ends_on__gte=start).order_by(
        "starts_on"
    )
    reports = []
    for congress in congresses:  # one or two a year: a few queries each
        registered = _registered(congress)
        people = registered.aggregate(
            participants=Count("pk"),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
            online=Count("pk", filter=Q(attendance="online")),
        )
        by_country = registered.values("country").annotate(n=Count("pk")).order_by("-n", "country")
        pledged = _pledged(registered)
        accepted = _accepted_from_pledges(congress, registered, until=end)
        reports.append(
            CongressReport(
                title=congress.title,
                starts_on=congress.starts_on,
                ends_on=congress.ends_on,
                participants=people["participants"],
                checked_in=people["checked_in"],
                online=people["online"],
                by_country=tuple((row["country"] or "", row["n"]) for row in by_country),
                pledges=pledged["prisoners"] or 0,
                pledgers=pledged["pledgers"],
                godparenthoods=accepted,
            )
        )
    return tuple(reports)


@dataclass(frozen=True)
class Signatories:
    """Who signed the declaration, as the public may read it: the named ones by parliament (or
    organisation), and how many signed in all."""

    by_parliament: tuple[tuple[str, tuple[str, ...]], ...]
    named: int
    others: PublishedCount  # signatories not named: withheld when so few they could be told


def declaration_signatories(declaration: Declaration) -> Signatories:
    """Names only of registered participants who agreed to be listed and are not discreet
    godparents (read now: a consent withdrawn since signing takes the name off), in two
    queries."""
    signatures = Signature.objects.filter(
        declaration=declaration, registration__status=RegistrationStatus.REGISTERED
    )
    named = (
        signatures.filter(registration__listed=True)
        .exclude(registration__godparent__is_discreet=True)
        .select_related("registration__parliament")
        .order_by("registration__full_name")
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for signature in named:
        registration = signature.registration
        groups[registration.parliament_label or ""].append(registration.full_name)
    ordered = sorted(groups.items(), key=lambda item: (not item[0], collation_key(item[0])))
    named_count = sum(len(names) for names in groups.values())
    others = signatures.count() - named_count
    return Signatories(
        by_parliament=tuple((label, tuple(names)) for label, names in ordered),
        named=named_count,
        others=PublishedCount(others)
        if others == 0 or others >= DISCRETION_FLOOR
        else PublishedCount(None),
    )
