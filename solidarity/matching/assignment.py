"""The exact assignment of godparents' slots to prisoners (docs/matching.md), over plain data.

A godparent with three free slots is three rows; each prisoner is one column (one new godparent
per prisoner per run). The assignment maximising the total score over the pairs that the hard
constraints allow and that reach the threshold is computed exactly with SciPy's linear assignment
solver (a shortest augmenting path algorithm). Excluded pairs are worth 0 and every allowed pair
is worth more than 0, so the solver's optimum never needs an excluded pair: those it returns
are dropped, which leaves the total unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a run computes, not at start-up (docs/matching.md)
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

from .scoring import GodparentData, PrisonerData, Weights, score_matrix, score_pair

# Allowed pairs are shifted by this much so that a pair with score 0 still beats "no pair".
_EPSILON = 1e-6


class Unmatched:
    """Why a prisoner in the pool got no proposal, for the organisers' list."""

    NO_COMPATIBLE_GODPARENT = "no_compatible_godparent"  # discretion, or every pair excluded
    BELOW_THRESHOLD = "below_threshold"  # compatible godparents, but no pair scores enough
    NOT_ENOUGH_SLOTS = "not_enough_slots"  # others came first for the slots there were


@dataclass(frozen=True)
class Proposal:
    godparent_id: int
    prisoner_id: int
    score: float
    breakdown: dict[str, object]  # Breakdown.as_dict()


@dataclass(frozen=True)
class Assignment:
    proposals: list[Proposal]
    unmatched: dict[int, str]  # prisoner id -> Unmatched reason

    @property
    def total(self) -> float:
        return sum(proposal.score for proposal in self.proposals)


def assign(
    godparents: list[GodparentData],
    prisoners: list[PrisonerData],
    *,
    weights: Weights,
    threshold: float = 0.0,
    excluded: Iterable[tuple[int, int]] = (),
) -> Assignment:
    """The best set of proposals: each slot at most one prisoner, each prisoner at most one slot.

    `excluded` holds (godparent id, prisoner id) pairs that must not be proposed: open matches
    and earlier declines.
    """
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    scores, allowed = score_matrix(godparents, prisoners, weights)
    allowed = allowed & ~_excluded_mask(godparents, prisoners, set(excluded))
    eligible = allowed & (scores >= threshold)
    rows = np.repeat(np.arange(len(godparents)), [g.slots for g in godparents])
    proposals: list[Proposal] = []
    if len(rows) and len(prisoners):
        value = np.where(eligible, scores + _EPSILON, 0.0)[rows]
        # SciPy takes a second to import: only a matching run pays it, not every manage.py
        # command and web worker start (docs/import.md, "Speed").
        from scipy.optimize import linear_sum_assignment

        slot_index, prisoner_index = linear_sum_assignment(value, maximize=True)
        for slot, column in zip(slot_index, prisoner_index, strict=True):
            if value[slot, column] <= 0:
                continue
            godparent, prisoner = godparents[rows[slot]], prisoners[column]
            breakdown = score_pair(godparent, prisoner, weights)
            assert breakdown is not None  # an eligible pair is feasible
            proposals.append(
                Proposal(godparent.id, prisoner.id, breakdown.total, breakdown.as_dict())
            )
    matched = {proposal.prisoner_id for proposal in proposals}
    unmatched = {
        prisoner.id: _why(allowed[:, column], eligible[:, column], godparents)
        for column, prisoner in enumerate(prisoners)
        if prisoner.id not in matched
    }
    return Assignment(proposals=proposals, unmatched=unmatched)


def _excluded_mask(
    godparents: list[GodparentData],
    prisoners: list[PrisonerData],
    excluded: set[tuple[int, int]],
) -> np.ndarray:
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    mask = np.zeros((len(godparents), len(prisoners)), dtype=bool)
    if excluded:
        row = {g.id: index for index, g in enumerate(godparents)}
        column = {p.id: index for index, p in enumerate(prisoners)}
        for godparent_id, prisoner_id in excluded:
            if godparent_id in row and prisoner_id in column:
                mask[row[godparent_id], column[prisoner_id]] = True
    return mask


def _why(allowed: np.ndarray, eligible: np.ndarray, godparents: list[GodparentData]) -> str:
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    with_slots = np.array([g.slots > 0 for g in godparents], dtype=bool)
    if not (allowed & with_slots).any():
        return Unmatched.NO_COMPATIBLE_GODPARENT
    if not (eligible & with_slots).any():
        return Unmatched.BELOW_THRESHOLD
    return Unmatched.NOT_ENOUGH_SLOTS
