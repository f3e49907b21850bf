"""What a prisoner's status change means for their godparents: ended matches and news by email.

Runs inside the transaction that records the change (through `prisoners.signals.status_changed`),
so a release never leaves an active godparenthood behind; the emails leave after the commit,
once per change and match (their keys make a retried import or task send nothing twice).
"""

from collections.abc import Sequence

from django.db import models
from django.urls import reverse
from django.utils import translation

from solidarity.accounts.models import User
from solidarity.notifications.services import OutgoingEmail, email_enqueue_many, email_language
from solidarity.prisoners.choices import RELEASED_STATUSES, Status
from solidarity.prisoners.models import StatusChange
from solidarity.prisoners.selectors import prisoners_released_abroad

from .exile import release_choice_token
from .models import OPEN_MATCH_STATUSES, EndReason, Match, MatchStatus
from .services import match_close_many


class News(models.TextChoices):
    """What the godparent is told; each kind has its own paragraph in `prisoner_news`, which
    the email's context names as `news.<kind>` (a flag, not a string to compare)."""

    RELEASED = "released"
    DIED = "died"
    NOT_RECOGNISED = "not_recognised"
    INCOMMUNICADO = "incommunicado"
    IN_TRANSIT = "in_transit"
    TRANSFERRED = "transferred"


ENDING: dict[str, EndReason] = {
    News.RELEASED: EndReason.PRISONER_RELEASED,
    News.DIED: EndReason.PRISONER_DIED,
    News.NOT_RECOGNISED: EndReason.NOT_RECOGNISED,
}


def news_kind(change: StatusChange) -> str | None:
    """The news a change carries for a godparent, or None (e.g. pre-trial to convicted)."""
    to_status = change.to_status
    if to_status in RELEASED_STATUSES:
        return News.RELEASED
    if to_status == Status.DIED_IN_CUSTODY:
        return News.DIED
    if to_status == Status.NO_LONGER_RECOGNISED:
        return News.NOT_RECOGNISED
    if to_status == Status.INCOMMUNICADO and change.from_status != Status.INCOMMUNICADO:
        return News.INCOMMUNICADO
    if change.facility_id is not None:
        return News.TRANSFERRED
    if to_status == Status.IN_TRANSIT:
        return News.IN_TRANSIT
    return None


def matches_follow_status_changes(*, changes: Sequence[StatusChange], by: User | None) -> int:
    """End or withdraw the matches of records that left custody; tell active godparents.

    One query finds and locks the open matches of a whole import batch and a fixed number of
    statements ends them (`match_close_many`), however large the release wave; the emails leave
    after the commit. Returns how many godparents are told.
    """
    latest = {change.prisoner_id: change for change in changes}  # a batch may chain changes
    kinds = {pk: kind for pk, change in latest.items() if (kind := news_kind(change))}
    if not kinds:
        return 0
    matches = list(
        Match.objects.filter(prisoner_id__in=kinds, status__in=OPEN_MATCH_STATUSES)
        .select_related("godparent__user", "prisoner__facility")
        # Locked: an offer accepted meanwhile must be ended, not withdrawn (which would fail).
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    active = {match.pk for match in matches if match.status == MatchStatus.ACTIVE}
    closing = [match for match in matches if kinds[match.prisoner_id] in ENDING]
    match_close_many(
        matches=closing,
        by=by,
        reasons={match.pk: ENDING[kinds[match.prisoner_id]] for match in closing},
    )
    told = {match.prisoner_id for match in matches if match.pk in active}
    # Their godparents are asked whether to go on in exile (exile.py); nobody else's are.
    abroad = prisoners_released_abroad(
        {
            pk: latest[pk].to_status
            for pk, kind in kinds.items()
            if kind == News.RELEASED and pk in told
        }
    )
    news = [
        email
        for match in matches
        if match.pk in active
        and (
            email := _news_email(
                match=match,
                change=latest[match.prisoner_id],
                kind=kinds[match.prisoner_id],
                abroad=match.prisoner_id in abroad,
            )
        )
    ]
    email_enqueue_many(news)  # one INSERT for the whole wave
    return len(news)


def _news_email(
    *, match: Match, change: StatusChange, kind: str, abroad: bool
) -> OutgoingEmail | None:
    godparent = match.godparent
    if godparent.user is None or godparent.deleted_at is not None:
        return None
    language = email_language(godparent.language)
    prisoner = match.prisoner
    with translation.override(language):
        context = {
            "news": {str(kind): True},
            "name": godparent.full_name,
            "prisoner": prisoner.display_name,
            "public": prisoner.is_public,  # else the subject names nobody (previews, logs)
            "status": str(Status(change.to_status).label),
            "effective_on": change.effective_on,
            "address": prisoner.envelope_lines
            if kind in (News.TRANSFERRED, News.INCOMMUNICADO)
            else [],
            "dashboard_path": reverse("portal:dashboard"),
            "profile_path": reverse("portal:profile"),
            # Released abroad: the godparent chooses to continue, hand over or close (a signed
            # link; the page asks again before anything changes).
            "choice_path": reverse("portal:release_choice", args=[release_choice_token(match)])
            if abroad and kind == News.RELEASED
            else "",
        }
    return OutgoingEmail(
        template="prisoner_news",
        to=[godparent.user.email],
        context=context,
        language=language,
        key=f"prisoner-news-{change.pk}-{match.pk}",
    )
