"""What the answers lead to: the conditions of each risk class, and the obligations with the
dates from which they apply."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wandel.governance.ai_act.questionnaire import DECIDED_CLASSES, Condition, DateRule, Obligation
from wandel.governance.ai_act.validation.checker import Checker, join
from wandel.governance.ai_act.validation.conditions import Refs, condition
from wandel.governance.ai_act.validation.messages import LAST_DATE_CONDITIONAL, MISSING

OBLIGATION = frozenset(["id", "title", "text", "reference", "when", "applies_from", "note"])
DATE_RULE = frozenset(["date", "when"])


def risk_classes(checker: Checker, value: Any) -> dict[str, tuple[Condition, Refs]]:
    classes: dict[str, tuple[Condition, Refs]] = {}
    known = frozenset(str(c) for c in DECIDED_CLASSES)
    item = checker.obj(value, "risk_classes", known) if value is not None else None
    if value is None:
        checker.problem(MISSING, path="risk_classes")
    if item is None:
        return classes
    for name in known:
        where = join("risk_classes", name)
        if name not in item:
            checker.problem(MISSING, path=where)
            continue
        refs = Refs()
        condition(checker, item[name], where, refs)
        classes[name] = (item[name], refs)
    return classes


def obligations(checker: Checker, value: Any) -> tuple[list[Obligation], list[Refs]]:
    """The obligations, each with what its conditions refer to (checked once all is read)."""
    found: list[Obligation] = []
    all_refs: list[Refs] = []
    for _index, where, item, identifier in checker.entries(
        checker.items(value, "obligations"), "obligations", OBLIGATION
    ):
        title = checker.text(item, "title", where)
        text = checker.text(item, "text", where)
        reference = checker.string(item, "reference", where)
        note = checker.text(item, "note", where, required=False)
        refs = Refs()
        if "when" not in item:
            checker.problem(MISSING, path=join(where, "when"))
        else:
            condition(checker, item["when"], join(where, "when"), refs, classes=True)
        rules = date_rules(checker, item, where, refs)
        all_refs.append(refs)
        if identifier and title and text and rules:
            found.append(
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
    return found, all_refs


def date_rules(checker: Checker, item: Mapping[str, Any], path: str, refs: Refs) -> list[DateRule]:
    """``applies_from`` is a date, or a list of dates with conditions (first match)."""
    where = join(path, "applies_from")
    value = item.get("applies_from")
    if value is None:
        checker.problem(MISSING, path=where)
        return []
    if isinstance(value, str):
        day = checker.day(item, "applies_from", path)
        return [DateRule(day)] if day else []
    rules: list[DateRule] = []
    raw_rules = checker.items(value, where)
    for index, raw in enumerate(raw_rules):
        rule_path = f"{where}[{index}]"
        rule = checker.obj(raw, rule_path, DATE_RULE)
        if rule is None:
            continue
        day = checker.day(rule, "date", rule_path)
        last = index == len(raw_rules) - 1
        if "when" in rule:
            condition(checker, rule["when"], join(rule_path, "when"), refs, classes=True)
            if last:
                checker.problem(LAST_DATE_CONDITIONAL, path=rule_path)
        if day:
            rules.append(DateRule(day, rule.get("when")))
    return rules
