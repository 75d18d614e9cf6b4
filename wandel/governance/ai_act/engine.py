"""The classification as a pure function: questionnaire + answers → what was asked, what is
still open, the risk class, the obligations with the dates they apply from, and the facts the
gates use. No database access here.

Questions are asked in the file's order. Whether one is asked depends only on the answers to
the questions before it (the loader makes sure of that), so answers to questions that were
not asked are ignored, whatever they say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.governance.ai_act.questionnaire import (
    DECIDED_CLASSES,
    EMPLOYEE_IMPACT,
    Condition,
    Obligation,
    Question,
    Questionnaire,
)
from wandel.governance.facts import RiskClass

UNANSWERED = _("Answer this question.")
ONE_ANSWER_ONLY = _("Choose one answer only.")
NOT_AN_ANSWER = _("“%(answer)s” is not one of the answers to this question.")
NOT_COMBINABLE = _("“%(answer)s” cannot be combined with other answers.")
RATIONALE_REQUIRED = _("Give a short rationale for this answer.")

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class DueObligation:
    obligation: Obligation
    applies_from: date

    @property
    def id(self) -> str:
        return self.obligation.id


@dataclass(frozen=True)
class Outcome:
    asked: tuple[Question, ...]
    # Only the questions that were asked and answered, as tuples of option ids.
    answers: Mapping[str, tuple[str, ...]]
    problems: Mapping[str, str | Promise]
    facts: frozenset[str]
    risk_class: RiskClass
    obligations: tuple[DueObligation, ...]

    @property
    def complete(self) -> bool:
        return not self.problems

    @property
    def employee_impact(self) -> bool:
        return EMPLOYEE_IMPACT in self.facts

    @property
    def obligation_ids(self) -> list[str]:
        return [due.id for due in self.obligations]

    def stored_answers(self) -> dict[str, str | list[str]]:
        """The answers as a classification stores them: one id, or a list for questions
        with several answers."""
        kinds = {q.id: q.multiple for q in self.asked}
        return {
            question_id: list(chosen) if kinds[question_id] else chosen[0]
            for question_id, chosen in self.answers.items()
        }


@dataclass
class _State:
    questionnaire: Questionnaire
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facts: set[str] = field(default_factory=set)
    risk_class: str | None = None


def evaluate(questionnaire: Questionnaire, answers: Answers) -> Outcome:
    """Walk the questionnaire with these answers (``{question id: option id or ids}``)."""
    state = _State(questionnaire)
    asked: list[Question] = []
    problems: dict[str, str | Promise] = {}
    for question in questionnaire.questions:
        if question.ask_if is not None and not holds(question.ask_if, state):
            continue
        asked.append(question)
        chosen, problem = _read(question, answers.get(question.id))
        if problem is not None:
            problems[question.id] = problem
            continue
        if not chosen:
            if question.required:
                problems[question.id] = UNANSWERED
            continue
        state.answers[question.id] = chosen
        for option_id in chosen:
            option = question.option(option_id)
            assert option is not None
            state.facts |= option.facts
    state.risk_class = risk_class(questionnaire, state)
    obligations = tuple(
        DueObligation(obligation, applies_from(obligation, state))
        for obligation in questionnaire.obligations
        if holds(obligation.when, state)
    )
    return Outcome(
        asked=tuple(asked),
        answers=dict(state.answers),
        problems=problems,
        facts=frozenset(state.facts),
        risk_class=RiskClass(state.risk_class),
        obligations=obligations,
    )


def rationale_problems(outcome: Outcome, rationales: Mapping[str, Any]) -> dict[str, Promise]:
    """Every answered question needs a short reason, in the classifier's words."""
    return {
        question_id: RATIONALE_REQUIRED
        for question_id in outcome.answers
        if not isinstance(rationales.get(question_id), str) or not rationales[question_id].strip()
    }


def risk_class(questionnaire: Questionnaire, state: _State) -> RiskClass:
    for candidate in DECIDED_CLASSES:
        if holds(questionnaire.risk_classes[candidate], state):
            return candidate
    return RiskClass.MINIMAL


def applies_from(obligation: Obligation, state: _State) -> date:
    for rule in obligation.applies_from:
        if rule.when is None or holds(rule.when, state):
            return rule.date
    return obligation.default_date


def holds(condition: Condition, state: _State) -> bool:
    if isinstance(condition, bool):
        return condition
    if "answer" in condition:
        chosen = state.answers.get(condition["answer"], ())
        return any(option_id in condition["in"] for option_id in chosen)
    ((key, operand),) = condition.items()
    if key == "fact":
        return operand in state.facts
    if key == "all":
        return all(holds(item, state) for item in operand)
    if key == "any":
        return any(holds(item, state) for item in operand)
    if key == "not":
        return not holds(operand, state)
    if key == "condition":
        return holds(state.questionnaire.conditions[operand], state)
    if key == "class":
        return state.risk_class in operand
    raise ValueError(f"not a condition: {condition!r}")


def _read(question: Question, raw: Any) -> tuple[tuple[str, ...], str | Promise | None]:
    """The option ids given for ``question``, or why they cannot be taken."""
    if raw is None or raw == "" or raw == []:
        return (), None
    if isinstance(raw, str):
        given = [raw]
    elif isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        given = list(dict.fromkeys(raw))
    else:
        return (), NOT_AN_ANSWER % {"answer": raw}
    for option_id in given:
        if question.option(option_id) is None:
            return (), NOT_AN_ANSWER % {"answer": option_id}
    if not question.multiple and len(given) > 1:
        return (), ONE_ANSWER_ONLY
    if len(given) > 1:
        for option_id in given:
            option = question.option(option_id)
            if option is not None and option.exclusive:
                return (), NOT_COMBINABLE % {"answer": option.label}
    # In the file's order, so equal answers are stored alike.
    order = [o.id for o in question.options]
    return tuple(sorted(given, key=order.index)), None
