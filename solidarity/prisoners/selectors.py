"""Read queries for prisoner records, with fixed query counts whatever the data size."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import Prefetch, Q, QuerySet

from .choices import (
    ABROAD_SITUATIONS,
    DETAINED_STATUSES,
    PUBLIC_PUBLICITY,
    RELEASED_STATUSES,
    Status,
)
from .models import Charge, Prisoner, StatusChange, Whereabouts


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


@dataclass(frozen=True)
class PublicSources:
    """Where a profile's facts come from: the defenders' list and their recognition statement.

    Each `_lang` is the language of the linked page when it is not the page's (for `hreflang`).
    """

    source_url: str
    source_name: str
    source_lang: str
    recognition_statement_url: str
    recognition_statement_lang: str
    last_verified_on: datetime.date | None

    def __bool__(self) -> bool:
        return bool(self.source_url or self.recognition_statement_url or self.last_verified_on)


def prisoner_public_sources(*, prisoner: Prisoner) -> PublicSources | None:
    """The sources a profile shows, in the active language, or None for a record that is not
    public. Basic shows them as Full does (docs/publicity.md): they add no fact about the person,
    and the published list they point to is what allows a Basic profile at all."""
    if not prisoner.is_public:
        return None
    source_url = prisoner.source_url
    return PublicSources(
        source_url=source_url,
        source_name=source_name(source_url),
        source_lang=prisoner.source_url_lang,
        recognition_statement_url=prisoner.recognition_statement_url,
        recognition_statement_lang=prisoner.recognition_statement_url_lang,
        last_verified_on=prisoner.last_verified_on,
    )


def source_name(url: str) -> str:
    """What a reader recognises a source by: its site ("spring96.org" for any of its pages)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def prisoners_released_abroad(statuses: Mapping[int, str]) -> set[int]:
    """Which of these people (pk → current status) are released and known to be abroad:
    deported (the status says so) or recorded abroad in their whereabouts. At most one query.

    Everyone else released counts as inside Belarus, where contact can hurt them: their
    godparents are never asked to go on (matching/exile.py), whatever the list said.
    """
    released = {pk for pk, status in statuses.items() if status in RELEASED_STATUSES}
    deported = {pk for pk in released if statuses[pk] == Status.DEPORTED}
    if not released - deported:
        return deported
    recorded = Whereabouts.objects.filter(
        prisoner_id__in=released - deported, situation__in=ABROAD_SITUATIONS
    ).values_list("prisoner_id", flat=True)
    return deported | set(recorded)


def prisoner_frozen_q(prefix: str = "") -> Q:
    """The records whose public profile is frozen (`prisoner_profile_frozen`), as a filter on
    Prisoner, or on a model that reaches it through `prefix` ("prisoner__").

    For lists that name people next to something new, such as a godparenthood accepted after
    the release: the announcement and the godparent directory count them but never name them.
    Whereabouts nobody recorded count as inside Belarus, as on the profile.
    """
    return (
        Q(**{f"{prefix}status__in": RELEASED_STATUSES - {Status.DEPORTED}})
        & ~Q(**{f"{prefix}whereabouts__situation__in": ABROAD_SITUATIONS})
        & ~Q(**{f"{prefix}whereabouts__safe_to_publish": True})
    )


def prisoner_profile_frozen(*, prisoner: Prisoner) -> bool:
    """Whether the public profile of a released person must show nothing new (issue 18).

    Defenders often withhold the names of people released inside Belarus, and anything new
    published about them can hurt them or their family: their profile shows the status and
    the facts already public, but no photo and no story, until a defender confirms that new
    details are safe (`Whereabouts.safe_to_publish`). Safety first: a released person whose
    whereabouts nobody recorded, or which are unknown, counts as inside Belarus. A deported
    person, or one known to live abroad, is not frozen (their profile never says where).
    One query, for released people only.
    """
    if prisoner.status not in RELEASED_STATUSES or prisoner.status == Status.DEPORTED:
        return False
    known = (
        Whereabouts.objects.filter(prisoner_id=prisoner.pk)
        .values_list("situation", "safe_to_publish")
        .first()
    )
    if known is None:
        return True
    situation, safe = known
    return situation not in ABROAD_SITUATIONS and not safe
