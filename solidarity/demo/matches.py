"""Godparent–prisoner matches in every state, respecting the rules a real matching run follows.

Only verified godparents are matched to detained prisoners; a godparent who is not discreet is only
matched to public prisoners; active matches never exceed capacity; one open match per pair. Ended
matches record releases, deaths and godparents who left office.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from solidarity.godparents.models import VerificationState
from solidarity.matching.models import EndReason, Match, MatchStatus
from solidarity.prisoners.choices import DETAINED_STATUSES, Publicity, Status

from .godparents import GodparentPlan
from .prisoners import PrisonerPlan
from .randomness import Clock, day_between, moment, phase_rng, pick

BATCH = 1000
_END_REASONS: dict[str, EndReason] = {
    Status.DIED_IN_CUSTODY: EndReason.PRISONER_DIED,
    Status.NO_LONGER_RECOGNISED: EndReason.ORGANISER,
}
_DAY = datetime.timedelta(days=1)
_STATEMENTS = (
    "Demo statement: I will write every month until the day of release.",
    "Demo statement: Nobody should be imprisoned for their opinions.",
    "Demo statement: My colleagues and I will keep raising this case.",
)


Row = tuple[Match, GodparentPlan, PrisonerPlan]


@dataclass(slots=True)
class MatchPlan:
    """A match that letters and actions can hang on: who, and from when to when it was active."""

    pk: int
    godparent: GodparentPlan
    prisoner: PrisonerPlan
    active_from: datetime.date
    active_until: datetime.date


class _Pool:
    """Detained prisoners handed out in rotation, so that coverage spreads before it doubles."""

    def __init__(self, prisoners: list[PrisonerPlan]):
        self.prisoners, self.position = prisoners, 0

    def take(self, used: set[tuple[int, int]], godparent_pk: int) -> PrisonerPlan | None:
        for _attempt in range(len(self.prisoners)):
            prisoner = self.prisoners[self.position % len(self.prisoners)]
            self.position += 1
            if (godparent_pk, prisoner.pk) not in used:
                used.add((godparent_pk, prisoner.pk))
                return prisoner
        return None


def matches_generate(
    *, seed: int, clock: Clock, prisoners: list[PrisonerPlan], godparents: list[GodparentPlan]
) -> list[MatchPlan]:
    """Insert the matches in bulk, in one transaction; return those that were ever active."""
    rng = phase_rng(seed=seed, phase="matches")
    detained = [p for p in prisoners if p.status in DETAINED_STATUSES]
    rng.shuffle(detained)
    public = _Pool([p for p in detained if p.publicity != Publicity.NONE])
    hidden = _Pool([p for p in detained if p.publicity == Publicity.NONE])
    used: set[tuple[int, int]] = set()
    rows: list[Row] = []
    for godparent in godparents:
        if godparent.state == VerificationState.VERIFIED:
            pool = hidden if godparent.discreet and hidden.prisoners else public
            rows += _open_matches(rng, godparent=godparent, pool=pool, used=used, clock=clock)
        elif godparent.state == VerificationState.LEFT_OFFICE:
            rows += _left_office(rng, godparent=godparent, pool=public, used=used, clock=clock)
    rows += _ended_by_release(rng, prisoners=prisoners, godparents=godparents, clock=clock)
    with transaction.atomic():
        Match.objects.bulk_create([match for match, _g, _p in rows], batch_size=BATCH)
    return [
        MatchPlan(match.pk, g, p, _answered_on(match), _until(match, clock))
        for match, g, p in rows
        if match.status in (MatchStatus.ACTIVE, MatchStatus.ENDED)
    ]


def _answered_on(match: Match) -> datetime.date:
    assert match.responded_at is not None  # active and ended matches were answered
    return match.responded_at.date()


def _until(match: Match, clock: Clock) -> datetime.date:
    return match.ended_at.date() if match.ended_at else clock.anchor


def _open_matches(
    rng: random.Random, *, godparent: GodparentPlan, pool: _Pool, used: set, clock: Clock
) -> list[Row]:
    """Active matches up to capacity, sometimes an offer waiting, a proposal or a declined offer."""
    active = max(0, godparent.capacity - rng.choices((0, 1, 2), weights=(70, 20, 10))[0])
    rows = []
    for _slot in range(active):
        prisoner = pool.take(used, godparent.pk)
        if prisoner is not None:
            rows.append(_match(rng, godparent, prisoner, MatchStatus.ACTIVE, clock=clock))
    extra = rng.choices(
        (None, MatchStatus.OFFERED, MatchStatus.PROPOSED, MatchStatus.DECLINED),
        weights=(66, 20, 6, 8),
    )[0]
    if extra == MatchStatus.DECLINED or (extra and active < godparent.capacity):
        prisoner = pool.take(used, godparent.pk)
        if prisoner is not None:
            rows.append(_match(rng, godparent, prisoner, extra, clock=clock))
    return rows


def _left_office(
    rng: random.Random, *, godparent: GodparentPlan, pool: _Pool, used: set, clock: Clock
) -> list[Row]:
    """A godparent who left office handed their prisoners over: those matches ended."""
    rows = []
    for _slot in range(rng.randint(0, godparent.capacity)):
        prisoner = pool.take(used, godparent.pk)
        if prisoner is not None:
            rows.append(
                _match(
                    rng, godparent, prisoner, MatchStatus.ENDED, clock=clock,
                    until=godparent.left_on, reason=EndReason.GODPARENT_LEFT,
                )
            )  # fmt: skip
    return rows


def _ended_by_release(
    rng: random.Random,
    *,
    prisoners: list[PrisonerPlan],
    godparents: list[GodparentPlan],
    clock: Clock,
) -> list[Row]:
    """Most released prisoners (and those who died) had a godparent until that day."""
    verified = [g for g in godparents if g.state == VerificationState.VERIFIED]
    rows = []
    for prisoner in prisoners:
        if prisoner.left_on is None or not verified or rng.random() >= 0.6:
            continue
        godparent = _godparent_before(rng, verified, prisoner=prisoner)
        if godparent is not None:
            reason = _END_REASONS.get(prisoner.status, EndReason.PRISONER_RELEASED)
            rows.append(
                _match(
                    rng, godparent, prisoner, MatchStatus.ENDED, clock=clock,
                    until=prisoner.left_on, reason=reason,
                )
            )  # fmt: skip
    return rows


def _godparent_before(
    rng: random.Random, verified: list[GodparentPlan], *, prisoner: PrisonerPlan
) -> GodparentPlan | None:
    """A godparent verified well before the release who may support this prisoner."""
    for _attempt in range(6):
        godparent = pick(rng, verified)
        allowed = godparent.discreet or prisoner.publicity != Publicity.NONE
        verified_on, left_on = godparent.verified_on, prisoner.left_on
        # A verified godparent has a date; the caller passes released prisoners only.
        assert verified_on is not None
        assert left_on is not None
        if allowed and verified_on < left_on - datetime.timedelta(days=40):
            return godparent
    return None


def _match(
    rng: random.Random,
    godparent: GodparentPlan,
    prisoner: PrisonerPlan,
    status: str,
    *,
    clock: Clock,
    until: datetime.date | None = None,
    reason: str = "",
) -> Row:
    match = Match(
        godparent_id=godparent.pk,
        prisoner_id=prisoner.pk,
        status=status,
        score=round(rng.uniform(0.35, 0.95), 3),
        score_breakdown=_breakdown(rng),
    )
    if status == MatchStatus.PROPOSED:
        return match, godparent, prisoner
    _dates(rng, match, godparent=godparent, prisoner=prisoner, clock=clock, until=until)
    if status == MatchStatus.DECLINED:
        match.decline_reason = "Demo: no capacity for another prisoner this term."
    elif status in (MatchStatus.ACTIVE, MatchStatus.ENDED) and rng.random() < 0.4:
        match.public_statement = pick(rng, _STATEMENTS)
    if status == MatchStatus.ENDED:
        assert until is not None  # an ended match is given its last day
        match.ended_at, match.end_reason = moment(rng, until), reason
    return match, godparent, prisoner


def _dates(
    rng: random.Random,
    match: Match,
    *,
    godparent: GodparentPlan,
    prisoner: PrisonerPlan,
    clock: Clock,
    until: datetime.date | None,
) -> None:
    """Offered after verification and detention, answered within days, before `until`."""
    latest = (until or clock.anchor) - 10 * _DAY
    if match.status == MatchStatus.OFFERED:
        first = clock.ago(20)
    else:
        assert godparent.verified_on is not None  # matched godparents were verified
        first = max(godparent.verified_on + _DAY, prisoner.detained_on + 14 * _DAY, clock.ago(900))
    offered_on = day_between(rng, first, latest)
    match.offered_at = moment(rng, offered_on)
    if match.status != MatchStatus.OFFERED:
        match.responded_at = match.offered_at + rng.randint(1, 9) * _DAY


def _breakdown(rng: random.Random) -> dict[str, float]:
    factors = ("coverage", "urgency", "affinity", "diversity")
    return {factor: round(rng.uniform(0, 0.3), 3) for factor in factors}
