"""Read queries about who supports whom."""

from django.db.models import QuerySet

from solidarity.godparents.models import GodparentProfile, VerificationState

from .models import MatchStatus


def godparent_list_public_for_prisoner(*, prisoner_id: int) -> QuerySet[GodparentProfile]:
    """The prisoner's active godparents who agreed to be listed; discreet ones never."""
    return (
        GodparentProfile.objects.filter(
            matches__prisoner_id=prisoner_id,
            matches__status=MatchStatus.ACTIVE,
            public_listing_consent=True,
            is_discreet=False,
            verification_state=VerificationState.VERIFIED,
        )
        .select_related("parliament")
        .order_by("full_name")
        .distinct()
    )
