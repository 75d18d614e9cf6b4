"""The anonymity rules (``wandel.core.anonymity``) on small tables worked out by hand.

Rows are units (A, B, C, D), columns roles (R, S) or the single column "" of a survey not
broken down by role. An entry is (row, column) with None for "all"."""

from __future__ import annotations

import pytest

from wandel.core.anonymity import (
    TOTAL,
    Refusal,
    Table,
    check_filter,
    comment_threshold,
    comments_shown,
    min_group,
    released,
    shuffled,
    withheld,
)

K = 5


def by_unit(**counts: int) -> Table:
    return Table(tuple(counts), ("",), {(unit, ""): n for unit, n in counts.items()})


def units(*names: str) -> set[tuple[str | None, str | None]]:
    """A unit's cell and its margin: in a table of one column they are the same figure."""
    return {(name, "") for name in names} | {(name, None) for name in names}


def test_a_small_unit_is_withheld_with_the_next_smallest_so_the_total_does_not_reveal_it():
    # Total 23 shown; B (3) alone withheld would be 23 - 12 - 8.
    assert withheld(by_unit(A=12, B=3, C=8), K) == units("B", "C")


def test_two_small_units_together_holding_k_need_no_complement():
    assert withheld(by_unit(A=12, B=3, C=2), K) == units("B", "C")


def test_small_units_holding_fewer_than_k_together_take_another_with_them():
    # B + C = 3 could be worked out from the total; D (9) is the smallest shown.
    assert withheld(by_unit(A=12, B=1, C=2, D=9), K) == units("B", "C", "D")


def test_a_complement_is_the_smallest_unit_and_the_first_among_equals():
    assert withheld(by_unit(A=7, B=2, C=7), K) == units("A", "B")
    assert withheld(by_unit(A=9, B=2, C=7), K) == units("B", "C")


def test_exactly_k_is_shown_and_one_fewer_is_not():
    assert withheld(by_unit(A=5, B=5), K) == set()
    assert withheld(by_unit(A=4, B=5, C=6), K) == units("A", "B")


def test_a_total_below_k_withholds_everything():
    hidden = withheld(by_unit(A=2, B=2), K)
    assert hidden == units("A", "B") | {(None, ""), TOTAL}


def test_a_unit_without_responses_gives_nothing_away_and_needs_no_complement():
    table = Table(("A", "B"), ("",), {("A", ""): 12, ("B", ""): 0})
    assert withheld(table, K) == units("B")


def test_a_group_of_fewer_than_k_people_is_withheld_even_with_k_answers():
    # Through an anonymous link, six people said they belong to A, where four were asked.
    table = Table(
        ("A", "B"),
        ("",),
        {("A", ""): 6, ("B", ""): 9},
        population={("A", ""): 4, ("B", ""): 20},
    )
    # B goes with A, else the total (15) would give A away.
    assert withheld(table, K) == units("A", "B")


def test_people_are_unknown_for_answers_without_a_group():
    # "Prefer not to say" ("-") has no population; its 7 answers are shown.
    table = Table(
        ("A", "-"),
        ("",),
        {("A", ""): 8, ("-", ""): 7},
        population={("A", ""): 10},
    )
    assert table.people(("A", None)) == 10
    assert table.people(("-", None)) is None
    assert table.people(TOTAL) is None
    assert withheld(table, K) == set()


def test_a_cross_table_withholds_along_rows_and_columns():
    #        R   S  | all
    #   A   10   2  |  12
    #   B    7   9  |  16
    #  all  17  11  |  28
    # (A,S) is small; row A takes (A,R) with it, column R then (B,R), column S (B,S);
    # every margin stays, each line's withheld cells holding at least k.
    table = Table(
        ("A", "B"),
        ("R", "S"),
        {("A", "R"): 10, ("A", "S"): 2, ("B", "R"): 7, ("B", "S"): 9},
    )
    assert withheld(table, K) == {("A", "R"), ("A", "S"), ("B", "R"), ("B", "S")}


