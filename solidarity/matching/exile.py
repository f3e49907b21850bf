"""Godparenthood after a release abroad (issue 18, docs/matching.md "After a release").

Most releases of 2025-2026 were forced deportations. A release still ends the godparenthood
(`followups.py`: the godparent's slot is free for the next prisoner), but when the person is
abroad the godparent is asked, by email with a signed link, to **continue** (a new match in
"support in exile", which takes the slot again), to **hand over** to a parliamentarian of the
host country (the person, if they asked for support, joins the next run's pool, where the
host-country factor favours that parliament's godparents), or to **close**.

Continuing needs the person's consent to further contact (`Whereabouts.consent`, recorded by
defenders or organisers): a choice made before the consent is known waits for it, and is carried
out when it arrives (`exile_follow_whereabouts`, through `prisoners.signals.whereabouts_changed`).
A person released inside Belarus is never offered this: contact from abroad can endanger them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.prisoners.choices import (
    ABROAD_SITUATIONS,
    ContactConsent,
)
from solidarity.prisoners.models import Prisoner, Whereabouts
from solidarity.prisoners.selectors import prisoners_released_abroad

from .models import (
    EndReason,
    ExileNeed,
    Match,
    MatchStatus,
    NeedKind,
    NeedStatus,
    ReleaseChoice,
    Support,
)

RELEASE_CHOICE_ACTION = "solidarity.release_choice"
EXILE_NEED_ACTION = "solidarity.exile_need"
CHOICE_SALT = "solidarity.release-choice"
CHOICE_MAX_AGE = 60 * 60 * 24 * 60  # two months: people answer after the holidays too
# Consents that allow a godparent to keep in touch; SUPPORT also puts the person in the pool.
CONTACT_CONSENTS = frozenset({ContactConsent.CONTACT, ContactConsent.SUPPORT})

NOT_ABROAD_ERROR = _(
    "This person was not released abroad: for their safety the godparenthood ends with the release."
)
NOT_RELEASE_ENDED_ERROR = _("Only a godparenthood ended by the person's release can go on.")
CHOICE_MADE_ERROR = _(
    "You already continue to support this person: end that godparenthood from your page to "
    "change your mind."
)
NOT_IN_EXILE_ERROR = _(
    "Needs are recorded for a person supported in exile, or released abroad who asked for support."
)


@dataclass(frozen=True)
class ChoiceOutcome:
    """What a choice did: the match in exile it opened, or why it waits."""

    match: Match
    exile_match: Match | None
    waiting_for_consent: bool


def released_abroad(prisoner: Prisoner) -> bool:
    """Released, and known to be abroad (`prisoners_released_abroad`)."""
    return bool(prisoners_released_abroad({prisoner.pk: prisoner.status}))


def consent_of(prisoner: Prisoner) -> str:
    records = Whereabouts.objects.filter(prisoner_id=prisoner.pk)
    found = records.values_list("consent", flat=True).first()
    return found or ContactConsent.NOT_ASKED


def release_choice_token(match: Match) -> str:
    return signing.dumps({"m": match.pk, "g": match.godparent_id}, salt=CHOICE_SALT)


def match_from_release_choice_token(token: str) -> Match | None:
    """The ended godparenthood a choice link names (checked against the user later), or None."""
    try:
        data = signing.loads(token, salt=CHOICE_SALT, max_age=CHOICE_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        Match.objects.select_related("godparent", "prisoner")
        .filter(pk=data.get("m"), godparent_id=data.get("g"))
        .first()
    )


def match_release_choose(*, match: Match, choice: str, by: User | None) -> ChoiceOutcome:
    """Record the godparent's choice after a release abroad; carry out "continue" if the person
    agreed to contact. Idempotent: the same choice twice changes nothing (a double click, a
    second click on the email's link)."""
    if choice not in ReleaseChoice.values:
        raise ValidationError(_("Choose one of the three answers."))
    with transaction.atomic():
        match = (
            Match.objects.select_for_update(of=("self",))
            .select_related("godparent", "prisoner")
            .get(pk=match.pk)
        )
        if match.status != MatchStatus.ENDED or match.end_reason != EndReason.PRISONER_RELEASED:
            raise ValidationError(NOT_RELEASE_ENDED_ERROR)
        if not released_abroad(match.prisoner):
            raise ValidationError(NOT_ABROAD_ERROR)
        existing = _exile_match(match)
        if existing is not None and existing.status in (MatchStatus.ACTIVE, MatchStatus.OFFERED):
            if choice == ReleaseChoice.CONTINUE:
                return ChoiceOutcome(match=match, exile_match=existing, waiting_for_consent=False)
            raise ValidationError(CHOICE_MADE_ERROR)
        if match.release_choice != choice:
            match.release_choice, match.release_choice_at = choice, timezone.now()
            match.full_clean()
            match.save(update_fields=["release_choice", "release_choice_at", "updated_at"])
            log(instance=match, action=RELEASE_CHOICE_ACTION, user=by, data={"choice": choice})
        exile = None
        waiting = False
        if choice == ReleaseChoice.CONTINUE:
            if consent_of(match.prisoner) in CONTACT_CONSENTS:
                exile = _open_exile_match(match, by=by)
            else:
                waiting = True
    return ChoiceOutcome(match=match, exile_match=exile, waiting_for_consent=waiting)


def exile_follow_whereabouts(*, prisoner_ids: Iterable[int], by: User | None) -> int:
    """Carry out the "continue" choices that waited for the person's consent, now recorded.

    Called inside the transaction that recorded the whereabouts; returns how many godparents
    now support someone in exile.
    """
    allowed = set(
        Whereabouts.objects.filter(
            prisoner_id__in=list(prisoner_ids),
            consent__in=CONTACT_CONSENTS,
            situation__in=ABROAD_SITUATIONS,
        ).values_list("prisoner_id", flat=True)
    )
    waiting = (
        Match.objects.select_for_update(of=("self",))
        .select_related("godparent", "prisoner")
        .filter(
            prisoner_id__in=allowed,
            status=MatchStatus.ENDED,
            release_choice=ReleaseChoice.CONTINUE,
        )
        .order_by("pk")
    )
    opened = 0
    for match in waiting:
        if _exile_match(match) is None:
            _open_exile_match(match, by=by)
            opened += 1
    return opened


def _exile_match(match: Match) -> Match | None:
    """The open godparenthood in exile of the same pair, if any."""
    return (
        Match.objects.filter(
            godparent_id=match.godparent_id,
            prisoner_id=match.prisoner_id,
            support=Support.IN_EXILE,
            status__in=(MatchStatus.PROPOSED, MatchStatus.OFFERED, MatchStatus.ACTIVE),
        )
        .order_by("-pk")
        .first()
    )


def _open_exile_match(match: Match, *, by: User | None) -> Match:
    """The godparent continues: a new, active match in "support in exile". It takes a slot of
    the godparent's capacity again (the slot the release freed), even above it: they chose."""
    now = timezone.now()
    exile = Match(
        godparent=match.godparent,
        prisoner=match.prisoner,
        status=MatchStatus.ACTIVE,
        support=Support.IN_EXILE,
        proposed_by=by,
        offered_at=now,
        offered_by=by,
        responded_at=now,
        public_statement=match.public_statement,
    )
    exile.full_clean()
    exile.save()
    log(instance=exile, action="wagtail.create", user=by, data={"continues": match.pk})
    return exile


def exile_need_record(
    *, prisoner: Prisoner, kind: str, status: str, note: str, by: User | None
) -> ExileNeed:
    """Create or update the person's need of this kind (one row per kind: idempotent).

    For a person supported in exile, or one who asked for support and waits for a godparent
    (defenders often learn the needs first).

    The audit entry names the kind and the state, never the note.
    """
    if kind not in NeedKind.values or status not in NeedStatus.values:
        raise ValidationError(_("Choose a need and its state."))
    with transaction.atomic():
        supported = Match.objects.filter(
            prisoner_id=prisoner.pk, support=Support.IN_EXILE, status=MatchStatus.ACTIVE
        ).exists()
        asked = Whereabouts.objects.filter(
            prisoner_id=prisoner.pk,
            consent=ContactConsent.SUPPORT,
            situation__in=ABROAD_SITUATIONS,
        ).exists()
        if not (supported or asked):
            raise ValidationError(NOT_IN_EXILE_ERROR)
        need = (
            ExileNeed.objects.select_for_update().filter(prisoner_id=prisoner.pk, kind=kind).first()
        )
        note = note.strip()
        if need is not None and (need.status, need.note) == (status, note):
            return need
        need = need or ExileNeed(prisoner=prisoner, kind=kind, recorded_by=by)
        need.status, need.note = status, note
        need.full_clean()
        need.save()
        log(instance=need, action=EXILE_NEED_ACTION, user=by, data={"state": status})
    return need
