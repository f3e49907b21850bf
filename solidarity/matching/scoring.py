"""The matching score (docs/matching.md): named factors over plain data, no ORM.

`score_pair` is the reference: one pair, with the explanation organisers and godparents read.
`PairCodes` computes the same numbers for every (godparent, prisoner) pair with numpy, a block of
prisoners at a time, because a Congress run has thousands of each (`score_matrix`: all at once);
tests check that both always agree.

Every factor is in [0, 1] and weighted; a pair's score is the weighted sum. Hard constraints
(`feasible`) exclude a pair whatever its score.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a run computes, not at start-up (docs/matching.md)
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

FACTORS = ("coverage", "urgency", "affinity", "diversity", "host")
# A prisoner who lost a godparent (left office, withdrew) comes first in the next run (issue 5).
LOST_GODPARENT_BONUS = 0.5
# Remaining sentence that counts as fully "long" for urgency.
LONG_SENTENCE_MONTHS = 120


@dataclass(frozen=True)
class Weights:
    coverage: float = 4.0
    urgency: float = 2.0
    affinity: float = 2.0
    diversity: float = 1.0
    # A released person abroad who asked for support, and a godparent of that country's
    # parliament: the one who can help with documents and residence (issue 18). Above affinity
    # and diversity together, so that a host-country godparent comes first when there is one.
    host: float = 3.0

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in FACTORS}


@dataclass(frozen=True)
class GodparentData:
    id: int
    slots: int  # free capacity: capacity minus open matches
    country: str  # "" for international assemblies
    discreet: bool
    languages: frozenset[str] = frozenset()
    backgrounds: frozenset[int] = frozenset()
    regions: frozenset[str] = frozenset()
    gender: str = ""  # preferred gender of the prisoner, "" for none


@dataclass(frozen=True)
class PrisonerData:
    id: int
    public: bool  # publicity is not None: any godparent; otherwise only a discreet one
    godparents: int = 0  # active godparents now
    lost_godparent: bool = False
    health_at_risk: bool = False
    incommunicado: bool = False
    remaining_months: int = 0
    languages: frozenset[str] = frozenset()
    backgrounds: frozenset[int] = frozenset()
    region: str = ""
    gender: str = ""
    godparent_countries: frozenset[str] = frozenset()
    # Released abroad and asked for support (the exile pool): where the person lives now.
    in_exile: bool = False
    residence: str = ""


@dataclass(frozen=True)
class Breakdown:
    """Each factor's value in [0, 1], its weighted contribution, and what made it."""

    values: dict[str, float]
    contributions: dict[str, float]
    reasons: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.contributions.values())

    def as_dict(self) -> dict[str, object]:
        """What `Match.score_breakdown` stores (JSON)."""
        return {
            "total": round(self.total, 4),
            "factors": {
                name: {
                    "value": round(self.values[name], 4),
                    "contribution": round(self.contributions[name], 4),
                    "reasons": self.reasons.get(name, []),
                }
                for name in FACTORS
            },
        }


def feasible(godparent: GodparentData, prisoner: PrisonerData) -> bool:
    """Publicity against discretion: a family's refusal is only ever met by a discreet godparent.

    Capacity, detention and earlier pairs are handled by the pool (`slots`, who is in it, and
    the excluded pairs), so they are the same for both the reference and the matrix.
    """
    return prisoner.public or godparent.discreet


def coverage(prisoner: PrisonerData) -> float:
    """1 for a prisoner nobody supports, 1/2 with one godparent, 1/3 with two...; a prisoner who
    recently lost a godparent gets a bonus, so that they come first again."""
    base = 1.0 / (1 + prisoner.godparents)
    return min(1.0, base + (LOST_GODPARENT_BONUS if prisoner.lost_godparent else 0.0))


def urgency(prisoner: PrisonerData) -> float:
    """Health at risk and incommunicado weigh most; a long remaining sentence adds the rest."""
    remaining = min(prisoner.remaining_months, LONG_SENTENCE_MONTHS) / LONG_SENTENCE_MONTHS
    return 0.4 * prisoner.health_at_risk + 0.3 * prisoner.incommunicado + 0.3 * remaining


def affinity_parts(godparent: GodparentData, prisoner: PrisonerData) -> dict[str, float]:
    return {
        "language": float(bool(godparent.languages & prisoner.languages)),
        "background": float(bool(godparent.backgrounds & prisoner.backgrounds)),
        "region": float(bool(prisoner.region) and prisoner.region in godparent.regions),
        "gender": float(bool(godparent.gender) and godparent.gender == prisoner.gender),
    }


