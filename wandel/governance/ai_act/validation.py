"""Checking a questionnaire file completely and building the questionnaire from it.

Every problem is collected, not only the first, and named with the file and the JSON path
(``questionnaire.json: questions[3].text.de is missing``). Beyond the shape, the references
are checked: sections, questions, answers, facts and named conditions must exist, and a
question's ``ask_if`` may only look at what is known by the time it is asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.governance.ai_act.questionnaire import (
    DECIDED_CLASSES,
    FORMAT,
    LANGUAGES,
    MULTIPLE,
    SHIPPED,
    SINGLE,
    Condition,
    DateRule,
    Obligation,
    Option,
    Problem,
    Question,
    Questionnaire,
    QuestionnaireError,
    Section,
    Text,
)
from wandel.governance.facts import RiskClass

_ID = re.compile(r"^[a-z][a-z0-9_]{0,79}$")

MISSING = _("%(path)s is missing")
NOT_TEXT = _("%(path)s must be a text")
EMPTY = _("%(path)s is empty")
NOT_LIST = _("%(path)s must be a list")
EMPTY_LIST = _("%(path)s must not be empty")
NOT_OBJECT = _("%(path)s must be an object")
NOT_BOOL = _("%(path)s must be true or false")
UNKNOWN_FIELD = _("%(path)s is not a known field")
BAD_ID = _("%(path)s must start with a lower-case letter and contain only a-z, 0-9 and _")
DUPLICATE_ID = _("%(path)s: “%(id)s” is used twice")
BAD_DATE = _("%(path)s must be a date written as YYYY-MM-DD")
BAD_FORMAT = _("%(path)s must be %(format)d, the format this version of Wandel reads")
BAD_KIND = _("%(path)s must be “single” or “multiple”")
TOO_FEW_OPTIONS = _("%(path)s needs at least two options")
EXCLUSIVE_IN_SINGLE = _("%(path)s is only possible in questions with several answers")
UNKNOWN_SECTION = _("%(path)s: there is no section “%(id)s”")
UNKNOWN_QUESTION = _("%(path)s: there is no question “%(id)s”")
LATER_QUESTION = _("%(path)s: question “%(id)s” is not asked before this one")
UNKNOWN_OPTION = _("%(path)s: question “%(question)s” has no answer “%(id)s”")
UNKNOWN_FACT = _("%(path)s: no answer sets the fact “%(id)s”")
LATER_FACT = _("%(path)s: no answer before this question sets the fact “%(id)s”")
UNKNOWN_CONDITION = _("%(path)s: there is no condition “%(id)s” defined before it")
BAD_CONDITION = _(
    "%(path)s is not a condition: write true, false, or an object with one of "
    "fact, answer (with in), all, any, not, condition, class"
)
CLASS_NOT_HERE = _("%(path)s: “class” can only be used in the conditions of obligations")
UNKNOWN_CLASS = _("%(path)s: “%(id)s” is not a risk class (%(classes)s)")
LAST_DATE_CONDITIONAL = _("%(path)s: the last date must apply without a condition")


def parse_questionnaire(data: Any, *, path: Path = SHIPPED) -> Questionnaire:
    """Validate the whole file and build the questionnaire, or raise with every problem."""
    checker = _Checker(path.name)
    questionnaire = checker.questionnaire(data, path)
    if checker.problems or questionnaire is None:
        raise QuestionnaireError(path, checker.problems)
    return questionnaire


# What a condition refers to: answers as (question id, option ids) and facts.
@dataclass
class _Refs:
    answers: list[tuple[str, list[str], str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    conditions: list[tuple[str, str]] = field(default_factory=list)


class _Checker:
    """Collects every problem of the file instead of stopping at the first."""

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
    OBLIGATION = frozenset(["id", "title", "text", "reference", "when", "applies_from", "note"])
    DATE_RULE = frozenset(["date", "when"])

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, message: str | Promise, **params: Any) -> None:
        self.problems.append(Problem(self.file, message, params))

    # Building blocks

    def obj(self, value: Any, path: str, known: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(NOT_OBJECT, path=path)
            return None
        for key in value:
            if key not in known:
                self.problem(UNKNOWN_FIELD, path=_join(path, key))
        return value

    def items(self, value: Any, path: str, *, allow_empty: bool = False) -> list[Any]:
        if value is None:
            self.problem(MISSING, path=path)
            return []
        if not isinstance(value, list):
            self.problem(NOT_LIST, path=path)
            return []
        if not value and not allow_empty:
            self.problem(EMPTY_LIST, path=path)
        return value

    def string(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> str:
        where = _join(path, key)
        if key not in parent:
            if required:
                self.problem(MISSING, path=where)
            return ""
        value = parent[key]
        if not isinstance(value, str):
            self.problem(NOT_TEXT, path=where)
            return ""
        if required and not value.strip():
            self.problem(EMPTY, path=where)
        return value.strip()

    def identifier(self, parent: Mapping[str, Any], key: str, path: str) -> str:
        value = self.string(parent, key, path)
        if value and not _ID.match(value):
            self.problem(BAD_ID, path=_join(path, key))
        return value

    def text(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> Text | None:
        where = _join(path, key)
        if key not in parent:
            if required:
                self.problem(MISSING, path=where)
            return None
        value = self.obj(parent[key], where, frozenset(LANGUAGES))
        if value is None:
            return None
        texts = [self.string(value, language, where) for language in LANGUAGES]
        return Text(*texts) if all(texts) else None

    def day(self, parent: Mapping[str, Any], key: str, path: str) -> date | None:
        value = self.string(parent, key, path)
        if not value:
            return None
        if not _is_date(value):
            self.problem(BAD_DATE, path=_join(path, key))
            return None
        return date.fromisoformat(value)

    def flag(self, parent: Mapping[str, Any], key: str, path: str, default: bool) -> bool:
        if key not in parent:
            return default
        value = parent[key]
        if not isinstance(value, bool):
            self.problem(NOT_BOOL, path=_join(path, key))
            return default
        return value

    def unique(self, ids: list[tuple[str, str]]) -> None:
        seen: set[str] = set()
        for identifier, path in ids:
            if identifier and identifier in seen:
                self.problem(DUPLICATE_ID, path=path, id=identifier)
            seen.add(identifier)

    # Conditions

    def condition(self, value: Any, path: str, refs: _Refs, *, classes: bool = False) -> None:
        """Check the shape of a condition and collect what it refers to."""
        if isinstance(value, bool):
            return
        if not isinstance(value, dict) or not value:
            self.problem(BAD_CONDITION, path=path)
            return
        keys = set(value)
        if keys == {"answer", "in"}:
            question = value["answer"]
            options = value["in"]
            if not isinstance(question, str) or not question:
                self.problem(NOT_TEXT, path=_join(path, "answer"))
                return
            if not isinstance(options, list) or not options:
                self.problem(NOT_LIST, path=_join(path, "in"))
                return
            if not all(isinstance(o, str) for o in options):
                self.problem(NOT_TEXT, path=_join(path, "in"))
                return
            refs.answers.append((question, options, path))
            return
        if len(keys) != 1:
            self.problem(BAD_CONDITION, path=path)
            return
        (key,) = keys
        operand = value[key]
        where = _join(path, key)
        if key in ("fact", "condition"):
            if not isinstance(operand, str) or not operand:
                self.problem(NOT_TEXT, path=where)
                return
            (refs.facts if key == "fact" else refs.conditions).append((operand, where))
        elif key in ("all", "any"):
            for index, item in enumerate(self.items(operand, where)):
                self.condition(item, f"{where}[{index}]", refs, classes=classes)
        elif key == "not":
            self.condition(operand, where, refs, classes=classes)
        elif key == "class":
            if not classes:
                self.problem(CLASS_NOT_HERE, path=where)
                return
            for index, item in enumerate(self.items(operand, where)):
                if item not in RiskClass.values:
                    self.problem(
                        UNKNOWN_CLASS,
                        path=f"{where}[{index}]",
                        id=item,
                        classes=", ".join(RiskClass.values),
                    )
        else:
            self.problem(BAD_CONDITION, path=path)

    # The file

    def questionnaire(self, data: Any, path: Path) -> Questionnaire | None:
        top = self.obj(data, "(file)", self.TOP)
        if top is None:
            return None
        if top.get("format") != FORMAT:
            where = "format"
            if "format" not in top:
                self.problem(MISSING, path=where)
            else:
                self.problem(BAD_FORMAT, path=where, format=FORMAT)
        version = self.string(top, "version", "")
        issued = self.day(top, "date", "")
        title = self.text(top, "title", "")
        source = self.text(top, "source", "")
        sections = self.sections(top.get("sections"))
        conditions, condition_refs = self.named_conditions(top.get("conditions", {}))
        questions, ask_refs = self.questions(top.get("questions"), {s.id for s in sections})
        setters = self.fact_setters(questions)
        classes = self.risk_classes(top.get("risk_classes"))
        obligations, obligation_refs = self.obligations(top.get("obligations"))
        for name in condition_refs:
            self.check_refs(conditions[name][1], questions, setters, conditions, before=None)
        for position, refs in enumerate(ask_refs):
            self.check_refs(refs, questions, setters, conditions, before=position)
        everywhere = [*obligation_refs, *(refs for _, refs in classes.values())]
        for refs in everywhere:
            self.check_refs(refs, questions, setters, conditions, before=None)
        if self.problems:
            return None
        assert issued is not None
        assert title is not None
        assert source is not None
        return Questionnaire(
            version=version,
            date=issued,
            title=title,
            source=source,
            sections=tuple(sections),
            questions=tuple(questions),
            conditions={name: value for name, (value, _) in conditions.items()},
            risk_classes={name: value for name, (value, _) in classes.items()},
            obligations=tuple(obligations),
            path=path,
        )

    def sections(self, value: Any) -> list[Section]:
        sections: list[Section] = []
        ids: list[tuple[str, str]] = []
        for index, raw in enumerate(self.items(value, "sections")):
            where = f"sections[{index}]"
            item = self.obj(raw, where, self.SECTION)
            if item is None:
                continue
            identifier = self.identifier(item, "id", where)
            ids.append((identifier, _join(where, "id")))
            title = self.text(item, "title", where)
            intro = self.text(item, "intro", where, required=False)
            if identifier and title:
                sections.append(Section(identifier, title, intro))
        self.unique(ids)
        return sections

    def named_conditions(self, value: Any) -> tuple[dict[str, tuple[Condition, _Refs]], list[str]]:
        conditions: dict[str, tuple[Condition, _Refs]] = {}
        order: list[str] = []
        if not isinstance(value, dict):
            self.problem(NOT_OBJECT, path="conditions")
            return conditions, order
        for name, raw in value.items():
            where = _join("conditions", name)
            if not _ID.match(name):
                self.problem(BAD_ID, path=where)
                continue
            refs = _Refs()
            self.condition(raw, where, refs)
            # A condition may only use conditions defined before it, so none is circular.
            for used, used_where in refs.conditions:
                if used not in conditions:
                    self.problem(UNKNOWN_CONDITION, path=used_where, id=used)
            conditions[name] = (raw, refs)
            order.append(name)
        return conditions, order

    def questions(self, value: Any, section_ids: set[str]) -> tuple[list[Question], list[_Refs]]:
        questions: list[Question] = []
        ask_refs: list[_Refs] = []
        ids: list[tuple[str, str]] = []
        for index, raw in enumerate(self.items(value, "questions")):
            where = f"questions[{index}]"
            item = self.obj(raw, where, self.QUESTION)
            if item is None:
                continue
            identifier = self.identifier(item, "id", where)
            ids.append((identifier, _join(where, "id")))
            section = self.string(item, "section", where)
            if section and section not in section_ids:
                self.problem(UNKNOWN_SECTION, path=_join(where, "section"), id=section)
            kind = self.string(item, "kind", where)
            if kind and kind not in (SINGLE, MULTIPLE):
                self.problem(BAD_KIND, path=_join(where, "kind"))
            text = self.text(item, "text", where)
            help_text = self.text(item, "help", where, required=False)
            reference = self.string(item, "reference", where, required=False)
            refs = _Refs()
            ask_if = item.get("ask_if")
            if "ask_if" in item:
                self.condition(ask_if, _join(where, "ask_if"), refs)
            note = self.text(item, "ask_if_note", where, required=False)
            required = self.flag(item, "required", where, True)
            options = self.options(item.get("options"), _join(where, "options"), kind)
            ask_refs.append(refs)
            if identifier and text and kind in (SINGLE, MULTIPLE):
                questions.append(
                    Question(
                        id=identifier,
                        section=section,
                        kind=kind,
                        text=text,
                        options=tuple(options),
                        help=help_text,
                        reference=reference,
                        ask_if=ask_if,
                        ask_if_note=note,
                        required=required,
                    )
                )
            else:
                # Keep positions aligned with ask_refs; the problem is already reported.
                questions.append(
                    Question(
                        id=identifier or f"#{index}",
                        section=section,
                        kind=kind,
                        text=text or Text("", ""),
                        options=tuple(options),
                    )
                )
        self.unique(ids)
        return questions, ask_refs

    def options(self, value: Any, path: str, kind: str) -> list[Option]:
        raw_options = self.items(value, path)
        if isinstance(value, list) and len(value) == 1:
            self.problem(TOO_FEW_OPTIONS, path=path)
        options: list[Option] = []
        ids: list[tuple[str, str]] = []
        for index, raw in enumerate(raw_options):
            where = f"{path}[{index}]"
            item = self.obj(raw, where, self.OPTION)
            if item is None:
                continue
            identifier = self.identifier(item, "id", where)
            ids.append((identifier, _join(where, "id")))
            label = self.text(item, "label", where)
            help_text = self.text(item, "help", where, required=False)
            facts: list[str] = []
            if "facts" in item:
                for fact_index, fact in enumerate(
                    self.items(item["facts"], _join(where, "facts"), allow_empty=True)
                ):
                    if not isinstance(fact, str) or not _ID.match(fact):
                        self.problem(BAD_ID, path=f"{_join(where, 'facts')}[{fact_index}]")
                    else:
                        facts.append(fact)
            exclusive = self.flag(item, "exclusive", where, False)
            if exclusive and kind == SINGLE:
                self.problem(EXCLUSIVE_IN_SINGLE, path=_join(where, "exclusive"))
            options.append(
                Option(
                    id=identifier,
                    label=label or Text("", ""),
                    help=help_text,
                    facts=frozenset(facts),
                    exclusive=exclusive,
                )
            )
        self.unique(ids)
        return options

    def fact_setters(self, questions: list[Question]) -> dict[str, int]:
        """For every fact, the position of the first question with an answer that sets it."""
        setters: dict[str, int] = {}
        for position, question in enumerate(questions):
            for option in question.options:
                for fact in option.facts:
                    setters.setdefault(fact, position)
        return setters

    def risk_classes(self, value: Any) -> dict[str, tuple[Condition, _Refs]]:
        classes: dict[str, tuple[Condition, _Refs]] = {}
        known = frozenset(str(c) for c in DECIDED_CLASSES)
        item = self.obj(value, "risk_classes", known) if value is not None else None
        if value is None:
            self.problem(MISSING, path="risk_classes")
        if item is None:
            return classes
        for name in known:
            where = _join("risk_classes", name)
            if name not in item:
                self.problem(MISSING, path=where)
                continue
            refs = _Refs()
            self.condition(item[name], where, refs)
            classes[name] = (item[name], refs)
        return classes

    def obligations(self, value: Any) -> tuple[list[Obligation], list[_Refs]]:
        obligations: list[Obligation] = []
        all_refs: list[_Refs] = []
        ids: list[tuple[str, str]] = []
        for index, raw in enumerate(self.items(value, "obligations")):
            where = f"obligations[{index}]"
            item = self.obj(raw, where, self.OBLIGATION)
            if item is None:
                continue
            identifier = self.identifier(item, "id", where)
            ids.append((identifier, _join(where, "id")))
            title = self.text(item, "title", where)
            text = self.text(item, "text", where)
            reference = self.string(item, "reference", where)
            note = self.text(item, "note", where, required=False)
            refs = _Refs()
            if "when" not in item:
                self.problem(MISSING, path=_join(where, "when"))
            else:
                self.condition(item["when"], _join(where, "when"), refs, classes=True)
            rules = self.date_rules(item, where, refs)
            all_refs.append(refs)
            if identifier and title and text and rules:
                obligations.append(
                    Obligation(
                        id=identifier,
                        title=title,
                        text=text,
                        reference=reference,
                        when=item.get("when", False),
                        applies_from=tuple(rules),
                        note=note,
                    )
                )
        self.unique(ids)
        return obligations, all_refs

    def date_rules(self, item: Mapping[str, Any], path: str, refs: _Refs) -> list[DateRule]:
        """``applies_from`` is a date, or a list of dates with conditions (first match)."""
        where = _join(path, "applies_from")
        value = item.get("applies_from")
        if value is None:
            self.problem(MISSING, path=where)
            return []
        if isinstance(value, str):
            day = self.day(item, "applies_from", path)
            return [DateRule(day)] if day else []
        rules: list[DateRule] = []
        raw_rules = self.items(value, where)
        for index, raw in enumerate(raw_rules):
            rule_path = f"{where}[{index}]"
            rule = self.obj(raw, rule_path, self.DATE_RULE)
            if rule is None:
                continue
            day = self.day(rule, "date", rule_path)
            last = index == len(raw_rules) - 1
            if "when" in rule:
                self.condition(rule["when"], _join(rule_path, "when"), refs, classes=True)
                if last:
                    self.problem(LAST_DATE_CONDITIONAL, path=rule_path)
            if day:
                rules.append(DateRule(day, rule.get("when")))
        return rules

    def check_refs(
        self,
        refs: _Refs,
        questions: list[Question],
        setters: dict[str, int],
        conditions: Mapping[str, tuple[Condition, _Refs]],
        *,
        before: int | None,
    ) -> None:
        """Every question, answer, fact and condition a condition names must exist; in the
        ``ask_if`` of question number ``before``, it must be known by the time it is asked."""
        positions = {q.id: i for i, q in enumerate(questions)}
        for question_id, option_ids, where in refs.answers:
            position = positions.get(question_id)
            if position is None:
                self.problem(UNKNOWN_QUESTION, path=_join(where, "answer"), id=question_id)
                continue
            if before is not None and position >= before:
                self.problem(LATER_QUESTION, path=_join(where, "answer"), id=question_id)
            question = questions[position]
            for index, option_id in enumerate(option_ids):
                if question.option(option_id) is None:
                    self.problem(
                        UNKNOWN_OPTION,
                        path=f"{_join(where, 'in')}[{index}]",
                        question=question_id,
                        id=option_id,
                    )
        for fact, where in refs.facts:
            if fact not in setters:
                self.problem(UNKNOWN_FACT, path=where, id=fact)
            elif before is not None and setters[fact] >= before:
                self.problem(LATER_FACT, path=where, id=fact)
        for name, where in refs.conditions:
            if name not in conditions:
                self.problem(UNKNOWN_CONDITION, path=where, id=name)
            elif before is not None:
                # A named condition used to decide whether to ask must itself only look back.
                for inner in _expand(name, conditions):
                    self._check_earlier(inner, positions, setters, before, where)

    def _check_earlier(
        self,
        refs: _Refs,
        positions: Mapping[str, int],
        setters: Mapping[str, int],
        before: int,
        where: str,
    ) -> None:
        for question_id, _options, _path in refs.answers:
            position = positions.get(question_id)
            if position is not None and position >= before:
                self.problem(LATER_QUESTION, path=where, id=question_id)
        for fact, _path in refs.facts:
            if fact in setters and setters[fact] >= before:
                self.problem(LATER_FACT, path=where, id=fact)


def _expand(name: str, conditions: Mapping[str, tuple[Condition, _Refs]]) -> Iterator[_Refs]:
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


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
