"""Match lifecycle: validated transitions, each stamped with who and when, in one transaction.

PROPOSED → OFFERED → ACTIVE → ENDED, or DECLINED (by the godparent) / WITHDRAWN (by an organiser).
"""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.accounts.permissions import can_manage_godparents
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.common.audit import log_many
from solidarity.common.signals import records_written
from solidarity.godparents.models import GodparentProfile
from solidarity.notifications.services import email_enqueue, email_language
from solidarity.prisoners.choices import (
    ABROAD_SITUATIONS,
    RELEASED_STATUSES,
    ContactConsent,
    Publicity,
)
from solidarity.prisoners.models import Prisoner, Whereabouts

from .models import (
    OPEN_MATCH_STATUSES,
    DeclineReason,
    EndReason,
    Match,
    MatchStatus,
    Support,
)

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MatchStatus.PROPOSED: frozenset({MatchStatus.OFFERED, MatchStatus.WITHDRAWN}),
    MatchStatus.OFFERED: frozenset(
        {MatchStatus.ACTIVE, MatchStatus.DECLINED, MatchStatus.WITHDRAWN}
    ),
    MatchStatus.ACTIVE: frozenset({MatchStatus.ENDED}),
}
MATCH_TRANSITION_ACTION = "solidarity.match_transition"
TRANSITION_ERROR = _("A match that is “%(current)s” cannot become “%(target)s”.")
UNVERIFIED_GODPARENT_ERROR = _("Only verified godparents can be matched.")
NOT_DETAINED_ERROR = _("This prisoner is no longer detained.")
NO_SUPPORT_ASKED_ERROR = _(
    "Support in exile is for a person released abroad who asked for support."
)
DISCRETION_ERROR = _(
    "This prisoner's family refused publicity: only a discreet godparent can be matched."
)
CAPACITY_ERROR = _("This godparent already supports as many prisoners as they offered to.")
DISCRETION_KEPT = _(
    "You support a prisoner whose family refused publicity: you stay discreet while you do."
)


def match_propose(
    *,
    godparent: GodparentProfile,
    prisoner: Prisoner,
    proposed_by: User | None,
    score: float | None = None,
    score_breakdown: dict[str, object] | None = None,
) -> Match:
    """Create a proposal if no hard constraint (docs/matching.md, "Score") excludes the pair.

    Verified godparent with a free slot, detained prisoner, discretion for unpublished records;
    the database also refuses a second open match for the same pair.
    """
    match_check_pair(godparent=godparent, prisoner=prisoner)
    with transaction.atomic():
        # Lock the godparent so that two concurrent proposals cannot both fill the last slot.
        godparent = GodparentProfile.objects.select_for_update().get(pk=godparent.pk)
        if godparent.matches.filter(status__in=OPEN_MATCH_STATUSES).count() >= godparent.capacity:
            raise ValidationError(CAPACITY_ERROR)
        match = Match(
            godparent=godparent,
            prisoner=prisoner,
            proposed_by=proposed_by,
            score=score,
            score_breakdown=score_breakdown or {},
        )
        match.full_clean()
        match.save()
        log(instance=match, action="wagtail.create", user=proposed_by)
    return match


def match_check_pair(
    *, godparent: GodparentProfile, prisoner: Prisoner, support: str = Support.IN_CUSTODY
) -> None:
    """The hard constraints that may change after a proposal: checked again before an offer,
    whose email names the prisoner (a family may have refused publicity since).

    Support in exile is for a released person abroad who asked for it (issue 18); anyone else
    must still be detained.
    """
    if not godparent.is_verified or godparent.deleted_at is not None:
        raise ValidationError(UNVERIFIED_GODPARENT_ERROR)
    if support == Support.IN_EXILE:
        if not Whereabouts.objects.filter(
            prisoner_id=prisoner.pk,
            consent=ContactConsent.SUPPORT,
            situation__in=ABROAD_SITUATIONS,
            prisoner__status__in=RELEASED_STATUSES,
        ).exists():
            raise ValidationError(NO_SUPPORT_ASKED_ERROR)
    elif not prisoner.is_detained:
        raise ValidationError(NOT_DETAINED_ERROR)
    if not prisoner.is_public and not godparent.is_discreet:
        raise ValidationError(DISCRETION_ERROR)


