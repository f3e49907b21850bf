"""The public godparents directory: who supports whom, as the public may see it.

It lives with matching because it lists godparenthoods (active matches); the godparents app only
says who agreed to be listed (`godparent_list_publicly_listed`).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Prefetch
from django_countries.fields import Country

from solidarity.godparents.models import GodparentProfile, Parliament, ParliamentKind
from solidarity.godparents.selectors import godparent_list_publicly_listed
from solidarity.prisoners.choices import PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner

from .models import Match, MatchStatus


class DirectoryGroupKind(models.TextChoices):
    """Where a parliament's godparents are listed: by country, or apart from the countries."""

    COUNTRY = "country"
    INTERNATIONAL = "international"
    OTHER = "other"  # a parliament typed in by the godparent, not yet mapped by an organiser


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
    """One assembly (or one free-text parliament) and its listed godparents."""

    name: str
    chamber: str
    short_name: str
    godparents: tuple[DirectoryGodparent, ...]


@dataclass(frozen=True)
class DirectoryGroup:
    """A country (None for international assemblies and unmapped parliaments) and its assemblies."""

    kind: str
    country: Country | None
    parliaments: tuple[DirectoryParliament, ...]

    @property
    def is_country(self) -> bool:
        return self.kind == DirectoryGroupKind.COUNTRY

    @property
    def is_international(self) -> bool:
        return self.kind == DirectoryGroupKind.INTERNATIONAL


@dataclass(frozen=True)
class GodparentDirectory:
    """The public godparents page's data and its totals."""

    groups: tuple[DirectoryGroup, ...]
    godparents: int
    countries: int
    parliaments: int  # recorded assemblies; free text may name one of them another way
    prisoners: int  # public records supported by a listed godparent
    godparenthoods: int  # every active match, discreet and unlisted godparents included


def godparent_public_directory() -> GodparentDirectory:
    """Listed godparents grouped by country and parliament, with the public records they support.

    Three queries whatever the number of godparents. A record whose publicity is None is never
    named here, even next to a listed godparent; discreet godparents only add to `godparenthoods`,
    a number that says nothing about who.
    """
    public_matches = (
        Match.objects.filter(status=MatchStatus.ACTIVE, prisoner__publicity__in=PUBLIC_PUBLICITY)
        .select_related("prisoner")
        .order_by("prisoner__sort_name", "prisoner_id")
    )
    profiles = list(
        godparent_list_publicly_listed()
        .select_related("parliament")
        .prefetch_related(Prefetch("matches", queryset=public_matches, to_attr="public_matches"))
        .order_by("full_name", "pk")
    )
    groups = _groups(profiles)
    recorded = {profile.parliament_id for profile in profiles if profile.parliament_id}
    supported = {match.prisoner_id for profile in profiles for match in _public_matches(profile)}
    return GodparentDirectory(
        groups=groups,
        godparents=len(profiles),
        countries=sum(group.kind == DirectoryGroupKind.COUNTRY for group in groups),
        parliaments=len(recorded),
        prisoners=len(supported),
        godparenthoods=Match.objects.filter(status=MatchStatus.ACTIVE).count(),
    )


def _groups(profiles: Iterable[GodparentProfile]) -> tuple[DirectoryGroup, ...]:
    """Countries by name in the active language, then international assemblies, then others."""
    by_group: dict[tuple, dict[tuple, list[GodparentProfile]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for profile in profiles:
        by_group[_group_key(profile.parliament)][_parliament_key(profile)].append(profile)
    order = {DirectoryGroupKind.COUNTRY: 0, DirectoryGroupKind.INTERNATIONAL: 1}
    keys = sorted(by_group, key=lambda key: (order.get(key[0], 2), _country_sort_key(key[1])))
    return tuple(
        DirectoryGroup(
            kind=kind,
            country=Country(code) if code else None,
            parliaments=tuple(
                _parliament(key, members) for key, members in sorted(by_group[kind, code].items())
            ),
        )
        for kind, code in keys
    )


def _group_key(parliament: Parliament | None) -> tuple[str, str]:
    if parliament is None:
        return (DirectoryGroupKind.OTHER, "")
    if parliament.kind == ParliamentKind.INTERNATIONAL or not parliament.country:
        return (DirectoryGroupKind.INTERNATIONAL, "")
    return (DirectoryGroupKind.COUNTRY, parliament.country.code)


def _parliament_key(profile: GodparentProfile) -> tuple[str, str, str]:
    """Name, chamber, short name: sorts the assemblies of a group and tells them apart."""
    parliament = profile.parliament
    if parliament is None:
        return (" ".join(profile.parliament_other.split()), "", "")
    return (parliament.name, parliament.chamber, parliament.short_name)


def _country_sort_key(code: str) -> str:
    return str(Country(code).name).casefold() if code else ""


def _parliament(key: tuple[str, str, str], profiles: list[GodparentProfile]):
    name, chamber, short_name = key
    return DirectoryParliament(
        name=name,
        chamber=chamber,
        short_name=short_name,
        godparents=tuple(_godparent(profile) for profile in profiles),
    )


def _godparent(profile: GodparentProfile) -> DirectoryGodparent:
    return DirectoryGodparent(
        pk=profile.pk,
        full_name=profile.full_name,
        role=profile.role,
        party=profile.party,
        political_group=profile.political_group,
        prisoners=tuple(match.prisoner for match in _public_matches(profile)),
    )


def _public_matches(profile: GodparentProfile) -> list[Match]:
    """The matches prefetched into `public_matches` by `godparent_public_directory`."""
    return profile.public_matches  # type: ignore[attr-defined]  # Prefetch(to_attr=...): untyped
