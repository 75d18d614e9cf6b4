"""The stakeholder groups of the demo organisation, with their concerns and engagement log
(``data/stakeholders.toml``).

Dates are days before the day the demo is loaded, so the log always looks recent.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated

from wandel.demo.content import load
from wandel.demo.org.accounts import is_login
from wandel.demo.org.company import DATA, UnitCode, is_unit
from wandel.org.models import AdkarStage, TouchpointKind

HEAD = "head:"


def is_contact(who: str) -> None:
    """A check for content files: a login's e-mail address, or ``head:<unit>``."""
    if who.startswith(HEAD):
        is_unit(who.removeprefix(HEAD))
    else:
        is_login(who)


@dataclass(frozen=True)
class Concern:
    days_ago: int
    text: str
    response: str = ""


@dataclass(frozen=True)
class Touchpoint:
    days_ago: int
    kind: TouchpointKind
    summary: str
    outcome: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    description: str
    power: int
    interest: int
    adkar_stage: AdkarStage
    units: tuple[UnitCode, ...]
    # A login's e-mail address, or "head:<unit code>" for the head of that unit.
    contact: Annotated[str, is_contact]
    concerns: tuple[Concern, ...]
    touchpoints: tuple[Touchpoint, ...]


@dataclass(frozen=True)
class Stakeholders:
    groups: tuple[Group, ...]


@cache
def stakeholder_groups() -> tuple[Group, ...]:
    return load(DATA / "stakeholders.toml", Stakeholders).groups
