"""The building blocks of the check: the problems found so far, and reading the values every
part of the file is made of (objects, lists, texts in both languages, ids, dates, flags)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from django.utils.functional import Promise

from wandel.governance.ai_act.questionnaire import LANGUAGES, Problem, Text
from wandel.governance.ai_act.validation.messages import (
    BAD_DATE,
    BAD_ID,
    DUPLICATE_ID,
    EMPTY,
    EMPTY_LIST,
    MISSING,
    NOT_BOOL,
    NOT_LIST,
    NOT_OBJECT,
    NOT_TEXT,
    UNKNOWN_FIELD,
)

# The ids of sections, questions, answers, facts, conditions and obligations.
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,79}$")


class Checker:
    """Collects every problem of the file instead of stopping at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, message: str | Promise, **params: Any) -> None:
        self.problems.append(Problem(self.file, message, params))

    def obj(self, value: Any, path: str, known: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(NOT_OBJECT, path=path)
            return None
        for key in value:
            if key not in known:
                self.problem(UNKNOWN_FIELD, path=join(path, key))
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
        where = join(path, key)
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
        if value and not IDENTIFIER.match(value):
            self.problem(BAD_ID, path=join(path, key))
        return value

    def text(
        self, parent: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> Text | None:
        where = join(path, key)
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
            self.problem(BAD_DATE, path=join(path, key))
            return None
        return date.fromisoformat(value)

    def flag(self, parent: Mapping[str, Any], key: str, path: str, default: bool) -> bool:
        if key not in parent:
            return default
        value = parent[key]
        if not isinstance(value, bool):
            self.problem(NOT_BOOL, path=join(path, key))
            return default
        return value

    def unique(self, ids: list[tuple[str, str]]) -> None:
        seen: set[str] = set()
        for identifier, path in ids:
            if identifier and identifier in seen:
                self.problem(DUPLICATE_ID, path=path, id=identifier)
            seen.add(identifier)

    def entries(
        self, values: list[Any], path: str, known: frozenset[str]
    ) -> Iterator[tuple[int, str, dict[str, Any], str]]:
        """``(index, path, object, id)`` of each object in ``values`` with its ``id``;
        what is not an object is a problem and left out. Once all are read, an id used twice
        is a problem too."""
        ids: list[tuple[str, str]] = []
        for index, raw in enumerate(values):
            where = f"{path}[{index}]"
            item = self.obj(raw, where, known)
            if item is None:
                continue
            identifier = self.identifier(item, "id", where)
            ids.append((identifier, join(where, "id")))
            yield index, where, item, identifier
        self.unique(ids)


def join(path: str, key: str) -> str:
    """The JSON path of ``key`` in the object at ``path``."""
    return f"{path}.{key}" if path else key


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
