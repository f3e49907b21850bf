"""The dates of one fictional case: detention, verdict, sentence and the current status.

Kept consistent the way the defenders' lists are: a convicted person's sentence runs past the
anchor date, a person released on serving the sentence was released when it ended, pardons and
deportations cluster after mid-2024, and every date lies between 2020 and the anchor.
"""

import datetime
import random
from dataclasses import dataclass

from solidarity.prisoners.choices import Gender, PenaltyType, Status

from .randomness import Clock, add_months, day_between, weighted

STATUS_WEIGHTS = {
    Status.CONVICTED: 58, Status.PRE_TRIAL: 8, Status.IN_TRANSIT: 3, Status.INCOMMUNICADO: 3,
    Status.RESTRICTED_FREEDOM: 4, Status.AWAITING_SENTENCE: 1, Status.RELEASED_SERVED: 11,
    Status.RELEASED_PARDONED: 5, Status.DEPORTED: 4, Status.RELEASED_AMNESTIED: 1,
    Status.RELEASED_EXCHANGED: 0.5, Status.DIED_IN_CUSTODY: 0.4, Status.NO_LONGER_RECOGNISED: 0.6,
}  # fmt: skip
# Statuses whose sentence still runs after the anchor date.
SERVING = frozenset(
    {Status.CONVICTED, Status.IN_TRANSIT, Status.INCOMMUNICADO, Status.RESTRICTED_FREEDOM}
)
# Statuses reached from the verdict directly (no later change).
AT_VERDICT = frozenset({Status.CONVICTED, Status.RESTRICTED_FREEDOM, Status.AWAITING_SENTENCE})
MASS_RELEASES_FROM = datetime.date(2024, 7, 1)

_YEARS = {
    1: 6, 2: 15, 3: 18, 4: 15, 5: 12, 6: 10, 7: 6, 8: 5, 9: 3, 10: 3, 11: 2, 12: 1.5, 13: 1,
    14: 1, 15: 1, 16: 0.4, 18: 0.3, 20: 0.3, 25: 0.2,
}  # fmt: skip
_SHORT_YEARS = {1: 30, 2: 40, 3: 25, 4: 5}
_PENALTIES: dict[PenaltyType, float] = {
    PenaltyType.COLONY_GENERAL: 50, PenaltyType.COLONY_REINFORCED: 33,
    PenaltyType.COLONY_STRICT: 8, PenaltyType.PRISON: 6, PenaltyType.COLONY_SPECIAL: 0.3,
}  # fmt: skip
_PENALTIES_BY_STATUS: dict[str, dict[PenaltyType, float]] = {
    Status.RESTRICTED_FREEDOM: {
        PenaltyType.OPEN_FACILITY: 60,
        PenaltyType.RESTRICTED_AT_HOME: 25,
        PenaltyType.HOME_CONFINEMENT: 15,
    },
    Status.AWAITING_SENTENCE: {PenaltyType.OPEN_FACILITY: 1},
    Status.INCOMMUNICADO: {
        PenaltyType.PRISON: 40,
        PenaltyType.COLONY_STRICT: 30,
        PenaltyType.COLONY_REINFORCED: 30,
    },
    Status.RELEASED_SERVED: {
        PenaltyType.COLONY_GENERAL: 45,
        PenaltyType.COLONY_REINFORCED: 20,
        PenaltyType.OPEN_FACILITY: 30,
        PenaltyType.RESTRICTED_AT_HOME: 5,
    },
}
_MEN_ONLY = frozenset({PenaltyType.COLONY_STRICT, PenaltyType.COLONY_SPECIAL})
SHORT_PENALTIES = frozenset(
    {PenaltyType.OPEN_FACILITY, PenaltyType.RESTRICTED_AT_HOME, PenaltyType.HOME_CONFINEMENT}
)
_PENALTY_TEXT: dict[str, str] = {
    PenaltyType.COLONY_GENERAL: "colony, general regime",
    PenaltyType.COLONY_REINFORCED: "colony, reinforced regime",
    PenaltyType.COLONY_STRICT: "colony, strict regime",
    PenaltyType.COLONY_SPECIAL: "colony, special regime",
    PenaltyType.PRISON: "prison",
    PenaltyType.OPEN_FACILITY: "restricted freedom in an open facility",
    PenaltyType.RESTRICTED_AT_HOME: "restricted freedom at home",
    PenaltyType.HOME_CONFINEMENT: "home confinement",
}


