"""The public godparents directory: who supports whom, as the public may see it.

It lives with matching because it lists godparenthoods (active matches); the godparents app only
says who agreed to be listed (`godparent_list_publicly_listed`).

The directory is read in two parts, so that no page renders every godparent: an index (the
groups, countries first, with how many godparents each lists, and the totals) and one group's
godparents a page at a time, by assembly, with the public records each supports.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from django.db import models
from django.db.models import Count, Q, QuerySet
from django_countries.fields import Country

from solidarity.common.collation import collation_key
from solidarity.godparents.models import GodparentProfile, ParliamentKind
from solidarity.godparents.selectors import godparent_list_publicly_listed
from solidarity.prisoners.choices import PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.selectors import prisoner_frozen_q

from .models import Match, MatchStatus


class DirectoryGroupKind(models.TextChoices):
    """Where a parliament's godparents are listed: by country, or apart from the countries."""

    COUNTRY = "country"
    INTERNATIONAL = "international"
    OTHER = "other"  # a parliament typed in by the godparent, not yet mapped by an organiser


@dataclass(frozen=True)
class DirectoryGroup:
    """A country (None for international assemblies and unmapped parliaments): how many listed
    godparents it has and in how many recorded assemblies."""

    kind: str
    country: Country | None
    godparents: int
    parliaments: int

    @property
    def is_country(self) -> bool:
        return self.kind == DirectoryGroupKind.COUNTRY

    @property
    def is_international(self) -> bool:
        return self.kind == DirectoryGroupKind.INTERNATIONAL

    @property
    def slug(self) -> str:
        """Its part of the URL: the country code in lower case, else the kind."""
        return self.country.code.lower() if self.country else self.kind


@dataclass(frozen=True)
class GodparentDirectory:
    """The public godparents page's index and its totals."""

    groups: tuple[DirectoryGroup, ...]
    godparents: int
    countries: int
    parliaments: int  # recorded assemblies; free text may name one of them another way
    prisoners: int  # public records supported by a listed godparent
    godparenthoods: int  # every active match, discreet and unlisted godparents included

    def group(self, slug: str) -> DirectoryGroup | None:
        """The group at `slug`, or None: an unknown code, or a country nobody is listed for."""
        return next((group for group in self.groups if group.slug == slug), None)


@dataclass(frozen=True)
class DirectoryGodparent:
    """What the public directory shows of a godparent: never contact or verification data."""

    pk: int
    full_name: str
    role: str
    party: str
    political_group: str
    prisoners: tuple[Prisoner, ...]  # only records whose publicity allows publication


@dataclass(frozen=True)
class DirectoryParliament:
    """One assembly (or one free-text parliament) and its listed godparents on a page."""

    name: str
    chamber: str
    short_name: str
    godparents: tuple[DirectoryGodparent, ...]


def godparent_public_directory() -> GodparentDirectory:
    """The groups of listed godparents and the totals, in three queries whatever their number.

    Countries come by name in the active language, then international assemblies, then
    parliaments not yet mapped. Discreet godparents only add to `godparenthoods`, a number that
    says nothing about who; a record whose publicity is None is not counted in `prisoners`.
    """
    rows = (
        godparent_list_publicly_listed()
        .values("parliament__kind", "parliament__country")
        .annotate(godparents=Count("pk"), parliaments=Count("parliament", distinct=True))
        .order_by()
    )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        key = _group_key(row["parliament__kind"], row["parliament__country"])
        counts[key][0] += row["godparents"]
        # A recorded assembly belongs to one group: the sum counts each once.
        counts[key][1] += row["parliaments"]
    order: dict[str, int] = {DirectoryGroupKind.COUNTRY: 0, DirectoryGroupKind.INTERNATIONAL: 1}
    keys = sorted(counts, key=lambda key: (order.get(key[0], 2), _country_sort_key(key[1])))
    groups = tuple(
        DirectoryGroup(
            kind=kind,
            country=Country(code) if code else None,
            godparents=counts[kind, code][0],
            parliaments=counts[kind, code][1],
        )
        for kind, code in keys
    )
    active = Match.objects.filter(status=MatchStatus.ACTIVE)
    supported = active.filter(
        prisoner__publicity__in=PUBLIC_PUBLICITY, godparent__in=godparent_list_publicly_listed()
    )
    return GodparentDirectory(
        groups=groups,
        godparents=sum(group.godparents for group in groups),
        countries=sum(group.is_country for group in groups),
        parliaments=sum(group.parliaments for group in groups),
        prisoners=supported.values("prisoner_id").distinct().count(),
        godparenthoods=active.count(),
    )


