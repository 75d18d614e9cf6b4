"""The pure rules of self-assessment, evaluation and the LMS import's dates, with
hand-written expected values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from wandel.enablement.assessment.rules import (
    answers_valid,
    assessment_phase,
    evaluation_results,
    may_evaluate,
    topic_averages,
)
from wandel.enablement.lms import parse_date

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
END = START + timedelta(hours=2)
CLOSED = END + timedelta(days=14)


@pytest.mark.parametrize(
    ("now", "status", "attended", "phase"),
    [
        (START - timedelta(minutes=1), "enrolled", None, "before"),
        (START - timedelta(minutes=1), "waiting", None, "before"),
        (START - timedelta(minutes=1), "cancelled", None, None),
        (START, "enrolled", None, None),
        (END, "enrolled", False, None),
        (END, "enrolled", True, "after"),
        (CLOSED + timedelta(days=300), "enrolled", True, "after"),
        (END, "waiting", True, None),
    ],
)
def test_the_phase_of_a_self_assessment(now, status, attended, phase):
    assert assessment_phase(starts_at=START, status=status, attended=attended, now=now) == phase


@pytest.mark.parametrize(
    ("now", "attended", "evaluated", "may"),
    [
        (END - timedelta(seconds=1), True, False, False),
        (END, True, False, True),
        (CLOSED - timedelta(seconds=1), True, False, True),
        (CLOSED, True, False, False),
        (END, False, False, False),
        (END, None, False, False),
        (END, True, True, False),
    ],
)
def test_who_may_evaluate_and_when(now, attended, evaluated, may):
    assert may_evaluate(ends_at=END, attended=attended, evaluated=evaluated, now=now) is may


def test_an_evaluation_needs_an_answer_to_every_question():
    full = {"overall": "3", "useful": "3", "pace": "right", "recommend": "no"}
    assert answers_valid(full) == []
    assert answers_valid({**full, "overall": "6"}) == ["overall"]
    assert answers_valid({"pace": "slow"}) == ["overall", "useful", "pace", "recommend"]


def counts(overall: dict[str, int]) -> dict[tuple[str, str], int]:
    total = sum(overall.values())
    return {
        **{("overall", a): c for a, c in overall.items()},
        ("useful", "4"): total,
        ("pace", "right"): total - 1,
        ("pace", "too_slow"): 1,
        ("recommend", "yes"): total,
    }


def test_four_evaluations_show_nothing_but_their_number():
    results = evaluation_results(counts({"5": 4}), ends_at=END, now=CLOSED, k=5)

    assert (results.evaluations, results.shown, results.questions) == (4, False, [])


def test_five_evaluations_show_nothing_while_the_window_is_open():
    results = evaluation_results(
        counts({"5": 3, "1": 2}), ends_at=END, now=CLOSED - timedelta(seconds=1), k=5
    )

    assert (results.evaluations, results.enough, results.shown) == (5, True, False)
    assert results.questions == []


def test_five_evaluations_after_the_window_show_counts_shares_and_averages():
    results = evaluation_results(counts({"5": 3, "1": 2}), ends_at=END, now=CLOSED, k=5)

    assert results.shown
    overall, useful, pace, recommend = results.questions
    assert [(s.answer, s.count, s.percent) for s in overall.answers] == [
        ("1", 2, 40),
        ("2", 0, 0),
        ("3", 0, 0),
        ("4", 0, 0),
        ("5", 3, 60),
    ]
    assert overall.average == 3.4  # (2 × 1 + 3 × 5) / 5
    assert useful.average == 4.0
    assert [(s.answer, s.count) for s in pace.answers] == [
        ("too_slow", 1),
        ("right", 4),
        ("too_fast", 0),
    ]
    assert pace.average is None
    assert [(s.answer, s.percent) for s in recommend.answers] == [("yes", 100), ("no", 0)]


def test_averages_of_fewer_than_five_people_are_withheld():
    rows = topic_averages(
        [("prompting", "Prompting"), ("retrieval", "Retrieval")],
        {
            ("prompting", "before"): (11, 5, 5),
            ("prompting", "after"): (16, 4, 4),
            ("retrieval", "before"): (21, 6, 5),
        },
        k=5,
    )

    assert [(r.topic, r.before, r.before_people, r.after, r.after_people) for r in rows] == [
        ("prompting", 2.2, 5, None, 4),
        ("retrieval", 3.5, 5, None, 0),
    ]


def test_the_results_say_when_the_evaluation_closes_whether_shown_or_not():
    closes = datetime(2026, 5, 18, 11, 0, tzinfo=UTC)  # 14 days after the session's end

    hidden = evaluation_results(counts({"5": 2}), ends_at=END, now=END, k=5)
    shown = evaluation_results(counts({"4": 5}), ends_at=END, now=CLOSED, k=5)

    assert (hidden.closes, shown.closes) == (closes, closes)


def test_a_higher_minimum_group_withholds_what_five_would_show():
    six = evaluation_results(counts({"5": 4, "2": 2}), ends_at=END, now=CLOSED, k=7)
    seven = evaluation_results(counts({"5": 5, "2": 2}), ends_at=END, now=CLOSED, k=7)

    assert (six.evaluations, six.enough, six.shown, six.questions, six.minimum) == (
        6,
        False,
        False,
        [],
        7,
    )
    assert (seven.enough, seven.shown, seven.minimum) == (True, True, 7)
    assert seven.questions[0].average == 4.1  # (25 + 4) / 7 = 4.14…


def test_topic_averages_withhold_below_the_minimum_group_passed_in():
    rows = topic_averages(
        [("prompting", "Prompting")],
        {("prompting", "before"): (12, 6, 6), ("prompting", "after"): (21, 7, 7)},
        k=7,
    )

    assert [(r.before, r.before_people, r.after, r.after_people) for r in rows] == [
        (None, 6, 3.0, 7)
    ]


def test_results_carry_the_question_and_answer_words_and_averages_to_one_decimal():
    results = evaluation_results(counts({"5": 1, "4": 4, "3": 1}), ends_at=END, now=CLOSED, k=5)

    overall = results.questions[0]
    assert (overall.question, overall.label) == ("overall", "Overall, how good was the session?")
    assert [share.label for share in overall.answers] == [
        "1 – poor",
        "2",
        "3",
        "4",
        "5 – excellent",
    ]
    assert overall.average == 4.0  # (5 + 16 + 3) / 6
    skewed = evaluation_results(counts({"5": 1, "4": 2, "3": 3}), ends_at=END, now=CLOSED, k=5)
    assert skewed.questions[0].average == 3.7  # 22 / 6 = 3.666…


def test_topic_averages_keep_their_label_and_show_after_from_five_people_to_one_decimal():
    rows = topic_averages(
        [("prompting", "Prompting")],
        {("prompting", "before"): (13, 6, 6), ("prompting", "after"): (23, 6, 5)},
        k=5,
    )

    assert [(r.label, r.before, r.after, r.after_people) for r in rows] == [
        ("Prompting", 2.2, 3.8, 5)  # 13 / 6 = 2.166…, 23 / 6 = 3.833…
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("2026-03-31T14:05:00", date(2026, 3, 31)),
        ("31.03.2026", date(2026, 3, 31)),
        ("1.2.2026", date(2026, 2, 1)),
        ("31/03/2026", None),
        ("2026-02-30", None),
        ("30.02.2026", None),
        ("03/31/2026", None),
        ("yesterday", None),
    ],
)
def test_dates_of_an_lms_export(text, day):
    assert parse_date(text) == day
