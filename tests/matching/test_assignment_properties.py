"""Property tests of the matching core: no hard constraint is ever broken, and on small
instances the assignment equals the brute-force optimum (issue 5 acceptance)."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.matching.assignment import Unmatched, assign, assign_dense
from solidarity.matching.scoring import (
    GodparentData,
    PrisonerData,
    Weights,
    score_matrix,
    score_pair,
)

LANGUAGES = ("be", "ru", "en", "de", "pl")
REGIONS = ("minsk", "brest", "gomel")
COUNTRIES = ("", "DE", "LT", "PL")
GENDERS = ("", "female", "male")

small_sets = lambda values: st.frozensets(st.sampled_from(values), max_size=3)  # noqa: E731

godparent_strategy = st.builds(
    GodparentData,
    id=st.integers(),  # replaced by unique ids below
    slots=st.integers(0, 3),
    country=st.sampled_from(COUNTRIES),
    discreet=st.booleans(),
    languages=small_sets(LANGUAGES),
    backgrounds=small_sets((1, 2, 3, 4)),
    regions=small_sets(REGIONS),
    gender=st.sampled_from(GENDERS),
)
prisoner_strategy = st.builds(
    PrisonerData,
    id=st.integers(),
    public=st.booleans(),
    godparents=st.integers(0, 3),
    lost_godparent=st.booleans(),
    health_at_risk=st.booleans(),
    incommunicado=st.booleans(),
    remaining_months=st.integers(0, 200),
    languages=small_sets(LANGUAGES),
    backgrounds=small_sets((1, 2, 3, 4)),
    region=st.sampled_from(("", *REGIONS)),
    gender=st.sampled_from(GENDERS[1:]),
    godparent_countries=small_sets(COUNTRIES[1:]),
    # Some are released abroad and asked for support: the host-country factor (issue 18).
    residence=st.sampled_from(COUNTRIES),
)
weights_strategy = st.one_of(
    st.builds(
        Weights,
        coverage=st.floats(0, 5),
        urgency=st.floats(0, 5),
        affinity=st.floats(0, 5),
        diversity=st.floats(0, 5),
        host=st.floats(0, 5),
    ),
    # Small whole weights: many pairs score exactly the same (ties), as with the defaults.
    st.builds(
        Weights,
        coverage=st.sampled_from((0, 1, 4)),
        urgency=st.sampled_from((0, 2)),
        affinity=st.sampled_from((0, 1, 2)),
        diversity=st.sampled_from((0, 1, 2)),
        host=st.sampled_from((0, 3)),
    ),
)


def _renumber(items, start):
    return [
        type(item)(**{**item.__dict__, "id": start + index}) for index, item in enumerate(items)
    ]


@st.composite
def instances(draw, max_godparents=6, max_prisoners=6):
    godparents = _renumber(draw(st.lists(godparent_strategy, max_size=max_godparents)), 1)
    prisoners = _renumber(draw(st.lists(prisoner_strategy, max_size=max_prisoners)), 101)
    pairs = [(g.id, p.id) for g in godparents for p in prisoners]
    excluded = draw(st.sets(st.sampled_from(pairs), max_size=4)) if pairs else set()
    threshold = draw(st.floats(0, 8))
    return godparents, prisoners, draw(weights_strategy), threshold, excluded


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_matrix_agrees_with_the_reference_score_of_every_pair(instance):
    godparents, prisoners, weights, _threshold, _excluded = instance
    scores, allowed = score_matrix(godparents, prisoners, weights)
    for i, godparent in enumerate(godparents):
        for j, prisoner in enumerate(prisoners):
            reference = score_pair(godparent, prisoner, weights)
            assert bool(allowed[i, j]) == (reference is not None)
            if reference is not None:
                assert math.isclose(scores[i, j], reference.total, abs_tol=1e-6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_godparents=10, max_prisoners=12))
def test_no_hard_constraint_is_ever_violated(instance):
    godparents, prisoners, weights, threshold, excluded = instance
    by_id = {g.id: g for g in godparents}
    prisoner_by_id = {p.id: p for p in prisoners}

    result = assign(godparents, prisoners, weights=weights, threshold=threshold, excluded=excluded)

    taken = [proposal.prisoner_id for proposal in result.proposals]
    assert len(taken) == len(set(taken))  # one new godparent per prisoner per run
    for godparent in godparents:
        mine = [p for p in result.proposals if p.godparent_id == godparent.id]
        assert len(mine) <= godparent.slots  # capacity
    for proposal in result.proposals:
        godparent, prisoner = by_id[proposal.godparent_id], prisoner_by_id[proposal.prisoner_id]
        assert prisoner.public or godparent.discreet  # a family's refusal needs discretion
        assert (godparent.id, prisoner.id) not in excluded  # open or declined pairs
        assert proposal.score >= threshold
        assert math.isclose(proposal.breakdown["total"], proposal.score, abs_tol=1e-3)
    assert set(result.unmatched) == set(prisoner_by_id) - set(taken)


def _brute_force_best(godparents, prisoners, weights, threshold, excluded) -> float:
    """The best total over every way of giving each slot one prisoner or none."""
    slots = [g for g in godparents for _slot in range(g.slots)]
    value = {
        (g.id, p.id): pair.total
        for g in godparents
        for p in prisoners
        if (pair := score_pair(g, p, weights)) is not None
        and pair.total >= threshold
        and (g.id, p.id) not in excluded
    }

    def best(index: int, used: frozenset) -> float:
        if index == len(slots):
            return 0.0
        godparent = slots[index]
        options = [best(index + 1, used)]
        for prisoner in prisoners:
            if prisoner.id not in used and (godparent.id, prisoner.id) in value:
                options.append(
                    value[godparent.id, prisoner.id] + best(index + 1, used | {prisoner.id})
                )
        return max(options)

    return best(0, frozenset())


# (candidates, per slot) of the first round: every pair at once, or as few as possible so that
# the proof has to find the missing pairs over several rounds.
FIRST_ROUNDS = [(16, 4), (1, 0), (0, 1)]


@pytest.mark.parametrize(("candidates", "per_slot"), FIRST_ROUNDS)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_godparents=3, max_prisoners=4))
def test_the_assignment_equals_the_brute_force_optimum(candidates, per_slot, instance):
    godparents, prisoners, weights, threshold, excluded = instance
    godparents = [type(g)(**{**g.__dict__, "slots": min(g.slots, 2)}) for g in godparents]

    result = assign(
        godparents, prisoners, weights=weights, threshold=threshold, excluded=excluded,
        candidates=candidates, per_slot=per_slot,
    )  # fmt: skip

    expected = _brute_force_best(godparents, prisoners, weights, threshold, excluded)
    assert math.isclose(result.total, expected, abs_tol=1e-4)


@pytest.mark.parametrize(("candidates", "per_slot"), FIRST_ROUNDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_godparents=25, max_prisoners=40))
def test_the_sparse_assignment_equals_the_dense_one_on_larger_pools(candidates, per_slot, instance):
    """Too large to enumerate: the former dense solver (every pair a matrix entry) is the
    reference. Both see the same candidates-free problem, so their totals must be equal."""
    godparents, prisoners, weights, threshold, excluded = instance

    result = assign(
        godparents, prisoners, weights=weights, threshold=threshold, excluded=excluded,
        candidates=candidates, per_slot=per_slot,
    )  # fmt: skip
    again = assign(
        godparents, prisoners, weights=weights, threshold=threshold, excluded=excluded,
        candidates=candidates, per_slot=per_slot,
    )  # fmt: skip

    dense = assign_dense(
        godparents, prisoners, weights=weights, threshold=threshold, excluded=excluded
    )
    assert math.isclose(result.total, dense.total, abs_tol=1e-4)
    assert len(result.proposals) == len(dense.proposals)  # a pair scoring 0 is still proposed
    assert result.unmatched.keys() == {p.id for p in prisoners} - {
        proposal.prisoner_id for proposal in result.proposals
    }
    assert result == again  # deterministic: the same pool gives the same proposals


def test_a_pool_too_tight_for_the_first_candidates_takes_more_rounds_and_stays_exact():
    """Every prisoner prefers the same godparent (shared language), who has one slot: the first
    round's single candidate each cannot be the answer; the proof adds the pairs needed."""
    star = GodparentData(id=1, slots=1, country="", discreet=True, languages=frozenset({"be"}))
    others = [GodparentData(id=2 + n, slots=2, country="", discreet=True) for n in range(4)]
    prisoners = [
        PrisonerData(id=100 + n, public=True, languages=frozenset({"be"}), remaining_months=n)
        for n in range(8)
    ]

    result = assign([star, *others], prisoners, weights=Weights(), candidates=1, per_slot=0)

    assert result.rounds > 1
    assert len(result.proposals) == 8
    star_pairs = [p.prisoner_id for p in result.proposals if p.godparent_id == 1]
    assert len(star_pairs) == 1
    dense = assign_dense([star, *others], prisoners, weights=Weights())
    assert math.isclose(result.total, dense.total, abs_tol=1e-9)


