"""The box's answer KPI, with values worked out by hand."""

from __future__ import annotations

from datetime import date as D

from wandel.feedback.box.rules import AnswerKpi, Posted, answer_kpi, days_to_answer

TODAY = D(2026, 12, 7)


def kpi(*items: Posted) -> AnswerKpi:
    return answer_kpi(items, today=TODAY, promised_days=10, window_days=90)


def test_days_to_answer_counts_calendar_days():
    assert days_to_answer(Posted(D(2026, 11, 28), D(2026, 12, 7))) == 9
    assert days_to_answer(Posted(D(2026, 12, 7), D(2026, 12, 7))) == 0
    assert days_to_answer(Posted(D(2026, 12, 1), None)) is None


def test_nothing_posted_gives_no_figures():
    result = kpi()

    assert result.median_days is None
    assert result.within_share is None
    assert result.within_percent is None
    assert (result.answered, result.overdue) == (0, 0)


def test_the_median_of_an_odd_number_of_answers_is_the_middle_one():
    result = kpi(
        Posted(D(2026, 11, 1), D(2026, 11, 3)),  # 2 days
        Posted(D(2026, 11, 1), D(2026, 11, 6)),  # 5 days
        Posted(D(2026, 11, 1), D(2026, 11, 21)),  # 20 days
    )

    assert result.median_days == 5.0
    # Two of three within ten days.
    assert result.within_percent == 67


def test_the_median_of_an_even_number_of_answers_lies_between_the_middle_two():
    result = kpi(
        Posted(D(2026, 11, 1), D(2026, 11, 2)),  # 1 day
        Posted(D(2026, 11, 1), D(2026, 11, 4)),  # 3 days
        Posted(D(2026, 11, 1), D(2026, 11, 5)),  # 4 days
        Posted(D(2026, 11, 1), D(2026, 11, 11)),  # 10 days: still within the promise
    )

    assert result.median_days == 3.5
    assert result.within_share == 1.0


def test_an_item_waiting_past_the_promise_counts_as_missed_and_a_young_one_not_yet():
    result = kpi(
        Posted(D(2026, 11, 20), D(2026, 11, 22)),  # answered in 2 days
        Posted(D(2026, 11, 20), None),  # waiting 17 days: overdue
        Posted(D(2026, 12, 1), None),  # waiting 6 days: still within the promise
    )

    assert result.answered == 1
    assert result.overdue == 1
    assert result.within_share == 0.5
    assert result.median_days == 2.0


def test_items_posted_before_the_window_are_left_out():
    result = kpi(
        Posted(D(2026, 9, 7), D(2026, 10, 7)),  # 91 days ago: outside
        Posted(D(2026, 9, 8), D(2026, 9, 9)),  # 90 days ago: inside, 1 day
    )

    assert result.answered == 1
    assert result.median_days == 1.0
    assert result.within_percent == 100
