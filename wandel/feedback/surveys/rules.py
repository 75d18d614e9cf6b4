"""Pure rules of surveys, without the database: the ADKAR barrier point, the range of each
scale, and the check of one respondent's answers against the questions (required ones
answered, values within their scale or among their options)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from wandel.feedback.surveys.models import QuestionKind

__all__ = [
    "ADKAR_BARRIER_AT_MOST",
    "ADKAR_KEYS",
    "ANSWER_REQUIRED",
    "NOT_A_CHOICE",
    "OUT_OF_SCALE",
    "SCALES",
    "TEXT_TOO_LONG",
    "Checked",
    "QuestionRule",
    "adkar_barrier",
    "answers_check",
]

ADKAR_KEYS = ("awareness", "desire", "knowledge", "ability", "reinforcement")
# A stage scored this or lower (on the five-point scale) holds the change back.
ADKAR_BARRIER_AT_MOST = 3

# The lowest and highest value of each scale.
SCALES: dict[str, tuple[int, int]] = {
    QuestionKind.LIKERT5: (1, 5),
    QuestionKind.LIKERT7: (1, 7),
    QuestionKind.NPS: (0, 10),
}
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000

ANSWER_REQUIRED = _("Please answer this question.")
OUT_OF_SCALE = _("Choose a value from %(low)d to %(high)d.")
NOT_A_CHOICE = _("Choose one of the options given.")
TEXT_TOO_LONG = _("Keep it to %(max)d characters.")


def adkar_barrier(score: float) -> bool:
    """Whether an ADKAR stage scored ``score`` (1–5) is a barrier point: 3 or lower."""
    return score <= ADKAR_BARRIER_AT_MOST


@dataclass(frozen=True)
class QuestionRule:
    """What the check needs of a question."""

    key: str
    kind: str
    required: bool
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Checked:
    """Answers as stored (number, list of choices or text per key; unanswered optional
    questions left out) and the problems by key."""

    values: dict[str, int | list[str] | str]
    errors: dict[str, list[str]]


def answers_check(questions: Sequence[QuestionRule], raw: Mapping[str, Any]) -> Checked:
    """Check ``raw`` (question key → what was sent: a number or its text, a choice, a list
    of choices, a text) against ``questions``; keys of no question are ignored."""
    values: dict[str, int | list[str] | str] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        given = raw.get(question.key)
        try:
            value = _one(question, given)
        except ValueError as problem:
            errors[question.key] = [str(problem.args[0])]
            continue
        if value is None or value in ("", []):
            if question.required:
                errors[question.key] = [str(ANSWER_REQUIRED)]
            continue
        values[question.key] = value
    return Checked(values, errors)


def _one(question: QuestionRule, given: Any) -> int | list[str] | str | None:
    if question.kind in SCALES:
        if given is None or (isinstance(given, str) and not given.strip()):
            return None
        low, high = SCALES[question.kind]
        try:
            number = int(given) if not isinstance(given, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            raise ValueError(OUT_OF_SCALE % {"low": low, "high": high})
        return number
    if question.kind == QuestionKind.SINGLE:
        if given in (None, ""):
            return None
        if not isinstance(given, str) or given not in question.options:
            raise ValueError(NOT_A_CHOICE)
        return given
    if question.kind == QuestionKind.MULTIPLE:
        chosen = [given] if isinstance(given, str) else list(given or [])
        if any(not isinstance(c, str) or c not in question.options for c in chosen):
            raise ValueError(NOT_A_CHOICE)
        # In the order of the options, each once.
        return [option for option in question.options if option in chosen]
    text = given.strip() if isinstance(given, str) else ""
    limit = SHORT_TEXT_MAX if question.kind == QuestionKind.SHORT_TEXT else LONG_TEXT_MAX
    if len(text) > limit:
        raise ValueError(TEXT_TOO_LONG % {"max": limit})
    return text
