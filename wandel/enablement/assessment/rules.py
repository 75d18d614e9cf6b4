"""The rules of self-assessment and evaluation as plain functions: the scales, the questions,
when a person may answer, and which results may be shown (minimum group, window closed).
No database access, so that each rule can be tested with small cases: the minimum group
``k`` is passed in, and the pages pass the organisation's floor (``core.queries
.anonymity_floor``), the same as every survey's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.enablement.assessment.models import EvaluationQuestion, Phase

# Attendees may evaluate a session for this many days after it ended. Its results are shown
# only once this window has closed: were they shown while evaluations still come in, a
# trainer could compare the figures before and after one more evaluation and, knowing who
# attended, work out what one person answered.
EVALUATION_DAYS = 14

LEVELS: tuple[tuple[int, Promise], ...] = (
    (1, _("1 – new to me")),
    (2, _("2 – I know what it is")),
    (3, _("3 – I can do it with help")),
    (4, _("4 – I can do it on my own")),
    (5, _("5 – I could show others")),
)

SCALE: tuple[tuple[str, Promise], ...] = (
    ("1", _("1 – poor")),
    ("2", _("2")),
    ("3", _("3")),
    ("4", _("4")),
    ("5", _("5 – excellent")),
)
PACE: tuple[tuple[str, Promise], ...] = (
    ("too_slow", _("too slow")),
    ("right", _("just right")),
    ("too_fast", _("too fast")),
)
YES_NO: tuple[tuple[str, Promise], ...] = (("yes", _("yes")), ("no", _("no")))

# Each question with its answers, in the order the form and the results show them.
ANSWERS: dict[str, tuple[tuple[str, Promise], ...]] = {
    EvaluationQuestion.OVERALL: SCALE,
    EvaluationQuestion.USEFUL: SCALE,
    EvaluationQuestion.PACE: PACE,
    EvaluationQuestion.RECOMMEND: YES_NO,
}
# Questions whose answers are numbers, with an average.
SCALED = frozenset({EvaluationQuestion.OVERALL, EvaluationQuestion.USEFUL})


def assessment_phase(
    *, starts_at: datetime, status: str, attended: bool | None, now: datetime
) -> Phase | None:
    """Which self-assessment an enrolment takes now: *before* until the session starts (for
    a seat or a place on the waiting list), *after* once the person was marked present."""
    if status == "cancelled":
        return None
    if now < starts_at:
        return Phase.BEFORE
    if attended and status == "enrolled":
        return Phase.AFTER
    return None


def evaluation_closes(ends_at: datetime) -> datetime:
    return ends_at + timedelta(days=EVALUATION_DAYS)


def may_evaluate(
    *, ends_at: datetime, attended: bool | None, evaluated: bool, now: datetime
) -> bool:
    """An attendee evaluates once, after the session ended and before the window closes."""
    return bool(attended) and not evaluated and ends_at <= now < evaluation_closes(ends_at)


@dataclass(frozen=True)
class AnswerShare:
    answer: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionResult:
    question: str
    label: str
    answers: list[AnswerShare]
    # The mean of a scaled question (1 to 5), to one decimal; None for the others.
    average: float | None


@dataclass(frozen=True)
class EvaluationResults:
    """What a session's evaluation may show: ``questions`` is empty while ``shown`` is False
    (fewer evaluations than ``minimum``, or the window still open)."""

    evaluations: int
    closes: datetime
    closed: bool
    questions: list[QuestionResult]
    minimum: int

    @property
    def enough(self) -> bool:
        return self.evaluations >= self.minimum

    @property
    def shown(self) -> bool:
        return self.enough and self.closed


def evaluation_results(
    counts: Mapping[tuple[str, str], int], *, ends_at: datetime, now: datetime, k: int
) -> EvaluationResults:
    """The results of one session from its counters ((question, answer) → count), shown
    from ``k`` evaluations on. Every question is required, so each question's counts add up
    to the number of evaluations."""
    evaluations = sum(
        count for (question, _a), count in counts.items() if question == EvaluationQuestion.OVERALL
    )
    closes = evaluation_closes(ends_at)
    closed = now >= closes
    if evaluations < k or not closed:
        return EvaluationResults(evaluations, closes, closed, [], k)
    questions = []
    for question, answers in ANSWERS.items():
        shares = [
            AnswerShare(
                value,
                str(label),
                counts.get((question, value), 0),
                round(100 * counts.get((question, value), 0) / evaluations),
            )
            for value, label in answers
        ]
        average = None
        if question in SCALED:
            total = sum(int(share.answer) * share.count for share in shares)
            average = round(total / evaluations, 1)
        questions.append(
            QuestionResult(question, str(EvaluationQuestion(question).label), shares, average)
        )
    return EvaluationResults(evaluations, closes, closed, questions, k)


def answers_valid(answers: Mapping[str, str]) -> list[str]:
    """The questions not answered with one of their answers."""
    return [
        question
        for question, choices in ANSWERS.items()
        if answers.get(question) not in {value for value, _label in choices}
    ]


@dataclass(frozen=True)
class TopicAverage:
    topic: str
    label: str
    before: float | None
    before_people: int
    after: float | None
    after_people: int


def topic_averages(
    topics: Iterable[tuple[str, str]],
    sums: Mapping[tuple[str, str], tuple[int, int, int]],
    *,
    k: int,
) -> list[TopicAverage]:
    """Average self-assessed level per topic before and after, from (topic, phase) →
    (sum of levels, ratings, people). A figure of fewer than ``k`` people is withheld
    (None); the number of people is shown regardless."""

    def average(topic: str, phase: str) -> tuple[float | None, int]:
        total, ratings, people = sums.get((topic, phase), (0, 0, 0))
        if people < k or not ratings:
            return None, people
        return round(total / ratings, 1), people

    rows = []
    for topic, label in topics:
        before, before_people = average(topic, Phase.BEFORE)
        after, after_people = average(topic, Phase.AFTER)
        rows.append(TopicAverage(topic, label, before, before_people, after, after_people))
    return rows
