"""The EU AI Act questionnaire as Wandel reads it: texts in both languages, questions with
their answers and branching, the risk classes, and the obligations with their dates.

The content is data (``wandel/governance/data/ai_act/questionnaire.json``, described in the
README.md next to it); ``validation`` checks a file and builds these objects from it,
``loader`` finds the file in use and caches it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError
from wandel.governance.facts import RiskClass

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "ai_act" / "questionnaire.json"
FORMAT = 1
LANGUAGES = ("en", "de")
# Facts the application itself reads; everything else is the file's own vocabulary.
EMPLOYEE_IMPACT = "employee_impact"
# The classes the file decides, from the most to the least severe; whatever none of them
# matches is of minimal risk.
DECIDED_CLASSES = (RiskClass.PROHIBITED, RiskClass.HIGH, RiskClass.TRANSPARENCY)
SINGLE = "single"
MULTIPLE = "multiple"

Condition = bool | Mapping[str, Any]

NOT_VALID = _("The EU AI Act questionnaire %(path)s cannot be used:")


@dataclass(frozen=True)
class Text:
    """A text of the file in both languages; ``str()`` gives the current language's."""

    en: str
    de: str

    def __str__(self) -> str:
        return self.de if (get_language() or "").startswith("de") else self.en


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    help: Text | None = None
    facts: frozenset[str] = frozenset()
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    kind: str
    text: Text
    options: tuple[Option, ...]
    help: Text | None = None
    reference: str = ""
    ask_if: Condition | None = None
    ask_if_note: Text | None = None
    required: bool = True

    @property
    def multiple(self) -> bool:
        return self.kind == MULTIPLE

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    intro: Text | None = None


@dataclass(frozen=True)
class DateRule:
    date: date
    when: Condition | None = None


@dataclass(frozen=True)
class Obligation:
    id: str
    title: Text
    text: Text
    reference: str
    when: Condition
    applies_from: tuple[DateRule, ...]
    note: Text | None = None

    @property
    def default_date(self) -> date:
        """The date that applies when no conditional date does (always the last one)."""
        return self.applies_from[-1].date


@dataclass(frozen=True)
class Questionnaire:
    version: str
    date: date
    title: Text
    source: Text
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    conditions: Mapping[str, Condition]
    risk_classes: Mapping[str, Condition]
    obligations: tuple[Obligation, ...]
    path: Path = field(default=SHIPPED, compare=False)

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def obligations_by_id(self) -> dict[str, Obligation]:
        return {o.id: o for o in self.obligations}

    @cached_property
    def outcomes(self) -> dict[str, Any]:
        """Outcomes of stored answers under this questionnaire, by the answers' JSON, kept
        while it is in use (``ai_act.queries.reassess``; a changed file is a new object)."""
        return {}

    @property
    def replaced(self) -> bool:
        """Whether an admin's file in the data directory is in use."""
        return self.path != SHIPPED

    def question(self, question_id: str) -> Question | None:
        return self.questions_by_id.get(question_id)

    def obligation(self, obligation_id: str) -> Obligation | None:
        return self.obligations_by_id.get(obligation_id)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file; worded in the language current when it is shown."""

    file: str
    message: str | Promise
    params: Mapping[str, Any]

    def __str__(self) -> str:
        return f"{self.file}: {self.message % self.params}"


class QuestionnaireError(DomainError):
    """The questionnaire file cannot be used; ``problems`` says exactly why.

    To a client the service is unavailable (503) until an administrator corrects the file.
    """

    status = 503

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(NOT_VALID % {"path": path})

    def details(self) -> dict[str, Any]:
        return {"problems": self.lines}

    @property
    def heading(self) -> str:
        return str(NOT_VALID % {"path": self.path})

    @property
    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]

    def __str__(self) -> str:
        return "\n".join([self.heading, *(f"– {line}" for line in self.lines)])