@dataclass(frozen=True)
class Timeline:
    """Dates of one case; `changed_on` is the date of the current status."""

    detained_on: datetime.date
    changed_on: datetime.date
    verdict_date: datetime.date | None = None
    sentence_months: int | None = None
    penalty_type: str = ""

    @property
    def expected_release_on(self) -> datetime.date | None:
        if self.sentence_months is None:
            return None
        return add_months(self.detained_on, self.sentence_months)  # detention counts

    @property
    def sentence_text(self) -> str:
        if self.sentence_months is None:
            return ""
        years, months = divmod(self.sentence_months, 12)
        length = f"{years} year{'s' if years != 1 else ''}"
        if months:
            length += f" {months} months"
        return f"{length}, {_PENALTY_TEXT[self.penalty_type]}"


def timeline_for(rng: random.Random, *, status: str, clock: Clock, gender: str) -> Timeline:
    """A consistent set of dates for a case that has reached `status` by the anchor date."""
    if status == Status.PRE_TRIAL:
        detained = day_between(rng, clock.ago(540), clock.ago(20))
        return Timeline(detained_on=detained, changed_on=detained)
    penalty = weighted(rng, _PENALTIES_BY_STATUS.get(status, _PENALTIES))
    if gender == Gender.FEMALE and penalty in _MEN_ONLY:
        penalty = PenaltyType.COLONY_REINFORCED  # women serve in general or reinforced regime
    months = _sentence_months(rng, penalty=penalty, status=status)
    if status == Status.RELEASED_SERVED:
        return _served(rng, clock=clock, penalty=penalty, months=months)
    if status in SERVING or status == Status.AWAITING_SENTENCE:
        return _serving(rng, clock=clock, status=status, penalty=penalty, months=months)
    return _ended_early(rng, clock=clock, status=status, penalty=penalty, months=months)


def _sentence_months(rng: random.Random, *, penalty: str, status: str) -> int:
    short = penalty in SHORT_PENALTIES or status == Status.RELEASED_SERVED
    years = int(weighted(rng, _SHORT_YEARS if short else _YEARS))
    if penalty == PenaltyType.PRISON and years < 5:
        years += 4  # prison terms are given with long sentences
    return years * 12 + (6 if rng.random() < 0.25 else 0)


def _verdict(rng: random.Random, detained: datetime.date, latest: datetime.date) -> datetime.date:
    """Trials take one and a half to eleven months after detention."""
    latest = max(latest, detained)
    first = min(detained + datetime.timedelta(days=45), latest)
    return day_between(rng, first, min(detained + datetime.timedelta(days=330), latest))


def _served(rng: random.Random, *, clock: Clock, penalty: str, months: int) -> Timeline:
    available = max(6, (clock.ago(10) - clock.start).days // 31)
    months = min(months, available)
    detained = day_between(rng, clock.start, add_months(clock.ago(10), -months))
    released = add_months(detained, months)
    verdict = _verdict(rng, detained, latest=min(released, clock.ago(15)))
    return Timeline(detained, released, verdict, months, penalty)


def _serving(
    rng: random.Random, *, clock: Clock, status: str, penalty: str, months: int
) -> Timeline:
    earliest = max(clock.start, add_months(clock.ago(-30), -months))
    detained = day_between(rng, earliest, clock.ago(120))
    if status == Status.AWAITING_SENTENCE:
        first = max(detained + datetime.timedelta(days=45), clock.ago(100))
        verdict = day_between(rng, first, clock.ago(10))
    else:
        verdict = _verdict(rng, detained, latest=clock.ago(30))
    changed = verdict
    if status == Status.IN_TRANSIT:
        changed = day_between(rng, max(verdict, clock.ago(40)), clock.ago(2))
    elif status == Status.INCOMMUNICADO:
        changed = day_between(rng, verdict + datetime.timedelta(days=90), clock.ago(10))
    return Timeline(detained, max(changed, verdict), verdict, months, penalty)


def _ended_early(
    rng: random.Random, *, clock: Clock, status: str, penalty: str, months: int
) -> Timeline:
    """Pardon, amnesty, exchange, deportation, death or loss of recognition before the term ends."""
    detained = day_between(rng, clock.start, clock.ago(300))
    verdict = _verdict(rng, detained, latest=clock.ago(200))
    latest = min(clock.ago(3), add_months(detained, months) - datetime.timedelta(days=30))
    first = verdict + datetime.timedelta(days=60)
    mass_release = status in (
        Status.RELEASED_PARDONED,
        Status.DEPORTED,
        Status.RELEASED_EXCHANGED,
    )
    if mass_release and latest >= MASS_RELEASES_FROM:
        first = max(first, MASS_RELEASES_FROM)
    changed = max(day_between(rng, first, latest), verdict)
    return Timeline(detained, changed, verdict, months, penalty)
