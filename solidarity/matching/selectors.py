"""Read queries about who supports whom."""

from django.db.models import QuerySet

from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.selectors import godparent_list_publicly_listed

from .models import MatchStatus


def godparent_list_public_for_prisoner(*, prisoner_id: int) -> QuerySet[GodparentProfile]:
    """The prisoner's active godparents who agreed to be listed; discreet ones never."""
    return (
        godparent_list_publicly_listed()
        .filter(matches__prisoner_id=prisoner_id, matches__status=MatchStatus.ACTIVE)
        .select_related("parliament")
        .order_by("full_name")
        .distinct()
    )
