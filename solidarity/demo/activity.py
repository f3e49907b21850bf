"""Letters and advocacy actions of matched godparents over the two years before the anchor date.

Both are generated and inserted chunk by chunk so that half a million letters fit in memory.
"""

import datetime
import itertools
import random

from django.db import transaction

from solidarity.activity.models import (
    ActionKind,
    ActionVerification,
    AdvocacyAction,
    Letter,
    LetterChannel,
    LetterOutcome,
)
from solidarity.prisoners.choices import Publicity, Status

from .matches import MatchPlan
from .randomness import Clock, day_between, moment, phase_rng, pick, weighted

CHUNK = 20_000
BATCH = 2000
WINDOW_DAYS = 730
_DAY = datetime.timedelta(days=1)

_OUTCOMES = {
    LetterOutcome.SENT: 70,
    LetterOutcome.RETURNED: 12,
    LetterOutcome.REPLY_RECEIVED: 10,
    LetterOutcome.UNKNOWN: 8,
}
# Incommunicado prisoners get nothing: letters come back or vanish.
_OUTCOMES_INCOMMUNICADO = {LetterOutcome.RETURNED: 60, LetterOutcome.UNKNOWN: 40}
_CHANNELS = {
    LetterChannel.POST: 80,
    LetterChannel.ELECTRONIC: 12,
    LetterChannel.FAMILY: 5,
    LetterChannel.OTHER: 3,
}
_LETTER_LANGUAGES = {"ru": 60, "be": 30, "en": 10}
_LETTER_NOTES = (
    "Demo note: a postcard with a drawing of a cat.",
    "Demo note: stamped 'did not pass censorship'.",
    "Demo note: the reply thanked us for the book recommendations.",
)
_KINDS = {
    ActionKind.SOCIAL_MEDIA: 25, ActionKind.PUBLIC_STATEMENT: 14,
    ActionKind.EMBASSY_INQUIRY: 12, ActionKind.PARLIAMENTARY_QUESTION: 12,
    ActionKind.MEDIA: 8, ActionKind.PLENARY_SPEECH: 6, ActionKind.EVENT: 6,
    ActionKind.MEETING: 6, ActionKind.TRIAL_MONITORING: 4, ActionKind.RESOLUTION: 3,
    ActionKind.OTHER: 4,
}  # fmt: skip
_TITLES = {
    ActionKind.SOCIAL_MEDIA: ("Post for the prisoner's birthday", "Post on the arrest anniversary"),
    ActionKind.PUBLIC_STATEMENT: ("Statement calling for release", "Joint statement of godparents"),
    ActionKind.EMBASSY_INQUIRY: ("Letter to the embassy", "Inquiry about detention conditions"),
    ActionKind.PARLIAMENTARY_QUESTION: ("Written question to the government", "Oral question"),
    ActionKind.MEDIA: ("Op-ed in a national newspaper", "Radio interview"),
    ActionKind.PLENARY_SPEECH: ("Plenary speech on Belarus",),
    ActionKind.EVENT: ("Letter-writing evening", "Photo exhibition in parliament"),
    ActionKind.MEETING: ("Meeting with the foreign ministry", "Meeting with diplomats"),
    ActionKind.TRIAL_MONITORING: ("Request to attend the appeal hearing",),
    ActionKind.RESOLUTION: ("Resolution on political prisoners in Belarus",),
    ActionKind.OTHER: ("Prize nomination",),
}  # fmt: skip
_REJECTIONS = (
    "Demo: duplicate of an action already logged.",
    "Demo: the evidence link does not mention the prisoner.",
)


def letters_generate(*, count: int, seed: int, clock: Clock, matches: list[MatchPlan]) -> int:
    """Insert `count` letters spread over the active periods of the matches; return how many."""
    windows = [(m, *_window(m, clock)) for m in matches]
    windows = [(m, first, days) for m, first, days in windows if days >= 0]
    if not windows or count <= 0:
        return 0
    rng = phase_rng(seed=seed, phase="letters")
    cumulative = list(itertools.accumulate(days + 1 for _m, _f, days in windows))
    with transaction.atomic():
        for start in range(0, count, CHUNK):
            size = min(CHUNK, count - start)
            chosen = rng.choices(windows, cum_weights=cumulative, k=size)
            letters = [_letter(rng, *window, clock=clock) for window in chosen]
            Letter.objects.bulk_create(letters, batch_size=BATCH)
    return count


def _window(match: MatchPlan, clock: Clock) -> tuple[datetime.date, int]:
    first = max(match.active_from, clock.ago(WINDOW_DAYS))
    return first, (match.active_until - first).days


