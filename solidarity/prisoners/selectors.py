"""Read queries for prisoner records, with fixed query counts whatever the data size."""

from django.db.models import Prefetch, QuerySet

from .choices import DETAINED_STATUSES, PUBLIC_PUBLICITY
from .models import Charge, Prisoner, StatusChange


def prisoner_list_public() -> QuerySet[Prisoner]:
    """Records whose publicity allows publication, with what a listing card shows."""
    return (
        Prisoner.objects.filter(publicity__in=PUBLIC_PUBLICITY)
        .select_related("facility")
        .prefetch_related(
            Prefetch(
                "charges",
                queryset=Charge.objects.select_related("article").order_by("article__sort_key"),
            )
        )
        .order_by("sort_name", "pk")
    )


def prisoner_get_public(*, prisoner_id: int) -> Prisoner | None:
    """One record whose publicity allows publication, with what its profile shows."""
    return prisoner_list_public().filter(pk=prisoner_id).first()


def prisoner_public_counts() -> dict[str, int]:
    """Headline counters for the public site."""
    public = Prisoner.objects.filter(publicity__in=PUBLIC_PUBLICITY)
    return {
        "public": public.count(),
        "held_now": public.filter(status__in=DETAINED_STATUSES).count(),
    }


def prisoner_status_history(*, prisoner: Prisoner) -> QuerySet[StatusChange]:
    return prisoner.status_changes.select_related("facility").order_by(
        "-effective_on", "-recorded_at"
    )
