"""Who a survey asks, and the reporting group each of them belongs to today.

**Unit level.** Units form a tree (``org.Unit.parent``); a root (a unit without a parent,
the management in the demo company) is level 0, its children level 1 (the divisions), their
children level 2, and so on. A survey with ``unit_level`` n reports each person under the
code of their unit's ancestor at level n, or under their own unit when it sits higher up the
tree than n (the management itself at level 1). ``unit_level`` 0 does not break down by unit:
the key is empty.

**Role.** With ``by_role``, a person reports under their programme role: the first of the
roles they hold today, in the order of ``core.roles.Role``, other than employee (everyone is
one); "employee" when they hold no other. Without it the key is empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from wandel.core.roles import Role
from wandel.feedback.surveys.models import Survey
from wandel.org.models import Person, RoleAssignment, Unit

__all__ = ["Member", "members"]


@dataclass(frozen=True)
class Member:
    person_id: int
    unit_key: str
    unit_label: str
    role_key: str


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    parent_id: int | None


def members(survey: Survey) -> list[Member]:
    """Everyone active in the survey's target units and below (everyone, without target
    units), with their reporting group. Three queries, whatever the size of the tree."""
    units = {
        row["id"]: _Unit(row["code"], row["name"], row["parent_id"])
        for row in Unit.objects.values("id", "code", "name", "parent_id")
    }
    targets = set(survey.target_units.values_list("pk", flat=True))
    chains = {pk: _chain(pk, units) for pk in units}
    people = Person.objects.filter(active=True).values_list("pk", "unit_id").order_by("pk")
    roles: dict[int, set[str]] = defaultdict(set)
    if survey.by_role:
        for person_id, role in RoleAssignment.objects.current().values_list("person_id", "role"):
            roles[person_id].add(role)
    found = []
    for person_id, unit_id in people:
        chain = chains.get(unit_id, []) if unit_id is not None else []
        if targets and not targets.intersection(chain):
            continue
        unit_key, unit_label = _group(chain, units, survey.unit_level)
        role_key = _role(roles[person_id]) if survey.by_role else ""
        found.append(Member(person_id, unit_key, unit_label, role_key))
    return found


def _chain(pk: int, units: dict[int, _Unit]) -> list[int]:
    """The unit's path from its root down to itself."""
    path: list[int] = []
    current: int | None = pk
    while current is not None and current not in path:
        path.append(current)
        current = units[current].parent_id
    return path[::-1]


def _group(chain: list[int], units: dict[int, _Unit], level: int) -> tuple[str, str]:
    if level == 0 or not chain:
        return "", ""
    unit = units[chain[min(level, len(chain) - 1)]]
    return unit.code, unit.name


def _role(held: set[str]) -> str:
    for role in Role:
        if role != Role.EMPLOYEE and role in held:
            return role.value
    return Role.EMPLOYEE.value
