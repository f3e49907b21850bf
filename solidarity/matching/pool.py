"""Reading a matching run's pool from the database into plain data, in a fixed number of queries.

The hard constraints that are facts about the database are applied here: only verified, not
deleted godparents with a free slot; only detained prisoners, and released people abroad who
asked for support and have no godparent in exile yet (the exile pool, issue 18); open and
declined pairs excluded.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from django.db.models import Count, Q
from django.utils import timezone

from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.prisoners.choices import (
    ABROAD_SITUATIONS,
    DETAINED_STATUSES,
    RELEASED_STATUSES,
    ContactConsent,
    Publicity,
    Status,
)
from solidarity.prisoners.models import Prisoner, Whereabouts

from .models import OPEN_MATCH_STATUSES, EndReason, Match, MatchStatus, ReleaseChoice, Support
from .scoring import GodparentData, PrisonerData

# A godparent lost this recently puts the prisoner first again (issue 5, "handovers").
LOST_GODPARENT_DAYS = 365


@dataclass(frozen=True)
class Pool:
    godparents: list[GodparentData]
    prisoners: list[PrisonerData]
    excluded: set[tuple[int, int]]


def pool_load(
    *,
    godparent_ids: Iterable[int] | None = None,
    prisoner_ids: Iterable[int] | None = None,
    today: datetime.date | None = None,
    free_slots_only: bool = True,
    godparent_slots: Mapping[int, int] | None = None,
) -> Pool:
    """Everyone eligible, or the chosen subsets (e.g. godparents who joined at the Congress).

    `free_slots_only=False` keeps godparents whose places are all taken: a swap in review
    rescores pairs whose godparents keep the same number of proposals. `godparent_slots` gives
    exactly these godparents exactly these places, whatever their capacity (the Congress's
    pledges: a pledge is the godparent's word for more prisoners than their profile said).
    """
    today = today or timezone.localdate()
    if godparent_slots is not None:
        godparents = [
            replace(godparent, slots=godparent_slots[godparent.id])
            for godparent in _godparents(list(godparent_slots), free_slots_only=False)
            if godparent_slots[godparent.id] > 0
        ]
    else:
        godparents = _godparents(godparent_ids, free_slots_only=free_slots_only)
    prisoners = _prisoners(prisoner_ids, today)
    prisoner_set = {p.id for p in prisoners}
    excluded = {
        pair
        for pair in Match.objects.filter(
            Q(status__in=OPEN_MATCH_STATUSES)
            | Q(status=MatchStatus.DECLINED)
            # A godparent who handed the person over, or closed, is not proposed them again.
            | Q(release_choice__in=(ReleaseChoice.HAND_OVER, ReleaseChoice.CLOSE)),
            godparent_id__in=[g.id for g in godparents],
        ).values_list("godparent_id", "prisoner_id")
        if pair[1] in prisoner_set
    }
    return Pool(godparents=godparents, prisoners=prisoners, excluded=excluded)


def _godparents(ids: Iterable[int] | None, *, free_slots_only: bool) -> list[GodparentData]:
    profiles = GodparentProfile.objects.filter(
        verification_state=VerificationState.VERIFIED, deleted_at__isnull=True
    ).annotate(open_matches=Count("matches", filter=Q(matches__status__in=OPEN_MATCH_STATUSES)))
    links = GodparentProfile.preferred_backgrounds.through.objects.all()
    if ids is not None:
        ids = list(ids)
        profiles, links = profiles.filter(pk__in=ids), links.filter(godparentprofile_id__in=ids)
    rows = profiles.values(
        "pk",
        "capacity",
        "open_matches",
        "is_discreet",
        "parliament__country",
        "languages",
        "preferred_regions",
        "preferred_gender",
    )
    backgrounds = _many(links.values_list("godparentprofile_id", "background_id"))
    return [
        GodparentData(
            id=row["pk"],
            slots=row["capacity"] - row["open_matches"],
            country=row["parliament__country"] or "",
            discreet=row["is_discreet"],
            languages=frozenset(row["languages"] or ()),
            backgrounds=backgrounds.get(row["pk"], frozenset()),
            regions=frozenset(row["preferred_regions"] or ()),
            gender=row["preferred_gender"] or "",
        )
        for row in rows.order_by("pk")
        if row["capacity"] > row["open_matches"] or not free_slots_only
    ]


def exile_pool() -> dict[int, str]:
    """Released people abroad who asked for support and whom no godparent supports in exile
    yet (open or offered): their country of residence, by record."""
    supported = Match.objects.filter(support=Support.IN_EXILE, status__in=OPEN_MATCH_STATUSES)
    return dict(
        Whereabouts.objects.filter(
            consent=ContactConsent.SUPPORT,
            situation__in=ABROAD_SITUATIONS,
            prisoner__status__in=RELEASED_STATUSES,
        )
        .exclude(prisoner_id__in=supported.values("prisoner_id"))
        .values_list("prisoner_id", "country")
    )


def _prisoners(ids: Iterable[int] | None, today: datetime.date) -> list[PrisonerData]:
    exiled = exile_pool()
    records = Prisoner.objects.filter(Q(status__in=DETAINED_STATUSES) | Q(pk__in=list(exiled)))
    links = Prisoner.backgrounds.through.objects.all()
    active_matches = Match.objects.filter(status=MatchStatus.ACTIVE)
    lost_matches = Match.objects.filter(
        status=MatchStatus.ENDED,
        end_reason=EndReason.GODPARENT_LEFT,
        ended_at__gte=timezone.now() - datetime.timedelta(days=LOST_GODPARENT_DAYS),
    )
    if ids is not None:
        ids = list(ids)
        records, links = records.filter(pk__in=ids), links.filter(prisoner_id__in=ids)
        active_matches = active_matches.filter(prisoner_id__in=ids)
        lost_matches = lost_matches.filter(prisoner_id__in=ids)
    rows = records.values(
        "pk",
        "publicity",
        "status",
        "expected_release_on",
        "languages",
        "region",
        "gender",
        "confidential__health_at_risk",
    ).order_by("pk")
    backgrounds = _many(links.values_list("prisoner_id", "background_id"))
    active = defaultdict(list)
    for prisoner_id, country in active_matches.values_list(
        "prisoner_id", "godparent__parliament__country"
    ):
        active[prisoner_id].append(country or "")
    lost = set(lost_matches.values_list("prisoner_id", flat=True))
    return [
        PrisonerData(
            id=row["pk"],
            public=row["publicity"] != Publicity.NONE,
            godparents=len(active.get(row["pk"], ())),
            lost_godparent=row["pk"] in lost,
            health_at_risk=bool(row["confidential__health_at_risk"]),
            incommunicado=row["status"] == Status.INCOMMUNICADO,
            remaining_months=_months_until(row["expected_release_on"], today),
            languages=frozenset(row["languages"] or ()),
            backgrounds=backgrounds.get(row["pk"], frozenset()),
            region=row["region"] or "",
            gender=row["gender"] or "",
            godparent_countries=frozenset(c for c in active.get(row["pk"], ()) if c),
            in_exile=row["pk"] in exiled,
            residence=exiled.get(row["pk"], ""),
        )
        for row in rows
    ]


def _many(pairs) -> dict[int, frozenset[int]]:
    grouped: dict[int, set[int]] = defaultdict(set)
    for owner, item in pairs:
        grouped[owner].add(item)
    return {owner: frozenset(items) for owner, items in grouped.items()}


def _months_until(day: datetime.date | None, today: datetime.date) -> int:
    if day is None or day <= today:
        return 0
    return (day.year - today.year) * 12 + day.month - today.month
