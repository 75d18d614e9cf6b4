"""The questionnaire's sections, its questions and their answers (options)."""

from __future__ import annotations

from typing import Any

from wandel.governance.ai_act.questionnaire import MULTIPLE, SINGLE, Option, Question, Section, Text
from wandel.governance.ai_act.validation.checker import IDENTIFIER, Checker, join
from wandel.governance.ai_act.validation.conditions import Refs, condition
from wandel.governance.ai_act.validation.messages import (
    BAD_ID,
    BAD_KIND,
    EXCLUSIVE_IN_SINGLE,
    TOO_FEW_OPTIONS,
    UNKNOWN_SECTION,
)

SECTION = frozenset(["id", "title", "intro"])
QUESTION = frozenset(
    (
        "id",
        "section",
        "kind",
        "text",
        "help",
        "reference",
        "ask_if",
        "ask_if_note",
        "required",
        "options",
    )
)
OPTION = frozenset(["id", "label", "help", "facts", "exclusive"])


def sections(checker: Checker, value: Any) -> list[Section]:
    found: list[Section] = []
    for _index, where, item, identifier in checker.entries(
        checker.items(value, "sections"), "sections", SECTION
    ):
        title = checker.text(item, "title", where)
        intro = checker.text(item, "intro", where, required=False)
        if identifier and title:
            found.append(Section(identifier, title, intro))
    return found


def questions(
    checker: Checker, value: Any, section_ids: set[str]
) -> tuple[list[Question], list[Refs]]:
    """The questions, each with what its ``ask_if`` refers to (checked once all are read)."""
    found: list[Question] = []
    ask_refs: list[Refs] = []
    for index, where, item, identifier in checker.entries(
        checker.items(value, "questions"), "questions", QUESTION
    ):
        section = checker.string(item, "section", where)
        if section and section not in section_ids:
            checker.problem(UNKNOWN_SECTION, path=join(where, "section"), id=section)
        kind = checker.string(item, "kind", where)
        if kind and kind not in (SINGLE, MULTIPLE):
            checker.problem(BAD_KIND, path=join(where, "kind"))
        text = checker.text(item, "text", where)
        help_text = checker.text(item, "help", where, required=False)
        reference = checker.string(item, "reference", where, required=False)
        refs = Refs()
        ask_if = item.get("ask_if")
        if "ask_if" in item:
            condition(checker, ask_if, join(where, "ask_if"), refs)
        note = checker.text(item, "ask_if_note", where, required=False)
        required = checker.flag(item, "required", where, True)
        answers = options(checker, item.get("options"), join(where, "options"), kind)
        ask_refs.append(refs)
        if identifier and text and kind in (SINGLE, MULTIPLE):
            found.append(
                Question(
                    id=identifier,
                    section=section,
                    kind=kind,
                    text=text,
                    options=tuple(answers),
                    help=help_text,
                    reference=reference,
                    ask_if=ask_if,
                    ask_if_note=note,
                    required=required,
                )
            )
        else:
            # Keep positions aligned with ask_refs; the problem is already reported.
            found.append(
                Question(
                    id=identifier or f"#{index}",
                    section=section,
                    kind=kind,
                    text=text or Text("", ""),
                    options=tuple(answers),
                )
            )
    return found, ask_refs


def options(checker: Checker, value: Any, path: str, kind: str) -> list[Option]:
    raw_options = checker.items(value, path)
    if isinstance(value, list) and len(value) == 1:
        checker.problem(TOO_FEW_OPTIONS, path=path)
    found: list[Option] = []
    for _index, where, item, identifier in checker.entries(raw_options, path, OPTION):
        label = checker.text(item, "label", where)
        help_text = checker.text(item, "help", where, required=False)
        facts: list[str] = []
        if "facts" in item:
            for fact_index, fact in enumerate(
                checker.items(item["facts"], join(where, "facts"), allow_empty=True)
            ):
                if not isinstance(fact, str) or not IDENTIFIER.match(fact):
                    checker.problem(BAD_ID, path=f"{join(where, 'facts')}[{fact_index}]")
                else:
                    facts.append(fact)
        exclusive = checker.flag(item, "exclusive", where, False)
        if exclusive and kind == SINGLE:
            checker.problem(EXCLUSIVE_IN_SINGLE, path=join(where, "exclusive"))
        found.append(
            Option(
                id=identifier,
                label=label or Text("", ""),
                help=help_text,
                facts=frozenset(facts),
                exclusive=exclusive,
            )
        )
    return found


def fact_setters(questions: list[Question]) -> dict[str, int]:
    """For every fact, the position of the first question with an answer that sets it."""
    setters: dict[str, int] = {}
    for position, question in enumerate(questions):
        for option in question.options:
            for fact in option.facts:
                setters.setdefault(fact, position)
    return setters
