"""Read queries about who supports whom."""

from django.db.models import QuerySet

from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.selectors import godparent_list_publicly_listed

from .models import OPEN_MATCH_STATUSES, Match, MatchStatus


def godparent_names_by_prisoner(*, prisoner_ids: list[int]) -> dict[int, list[str]]:
    """The godparents of each record, active or offered, discreet ones included: for staff who
    review what a change of status will tell whom (one query)."""
    names: dict[int, list[str]] = {}
    rows = (
        Match.objects.filter(prisoner_id__in=prisoner_ids, status__in=OPEN_MATCH_STATUSES)
        .order_by("prisoner_id", "godparent__full_name")
        .values_list("prisoner_id", "godparent__full_name", "status")
    )
    for prisoner_id, name, status in rows:
        shown = name if status == MatchStatus.ACTIVE else f"{name} ({MatchStatus(status).label})"
        names.setdefault(prisoner_id, []).append(shown)
    return names


def godparent_list_public_for_prisoner(*, prisoner_id: int) -> QuerySet[GodparentProfile]:
    """The prisoner's active godparents who agreed to be listed; discreet ones never."""
    return (
        godparent_list_publicly_listed()
        .filter(matches__prisoner_id=prisoner_id, matches__status=MatchStatus.ACTIVE)
        .select_related("parliament")
        .order_by("full_name")
        .distinct()
    )
