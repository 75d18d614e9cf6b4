"""Checking a questionnaire file completely and building the questionnaire from it.

Every problem is collected, not only the first, and named with the file and the JSON path
(``questionnaire.json: questions[3].text.de is missing``). Beyond the shape, the references
are checked: sections, questions, answers, facts and named conditions must exist, and a
question's ``ask_if`` may only look at what is known by the time it is asked.

This module reads the top of the file and puts the parts together; ``checker`` holds the
building blocks (objects, texts, ids, dates), ``questions`` the sections, questions and
answers, ``obligations`` the risk classes and obligations, ``conditions`` the conditions
and what they refer to, ``messages`` what each problem says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wandel.governance.ai_act.questionnaire import (
    FORMAT,
    SHIPPED,
    Questionnaire,
    QuestionnaireError,
)
from wandel.governance.ai_act.validation.checker import Checker
from wandel.governance.ai_act.validation.conditions import check_refs, named_conditions
from wandel.governance.ai_act.validation.messages import (
    BAD_CONDITION,
    BAD_DATE,
    BAD_FORMAT,
    BAD_ID,
    BAD_KIND,
    CLASS_NOT_HERE,
    DUPLICATE_ID,
    EMPTY,
    EMPTY_LIST,
    EXCLUSIVE_IN_SINGLE,
    LAST_DATE_CONDITIONAL,
    LATER_FACT,
    LATER_QUESTION,
    MISSING,
    NOT_BOOL,
    NOT_LIST,
    NOT_OBJECT,
    NOT_TEXT,
    TOO_FEW_OPTIONS,
    UNKNOWN_CLASS,
    UNKNOWN_CONDITION,
    UNKNOWN_FACT,
    UNKNOWN_FIELD,
    UNKNOWN_OPTION,
    UNKNOWN_QUESTION,
    UNKNOWN_SECTION,
)
from wandel.governance.ai_act.validation.obligations import obligations, risk_classes
from wandel.governance.ai_act.validation.questions import fact_setters, questions, sections

__all__ = [
    "BAD_CONDITION",
    "BAD_DATE",
    "BAD_FORMAT",
    "BAD_ID",
    "BAD_KIND",
    "CLASS_NOT_HERE",
    "DUPLICATE_ID",
    "EMPTY",
    "EMPTY_LIST",
    "EXCLUSIVE_IN_SINGLE",
    "LAST_DATE_CONDITIONAL",
    "LATER_FACT",
    "LATER_QUESTION",
    "MISSING",
    "NOT_BOOL",
    "NOT_LIST",
    "NOT_OBJECT",
    "NOT_TEXT",
    "TOO_FEW_OPTIONS",
    "UNKNOWN_CLASS",
    "UNKNOWN_CONDITION",
    "UNKNOWN_FACT",
    "UNKNOWN_FIELD",
    "UNKNOWN_OPTION",
    "UNKNOWN_QUESTION",
    "UNKNOWN_SECTION",
    "parse_questionnaire",
]

TOP = frozenset(
    (
        "format",
        "version",
        "date",
        "title",
        "source",
        "sections",
        "conditions",
        "questions",
        "risk_classes",
        "obligations",
    )
)


def parse_questionnaire(data: Any, *, path: Path = SHIPPED) -> Questionnaire:
    """Validate the whole file and build the questionnaire, or raise with every problem."""
    checker = Checker(path.name)
    questionnaire = _questionnaire(checker, data, path)
    if checker.problems or questionnaire is None:
        raise QuestionnaireError(path, checker.problems)
    return questionnaire


def _questionnaire(checker: Checker, data: Any, path: Path) -> Questionnaire | None:
    top = checker.obj(data, "(file)", TOP)
    if top is None:
        return None
    if top.get("format") != FORMAT:
        where = "format"
        if "format" not in top:
            checker.problem(MISSING, path=where)
        else:
            checker.problem(BAD_FORMAT, path=where, format=FORMAT)
    version = checker.string(top, "version", "")
    issued = checker.day(top, "date", "")
    title = checker.text(top, "title", "")
    source = checker.text(top, "source", "")
    found_sections = sections(checker, top.get("sections"))
    conditions, condition_refs = named_conditions(checker, top.get("conditions", {}))
    found_questions, ask_refs = questions(
        checker, top.get("questions"), {s.id for s in found_sections}
    )
    setters = fact_setters(found_questions)
    classes = risk_classes(checker, top.get("risk_classes"))
    found_obligations, obligation_refs = obligations(checker, top.get("obligations"))
    for name in condition_refs:
        check_refs(checker, conditions[name][1], found_questions, setters, conditions, before=None)
    for position, refs in enumerate(ask_refs):
        check_refs(checker, refs, found_questions, setters, conditions, before=position)
    everywhere = [*obligation_refs, *(refs for _, refs in classes.values())]
    for refs in everywhere:
        check_refs(checker, refs, found_questions, setters, conditions, before=None)
    if checker.problems:
        return None
    assert issued is not None
    assert title is not None
    assert source is not None
    return Questionnaire(
        version=version,
        date=issued,
        title=title,
        source=source,
        sections=tuple(found_sections),
        questions=tuple(found_questions),
        conditions={name: value for name, (value, _) in conditions.items()},
        risk_classes={name: value for name, (value, _) in classes.items()},
        obligations=tuple(found_obligations),
        path=path,
    )
