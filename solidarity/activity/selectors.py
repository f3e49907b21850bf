"""Public figures of the programme: numbers only, never who wrote or to whom (issue 6).

Only verified actions count; letters count as logged, since nobody verifies a letter. Replies are
never counted publicly: that a prisoner writes back to foreign parliamentarians is for the
defenders to know, not for the colony's administration to read on our site.
"""

from django.db.models import Count

from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus

from .models import ActionVerification, AdvocacyAction, Letter


def prisoner_public_activity(*, prisoner_id: int) -> dict[str, int]:
    """For a public profile: letters sent and verified public actions, in two queries."""
    letters = Letter.objects.filter(prisoner_id=prisoner_id).count()
    actions = AdvocacyAction.objects.filter(
        prisoners=prisoner_id, verification=ActionVerification.VERIFIED, is_public=True
    ).count()
    return {"letters": letters, "actions": actions}


def programme_totals() -> dict[str, int]:
    """The home page's totals, in four queries whatever the size of the programme."""
    active = Match.objects.filter(status=MatchStatus.ACTIVE)
    matches = active.aggregate(
        godparents=Count("godparent", distinct=True), prisoners=Count("prisoner", distinct=True)
    )
    return {
        "godparents": matches["godparents"],
        "supported": matches["prisoners"],
        "letters": Letter.objects.count(),
        "actions": AdvocacyAction.objects.filter(verification=ActionVerification.VERIFIED).count(),
        "countries": GodparentProfile.objects.filter(
            matches__status=MatchStatus.ACTIVE, parliament__isnull=False
        )
        .values("parliament__country")
        .distinct()
        .count(),
    }