def match_offer(*, match: Match, by: User | None) -> Match:
    """Offer the pair to the godparent, who is told by email (once per offer)."""
    with transaction.atomic():
        match = Match.objects.select_related("godparent", "prisoner").get(pk=match.pk)
        match_check_pair(godparent=match.godparent, prisoner=match.prisoner, support=match.support)
        match = _transition(match=match, target=MatchStatus.OFFERED, by=by)
        _email_offer(match)
    return match


OFFER_SALT = "solidarity.match-offer"
OFFER_MAX_AGE = 60 * 60 * 24 * 30


def match_offer_token(match: Match) -> str:
    return signing.dumps({"m": match.pk, "g": match.godparent_id}, salt=OFFER_SALT)


def match_from_offer_token(token: str) -> Match | None:
    """The offer a link names (still to be checked against the signed-in user), or None."""
    try:
        data = signing.loads(token, salt=OFFER_SALT, max_age=OFFER_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Match.objects.select_related("godparent", "prisoner")
        .filter(pk=data.get("m"), godparent_id=data.get("g"))
        .first()
    )


def _email_offer(match: Match) -> None:
    godparent = GodparentProfile.objects.select_related("user").get(pk=match.godparent_id)
    if godparent.user is None:
        return
    language = email_language(godparent.language)
    with translation.override(language):  # the name as the godparent reads it
        prisoner = match.prisoner.display_name
    email_enqueue(
        template="match_offer",
        to=[godparent.user.email],
        context={
            "name": godparent.full_name,
            "prisoner": prisoner,
            "public": match.prisoner.is_public,  # else the subject names nobody (previews, logs)
            "token": match_offer_token(match),
        },
        language=language,
        key=f"match-offer-{match.pk}",
    )


def match_accept(*, match: Match, by: User | None, public_statement: str = "") -> Match:
    """The godparent takes the prisoner on; discretion is checked again (it may have changed)."""
    if not match.prisoner.is_public and not match.godparent.is_discreet:
        raise ValidationError(DISCRETION_ERROR)
    if not match.prisoner.is_public:
        public_statement = ""  # nothing public is said about a person whose family refused it
    with transaction.atomic():  # the answer and its email to the organisers, or neither
        if _already_answered(match=match, target=MatchStatus.ACTIVE):
            return match
        match = _transition(
            match=match, target=MatchStatus.ACTIVE, by=by, public_statement=public_statement
        )
        _email_answer(match)
    return match


def match_decline(
    *, match: Match, by: User | None, reason: str = "", choice: DeclineReason | str = ""
) -> Match:
    """The godparent says no, optionally with a picked reason and their own words."""
    with transaction.atomic():
        if _already_answered(match=match, target=MatchStatus.DECLINED):
            return match
        match = _transition(
            match=match,
            target=MatchStatus.DECLINED,
            by=by,
            decline_reason=reason,
            decline_choice=choice,
        )
        _email_answer(match)
    return match


def _already_answered(*, match: Match, target: MatchStatus) -> bool:
    """The same answer given twice (a double tap, a resent form, a second tab) is one answer:
    the first one's words stand and the organisers are told once. Locks the row, so that two
    concurrent submissions are serialised; a different answer still fails in `_transition`."""
    current = Match.objects.select_for_update().values_list("status", flat=True).get(pk=match.pk)
    if current != target:
        return False
    match.refresh_from_db()
    return True


def _email_answer(match: Match) -> None:
    """Tell the organiser who made the offer, or every organiser when nobody (still an
    organiser) did: the email names a godparent who may be discreet."""
    match = Match.objects.select_related("godparent", "prisoner", "offered_by").get(pk=match.pk)
    maker = match.offered_by
    recipients = [maker] if maker is not None and can_manage_godparents(maker) else []
    if not recipients:
        recipients = list(
            User.objects.filter(
                is_active=True, groups__name__in=[GROUP_NAMES[Role.ORGANISER]]
            ).distinct()
        )
    for user in recipients:
        if not user.email:
            continue
        language = email_language(user.preferred_language)
        with translation.override(language):
            prisoner = match.prisoner.display_name
            reason = match.decline_summary
        email_enqueue(
            template="match_answered",
            to=[user.email],
            context={
                "accepted": match.status == MatchStatus.ACTIVE,
                "godparent": match.godparent.full_name,
                "prisoner": prisoner,
                "reason": reason,
                "match_path": AdminURLFinder(user).get_edit_url(match) or "",
            },
            language=language,
            key=f"match-answer-{match.pk}-{user.pk}",
        )


