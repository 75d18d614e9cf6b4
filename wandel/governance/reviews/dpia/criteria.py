"""When a use case needs a data protection impact assessment (Art. 35 GDPR).

The threshold check asks the nine criteria of the Article 29 Working Party's guidelines on
DPIAs (WP248 rev.01, endorsed by the EDPB) and the items of the German supervisory
authorities' must-list (DSK, Art. 35(4) GDPR) that concern AI and employees (nos. 8, 11
and 13). The criteria are data (``wandel/governance/data/dpia/criteria.json``, versioned like
the AI Act questionnaire), validated completely when they are loaded, so a broken file is
reported with its name and the field at fault instead of giving wrong answers.
``dpia_required`` is the rule, without the database; ``dpia_decision`` adds the documented
deviations WP248 allows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "dpia" / "criteria.json"
FORMAT = 1
LISTS = ("wp248", "dsk")
_TOP = frozenset(["format", "version", "date", "source", "wp248_threshold", "criteria"])
_CRITERION = frozenset(["id", "list", "item", "title", "help"])


class DpiaCriteriaError(DomainError):
    """The criteria file cannot be used; the message names the file and the field."""

    status = 503


class DpiaDecisionError(DomainError):
    """A threshold decision the rules refuse; ``field`` names the field at fault."""


class Decision(models.TextChoices):
    """What the threshold check concludes, and whether it departs from the criteria."""

    RULE = "rule", _("As the criteria say")
    NOT_REQUIRED = (
        "not_required",
        _("No DPIA although two or more WP248 criteria apply (reason documented)"),
    )
    REQUIRED = "required", _("DPIA although fewer than two criteria apply (reason documented)")


@dataclass(frozen=True)
class DpiaCriterion:
    key: str
    title_en: str
    title_de: str
    help_en: str
    help_de: str
    list: str = "wp248"
    # The number on the DSK must-list; None for a WP248 criterion.
    item: int | None = None

    @property
    def title(self) -> str:
        return self.title_de if _german() else self.title_en

    @property
    def help(self) -> str:
        return self.help_de if _german() else self.help_en

    @property
    def must_list(self) -> bool:
        """A DSK must-list item: when it applies, a DPIA is required on its own."""
        return self.list == "dsk"


@dataclass(frozen=True)
class DpiaCriteria:
    version: str
    date: str
    threshold: int
    criteria: tuple[DpiaCriterion, ...]


def _german() -> bool:
    return (get_language() or "").startswith("de")


def _fail(path: Path, where: str, problem: str) -> DpiaCriteriaError:
    return DpiaCriteriaError(f"{path.name}: {where} {problem}", field=where)


def _text(path: Path, node: Any, where: str) -> tuple[str, str]:
    if not isinstance(node, dict) or set(node) != {"en", "de"}:
        raise _fail(path, where, "must have exactly the texts “en” and “de”")
    for language in ("en", "de"):
        if not isinstance(node[language], str) or not node[language].strip():
            raise _fail(path, f"{where}.{language}", "is missing")
    return node["en"], node["de"]


def parse_criteria(data: Any, *, path: Path = SHIPPED) -> DpiaCriteria:
    """Check every field of the file and build the criteria; the first problem is raised,
    naming the file and the JSON path."""
    if not isinstance(data, dict):
        raise _fail(path, "(top level)", "must be an object")
    for key in sorted(set(data) - _TOP):
        raise _fail(path, key, "is not a known field")
    for key in sorted(_TOP - set(data)):
        raise _fail(path, key, "is missing")
    if data["format"] != FORMAT:
        raise _fail(path, "format", f"must be {FORMAT}")
    for key in ("version", "date"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(path, key, "must be a non-empty text")
    _text(path, data["source"], "source")
    threshold = data["wp248_threshold"]
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1:
        raise _fail(path, "wp248_threshold", "must be a whole number of at least 1")
    items = data["criteria"]
    if not isinstance(items, list) or not items:
        raise _fail(path, "criteria", "must be a non-empty list")
    criteria: list[DpiaCriterion] = []
    for index, item in enumerate(items):
        where = f"criteria[{index}]"
        if not isinstance(item, dict):
            raise _fail(path, where, "must be an object")
        for key in sorted(set(item) - _CRITERION):
            raise _fail(path, f"{where}.{key}", "is not a known field")
        for key in ("id", "list", "title", "help"):
            if key not in item:
                raise _fail(path, f"{where}.{key}", "is missing")
        key = item["id"]
        if not isinstance(key, str) or not key.isidentifier() or not key.islower():
            raise _fail(path, f"{where}.id", "must be lower-case letters, digits and _")
        if key in {c.key for c in criteria}:
            raise _fail(path, f"{where}.id", f"“{key}” is used twice")
        if item["list"] not in LISTS:
            raise _fail(path, f"{where}.list", "must be “wp248” or “dsk”")
        number = item.get("item")
        if item["list"] == "dsk" and (not isinstance(number, int) or isinstance(number, bool)):
            raise _fail(path, f"{where}.item", "must be the number on the DSK list")
        title_en, title_de = _text(path, item["title"], f"{where}.title")
        help_en, help_de = _text(path, item["help"], f"{where}.help")
        criteria.append(
            DpiaCriterion(key, title_en, title_de, help_en, help_de, item["list"], number)
        )
    return DpiaCriteria(data["version"], data["date"], threshold, tuple(criteria))


@cache
def load_criteria(path: Path = SHIPPED) -> DpiaCriteria:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DpiaCriteriaError(f"{path.name}: cannot be read ({error})") from error
    return parse_criteria(data, path=path)


_LOADED = load_criteria()
CRITERIA_VERSION = _LOADED.version
# WP248: "In most cases, a data controller can consider that a processing meeting two
# criteria would require a DPIA to be carried out."
WP248_THRESHOLD = _LOADED.threshold
WP248_CRITERIA: tuple[DpiaCriterion, ...] = tuple(c for c in _LOADED.criteria if not c.must_list)
DSK_CRITERIA: tuple[DpiaCriterion, ...] = tuple(c for c in _LOADED.criteria if c.must_list)
ALL_CRITERIA: tuple[DpiaCriterion, ...] = (*WP248_CRITERIA, *DSK_CRITERIA)
KEYS: tuple[str, ...] = tuple(c.key for c in ALL_CRITERIA)
# The must-list item that names AI directly (no. 11).
DSK_AI = next(c for c in DSK_CRITERIA if c.key == "dsk_ai")


def wp248_count(answers: Mapping[str, bool]) -> int:
    """How many of the nine WP248 criteria apply."""
    return sum(1 for c in WP248_CRITERIA if answers.get(c.key))


def dsk_applying(answers: Mapping[str, bool]) -> list[str]:
    """The DSK must-list items that apply."""
    return [c.key for c in DSK_CRITERIA if answers.get(c.key)]


def dpia_required(answers: Mapping[str, bool]) -> bool:
    """What the criteria say: a DPIA is required when two or more WP248 criteria apply, or
    any DSK must-list item does. A criterion that is not answered does not apply."""
    return wp248_count(answers) >= WP248_THRESHOLD or bool(dsk_applying(answers))


NO_DEVIATION_FROM_MUST_LIST = _(
    "A DSK must-list item applies, so a DPIA is required; it cannot be decided otherwise."
)
NOT_REQUIRED_ONLY_FROM_THRESHOLD = _(
    "“No DPIA” can only be decided when the criteria would require one."
)
REQUIRED_ONLY_BELOW_THRESHOLD = _("The criteria already require a DPIA.")
REASON_REQUIRED = _("Give the reason for departing from what the criteria say.")
UNKNOWN_DECISION = _("“%(value)s” is not a known decision.")


def dpia_decision(answers: Mapping[str, bool], decision: str, reason: str = "") -> bool:
    """Whether a DPIA is required, given the criteria and a documented decision.

    WP248 says two criteria require a DPIA "in most cases": a controller may document why a
    processing meeting two is nonetheless not likely to be high-risk, and one criterion can
    be enough. A DSK must-list item is binding (Art. 35(4) GDPR); no decision overrides it.
    """
    by_rule = dpia_required(answers)
    if decision == Decision.RULE:
        return by_rule
    if decision not in Decision.values:
        raise DpiaDecisionError(UNKNOWN_DECISION % {"value": decision}, field="decision")
    if not reason.strip():
        raise DpiaDecisionError(REASON_REQUIRED, field="rationale")
    if decision == Decision.NOT_REQUIRED:
        if dsk_applying(answers):
            raise DpiaDecisionError(NO_DEVIATION_FROM_MUST_LIST, field="decision")
        if not by_rule:
            raise DpiaDecisionError(NOT_REQUIRED_ONLY_FROM_THRESHOLD, field="decision")
        return False
    if by_rule:
        raise DpiaDecisionError(REQUIRED_ONLY_BELOW_THRESHOLD, field="decision")
    return True