def diversity(godparent: GodparentData, prisoner: PrisonerData) -> float:
    """A country not yet among the prisoner's godparents (international assemblies count none)."""
    return float(bool(godparent.country) and godparent.country not in prisoner.godparent_countries)


def host(godparent: GodparentData, prisoner: PrisonerData) -> float:
    """1 when the godparent's parliament is in the country where the released person lives."""
    return float(bool(prisoner.residence) and godparent.country == prisoner.residence)


def score_pair(
    godparent: GodparentData, prisoner: PrisonerData, weights: Weights
) -> Breakdown | None:
    """The pair's score and its explanation, or None when a hard constraint excludes it."""
    if not feasible(godparent, prisoner):
        return None
    parts = affinity_parts(godparent, prisoner)
    values = {
        "coverage": coverage(prisoner),
        "urgency": urgency(prisoner),
        "affinity": sum(parts.values()) / len(parts),
        "diversity": diversity(godparent, prisoner),
        "host": host(godparent, prisoner),
    }
    weight = weights.as_dict()
    return Breakdown(
        values=values,
        contributions={name: weight[name] * values[name] for name in FACTORS},
        reasons=_reasons(prisoner, parts, values),
    )


def _reasons(
    prisoner: PrisonerData, parts: dict[str, float], values: dict[str, float]
) -> dict[str, list[str]]:
    """Plain codes (translated where shown) of what raised each factor."""
    reasons: dict[str, list[str]] = {
        "coverage": ["no_godparent" if prisoner.godparents == 0 else "has_godparents"],
        "urgency": [],
        "affinity": [name for name, value in parts.items() if value],
        "diversity": ["new_country"] if values["diversity"] else [],
        "host": ["host_country"] if values["host"] else [],
    }
    if prisoner.lost_godparent:
        reasons["coverage"].append("lost_godparent")
    # No code for health: the breakdown is stored and shown without the audit that reading
    # restricted information leaves (PrisonerConfidential); the urgency value is enough.
    if prisoner.incommunicado:
        reasons["urgency"].append("incommunicado")
    if prisoner.remaining_months >= LONG_SENTENCE_MONTHS // 2:
        reasons["urgency"].append("long_sentence")
    return reasons


def score_matrix(
    godparents: list[GodparentData], prisoners: list[PrisonerData], weights: Weights
) -> tuple[np.ndarray, np.ndarray]:
    """Scores of every (godparent, prisoner) pair, and the mask of pairs the constraints allow.

    The whole matrix at once, for small pools and the tests; a run reads `PairCodes` a block of
    prisoners at a time instead, so that no matrix of every pair is ever held.
    """
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    codes = PairCodes(godparents, prisoners)
    if not codes.n or not codes.m:
        return np.zeros((codes.n, codes.m)), np.zeros((codes.n, codes.m), dtype=bool)
    scores = (
        codes.per_prisoner(weights)[np.newaxis, :] + code_values(weights)[codes.codes(0, codes.m)]
    )
    return scores, codes.feasible(0, codes.m)


# A pair's code is 2 x (how many of the four affinity parts it shares) + (1 if a new country)
# + 10 if the godparent's country is where a released person lives: twenty codes, so the pair
# part of every score is one of twenty numbers (`code_values`).
CODES = 20
HOST_CODE = 10


def code_values(weights: Weights) -> np.ndarray:
    """The affinity and diversity contribution of each code (float64, as `score_pair` adds)."""
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    codes = np.arange(CODES)
    shared = (codes % HOST_CODE) // 2
    new_country = codes % 2
    at_home = codes // HOST_CODE
    return (
        weights.affinity * (shared / 4)
        + weights.diversity * new_country.astype(float)
        + weights.host * at_home.astype(float)
    )


