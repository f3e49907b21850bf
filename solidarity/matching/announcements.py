"""The batch announcement: godparenthoods accepted in a period, as much of them as may be public.

A godparenthood is named only when its godparent is publicly listed (the directory's rule) and its
prisoner's publicity allows publication; every other one is only counted.
"""

import datetime
from dataclasses import dataclass

from django_countries.fields import Country

from solidarity.godparents.models import GodparentProfile, ParliamentKind
from solidarity.godparents.selectors import godparent_list_publicly_listed
from solidarity.prisoners.choices import PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.selectors import prisoner_frozen_q

from .models import Match, MatchStatus


@dataclass(frozen=True)
class AnnouncedGodparenthood:
    """One accepted godparenthood as the announcement shows it: never contact or verification
    data, never a prisoner whose family refused publicity."""

    pk: int  # the match
    full_name: str
    role: str
    party: str
    political_group: str
    parliament: str  # "name — chamber", or the godparent's own words when not yet mapped
    country: Country | None  # None for international assemblies and unmapped parliaments
    prisoner: Prisoner
    public_statement: str
    accepted_at: datetime.datetime


@dataclass(frozen=True)
class Announcement:
    """The godparenthoods accepted in [since, until] (until included, open-ended when None)."""

    since: datetime.date
    until: datetime.date | None
    godparenthoods: tuple[AnnouncedGodparenthood, ...]
    others: int  # accepted in the period but not public: a number that names nobody

    @property
    def total(self) -> int:
        return len(self.godparenthoods) + self.others


def godparenthoods_announced(
    *, since: datetime.date, until: datetime.date | None = None
) -> Announcement:
    """Active matches accepted in the period (days in the site's time zone), in two queries.

    Listed by name: publicly listed godparent and public record. Discreet, unlisted, unverified or
    deleted godparents, records whose publicity is None and people released inside Belarus
    (a new godparent is a new detail about them: `prisoner_frozen_q`) only add to `others`.
    """
    accepted = Match.objects.filter(status=MatchStatus.ACTIVE, responded_at__date__gte=since)
    if until is not None:
        accepted = accepted.filter(responded_at__date__lte=until)
    public = (
        accepted.filter(
            godparent__in=godparent_list_publicly_listed(),
            prisoner__publicity__in=PUBLIC_PUBLICITY,
        )
        .exclude(prisoner_frozen_q("prisoner__"))
        .select_related("godparent__parliament", "prisoner")
        .order_by("godparent__full_name", "godparent_id", "prisoner__sort_name", "pk")
    )
    godparenthoods = tuple(_announced(match) for match in public)
    return Announcement(
        since=since,
        until=until,
        godparenthoods=godparenthoods,
        others=accepted.count() - len(godparenthoods),
    )


def _announced(match: Match) -> AnnouncedGodparenthood:
    godparent = match.godparent
    assert match.responded_at is not None  # the query keeps accepted matches only
    return AnnouncedGodparenthood(
        pk=match.pk,
        full_name=godparent.full_name,
        role=godparent.role,
        party=godparent.party,
        political_group=godparent.political_group,
        parliament=_parliament_label(godparent),
        country=_country(godparent),
        prisoner=match.prisoner,
        # The query already keeps only public records; a statement must never outlive consent.
        public_statement=match.public_statement if match.prisoner.is_public else "",
        accepted_at=match.responded_at,
    )


def _parliament_label(godparent: GodparentProfile) -> str:
    parliament = godparent.parliament
    if parliament is None:
        return " ".join(godparent.parliament_other.split())
    return f"{parliament.name} — {parliament.chamber}" if parliament.chamber else parliament.name


def _country(godparent: GodparentProfile) -> Country | None:
    parliament = godparent.parliament
    if parliament is None or parliament.kind == ParliamentKind.INTERNATIONAL:
        return None
    return parliament.country or None
