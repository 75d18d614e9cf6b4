"""Conditions: their shape, the named ones, and whether what they refer to exists.

A condition is checked in two steps. Its shape is checked where it stands, collecting what it
refers to (``Refs``); once every question is read, ``check_refs`` checks that those
questions, answers, facts and named conditions exist, and, in a question's ``ask_if``, that
they are known by the time the question is asked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wandel.governance.ai_act.questionnaire import Condition, Question
from wandel.governance.ai_act.validation.checker import IDENTIFIER, Checker, join
from wandel.governance.ai_act.validation.messages import (
    BAD_CONDITION,
    BAD_ID,
    CLASS_NOT_HERE,
    LATER_FACT,
    LATER_QUESTION,
    NOT_LIST,
    NOT_OBJECT,
    NOT_TEXT,
    UNKNOWN_CLASS,
    UNKNOWN_CONDITION,
    UNKNOWN_FACT,
    UNKNOWN_OPTION,
    UNKNOWN_QUESTION,
)
from wandel.governance.facts import RiskClass


# What a condition refers to: answers as (question id, option ids) and facts.
@dataclass
class Refs:
    answers: list[tuple[str, list[str], str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    conditions: list[tuple[str, str]] = field(default_factory=list)


# Each named condition with what it refers to, by name.
Named = Mapping[str, tuple[Condition, Refs]]


def condition(
    checker: Checker, value: Any, path: str, refs: Refs, *, classes: bool = False
) -> None:
    """Check the shape of a condition and collect what it refers to."""
    if isinstance(value, bool):
        return
    if not isinstance(value, dict) or not value:
        checker.problem(BAD_CONDITION, path=path)
        return
    keys = set(value)
    if keys == {"answer", "in"}:
        question = value["answer"]
        options = value["in"]
        if not isinstance(question, str) or not question:
            checker.problem(NOT_TEXT, path=join(path, "answer"))
            return
        if not isinstance(options, list) or not options:
            checker.problem(NOT_LIST, path=join(path, "in"))
            return
        if not all(isinstance(o, str) for o in options):
            checker.problem(NOT_TEXT, path=join(path, "in"))
            return
        refs.answers.append((question, options, path))
        return
    if len(keys) != 1:
        checker.problem(BAD_CONDITION, path=path)
        return
    (key,) = keys
    operand = value[key]
    where = join(path, key)
    if key in ("fact", "condition"):
        if not isinstance(operand, str) or not operand:
            checker.problem(NOT_TEXT, path=where)
            return
        (refs.facts if key == "fact" else refs.conditions).append((operand, where))
    elif key in ("all", "any"):
        for index, item in enumerate(checker.items(operand, where)):
            condition(checker, item, f"{where}[{index}]", refs, classes=classes)
    elif key == "not":
        condition(checker, operand, where, refs, classes=classes)
    elif key == "class":
        if not classes:
            checker.problem(CLASS_NOT_HERE, path=where)
            return
        for index, item in enumerate(checker.items(operand, where)):
            if item not in RiskClass.values:
                checker.problem(
                    UNKNOWN_CLASS,
                    path=f"{where}[{index}]",
                    id=item,
                    classes=", ".join(RiskClass.values),
                )
    else:
        checker.problem(BAD_CONDITION, path=path)


def named_conditions(
    checker: Checker, value: Any
) -> tuple[dict[str, tuple[Condition, Refs]], list[str]]:
    conditions: dict[str, tuple[Condition, Refs]] = {}
    order: list[str] = []
    if not isinstance(value, dict):
        checker.problem(NOT_OBJECT, path="conditions")
        return conditions, order
    for name, raw in value.items():
        where = join("conditions", name)
        if not IDENTIFIER.match(name):
            checker.problem(BAD_ID, path=where)
            continue
        refs = Refs()
        condition(checker, raw, where, refs)
        # A condition may only use conditions defined before it, so none is circular.
        for used, used_where in refs.conditions:
            if used not in conditions:
                checker.problem(UNKNOWN_CONDITION, path=used_where, id=used)
        conditions[name] = (raw, refs)
        order.append(name)
    return conditions, order


def check_refs(
    checker: Checker,
    refs: Refs,
    questions: list[Question],
    setters: dict[str, int],
    conditions: Named,
    *,
    before: int | None,
) -> None:
    """Every question, answer, fact and condition a condition names must exist; in the
    ``ask_if`` of question number ``before``, it must be known by the time it is asked."""
    positions = {q.id: i for i, q in enumerate(questions)}
    for question_id, option_ids, where in refs.answers:
        position = positions.get(question_id)
        if position is None:
            checker.problem(UNKNOWN_QUESTION, path=join(where, "answer"), id=question_id)
            continue
        if before is not None and position >= before:
            checker.problem(LATER_QUESTION, path=join(where, "answer"), id=question_id)
        question = questions[position]
        for index, option_id in enumerate(option_ids):
            if question.option(option_id) is None:
                checker.problem(
                    UNKNOWN_OPTION,
                    path=f"{join(where, 'in')}[{index}]",
                    question=question_id,
                    id=option_id,
                )
    for fact, where in refs.facts:
        if fact not in setters:
            checker.problem(UNKNOWN_FACT, path=where, id=fact)
        elif before is not None and setters[fact] >= before:
            checker.problem(LATER_FACT, path=where, id=fact)
    for name, where in refs.conditions:
        if name not in conditions:
            checker.problem(UNKNOWN_CONDITION, path=where, id=name)
        elif before is not None:
            # A named condition used to decide whether to ask must itself only look back.
            for inner in _expand(name, conditions):
                _check_earlier(checker, inner, positions, setters, before, where)


def _check_earlier(
    checker: Checker,
    refs: Refs,
    positions: Mapping[str, int],
    setters: Mapping[str, int],
    before: int,
    where: str,
) -> None:
    for question_id, _options, _path in refs.answers:
        position = positions.get(question_id)
        if position is not None and position >= before:
            checker.problem(LATER_QUESTION, path=where, id=question_id)
    for fact, _path in refs.facts:
        if fact in setters and setters[fact] >= before:
            checker.problem(LATER_FACT, path=where, id=fact)


def _expand(name: str, conditions: Named) -> Iterator[Refs]:
    """The references of a named condition and of every condition it uses, transitively."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen or current not in conditions:
            continue
        seen.add(current)
        refs = conditions[current][1]
        yield refs
        pending.extend(used for used, _ in refs.conditions)