class PairCodes:
    """The pair part of every score as small integer codes, computed a block of prisoners at a time.

    A score is a prisoner's own part (coverage and urgency, `per_prisoner`) plus the pair's part,
    which only counts shared sets (languages, backgrounds, region, gender) and a new country: one
    of `CODES` values. Set overlaps are products of 0/1 indicator matrices (float32, exact for
    0/1), or a lookup where one side holds at most one item (a prisoner's region, a godparent's
    country); a block of int8 codes is an eighth of the float64 scores it stands for.
    """

    def __init__(self, godparents: Sequence[GodparentData], prisoners: Sequence[PrisonerData]):
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        self.n, self.m = len(godparents), len(prisoners)
        self._prisoners = prisoners
        self._affinity = [
            _indicators([g.languages for g in godparents], [p.languages for p in prisoners]),
            _indicators([g.backgrounds for g in godparents], [p.backgrounds for p in prisoners]),
            _indicators([g.regions for g in godparents], [{p.region} - {""} for p in prisoners]),
            _indicators(
                [{g.gender} - {""} for g in godparents], [{p.gender} - {""} for p in prisoners]
            ),
        ]
        self._countries = _indicators(
            [{g.country} - {""} for g in godparents], [p.godparent_countries for p in prisoners]
        )
        self._host = _indicators(
            [{g.country} - {""} for g in godparents], [{p.residence} - {""} for p in prisoners]
        )
        self._has_country = np.array([bool(g.country) for g in godparents], dtype=bool)
        self._discreet = np.array([g.discreet for g in godparents], dtype=bool)
        self._public = np.array([p.public for p in prisoners], dtype=bool)

    def per_prisoner(self, weights: Weights) -> np.ndarray:
        """Coverage and urgency: the part of the score that does not depend on the godparent."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        return weights.coverage * np.array(
            [coverage(p) for p in self._prisoners], dtype=float
        ) + weights.urgency * np.array([urgency(p) for p in self._prisoners], dtype=float)

    def codes(self, start: int, stop: int) -> np.ndarray:
        """int8 codes of every godparent (rows) with prisoners start..stop (columns)."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        shared = np.zeros((self.n, stop - start), dtype=np.int8)
        for pair in self._affinity:
            shared += _shared(pair, start, stop)
        shared *= 2
        shared += self._has_country[:, np.newaxis] & ~_shared(self._countries, start, stop)
        shared += HOST_CODE * _shared(self._host, start, stop).astype(np.int8)
        return shared

    def pair_codes(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """The codes of the pairs (rows[k], columns[k]) only."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        shared = np.zeros(len(rows), dtype=np.int8)
        for left, right in self._affinity:
            shared += np.einsum("kv,vk->k", left[rows], right[:, columns]) > 0
        left, right = self._countries
        known = np.einsum("kv,vk->k", left[rows], right[:, columns]) > 0
        shared *= 2
        shared += self._has_country[rows] & ~known
        left, right = self._host
        at_home = np.einsum("kv,vk->k", left[rows], right[:, columns]) > 0
        shared += HOST_CODE * at_home.astype(np.int8)
        return shared

    def feasible(self, start: int, stop: int) -> np.ndarray:
        """The hard constraint `feasible` for the same block."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        feasible: np.ndarray = self._discreet[:, np.newaxis] | self._public[np.newaxis, start:stop]
        return feasible


def _shared(pair: tuple[np.ndarray, np.ndarray], start: int, stop: int) -> np.ndarray:
    """Whether each godparent's set and each prisoner's (start..stop) share an item."""
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    left, right = pair
    if not left.shape[1]:
        return np.zeros((left.shape[0], stop - start), dtype=bool)
    block = right[:, start:stop]
    if (block.sum(axis=0) <= 1).all():  # one item at most per prisoner: look it up
        item = np.where(block.any(axis=0), block.argmax(axis=0), left.shape[1])
        looked_up: np.ndarray = np.pad(left > 0, ((0, 0), (0, 1)))[:, item]
        return looked_up
    if (left.sum(axis=1) <= 1).all():  # one item at most per godparent
        item = np.where(left.any(axis=1), left.argmax(axis=1), block.shape[0])
        found: np.ndarray = np.pad(block > 0, ((0, 1), (0, 0)))[item]
        return found
    product: np.ndarray = left @ block > 0
    return product


def _indicators(
    left: Sequence[AbstractSet[Hashable]], right: Sequence[AbstractSet[Hashable]]
) -> tuple[np.ndarray, np.ndarray]:
    """0/1 matrices (left x vocabulary, vocabulary x right) whose product counts shared items.

    Only items on both sides matter: the vocabulary is their intersection, which keeps it small.
    """
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    common = set().union(*left) & set().union(*right) if left and right else set()
    vocabulary = {item: index for index, item in enumerate(sorted(common, key=repr))}
    a = np.zeros((len(left), len(vocabulary)), dtype=np.float32)
    b = np.zeros((len(vocabulary), len(right)), dtype=np.float32)
    for row, items in enumerate(left):
        a[row, [vocabulary[item] for item in items if item in vocabulary]] = 1
    for column, items in enumerate(right):
        b[[vocabulary[item] for item in items if item in vocabulary], column] = 1
    return a, b