def test_nobody_on_one_side_means_no_proposal():
    godparent = GodparentData(id=1, slots=2, country="DE", discreet=True)
    prisoner = PrisonerData(id=10, public=True)
    no_slot = GodparentData(id=2, slots=0, country="DE", discreet=True)

    assert assign([], [prisoner], weights=Weights()).unmatched == {
        10: Unmatched.NO_COMPATIBLE_GODPARENT
    }
    assert assign([no_slot], [prisoner], weights=Weights()).unmatched == {
        10: Unmatched.NO_COMPATIBLE_GODPARENT
    }
    empty = assign([godparent], [], weights=Weights())
    assert empty.proposals == []
    assert empty.unmatched == {}


def test_unmatched_prisoners_say_why():
    discreet = GodparentData(id=1, slots=1, country="DE", discreet=True)
    open_ = GodparentData(id=2, slots=1, country="LT", discreet=False)
    hidden = PrisonerData(id=10, public=False)
    needy = PrisonerData(id=11, public=True, health_at_risk=True)
    also = PrisonerData(id=12, public=True)
    covered = PrisonerData(id=13, public=True, godparents=3)

    result = assign(
        [open_],
        [hidden, needy, covered],
        weights=Weights(),
        threshold=2.5,
    )
    assert result.unmatched == {
        10: Unmatched.NO_COMPATIBLE_GODPARENT,
        13: Unmatched.BELOW_THRESHOLD,
    }
    result = assign([discreet], [needy, also], weights=Weights(), threshold=0)
    assert [p.prisoner_id for p in result.proposals] == [11]  # health at risk comes first
    assert result.unmatched == {12: Unmatched.NOT_ENOUGH_SLOTS}


def test_the_explanation_names_each_factor_and_its_reasons():
    godparent = GodparentData(
        id=1, slots=1, country="DE", discreet=False, languages=frozenset({"ru"}),
        regions=frozenset({"minsk"}),
    )  # fmt: skip
    prisoner = PrisonerData(
        id=2, public=True, incommunicado=True, languages=frozenset({"ru", "be"}), region="minsk",
        godparent_countries=frozenset({"LT"}),
    )  # fmt: skip

    breakdown = score_pair(godparent, prisoner, Weights()).as_dict()

    factors = breakdown["factors"]
    assert factors["coverage"]["reasons"] == ["no_godparent"]
    assert factors["urgency"]["reasons"] == ["incommunicado"]
    assert factors["affinity"]["reasons"] == ["language", "region"]
    assert factors["diversity"]["reasons"] == ["new_country"]
    assert breakdown["total"] == pytest.approx(
        sum(factor["contribution"] for factor in factors.values()), abs=1e-3
    )