def test_a_withheld_margin_keeps_one_of_its_cells_withheld():
    #        R   S  | all
    #   A    5  20  |  25
    #   B    3   0  |   3
    #   C    8   6  |  14
    #  all  16  26  |  42
    # B is small. Column R takes (A,R) with (B,R); the units' line takes C's margin with
    # B's. C's cells would add up to its margin, so (C,S) goes too, and row A, left with
    # one withheld cell, gives (A,S).
    table = Table(
        ("A", "B", "C"),
        ("R", "S"),
        {
            ("A", "R"): 5,
            ("A", "S"): 20,
            ("B", "R"): 3,
            ("B", "S"): 0,
            ("C", "R"): 8,
            ("C", "S"): 6,
        },
    )
    assert withheld(table, K) == {
        ("A", "R"),
        ("A", "S"),
        ("B", "R"),
        ("B", "S"),
        ("B", None),
        ("C", "S"),
        ("C", None),
    }


def test_the_pattern_of_a_question_starts_from_that_of_the_responses():
    # Nobody is small by the question's own counts, but B is withheld for the responses.
    table = by_unit(A=12, B=6, C=8)
    assert withheld(table, K, start=units("B")) == units("B", "C")


def test_a_filter_to_a_small_group_and_one_to_a_complement_are_refused_with_their_reason():
    table = by_unit(A=12, B=3, C=8)
    hidden = withheld(table, K)
    with pytest.raises(Refusal) as small:
        check_filter(table, K, hidden, ("B", None))
    assert small.value.reason == Refusal.SMALL
    with pytest.raises(Refusal) as remainder:
        check_filter(table, K, hidden, ("C", None))
    assert remainder.value.reason == Refusal.REMAINDER
    check_filter(table, K, hidden, ("A", None))
    check_filter(table, K, hidden, TOTAL)


def test_a_complement_of_exactly_k_responses_and_people_is_refused_as_a_remainder():
    table = Table(
        ("A", "B", "C"),
        ("",),
        {("A", ""): 12, ("B", ""): 3, ("C", ""): 5},
        population={("A", ""): 20, ("B", ""): 6, ("C", ""): 5},
    )
    hidden = withheld(table, K)
    assert hidden == units("B", "C")
    with pytest.raises(Refusal) as remainder:
        check_filter(table, K, hidden, ("C", None))
    assert remainder.value.reason == Refusal.REMAINDER
    assert str(remainder.value) == "remainder"


def test_a_group_of_exactly_k_people_who_all_answered_is_shown():
    table = Table(
        ("A", "B"),
        ("",),
        {("A", ""): 5, ("B", ""): 10},
        population={("A", ""): 5, ("B", ""): 10},
    )
    assert withheld(table, K) == set()


def test_a_filter_to_a_group_of_few_people_is_refused_as_small():
    table = Table(
        ("A", "B"),
        ("",),
        {("A", ""): 5, ("B", ""): 20},
        population={("A", ""): 4, ("B", ""): 30},
    )
    hidden = withheld(table, K)
    with pytest.raises(Refusal) as small:
        check_filter(table, K, hidden, ("A", None))
    assert small.value.reason == Refusal.SMALL


def test_running_figures_move_only_in_whole_steps_of_k():
    assert released(0, K, closed=False) == 0
    assert released(4, K, closed=False) == 0
    assert released(5, K, closed=False) == 5
    assert released(12, K, closed=False) == 10
    assert released(15, K, closed=False) == 15
    assert released(12, K, closed=True) == 12
    assert released(3, K, closed=True) == 3


def test_a_survey_never_goes_below_the_floor_and_comments_never_below_k():
    assert min_group(3, 5) == 5
    assert min_group(7, 5) == 7
    assert min_group(5, 5) == 5
    assert comment_threshold(3, 5) == 5
    assert comment_threshold(10, 5) == 10
    assert comment_threshold(6, 8) == 8


def test_comments_are_shown_for_the_whole_wave_from_the_threshold_only():
    assert comments_shown(10, 10, TOTAL)
    assert not comments_shown(9, 10, TOTAL)
    assert not comments_shown(50, 10, ("A", None))
    assert not comments_shown(50, 10, (None, "R"))


def test_shuffled_keeps_every_answer_and_changes_their_order():
    answers = [f"answer {n}" for n in range(20)]
    mixed = shuffled(answers, seed=1)
    assert sorted(mixed) == sorted(answers)
    assert mixed != answers
    assert shuffled(answers, seed=1) == mixed
    assert shuffled(answers, seed=2) != mixed
    assert answers == [f"answer {n}" for n in range(20)]


def test_a_cell_withheld_from_the_start_takes_its_margin_of_the_same_figure_with_it():
    # In a table of one column a unit's cell and its margin are one figure.
    assert withheld(by_unit(A=12, B=8), K, start={("B", "")}) == units("A", "B")
