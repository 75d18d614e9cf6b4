"""The shipped templates and the pure rules: the ADKAR barrier and the check of answers."""

from __future__ import annotations

import pytest

from wandel.feedback.surveys.catalogue import templates
from wandel.feedback.surveys.rules import (
    ANSWER_REQUIRED,
    NOT_A_CHOICE,
    QuestionRule,
    adkar_barrier,
    answers_check,
)


def test_three_templates_ship_each_in_german_and_english():
    found = templates()
    assert sorted(found) == ["adkar", "pulse_genai", "training_evaluation"]
    for spec in found.values():
        assert spec.title_en
        assert spec.title_de
        assert spec.title_en != spec.title_de
        for question in spec.questions:
            assert question.text_en.strip()
            assert question.text_de.strip()
            for option in question.options:
                assert option["en"]
                assert option["de"]


def test_the_adkar_template_asks_the_five_stages_on_a_five_point_scale():
    spec = templates()["adkar"]
    assert [q.key for q in spec.questions] == [
        "awareness",
        "desire",
        "knowledge",
        "ability",
        "reinforcement",
    ]
    assert {q.kind for q in spec.questions} == {"likert5"}
    assert all(q.required for q in spec.questions)


def test_the_pulse_has_likert_questions_one_nps_and_an_optional_long_text():
    questions = {q.key: q for q in templates()["pulse_genai"].questions}
    assert [questions[k].kind for k in ("trust", "usefulness", "workload", "worries")] == [
        "likert5"
    ] * 4
    assert [q.key for q in questions.values() if q.kind == "nps"] == ["recommend"]
    assert questions["comment"].kind == "long_text"
    assert questions["comment"].required is False


@pytest.mark.parametrize(
    ("score", "barrier"),
    [(1, True), (2, True), (3, True), (3.0, True), (3.4, False), (4, False), (5, False)],
)
def test_a_score_of_three_or_lower_is_a_barrier_point(score, barrier):
    assert adkar_barrier(score) is barrier


QUESTIONS = [
    QuestionRule("trust", "likert5", True),
    QuestionRule("recommend", "nps", True),
    QuestionRule("pace", "single", True, ("slow", "right", "fast")),
    QuestionRule("topics", "multiple", False, ("prompting", "retrieval")),
    QuestionRule("comment", "long_text", False),
]


def test_valid_answers_are_kept_as_numbers_choices_and_text():
    checked = answers_check(
        QUESTIONS,
        {
            "trust": "4",
            "recommend": 0,
            "pace": "right",
            "topics": ["retrieval", "prompting", "retrieval"],
            "comment": "  fine  ",
            "unknown": "ignored",
        },
    )
    assert checked.errors == {}
    assert checked.values == {
        "trust": 4,
        "recommend": 0,
        "pace": "right",
        "topics": ["prompting", "retrieval"],
        "comment": "fine",
    }


def test_optional_questions_may_be_left_out_and_required_ones_may_not():
    checked = answers_check(QUESTIONS, {"trust": "", "pace": "right", "recommend": 10})
    assert checked.errors == {"trust": [str(ANSWER_REQUIRED)]}
    assert checked.values == {"pace": "right", "recommend": 10}


def test_values_outside_the_scale_or_the_options_are_refused_by_question():
    checked = answers_check(
        QUESTIONS, {"trust": 6, "recommend": 11, "pace": "never", "topics": ["x"]}
    )
    assert checked.errors == {
        "trust": ["Choose a value from 1 to 5."],
        "recommend": ["Choose a value from 0 to 10."],
        "pace": [str(NOT_A_CHOICE)],
        "topics": [str(NOT_A_CHOICE)],
    }
