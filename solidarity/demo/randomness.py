"""Deterministic randomness and dates for the demo data.

Every phase draws from its own `random.Random` seeded with the run's seed and the phase name, so
that the same seed and anchor date give the same rows, and changing the number of letters does not
change the prisoners. No global random, no uuid, no clock: times derive from the anchor date.
"""

import datetime
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings

K = TypeVar("K")  # a key of a weight table: a choice, a name, a number


def phase_rng(*, seed: int, phase: str) -> random.Random:
    """A generator of its own for one phase; string seeds are hashed stably across runs."""
    return random.Random(f"solidarity-demo:{seed}:{phase}")


@dataclass(frozen=True)
class Clock:
    """The anchor date every demo date is computed from, and the earliest detention date."""

    anchor: datetime.date

    @property
    def start(self) -> datetime.date:
        """Detentions begin with the 2020 protests, or three years before an early anchor."""
        earliest = datetime.date(2020, 6, 1)
        return min(earliest, self.anchor - datetime.timedelta(days=3 * 365))

    def ago(self, days: int) -> datetime.date:
        return self.anchor - datetime.timedelta(days=days)


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A uniform day in [first, last]; an empty range collapses to `last`."""
    span = (last - first).days
    if span <= 0:
        return last
    return first + datetime.timedelta(days=rng.randint(0, span))


def moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """An aware office-hours time on `day`, in the project's time zone."""
    time = datetime.time(hour=rng.randint(9, 17), minute=rng.randrange(60))
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def allocate(rng: random.Random, *, total: int, weights: Mapping[K, float]) -> list[K]:
    """Exactly `total` keys in proportion to `weights` (largest remainder), in random order.

    Exact shares keep small demo sets representative: 120 prisoners still include a death in
    custody and a deportation. Keys with a positive weight get at least one slot when room allows.
    """
    weight_sum = sum(weights.values())
    shares = {key: total * weight / weight_sum for key, weight in weights.items()}
    counts = {key: int(share) for key, share in shares.items()}
    if total >= 4 * len(weights):
        counts = {key: max(count, 1) for key, count in counts.items()}
    by_remainder = sorted(shares, key=lambda key: shares[key] - int(shares[key]), reverse=True)
    index = 0
    while sum(counts.values()) < total:
        counts[by_remainder[index % len(by_remainder)]] += 1
        index += 1
    while sum(counts.values()) > total:
        largest = max(counts, key=lambda key: counts[key])
        counts[largest] -= 1
    keys = [key for key, count in counts.items() for _ in range(count)]
    rng.shuffle(keys)
    return keys


def weighted(rng: random.Random, table: Mapping[K, float]) -> K:
    return rng.choices(list(table), weights=list(table.values()))[0]


def pick(rng: random.Random, items: Sequence):
    return items[rng.randrange(len(items))]
