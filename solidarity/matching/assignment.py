"""The exact assignment of godparents' slots to prisoners (docs/matching.md), over plain data.

Each prisoner gets at most one new godparent per run, each godparent at most as many prisoners as
free slots. The assignment maximising the total score over the pairs that the hard constraints
allow and that reach the threshold is computed exactly, without ever holding a matrix of every
pair (3,000 godparents x 5,000 prisoners would be 15 million pairs, nearly all of them allowed):

1. Candidates: for each godparent, the `PER_SLOT` prisoners per free slot whose pair part scores
   best, and for each prisoner the `CANDIDATES` best godparents (none by default); ties are spread
   by a fixed hash, so that not everyone names the same ones.
2. Solve: SciPy's sparse assignment (`min_weight_full_bipartite_matching`, LAPJVsp) over the
   candidate pairs only, with a godparent of k free slots as k columns and one "no godparent"
   column per prisoner, so that a prisoner nobody can take never makes it infeasible.
3. Prove: the solution's linear-programming dual (a price per godparent, one per prisoner),
   computed from the candidate graph as longest paths, must cover every allowed pair, which is
   checked a block of prisoners at a time. Then no pair outside the candidates can improve the
   total (duality): the result is the optimum over all pairs. The pairs it does not cover join
   the candidates and the solve is repeated; each round adds pairs, so it ends.

Every allowed pair is worth its score plus `_EPSILON`, "no godparent" 0: a pair scoring 0 is still
proposed. Ties: the same pool always gives the same proposals (the candidates, the hash and the
solver are deterministic, inputs in pk order), but which of two equally good assignments is
chosen is the solver's, not a stated rule. `assign_dense` is the former dense formulation, kept as
the benchmark's anchor and the tests' second opinion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a run computes, not at start-up (docs/matching.md)
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

from .scoring import (
    GodparentData,
    PairCodes,
    PrisonerData,
    Weights,
    code_values,
    score_matrix,
    score_pair,
)

# Allowed pairs are shifted by this much so that a pair with score 0 still beats "no pair".
_EPSILON = 1e-6
# Candidate godparents per prisoner in the first round; later rounds add what the proof asks for.
CANDIDATES = 0
# And each godparent's best prisoners per free slot (godparents nobody ranks first are needed).
PER_SLOT = 4
# Pairs that fail the proof and join the candidates, per prisoner and round (the worst first).
_ADDED_PER_ROUND = 8
# Pairs (godparents x prisoners) scored at once: about 16 MB of float64 per array in a block.
_BLOCK_PAIRS = 2_000_000
# Pools up to this many pairs keep their int8 codes between passes (64 MB) instead of scoring again.
_KEPT_PAIRS = 64_000_000
# Relative tolerance of the proof: the scores are float64 sums of a few weighted terms.
_TOLERANCE = 1e-9


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
    rounds: int = 0  # solves until the proof held (0: nothing to solve, or the dense solver)

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
    candidates: int = CANDIDATES,
    per_slot: int = PER_SLOT,
) -> Assignment:
    """The best set of proposals: each slot at most one prisoner, each prisoner at most one slot.

    `excluded` holds (godparent id, prisoner id) pairs that must not be proposed: open matches
    and earlier declines. `candidates` and `per_slot` (the first round's candidate pairs) only
    change how fast the optimum is reached, never the optimum.
    """
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    with_slots = [g for g in godparents if g.slots > 0]
    problem = _Problem(with_slots, prisoners, weights, threshold, set(excluded))
    if not with_slots or not prisoners:
        return Assignment(
            proposals=[],
            unmatched={p.id: Unmatched.NO_COMPATIBLE_GODPARENT for p in prisoners},
        )
    edges = problem.first_candidates(candidates, per_slot)
    rounds = 0
    while True:
        rounds += 1
        owner = problem.solve(edges)
        prices = problem.dual(edges, owner)
        missing = problem.uncovered(*prices)
        if not len(missing):
            break
        edges = np.unique(np.concatenate([edges, missing]))
    proposals = []
    for column in np.lexsort((np.arange(len(prisoners)), owner)):
        row = owner[column]
        if row < 0:
            continue
        godparent, prisoner = with_slots[row], prisoners[column]
        breakdown = score_pair(godparent, prisoner, weights)
        assert breakdown is not None  # an eligible pair is feasible
        proposals.append(Proposal(godparent.id, prisoner.id, breakdown.total, breakdown.as_dict()))
    unmatched = {
        prisoner.id: problem.why(column)
        for column, prisoner in enumerate(prisoners)
        if owner[column] < 0
    }
    return Assignment(proposals=proposals, unmatched=unmatched, rounds=rounds)


def assign_dense(
    godparents: list[GodparentData],
    prisoners: list[PrisonerData],
    *,
    weights: Weights,
    threshold: float = 0.0,
    excluded: Iterable[tuple[int, int]] = (),
) -> Assignment:
    """The former formulation: every slot a row of a dense matrix, SciPy's
    `linear_sum_assignment`. Same optimum, 5-7 times the time and 20 times the memory of `assign`
    on a Congress pool; kept as the benchmark's anchor and the tests' second opinion."""
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    scores, allowed = score_matrix(godparents, prisoners, weights)
    mask = np.zeros((len(godparents), len(prisoners)), dtype=bool)
    row = {g.id: index for index, g in enumerate(godparents)}
    column = {p.id: index for index, p in enumerate(prisoners)}
    for godparent_id, prisoner_id in set(excluded):
        if godparent_id in row and prisoner_id in column:
            mask[row[godparent_id], column[prisoner_id]] = True
    allowed = allowed & ~mask
    eligible = allowed & (scores >= threshold)
    rows = np.repeat(np.arange(len(godparents)), [g.slots for g in godparents])
    proposals: list[Proposal] = []
    if len(rows) and len(prisoners):
        value = np.where(eligible, scores + _EPSILON, 0.0)[rows]
        from scipy.optimize import linear_sum_assignment

        slot_index, prisoner_index = linear_sum_assignment(value, maximize=True)
        for slot, column_index in zip(slot_index, prisoner_index, strict=True):
            if value[slot, column_index] <= 0:
                continue
            godparent, prisoner = godparents[rows[slot]], prisoners[column_index]
            breakdown = score_pair(godparent, prisoner, weights)
            assert breakdown is not None  # an eligible pair is feasible
            proposals.append(
                Proposal(godparent.id, prisoner.id, breakdown.total, breakdown.as_dict())
            )
    with_slots = np.array([g.slots > 0 for g in godparents], dtype=bool)[:, np.newaxis]
    matched = {proposal.prisoner_id for proposal in proposals}
    unmatched = {
        prisoner.id: _reason(
            bool((allowed[:, index] & with_slots[:, 0]).any()),
            bool((eligible[:, index] & with_slots[:, 0]).any()),
        )
        for index, prisoner in enumerate(prisoners)
        if prisoner.id not in matched
    }
    return Assignment(proposals=proposals, unmatched=unmatched)


def _reason(allowed: bool, eligible: bool) -> str:
    if not allowed:
        return Unmatched.NO_COMPATIBLE_GODPARENT
    if not eligible:
        return Unmatched.BELOW_THRESHOLD
    return Unmatched.NOT_ENOUGH_SLOTS


class _Problem:
    """The pool as arrays: rows are godparents with a free slot, columns prisoners, a pair one
    int64 key (row x columns + column). Blocks of prisoners are scored again whenever needed
    rather than kept: the whole matrix is never held."""

    def __init__(
        self,
        godparents: list[GodparentData],
        prisoners: list[PrisonerData],
        weights: Weights,
        threshold: float,
        excluded: set[tuple[int, int]],
    ) -> None:
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        self.n, self.m = len(godparents), len(prisoners)
        self.codes = PairCodes(godparents, prisoners)
        self.slots = np.array([g.slots for g in godparents], dtype=np.int64)
        self.own = self.codes.per_prisoner(weights)
        # Code -1 (a pair that is not allowed) reads the last value, -inf: never eligible.
        self.values = np.append(code_values(weights), -np.inf)
        self.needed = threshold - self.own  # what the pair part must reach, per prisoner
        row = {g.id: index for index, g in enumerate(godparents)}
        column = {p.id: index for index, p in enumerate(prisoners)}
        pairs = [(column[p], row[g]) for g, p in excluded if g in row and p in column]
        self.excluded = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
        self.block = max(1, _BLOCK_PAIRS // max(self.n, 1))
        largest = float(np.abs(self.own).max(initial=0.0) + np.abs(self.values[:-1]).max())
        self.tolerance = _TOLERANCE * max(1.0, largest)
        self.allowed_any = np.zeros(self.m, dtype=bool)
        self.eligible_any = np.zeros(self.m, dtype=bool)
        self._kept: list[tuple[int, np.ndarray]] | None = None

    def blocks(self) -> Iterator[tuple[int, np.ndarray]]:
        """(first column, codes with -1 where the pair is not eligible) per block of prisoners.

        Computed once and kept as int8 (15 MB for 3,000 x 5,000) up to `_KEPT_PAIRS` pairs; a
        larger pool scores each block again on every pass instead.
        """
        if self._kept is not None:
            yield from self._kept
            return
        kept: list[tuple[int, np.ndarray]] | None = [] if self.n * self.m <= _KEPT_PAIRS else None
        for start in range(0, self.m, self.block):
            codes = self._eligible_codes(start, min(start + self.block, self.m))
            if kept is not None:
                kept.append((start, codes))
            yield start, codes
        self._kept = kept

    def _eligible_codes(self, start: int, stop: int) -> np.ndarray:
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        codes = self.codes.codes(start, stop)
        codes[~self.codes.feasible(start, stop)] = -1
        inside = (self.excluded[:, 0] >= start) & (self.excluded[:, 0] < stop)
        codes[self.excluded[inside, 1], self.excluded[inside, 0] - start] = -1
        self.allowed_any[start:stop] = (codes >= 0).any(axis=0)
        # A code is eligible for a prisoner when its value reaches what they still need; only
        # prisoners whose own part is not enough whatever the pair need looking at.
        low = np.flatnonzero(self.needed[start:stop] > self.values[:-1].min())
        if len(low):
            reaches = self.values[:-1, np.newaxis] >= self.needed[np.newaxis, start + low]
            part = codes[:, low]
            part[~np.take_along_axis(reaches, np.maximum(part, 0), axis=0)] = -1
            codes[:, low] = part
        self.eligible_any[start:stop] = (codes >= 0).any(axis=0)
        return codes

    def first_candidates(self, count: int, per_slot: int) -> np.ndarray:
        """Each prisoner's best `count` eligible godparents by the pair part, and each
        godparent's best `per_slot` prisoners per free slot: nearly every slot is taken in a
        Congress run, so godparents nobody ranks first must be candidates too."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        # Pairs rank by their pair part (weights decide the order of the codes), times 1024, plus
        # a fixed hash under 1024 that spreads ties over godparents instead of every prisoner
        # naming the same first ones. Not by the prisoner's own part: godparents would all name
        # the same most urgent prisoners, whom the proof finds anyway.
        order = np.unique(self.values[:-1], return_inverse=True)[1].astype(np.int16)
        order = np.append(order * 1024, np.int16(-2048))  # code -1 (not eligible): negative
        row_hash = ((np.arange(self.n, dtype=np.int64) * 40503) % 1021).astype(np.int16)
        wanted = np.minimum(self.slots * per_slot, self.m)
        width = int(wanted.max(initial=0))
        best_rank = np.full((self.n, 0), -1, dtype=np.int16)
        best_column = np.zeros((self.n, 0), dtype=np.int64)
        keys = []
        for start, codes in self.blocks():
            stop = start + codes.shape[1]
            column_hash = ((np.arange(start, stop, dtype=np.int64) * 9973) % 1021).astype(np.int16)
            rank = order[codes]
            rank += row_hash[:, np.newaxis] ^ column_hash[np.newaxis, :]
            if count > 0:
                keys.append(self._best(rank.T, count, start))
            if not width:
                continue
            if rank.shape[1] > width:  # the block's best first, then merged with the best so far
                top = np.argpartition(rank, rank.shape[1] - width, axis=1)[:, -width:]
                block_rank = np.take_along_axis(rank, top, axis=1)
                block_column = top + start
            else:
                block_rank = rank
                block_column = np.broadcast_to(np.arange(start, stop), rank.shape)
            merged_rank = np.concatenate([best_rank, block_rank], axis=1)
            merged_column = np.concatenate([best_column, block_column], axis=1)
            if merged_rank.shape[1] > width:
                top = np.argpartition(merged_rank, merged_rank.shape[1] - width, axis=1)[:, -width:]
                merged_rank = np.take_along_axis(merged_rank, top, axis=1)
                merged_column = np.take_along_axis(merged_column, top, axis=1)
            best_rank, best_column = merged_rank, merged_column
        rows = np.arange(self.n, dtype=np.int64)[:, np.newaxis]
        keep = (best_rank >= 0) & (np.arange(best_rank.shape[1]) < wanted[:, np.newaxis])
        keys.append((rows * self.m + best_column)[keep])
        return np.unique(np.concatenate(keys))

    def _best(self, rank: np.ndarray, count: int, start: int) -> np.ndarray:
        """Keys of the (at most) `count` highest non-negative entries of each row of `rank`
        (prisoners start.. as rows, godparents as columns)."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        if count < rank.shape[1]:
            top = np.argpartition(rank, rank.shape[1] - count, axis=1)[:, -count:]
        else:
            top = np.broadcast_to(np.arange(rank.shape[1])[np.newaxis, :], rank.shape)
        prisoners = np.broadcast_to(np.arange(rank.shape[0])[:, np.newaxis], top.shape)
        keep = rank[prisoners, top] >= 0
        return top[keep].astype(np.int64) * self.m + (prisoners[keep] + start)

    def worth(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Score + epsilon of these eligible pairs."""
        worth: np.ndarray = self.own[columns] + self.values[self.codes.pair_codes(rows, columns)]
        return worth + _EPSILON

    def solve(self, edges: np.ndarray) -> np.ndarray:
        """The best assignment over these pairs only: each column's row, or -1."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        # SciPy takes a second to import: only a matching run pays it, not every manage.py
        # command and web worker start (docs/import.md, "Speed").
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching

        rows, columns = np.divmod(edges, self.m)
        worth = self.worth(rows, columns)
        first_slot = np.concatenate([[0], np.cumsum(self.slots)])
        slots = int(first_slot[-1])
        copies = self.slots[rows]
        slot = np.repeat(first_slot[rows], copies) + _ranges(copies)
        # Costs must be positive (an explicit zero is no edge): the ceiling minus the worth, and
        # "no godparent" (the prisoner's own column after the slots) the ceiling itself.
        ceiling = float(worth.max(initial=0.0)) + 1.0
        matrix = csr_matrix(
            (
                np.concatenate([ceiling - np.repeat(worth, copies), np.full(self.m, ceiling)]),
                (
                    np.concatenate([np.repeat(columns, copies), np.arange(self.m)]),
                    np.concatenate([slot, slots + np.arange(self.m)]),
                ),
            ),
            shape=(self.m, slots + self.m),
        )
        prisoner_index, slot_index = min_weight_full_bipartite_matching(matrix)
        slot_owner = np.repeat(np.arange(self.n, dtype=np.int64), self.slots)
        owner = np.full(self.m, -1, dtype=np.int64)
        real = slot_index < slots
        owner[prisoner_index[real]] = slot_owner[slot_index[real]]
        return owner

    def dual(self, edges: np.ndarray, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Prices (per godparent, per prisoner) that prove `owner` optimal over `edges`.

        A godparent's price is the most the candidates gain by handing them one more prisoner:
        a longest path from "nobody" over the candidate pairs, where giving an unmatched prisoner
        j to godparent i gains worth(i, j), and moving j from its godparent g to i gains
        worth(i, j) - worth(g, j). A prisoner's price is what their pair is worth beyond their
        godparent's. Optimality over the candidates means no gaining cycle (the relaxation ends),
        a zero price for godparents with a free slot and no negative prisoner price.
        """
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        rows, columns = np.divmod(edges, self.m)
        worth = self.worth(rows, columns)
        matched = np.flatnonzero(owner >= 0)
        kept = np.zeros(self.m)
        kept[matched] = self.worth(owner[matched], matched)
        price = np.zeros(self.n)
        free = owner[columns] < 0
        np.maximum.at(price, rows[free], worth[free])
        moves = ~free & (rows != owner[columns])
        source, target = owner[columns[moves]], rows[moves]
        gain = worth[moves] - kept[columns[moves]]
        for _round in range(self.n + 1):
            longer = price.copy()
            np.maximum.at(longer, target, price[source] + gain)
            if not (longer > price + self.tolerance).any():
                break
            price = longer
        else:
            raise AssertionError("the candidates' assignment is not optimal (a gaining cycle)")
        share = np.zeros(self.m)
        share[matched] = kept[matched] - price[owner[matched]]
        used = np.bincount(owner[matched], minlength=self.n)
        if (price[used < self.slots] > self.tolerance).any() or (share < -self.tolerance).any():
            raise AssertionError("the candidates' assignment is not optimal (prices)")
        return price, share

    def uncovered(self, price: np.ndarray, share: np.ndarray) -> np.ndarray:
        """Keys of eligible pairs worth more than their godparent's and prisoner's prices: the
        pairs that could still improve the total (the worst few per prisoner)."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        keys = [np.zeros(0, dtype=np.int64)]
        # A pair is covered when value(code) <= price(godparent) + share - own - epsilon.
        prisoner_part = share - self.own - _EPSILON + self.tolerance
        for start, codes in self.blocks():
            stop = start + codes.shape[1]
            excess = self.values[codes]
            excess -= price[:, np.newaxis]
            excess -= prisoner_part[np.newaxis, start:stop]
            short = excess > 0
            columns = np.flatnonzero(short.any(axis=0))
            if len(columns):
                rank = np.where(short[:, columns], excess[:, columns], -np.inf).T
                found = self._best_float(rank, _ADDED_PER_ROUND)
                keys.append(found[:, 1] * self.m + columns[found[:, 0]] + start)
        return np.concatenate(keys)

    def _best_float(self, rank: np.ndarray, count: int) -> np.ndarray:
        """(row, column) of the (at most) `count` highest finite entries of each row."""
        import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

        count = min(count, rank.shape[1])
        top = np.argpartition(-rank, count - 1, axis=1)[:, :count]
        rows = np.broadcast_to(np.arange(rank.shape[0])[:, np.newaxis], top.shape)
        keep = np.isfinite(rank[rows, top])
        return np.stack([rows[keep], top[keep]], axis=1).astype(np.int64)

    def why(self, column: int) -> str:
        return _reason(bool(self.allowed_any[column]), bool(self.eligible_any[column]))


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0..c-1 for each count c, concatenated (the slot of each copy of a pair)."""
    import numpy as np  # heavy (0.2-0.3 s): loaded when a run computes, see the module top

    ends = np.cumsum(counts)
    ranges: np.ndarray = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(
        ends - counts, counts
    )
    return ranges
