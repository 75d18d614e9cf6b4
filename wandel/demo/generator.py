"""The demo organisation: a fictional German manufacturer, in a small and a large size.

Planning is pure and deterministic (one ``random.Random`` per size), so the same size gives
the same people every time. Loading goes through the same services as real use: the people
arrive as one HR export through ``people_import``, accounts and roles through the org
services, so the demo obeys the same rules and fills the audit log like a real organisation.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.demo.accounts import EXTRA_ROLES, LOGINS, PASSWORD, Login
from wandel.demo.base import SIZES, DemoAction, DemoSize, Writer
from wandel.demo.data import (
    BASE_UNITS,
    DEPARTMENT_HEAD_TITLE,
    DIVISION_HEAD_TITLE,
    DOMAIN,
    GROUP_HEAD_TITLE,
    GROUP_NAMES,
    NAME_ORIGINS,
    STAFF_TITLES,
    TEAM_HEAD_TITLE,
    TEAM_NAMES,
    TOP_TITLE,
)
from wandel.demo.governance import load_governance, setup_governance
from wandel.demo.portfolio import load_portfolio
from wandel.demo.stakeholders import STAKEHOLDER_GROUPS
from wandel.org.imports import people_import
from wandel.org.models import Person, Unit
from wandel.org.services import (
    account_create,
    concern_add,
    concern_answer,
    role_assign,
    role_end,
    stakeholder_group_create,
    touchpoint_record,
)

ADMIN_EMAIL = LOGINS[0].email
# Below this much staff some unit may lack the people the role holders are picked from.
MIN_STAFF = 200
TEAMS_PER_DEPARTMENT = 4
GROUPS_PER_TEAM = 3
FEMALE_SHARE = {"PR": 0.2, "EW": 0.25, "IT": 0.25, "EL": 0.35}
ENGLISH_SHARE = {"EW": 0.12, "IT": 0.12}
LEAVER_SHARE = 0.024

_DEPARTMENTS = {b.code: b.departments for b in BASE_UNITS}

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
    staff_count = size.people - size.units - len(LOGINS)
    if size.units < len(BASE_UNITS) or staff_count < MIN_STAFF:
        raise ValueError(
            f"A demo needs at least {len(BASE_UNITS)} units and "
            f"{len(BASE_UNITS) + len(LOGINS) + MIN_STAFF} people."
        )
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
        titles, weights = zip(*STAFF_TITLES[unit.division], strict=True)
        for title in rng.choices(titles, weights, k=count):
            plan.people.append(_person(rng, unit, title))
    rng.shuffle(plan.people)
    _number(plan.people)
    _pick_role_holders(rng, plan)
    return plan


def unit_tree(count: int) -> list[UnitPlan]:
    """The base units, then departments, teams and groups beneath them up to ``count``.

    Each division gets a share of the units by its weight, as it gets a share of the
    people. Within a division the tree is filled level by level and round-robin (every
    parent's first child, then every second child), so a tree cut off anywhere is balanced.
    """
    if count < len(BASE_UNITS):
        raise ValueError(f"A demo needs at least {len(BASE_UNITS)} units.")
    base = [UnitPlan(b.code, b.name, b.parent, b.code, 0) for b in BASE_UNITS]
    budgets = _apportion([b.weight for b in BASE_UNITS], count - len(base))
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


def _child_count(parent: UnitPlan) -> int:
    if parent.level == 0:
        return len(_DEPARTMENTS[parent.code])
    return TEAMS_PER_DEPARTMENT if parent.level == 1 else GROUPS_PER_TEAM


def _child(parent: UnitPlan, index: int) -> UnitPlan:
    level = parent.level + 1
    if level == 1:
        name = _DEPARTMENTS[parent.code][index]
    elif level == 2:
        teams = TEAM_NAMES.get(parent.division, ())
        suffix = teams[index] if index < len(teams) else f"Team {index + 1}"
        name = f"{parent.name} – {suffix}"
    else:
        name = f"{parent.name} – {GROUP_NAMES.get(parent.division, 'Gruppe')} {index + 1}"
    return UnitPlan(f"{parent.code}-{index + 1:02d}", name, parent.code, parent.division, level)


def _head_title(unit: UnitPlan) -> str:
    if unit.parent is None:
        return TOP_TITLE
    if unit.level == 0:
        return DIVISION_HEAD_TITLE.format(name=unit.name)
    if unit.level == 1:
        return DEPARTMENT_HEAD_TITLE.format(name=unit.name)
    titles = TEAM_HEAD_TITLE if unit.level == 2 else GROUP_HEAD_TITLE
    return titles.get(unit.division, titles[""])


def _staff_per_unit(rng: random.Random, units: list[UnitPlan], total: int) -> list[int]:
    """Split ``total`` over the units: by division weight, mostly into the leaves."""
    weights = {b.code: b.weight for b in BASE_UNITS}
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
    (origin,) = rng.choices(NAME_ORIGINS, [origin.weight for origin in NAME_ORIGINS])
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
    taken = {p.email for p in people if p.login}
    for number, person in enumerate(people, start=10001):
        person.employee_id = f"RB-{number}"
        if person.login:
            continue
        local = ascii_fold(f"{person.first_name}.{person.last_name}").lower()
        local = local.replace(" ", "").replace("'", "")
        email, suffix = f"{local}@{DOMAIN}", 2
        while email in taken:
            email, suffix = f"{local}{suffix}@{DOMAIN}", suffix + 1
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


class DemoIncomplete(Exception):
    def __init__(self) -> None:
        super().__init__(
            "An earlier demo load stopped half-way, so the database holds part of the demo. "
            "Run `wandel demo --reset` to delete everything and load it afresh."
        )


def demo_loaded() -> bool:
    """True once a demo load has finished; DemoIncomplete if one stopped half-way."""
    if AuditEvent.objects.filter(action=DemoAction.LOADED).exists():
        return True
    if (
        User.objects.filter(email__iexact=ADMIN_EMAIL).exists()
        or Person.objects.filter(email__iexact=ADMIN_EMAIL).exists()
    ):
        raise DemoIncomplete
    return False


def load_demo(size: str | DemoSize = "small", stdout: Writer | None = None) -> bool:
    """Load the demo organisation unless it is there already; True if it was loaded.

    The demo is built the way people would build it, one user action after another, each
    in its own transaction; the last one records that the demo is complete.
    """
    if isinstance(size, str):
        name, chosen = size, SIZES[size]
    else:
        name, chosen = f"{size.units}-units", size
    plan = organisation_plan(chosen, seed=f"wandel-demo-{name}")
    say = stdout.write if stdout is not None else (lambda text: None)
    if demo_loaded():
        return False
    say(f"Importing {len(plan.people)} people in {len(plan.units)} units …\n")
    people_import(content=plan.people_csv(), file_name=f"demo-{name}.csv", actor=None)
    say(f"Creating {len(LOGINS)} demo accounts and {len(plan.roles)} role assignments …\n")
    admin = _accounts_and_roles(plan)
    say(f"Adding {len(STAKEHOLDER_GROUPS)} stakeholder groups …\n")
    _stakeholder_groups(plan, admin)
    setup_governance(stdout=stdout)
    load_portfolio(chosen, seed=f"wandel-demo-{name}", stdout=stdout)
    load_governance(stdout=stdout)
    _mark_loaded(name)
    return True


@user_action
def _mark_loaded(name: str) -> None:
    audit_record(actor=None, action=DemoAction.LOADED, changes={"size": name})


def _accounts_and_roles(plan: OrganisationPlan) -> User:
    emails = {login.email for login in LOGINS} | {role.email for role in plan.roles}
    people = {p.email: p for p in Person.objects.filter(email__in=emails)}
    # A password hash costs a third of a second by design. The demo password is public, so
    # the accounts share one hash instead of spending seconds on nine.
    password = make_password(PASSWORD)
    # The programme admin sets up everyone else, so the audit log names them as the actor.
    admin = _account(people[ADMIN_EMAIL], actor=None, password=password)
    for login in LOGINS[1:]:
        _account(people[login.email], actor=admin, password=password)
    today = timezone.localdate()
    for role in sorted(plan.roles, key=lambda r: -r.assigned_days_ago):
        actor = None if role.email == ADMIN_EMAIL else admin
        assignment = role_assign(
            person=people[role.email],
            role=role.role,
            actor=actor,
            assigned_on=today - timedelta(days=role.assigned_days_ago),
            note=role.note,
        )
        if role.ended_days_ago is not None:
            role_end(
                assignment=assignment,
                actor=admin,
                ended_on=today - timedelta(days=role.ended_days_ago),
            )
    return admin


def _account(person: Person, *, actor: User | None, password: str) -> User:
    user = account_create(person=person, actor=actor)
    user.password = password
    user.save(update_fields=["password"])
    return user


def _stakeholder_groups(plan: OrganisationPlan, admin: User) -> None:
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.filter(code__in=[b.code for b in BASE_UNITS])}
    contacts = {spec.contact: _contact_email(plan, spec.contact) for spec in STAKEHOLDER_GROUPS}
    people = {p.email: p for p in Person.objects.filter(email__in=contacts.values())}
    for spec in STAKEHOLDER_GROUPS:
        group = stakeholder_group_create(
            actor=admin,
            name=spec.name,
            description=spec.description,
            power=spec.power,
            interest=spec.interest,
            adkar_stage=spec.adkar_stage,
            units=[units[code] for code in spec.units],
            contact=people[contacts[spec.contact]],
        )
        for concern in spec.concerns:
            added = concern_add(
                group=group,
                text=concern.text,
                raised_on=today - timedelta(days=concern.days_ago),
                actor=admin,
            )
            if concern.response:
                concern_answer(concern=added, response=concern.response, actor=admin)
        for touchpoint in spec.touchpoints:
            touchpoint_record(
                group=group,
                kind=touchpoint.kind,
                summary=touchpoint.summary,
                outcome=touchpoint.outcome,
                actor=admin,
                happened_on=today - timedelta(days=touchpoint.days_ago),
            )


def _contact_email(plan: OrganisationPlan, contact: str) -> str:
    kind, _, unit = contact.partition(":")
    return plan.heads[unit].email if kind == "head" else contact