def _letter(
    rng: random.Random, match: MatchPlan, first: datetime.date, days: int, *, clock: Clock
) -> Letter:
    sent_on = first + rng.randint(0, days) * _DAY
    incommunicado = match.prisoner.status == Status.INCOMMUNICADO
    outcome = weighted(rng, _OUTCOMES_INCOMMUNICADO if incommunicado else _OUTCOMES)
    outcome_on = None
    if outcome in (LetterOutcome.RETURNED, LetterOutcome.REPLY_RECEIVED):
        outcome_on = sent_on + rng.randint(10, 60) * _DAY
        if outcome_on > clock.anchor:
            outcome, outcome_on = LetterOutcome.SENT, None  # too recent to know
    return Letter(
        godparent_id=match.godparent.pk,
        prisoner_id=match.prisoner.pk,
        match_id=match.pk,
        facility_id=match.prisoner.facility_id,
        sent_on=sent_on,
        channel=weighted(rng, _CHANNELS),
        language=weighted(rng, _LETTER_LANGUAGES),
        outcome=outcome,
        outcome_on=outcome_on,
        note=pick(rng, _LETTER_NOTES) if rng.random() < 0.05 else "",
        logged_by_id=match.godparent.user_id,
    )


def actions_generate(*, count: int, seed: int, clock: Clock, matches: list[MatchPlan]) -> int:
    """Insert `count` actions, each about a match's prisoner (sometimes two) and godparent(s)."""
    recent = [m for m in matches if _window(m, clock)[1] >= 0]
    matches = recent or matches
    if not matches or count <= 0:
        return 0
    rng = phase_rng(seed=seed, phase="actions")
    with transaction.atomic():
        for start in range(0, count, CHUNK):
            drafts = [
                _action(rng, index=index, matches=matches, clock=clock)
                for index in range(start, min(start + CHUNK, count))
            ]
            _insert_actions(drafts)
    return count


def _insert_actions(drafts: list[tuple[AdvocacyAction, set[int], set[int]]]) -> None:
    AdvocacyAction.objects.bulk_create([action for action, _p, _g in drafts], batch_size=BATCH)
    prisoners_through = AdvocacyAction.prisoners.through
    godparents_through = AdvocacyAction.godparents.through
    prisoner_rows, godparent_rows = [], []
    for action, prisoner_ids, godparent_ids in drafts:
        prisoner_rows += [
            prisoners_through(advocacyaction_id=action.pk, prisoner_id=pk)
            for pk in sorted(prisoner_ids)
        ]
        godparent_rows += [
            godparents_through(advocacyaction_id=action.pk, godparentprofile_id=pk)
            for pk in sorted(godparent_ids)
        ]
    prisoners_through.objects.bulk_create(prisoner_rows, batch_size=BATCH)
    godparents_through.objects.bulk_create(godparent_rows, batch_size=BATCH)


def _action(
    rng: random.Random, *, index: int, matches: list[MatchPlan], clock: Clock
) -> tuple[AdvocacyAction, set[int], set[int]]:
    match = pick(rng, matches)
    together = [match, *(pick(rng, matches) for _extra in range(rng.choice((0, 0, 0, 1, 2))))]
    prisoners = {m.prisoner.pk: m.prisoner for m in together if m is match or rng.random() < 0.5}
    godparents = {m.godparent.pk: m.godparent for m in together}
    first, days = _window(match, clock)
    kind = weighted(rng, _KINDS)
    internal = any(p.publicity == Publicity.NONE for p in prisoners.values()) or any(
        g.discreet for g in godparents.values()
    )
    action = AdvocacyAction(
        kind=kind,
        occurred_on=day_between(rng, first, first + max(days, 0) * _DAY),
        title=pick(rng, _TITLES[kind]),
        description="Fictional demo action, generated for testing.",
        evidence_url="" if internal else f"https://example.org/demo/actions/{index + 1}",
        is_public=not internal and rng.random() < 0.9,
        logged_by_id=match.godparent.user_id,
    )
    _verify(rng, action, clock=clock)
    return action, set(prisoners), set(godparents)


def _verify(rng: random.Random, action: AdvocacyAction, *, clock: Clock) -> None:
    """Most actions are verified by an organiser within days; some wait; a few are rejected."""
    action.verification = weighted(
        rng,
        {
            ActionVerification.VERIFIED: 80,
            ActionVerification.PENDING: 15,
            ActionVerification.REJECTED: 5,
        },
    )
    if action.verification == ActionVerification.REJECTED:
        action.rejection_reason = pick(rng, _REJECTIONS)
    elif action.verification == ActionVerification.VERIFIED:
        verified_on = min(action.occurred_on + rng.randint(1, 10) * _DAY, clock.anchor)
        action.verified_at = moment(rng, verified_on)
