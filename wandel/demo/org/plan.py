"""The organisation of one size of the demo, planned without the database: the unit tree,
the people with their names, job titles and e-mail addresses, and who holds which role.

Planning is pure and deterministic (one ``random.Random`` per size), so the same size gives
the same people every time.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from wandel.core.roles import Role
from wandel.demo.base import DemoSize
from wandel.demo.org.accounts import EXTRA_ROLES, LOGINS, Login
from wandel.demo.org.company import OTHERS, company, names

# Below this much staff some unit may lack the people the role holders are picked from.
MIN_STAFF = 200
TEAMS_PER_DEPARTMENT = 4
GROUPS_PER_TEAM = 3
FEMALE_SHARE = {"PR": 0.2, "EW": 0.25, "IT": 0.25, "EL": 0.35}
ENGLISH_SHARE = {"EW": 0.12, "IT": 0.12}
LEAVER_SHARE = 0.024

CSV_COLUMNS = (
    "employee_id",
    "email",
    "first_name",
    "last_name",
    "unit_code",
    "unit_name",
    "parent_unit_code",
    "job_title",
    "language",
    "active",
)


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    parent: str | None
    division: str
    # 0 for the twelve base units, 1 for departments, 2 for teams, 3 and more for groups.
    level: int


@dataclass
class PersonPlan:
    first_name: str
    last_name: str
    unit: str
    job_title: str
    language: str = "de"
    active: bool = True
    login: Login | None = None
    employee_id: str = ""
    email: str = ""


@dataclass(frozen=True)
class RolePlan:
    email: str
    role: Role
    assigned_days_ago: int
    note: str
    ended_days_ago: int | None = None


@dataclass
class OrganisationPlan:
    units: list[UnitPlan]
    people: list[PersonPlan]
    roles: list[RolePlan] = field(default_factory=list)
    heads: dict[str, PersonPlan] = field(default_factory=dict)

    def people_csv(self) -> bytes:
        """The people as an HR export, in the format ``people_import`` reads."""
        units = {unit.code: unit for unit in self.units}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for person in self.people:
            unit = units[person.unit]
            writer.writerow(
                (
                    person.employee_id,
                    person.email,
                    person.first_name,
                    person.last_name,
                    unit.code,
                    unit.name,
                    unit.parent or "",
                    person.job_title,
                    person.language,
                    "ja" if person.active else "nein",
                )
            )
        return out.getvalue().encode()


def ascii_fold(text: str) -> str:
    """'Jürgen Groß' -> 'Juergen Gross': German transliteration, then accents dropped."""
    text = text.translate(_GERMAN_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode()


_GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ı": "i"}
)


def organisation_plan(size: DemoSize, *, seed: str) -> OrganisationPlan:
    """Units, people and role holders of one size of the demo; no database access."""
    check_size(size)
    staff_count = size.people - size.units - len(LOGINS)
    rng = random.Random(seed)
    units = unit_tree(size.units)
    plan = OrganisationPlan(units=units, people=[])
    for unit in units:
        head = _person(rng, unit, _head_title(unit))
        plan.heads[unit.code] = head
        plan.people.append(head)
    for login in LOGINS:
        plan.people.append(
            PersonPlan(
                first_name=login.first_name,
                last_name=login.last_name,
                unit=login.unit,
                job_title=login.job_title,
                # Empty: the demo accounts follow the browser's language.
                language="",
                login=login,
                email=login.email,
            )
        )
    for unit, count in zip(units, _staff_per_unit(rng, units, staff_count), strict=True):
        titles, weights = zip(*company().staff_titles[unit.division], strict=True)
        for title in rng.choices(titles, weights, k=count):
            plan.people.append(_person(rng, unit, title))
    rng.shuffle(plan.people)
    _number(plan.people)
    _pick_role_holders(rng, plan)
    return plan


def check_size(size: DemoSize) -> None:
    """ValueError unless every unit and every role holder can be given their people."""
    base = len(company().units)
    if size.units < base or size.people - size.units - len(LOGINS) < MIN_STAFF:
        raise ValueError(
            f"A demo needs at least {base} units and {base + len(LOGINS) + MIN_STAFF} people."
        )


def unit_tree(count: int) -> list[UnitPlan]:
    """The base units, then departments, teams and groups beneath them up to ``count``.

    Each division gets a share of the units by its weight, as it gets a share of the
    people. Within a division the tree is filled level by level and round-robin (every
    parent's first child, then every second child), so a tree cut off anywhere is balanced.
    """
    base_units = company().units
    if count < len(base_units):
        raise ValueError(f"A demo needs at least {len(base_units)} units.")
    base = [UnitPlan(b.code, b.name, b.parent, b.code, 0) for b in base_units]
    budgets = _apportion([b.weight for b in base_units], count - len(base))
    units = list(base)
    for division, budget in zip(base, budgets, strict=True):
        grown: list[UnitPlan] = []
        frontier = [division]
        while len(grown) < budget:
            children: list[UnitPlan] = []
            for index in range(max(_child_count(parent) for parent in frontier)):
                for parent in frontier:
                    if len(grown) + len(children) < budget and index < _child_count(parent):
                        children.append(_child(parent, index))
            grown += children
            frontier = children
        units += grown
    return units


def _departments(division: str) -> tuple[str, ...]:
    return next(unit.departments for unit in company().units if unit.code == division)


def _child_count(parent: UnitPlan) -> int:
    if parent.level == 0:
        return len(_departments(parent.code))
    return TEAMS_PER_DEPARTMENT if parent.level == 1 else GROUPS_PER_TEAM


def _child(parent: UnitPlan, index: int) -> UnitPlan:
    level = parent.level + 1
    if level == 1:
        name = _departments(parent.code)[index]
    elif level == 2:
        teams = company().team_names.get(parent.division, ())
        suffix = teams[index] if index < len(teams) else f"Team {index + 1}"
        name = f"{parent.name} – {suffix}"
    else:
        group = company().group_names.get(parent.division, "Gruppe")
        name = f"{parent.name} – {group} {index + 1}"
    return UnitPlan(f"{parent.code}-{index + 1:02d}", name, parent.code, parent.division, level)


def _head_title(unit: UnitPlan) -> str:
    titles = company().head_titles
    if unit.parent is None:
        return titles.top
    if unit.level == 0:
        return titles.division.format(name=unit.name)
    if unit.level == 1:
        return titles.department.format(name=unit.name)
    by_division = titles.team if unit.level == 2 else titles.group
    return by_division.get(unit.division, by_division[OTHERS])


def _staff_per_unit(rng: random.Random, units: list[UnitPlan], total: int) -> list[int]:
    """Split ``total`` over the units: by division weight, mostly into the leaves."""
    weights = {b.code: b.weight for b in company().units}
    has_children = {u.parent for u in units if u.level > 0}
    raw = [(0.25 if u.code in has_children else 1.0) * rng.uniform(0.6, 1.4) for u in units]
    per_division: dict[str, float] = defaultdict(float)
    for unit, value in zip(units, raw, strict=True):
        per_division[unit.division] += value
    shares = [
        weights[u.division] * value / per_division[u.division]
        for u, value in zip(units, raw, strict=True)
    ]
    return _apportion(shares, total)


def _apportion(shares: list[float], total: int) -> list[int]:
    """Whole numbers proportional to ``shares`` that add up to ``total`` exactly."""
    scale = total / sum(shares)
    exact = [share * scale for share in shares]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _person(rng: random.Random, unit: UnitPlan, title: str) -> PersonPlan:
    female = rng.random() < FEMALE_SHARE.get(unit.division, 0.55)
    origins = names().origins
    (origin,) = rng.choices(origins, [origin.weight for origin in origins])
    english = rng.random() < ENGLISH_SHARE.get(unit.division, 0.04)
    return PersonPlan(
        first_name=rng.choice(origin.female if female else origin.male),
        last_name=rng.choice(origin.last),
        unit=unit.code,
        job_title=_gendered(title, female=female),
        language="en" if english else "de",
    )


def _gendered(title: str, *, female: bool) -> str:
    masculine, _, feminine = title.partition("|")
    return feminine if female and feminine else masculine


def _number(people: list[PersonPlan]) -> None:
    """Personnel numbers in (shuffled) file order; e-mail addresses made unique."""
    domain = company().domain
    taken = {p.email for p in people if p.login}
    for number, person in enumerate(people, start=10001):
        person.employee_id = f"RB-{number}"
        if person.login:
            continue
        local = ascii_fold(f"{person.first_name}.{person.last_name}").lower()
        local = local.replace(" ", "").replace("'", "")
        email, suffix = f"{local}@{domain}", 2
        while email in taken:
            email, suffix = f"{local}{suffix}@{domain}", suffix + 1
        taken.add(email)
        person.email = email


def _pick_role_holders(rng: random.Random, plan: OrganisationPlan) -> None:
    division = {u.code: u.division for u in plan.units}
    heads = {id(p) for p in plan.heads.values()}
    staff: dict[str, list[PersonPlan]] = defaultdict(list)
    for person in plan.people:
        if person.login is None and id(person) not in heads:
            staff[division[person.unit]].append(person)
    taken: set[int] = set()

    def pick(unit: str) -> PersonPlan:
        person = rng.choice([p for p in staff[unit] if id(p) not in taken])
        taken.add(id(person))
        return person

    for login in LOGINS:
        if login.role is not None:
            plan.roles.append(
                RolePlan(login.email, login.role, login.assigned_days_ago, login.note)
            )
    for extra in EXTRA_ROLES:
        kind, _, unit = extra.who.partition(":")
        person = plan.heads[unit] if kind == "head" else pick(unit)
        if kind == "leaver":
            person.active = False
        if extra.job_title:
            person.job_title = extra.job_title
        plan.roles.append(
            RolePlan(
                person.email, extra.role, extra.assigned_days_ago, extra.note, extra.ended_days_ago
            )
        )
    leavers = max(3, round(len(plan.people) * LEAVER_SHARE)) - 1
    candidates = [p for people in staff.values() for p in people if id(p) not in taken]
    for person in rng.sample(candidates, leavers):
        person.active = False
