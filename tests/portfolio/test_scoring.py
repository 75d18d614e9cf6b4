"""The weighted score: weights, missing scores, the veto, and the matrix quadrants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wandel.portfolio.use_cases.scoring import (
    FEASIBILITY,
    RISK,
    VALUE,
    CriterionSpec,
    Quadrant,
    quadrant,
    score_use_case,
)

D = Decimal
CRITERIA = [
    CriterionSpec(1, VALUE, D(3)),
    CriterionSpec(2, VALUE, D(1)),
    CriterionSpec(3, FEASIBILITY, D(2)),
    CriterionSpec(4, RISK, D(2)),
    CriterionSpec(5, RISK, D(0), veto_at=5),
]


def test_all_best_scores_give_100_and_all_worst_give_0():
    best = score_use_case(CRITERIA, {1: 5, 2: 5, 3: 5, 4: 1, 5: 1})
    worst = score_use_case(CRITERIA, {1: 1, 2: 1, 3: 1, 4: 5, 5: 4})
    assert best.total == D("100.0")
    assert worst.total == D("0.0")


def test_group_scores_are_weighted_means_on_the_1_to_5_scale():
    result = score_use_case(CRITERIA, {1: 5, 2: 1, 3: 4, 4: 2})
    assert result.value == D("4.00")  # (5*3 + 1*1) / 4
    assert result.feasibility == D("4.00")
    assert result.risk == D("2.00")


def test_the_total_weighs_every_criterion_and_inverts_risk():
    # goodness: c1 (5-1)/4=1 w3, c2 0 w1, c3 (4-1)/4=.75 w2, c4 (5-2)/4=.75 w2 -> 6/8
    result = score_use_case(CRITERIA, {1: 5, 2: 1, 3: 4, 4: 2})
    assert result.total == D("75.0")


def test_missing_scores_are_left_out_not_counted_as_zero():
    partial = score_use_case(CRITERIA, {1: 5})
    assert partial.total == D("100.0")
    assert partial.feasibility is None
    assert partial.risk is None
    assert (partial.scored, partial.criteria, partial.complete) == (1, 5, False)


def test_no_scores_at_all_give_no_total():
    result = score_use_case(CRITERIA, {})
    assert result.total is None
    assert result.value is None
    assert not result.vetoed


def test_changing_a_weight_changes_the_ranking_without_new_scores():
    scores_a = {1: 5, 3: 2}  # high value, hard to do
    scores_b = {1: 2, 3: 5}  # low value, easy
    value_heavy = [CriterionSpec(1, VALUE, D(5)), CriterionSpec(3, FEASIBILITY, D(1))]
    feasibility_heavy = [CriterionSpec(1, VALUE, D(1)), CriterionSpec(3, FEASIBILITY, D(5))]
    assert score_use_case(value_heavy, scores_a).total > score_use_case(value_heavy, scores_b).total
    assert (
        score_use_case(feasibility_heavy, scores_a).total
        < score_use_case(feasibility_heavy, scores_b).total
    )


def test_a_zero_weight_criterion_does_not_count_in_the_total():
    with_zero = score_use_case(CRITERIA, {1: 5, 5: 3})
    assert with_zero.total == D("100.0")


def test_all_weights_zero_give_no_total():
    zero = [CriterionSpec(1, VALUE, D(0))]
    assert score_use_case(zero, {1: 5}).total is None


def test_the_veto_blocks_whatever_the_total():
    result = score_use_case(CRITERIA, {1: 5, 2: 5, 3: 5, 4: 1, 5: 5})
    assert result.total == D("100.0")
    assert result.vetoed
    assert result.vetoed_by == (5,)


def test_a_score_below_the_veto_threshold_does_not_veto():
    assert not score_use_case(CRITERIA, {5: 4}).vetoed


def test_a_veto_on_a_weighted_criterion_also_blocks():
    criteria = [CriterionSpec(1, VALUE, D(1)), CriterionSpec(2, RISK, D(10), veto_at=4)]
    assert score_use_case(criteria, {1: 5, 2: 4}).vetoed


def test_scores_for_criteria_not_passed_in_are_ignored():
    result = score_use_case(CRITERIA[:1], {1: 5, 99: 1})
    assert (result.total, result.scored) == (D("100.0"), 1)


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_a_score_outside_1_to_5_is_an_error(bad):
    with pytest.raises(ValueError, match="between 1 and 5"):
        score_use_case(CRITERIA, {1: bad})


def test_rounding_is_half_up_to_one_decimal():
    criteria = [CriterionSpec(1, VALUE, D(1)), CriterionSpec(2, VALUE, D(2))]
    # goodness (1*1 + 0.25*2)/3 = 0.5 -> 50.0; (0.75*1 + 0*2)/3 = 0.25 -> 25.0
    assert score_use_case(criteria, {1: 5, 2: 2}).total == D("50.0")
    three = [CriterionSpec(i, VALUE, D(1)) for i in (1, 2, 3)]
    assert score_use_case(three, {1: 5, 2: 1, 3: 1}).total == D("33.3")
    assert score_use_case(three, {1: 5, 2: 5, 3: 1}).total == D("66.7")
    # A tie on an even digit: (0.5*1 + 0*7)/8 = 0.0625 -> 6.25 -> 6.3 (half-even would give 6.2)
    lopsided = [CriterionSpec(1, VALUE, D(1)), CriterionSpec(2, VALUE, D(7))]
    assert score_use_case(lopsided, {1: 3, 2: 1}).total == D("6.3")
    # Sub-scores to two decimals: (3*1 + 2*7)/8 = 2.125 -> 2.13 (half-even: 2.12)
    assert score_use_case(lopsided, {1: 3, 2: 2}).value == D("2.13")


@given(
    st.dictionaries(st.sampled_from([1, 2, 3, 4, 5]), st.integers(min_value=1, max_value=5)),
    st.lists(st.integers(min_value=0, max_value=10), min_size=5, max_size=5),
)
def test_the_total_always_lies_between_0_and_100(scores, weights):
    criteria = [
        CriterionSpec(spec.id, spec.group, D(weight), spec.veto_at)
        for spec, weight in zip(CRITERIA, weights, strict=True)
    ]
    result = score_use_case(criteria, scores)
    if result.total is not None:
        assert D(0) <= result.total <= D(100)
    for sub in (result.value, result.feasibility, result.risk):
        if sub is not None:
            assert D(1) <= sub <= D(5)


@given(st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=5))
def test_a_better_value_score_never_lowers_the_total(value, other):
    lower = score_use_case(CRITERIA, {1: value, 3: other})
    higher = score_use_case(CRITERIA, {1: value + 1, 3: other})
    assert higher.total >= lower.total


@given(st.integers(min_value=1, max_value=4))
def test_more_risk_never_raises_the_total(risk):
    assert (
        score_use_case(CRITERIA, {1: 3, 4: risk + 1}).total
        <= score_use_case(CRITERIA, {1: 3, 4: risk}).total
    )


@pytest.mark.parametrize(
    ("value", "feasibility", "expected"),
    [
        ("4.5", "4.0", Quadrant.QUICK_WIN),
        ("3.0", "3.0", Quadrant.QUICK_WIN),
        ("4.0", "2.99", Quadrant.STRATEGIC_BET),
        ("2.0", "4.0", Quadrant.FILL_IN),
        ("1.5", "1.0", Quadrant.RECONSIDER),
    ],
)
def test_matrix_quadrants(value, feasibility, expected):
    assert quadrant(value=D(value), feasibility=D(feasibility)) == expected


def test_no_quadrant_until_both_axes_are_scored():
    assert quadrant(value=D(4), feasibility=None) is None