def godparent_directory_members(*, group: DirectoryGroup) -> QuerySet[GodparentProfile]:
    """The listed godparents of `group` in the order its pages show them (by assembly, then by
    name), with only the fields shown: paginate it, then `godparent_directory_parliaments`."""
    listed = godparent_list_publicly_listed()
    international = Q(parliament__kind=ParliamentKind.INTERNATIONAL) | Q(parliament__country="")
    if group.kind == DirectoryGroupKind.COUNTRY and group.country:
        listed = listed.filter(parliament__country=group.country.code).exclude(international)
        order = ["parliament__name", "parliament__chamber", "parliament__short_name"]
    elif group.kind == DirectoryGroupKind.INTERNATIONAL:
        listed = listed.filter(international, parliament__isnull=False)
        order = ["parliament__name", "parliament__chamber", "parliament__short_name"]
    else:
        listed = listed.filter(parliament__isnull=True)
        order = ["parliament_other"]
    return (
        listed.select_related("parliament")
        .only(
            "parliament",
            "full_name",
            "role",
            "party",
            "political_group",
            "parliament_other",
            "parliament__name",
            "parliament__chamber",
            "parliament__short_name",
        )
        .order_by(*order, "full_name", "pk")
    )


def godparent_directory_parliaments(
    profiles: Sequence[GodparentProfile],
) -> tuple[DirectoryParliament, ...]:
    """One page of a group's godparents (from `godparent_directory_members`), by assembly, each
    with the public records they support: one query whatever their number.

    A record whose publicity is None is never named here, even next to a listed godparent, nor
    a person released inside Belarus (`prisoner_frozen_q`).
    """
    matches = (
        Match.objects.filter(
            status=MatchStatus.ACTIVE,
            prisoner__publicity__in=PUBLIC_PUBLICITY,
            godparent_id__in=[profile.pk for profile in profiles],
        )
        .exclude(prisoner_frozen_q("prisoner__"))
        .select_related("prisoner")
        .only(
            "godparent",
            "prisoner",
            "prisoner__name_be",
            "prisoner__name_ru",
            "prisoner__name_latin",
            "prisoner__sort_name",
        )
        .order_by("prisoner__sort_name", "prisoner_id")
    )
    prisoners: dict[int, list[Prisoner]] = defaultdict(list)
    for match in matches:
        prisoners[match.godparent_id].append(match.prisoner)
    return tuple(
        DirectoryParliament(
            *key,
            godparents=tuple(
                DirectoryGodparent(
                    pk=profile.pk,
                    full_name=profile.full_name,
                    role=profile.role,
                    party=profile.party,
                    political_group=profile.political_group,
                    prisoners=tuple(prisoners[profile.pk]),
                )
                for profile in members
            ),
        )
        for key, members in groupby(profiles, key=_parliament_key)
    )


def _group_key(kind: str | None, country: str | None) -> tuple[str, str]:
    if kind is None:
        return (DirectoryGroupKind.OTHER, "")
    if kind == ParliamentKind.INTERNATIONAL or not country:
        return (DirectoryGroupKind.INTERNATIONAL, "")
    return (DirectoryGroupKind.COUNTRY, country)


def _parliament_key(profile: GodparentProfile) -> tuple[str, str, str]:
    """Name, chamber, short name: tells the assemblies of a group apart."""
    parliament = profile.parliament
    if parliament is None:
        return (" ".join(profile.parliament_other.split()), "", "")
    return (parliament.name, parliament.chamber, parliament.short_name)


def _country_sort_key(code: str) -> tuple[tuple[int, int, int], ...]:
    return collation_key(str(Country(code).name)) if code else ()