def match_withdraw(*, match: Match, by: User | None) -> Match:
    return _transition(match=match, target=MatchStatus.WITHDRAWN, by=by)


def match_end(*, match: Match, by: User | None, reason: EndReason) -> Match:
    return _transition(match=match, target=MatchStatus.ENDED, by=by, end_reason=reason)


_RELATIONS = [field.name for field in Match._meta.concrete_fields if field.is_relation]


def match_close_many(
    *, matches: list[Match], by: User | None, reasons: dict[int, EndReason]
) -> None:
    """End the active matches (each with `reasons[match.pk]`) and withdraw the open offers and
    proposals, as `match_end` / `match_withdraw` one by one would: same rules, same stamps, same
    audit entries, in a fixed number of statements however many matches a release wave ends.

    The matches must be locked by the caller's transaction (select_for_update). The model's
    checks that need no query run in Python; the database constraints guard the rest.
    """
    if not matches:
        return
    now = timezone.now()
    previous: list[str] = []
    for match in matches:
        target = MatchStatus.ENDED if match.status == MatchStatus.ACTIVE else MatchStatus.WITHDRAWN
        if target not in ALLOWED_TRANSITIONS.get(match.status, frozenset()):
            raise ValidationError(
                TRANSITION_ERROR % {"current": match.get_status_display(), "target": target.label}
            )
        _stamp(match=match, target=target, by=by, now=now)
        if target == MatchStatus.ENDED:
            match.end_reason = reasons[match.pk]
        previous.append(match.status)
        match.status = target
        match.updated_at = now  # bulk_update leaves auto_now alone
        match.clean_fields(exclude=_RELATIONS)  # a foreign key's check is a query each
    Match.objects.bulk_update(
        matches, ["status", "ended_at", "ended_by", "end_reason", "updated_at"], batch_size=500
    )
    log_many(
        instances=matches,
        action=MATCH_TRANSITION_ACTION,
        user=by,
        data=lambda index: {"from": previous[index], "to": matches[index].status},
    )
    records_written.send(sender=Match)


def match_close_all_for_godparent(*, godparent: GodparentProfile, by: User | None) -> int:
    """End a departing godparent's active matches and withdraw open offers; rows stay as history."""
    closed = 0
    for match in godparent.matches.filter(status__in=OPEN_MATCH_STATUSES):
        if match.status == MatchStatus.ACTIVE:
            match_end(match=match, by=by, reason=EndReason.GODPARENT_LEFT)
        else:
            match_withdraw(match=match, by=by)
        closed += 1
    return closed


def godparent_discretion_check(*, godparent: GodparentProfile) -> None:
    """Refuse to end the discretion of a godparent matched (or offered) with someone whose family
    refused publicity: listing them would point at that person."""
    if godparent.matches.filter(
        status__in=OPEN_MATCH_STATUSES, prisoner__publicity=Publicity.NONE
    ).exists():
        raise ValidationError({"is_discreet": DISCRETION_KEPT})


def _transition(*, match: Match, target: MatchStatus, by: User | None, **fields: object) -> Match:
    with transaction.atomic():
        match = Match.objects.select_for_update().get(pk=match.pk)
        if target not in ALLOWED_TRANSITIONS.get(match.status, frozenset()):
            raise ValidationError(
                TRANSITION_ERROR % {"current": match.get_status_display(), "target": target.label}
            )
        _stamp(match=match, target=target, by=by, now=timezone.now())
        for name, value in fields.items():
            setattr(match, name, value)
        previous, match.status = match.status, target
        match.full_clean()
        match.save()
        log(
            instance=match,
            action=MATCH_TRANSITION_ACTION,
            user=by,
            data={"from": previous, "to": target.value},
        )
    return match


def _stamp(*, match: Match, target: MatchStatus, by: User | None, now: datetime.datetime) -> None:
    if target == MatchStatus.OFFERED:
        match.offered_at, match.offered_by = now, by
    elif target in (MatchStatus.ACTIVE, MatchStatus.DECLINED):
        match.responded_at = now
    elif target in (MatchStatus.ENDED, MatchStatus.WITHDRAWN):
        match.ended_at, match.ended_by = now, by
