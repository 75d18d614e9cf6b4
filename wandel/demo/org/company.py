"""The demo company: its units, job titles and the names its people are drawn from.

Everything is invented and kept in ``data/company.toml`` and ``data/names.toml``. The company
is German, so its units and all content are German; the application around it is bilingual.
A job title written ``"Konstrukteur|Konstrukteurin"`` has a masculine and a feminine form,
chosen with the person's first name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from wandel.demo.content import load

DATA = Path(__file__).resolve().parent / "data"
# The key of a title that holds for every division not named beside it.
OTHERS = "others"


@dataclass(frozen=True)
class BaseUnit:
    code: str
    name: str
    parent: str | None
    # Share of the staff; the small size uses these figures as headcounts.
    weight: int
    departments: tuple[str, ...]


@dataclass(frozen=True)
class HeadTitles:
    top: str
    # ``{name}`` is the unit's name.
    division: str
    department: str
    # By division, and under ``others`` for the rest.
    team: Mapping[str, str]
    group: Mapping[str, str]

    def __post_init__(self) -> None:
        if OTHERS not in self.team or OTHERS not in self.group:
            raise ValueError(f"team and group need a title for {OTHERS!r}")


@dataclass(frozen=True)
class Company:
    name: str
    domain: str
    # The twelve units of the small demo, parents first. The large demo grows departments,
    # teams and groups beneath them.
    units: tuple[BaseUnit, ...]
    # Below a department: level 1 are teams (shifts in production), deeper levels groups.
    team_names: Mapping[str, tuple[str, ...]]
    group_names: Mapping[str, str]
    head_titles: HeadTitles
    # Job titles of the staff per division, with relative frequency.
    staff_titles: Mapping[str, tuple[tuple[str, int], ...]]

    def __post_init__(self) -> None:
        codes: list[str] = []
        for unit in self.units:
            if unit.parent is not None and unit.parent not in codes:
                raise ValueError(f"unit {unit.code}: its parent {unit.parent} must come before it")
            codes.append(unit.code)
        if set(self.staff_titles) != set(codes):
            raise ValueError("staff_titles must name the job titles of every unit")


@dataclass(frozen=True)
class NameOrigin:
    """First and last names that belong together; ``weight`` is the share of the staff."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    origins: tuple[NameOrigin, ...]


@cache
def company() -> Company:
    return load(DATA / "company.toml", Company)


@cache
def names() -> Names:
    return load(DATA / "names.toml", Names)


def is_unit(code: str) -> None:
    """A check for content files: ``code`` is one of the base units'."""
    if code not in {unit.code for unit in company().units}:
        raise ValueError(f"{code!r} is not a unit of the demo company")


# In a content file: the code of one of the base units.
UnitCode = Annotated[str, is_unit]
