"""Reads of AI-literacy evidence, for the person's path, the coverage page, its exports and
PDF, and the AI Act obligation alike.

Everything is read in a fixed number of queries (paths, units, people, roles, completions)
and put together by ``rules``; so the report for 20,000 people costs what it costs for 20.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.enablement.literacy.models import LiteracyAction, LiteracyTarget
from wandel.enablement.literacy.rules import (
    CourseState,
    CourseStatus,
    Coverage,
    Light,
    Member,
    PathRule,
    course_state,
    is_covered,
    requirements,
)
from wandel.enablement.trainings.models import Completion, Course, LearningPath, PathCourse
from wandel.org.models import Person, RoleAssignment, Unit


@dataclass(frozen=True)
class UnitName:
    pk: int
    name: str

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Someone:
    """What the report shows of a person, read as plain values: for 20,000 people a model
    instance each would cost more than the rules."""

    pk: int
    first_name: str
    last_name: str
    employee_id: str
    unit: UnitName
    joined: date

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class PersonStatus:
    person: Someone
    states: list[CourseState]

    @property
    def covered(self) -> bool:
        return is_covered(self.states)

    @property
    def overdue(self) -> list[CourseState]:
        return [s for s in self.states if s.status == CourseStatus.OVERDUE]

    @property
    def still_due(self) -> list[CourseState]:
        return [s for s in self.states if s.status == CourseStatus.DUE]


@dataclass(frozen=True)
class NotCovered:
    person: Someone
    overdue: str
    due: str


@dataclass(frozen=True)
class PathRow:
    course: Course
    state: CourseState


@dataclass(frozen=True)
class CoverageRow:
    label: str
    coverage: Coverage
    target: int
    unit: Unit | UnitName | None = None
    role: str = ""

    @property
    def light(self) -> Light | None:
        return self.coverage.light(self.target)


@dataclass
class LiteracyReport:
    """Coverage of one scope (a unit with the units below it, or the organisation) on a day."""

    today: date
    target: int
    scope: Unit | None
    total: CoverageRow
    by_unit: list[CoverageRow]
    by_role: list[CoverageRow]
    courses: dict[int, Course]
    paths: list[LearningPath]
    rules: list[PathRule] = field(default_factory=list)
    people: list[PersonStatus] = field(default_factory=list)

    @property
    def not_covered(self) -> list[PersonStatus]:
        return [status for status in self.people if not status.covered]

    @property
    def not_covered_rows(self) -> list[NotCovered]:
        """Who is not covered, with the titles of their overdue and still-due courses."""
        return [
            NotCovered(status.person, self._titles(status.overdue), self._titles(status.still_due))
            for status in self.people
            if not status.covered
        ]

    def _titles(self, states: Iterable[CourseState]) -> str:
        return ", ".join(self.courses[state.course_id].title for state in states)


class Catalogue:
    """The paths, courses and unit tree the rules need, read once."""

    def __init__(self) -> None:
        paths = list(LearningPath.objects.filter(active=True).prefetch_related("units"))
        order: dict[int, list[int]] = defaultdict(list)
        for path_id, course_id in PathCourse.objects.filter(path__active=True).values_list(
            "path_id", "course_id"
        ):
            order[path_id].append(course_id)
        self.paths = paths
        self.rules = [
            PathRule(
                path.pk,
                frozenset(path.roles),
                frozenset(unit.pk for unit in path.units.all()),
                path.starts_on,
                path.complete_within_days,
                tuple(order[path.pk]),
            )
            for path in paths
        ]
        required = {pk for rule in self.rules for pk in rule.course_ids}
        self.courses = {c.pk: c for c in Course.objects.filter(pk__in=required)}
        parents: dict[int, int | None] = dict(Unit.objects.values_list("pk", "parent_id"))
        self.units_above: dict[int, frozenset[int]] = {}
        for pk in parents:
            chain: list[int] = []
            current: int | None = pk
            while current is not None and current not in chain:
                chain.append(current)
                current = parents.get(current)
            self.units_above[pk] = frozenset(chain)

    def member(self, person: Someone, roles: dict[str, date]) -> Member:
        return Member(person.joined, roles, self.units_above.get(person.unit_id, frozenset()))

    def status(
        self,
        person: Someone,
        roles: dict[str, date],
        completions: dict[int, list[date]],
        today: date,
    ) -> PersonStatus:
        required = requirements(self.rules, self.member(person, roles))
        states = [
            course_state(
                requirement,
                completions.get(course_id, []),
                self.courses[course_id].validity_months,
                today,
            )
            for course_id, requirement in required.items()
        ]
        return PersonStatus(person, states)


def statuses(people: QuerySet[Person], today: date, catalogue: Catalogue) -> list[PersonStatus]:
    """Each active person's required courses with their state; those without one left out."""
    people = people.filter(active=True)
    roles: dict[int, dict[str, date]] = defaultdict(dict)
    for person_id, role, since in (
        RoleAssignment.objects.current()
        .filter(person__in=people)
        .values_list("person_id", "role", "assigned_on")
    ):
        roles[person_id][role] = since
    done: dict[int, dict[int, list[date]]] = defaultdict(lambda: defaultdict(list))
    for person_id, course_id, day in Completion.objects.filter(
        person__in=people, course_id__in=list(catalogue.courses)
    ).values_list("person_id", "course_id", "completed_on"):
        done[person_id][course_id].append(day)
    zone = timezone.get_current_timezone()
    units: dict[int, UnitName] = {}
    found = []
    for pk, first, last, employee_id, unit_id, unit_name, created in people.order_by(
        "last_name", "first_name", "pk"
    ).values_list(
        "pk", "first_name", "last_name", "employee_id", "unit_id", "unit__name", "created_at"
    ):
        unit = units.get(unit_id) or units.setdefault(unit_id, UnitName(unit_id, unit_name))
        person = Someone(pk, first, last, employee_id, unit, created.astimezone(zone).date())
        status = catalogue.status(person, roles.get(pk, {}), done.get(pk, {}), today)
        if status.states:
            found.append(status)
    return found


def person_status(person: Person, today: date | None = None) -> PersonStatus:
    """One person's path: every course required of them with its state."""
    found = statuses(
        Person.objects.filter(pk=person.pk), today or timezone.localdate(), Catalogue()
    )
    if found:
        return found[0]
    joined = timezone.localdate(person.created_at)
    unit = UnitName(person.unit_id, "")
    return PersonStatus(
        Someone(person.pk, person.first_name, person.last_name, person.employee_id, unit, joined),
        [],
    )


def path_rows(person: Person, today: date | None = None) -> tuple[PersonStatus, list[PathRow]]:
    """The person's path for their page and home page: each required course with its state,
    the soonest date first (a done course that never expires last)."""
    status = person_status(person, today)
    courses = courses_named(state.course_id for state in status.states)
    rows = [PathRow(courses[state.course_id], state) for state in status.states]
    rows.sort(key=lambda row: (row.state.due is None, row.state.due or date.max, row.course.title))
    return status, rows


def _units_below(scope: Unit, catalogue: Catalogue) -> list[int]:
    return [pk for pk, above in catalogue.units_above.items() if scope.pk in above]


def literacy_report(
    scope: Unit | None = None, *, today: date | None = None, with_people: bool = False
) -> LiteracyReport:
    today = today or timezone.localdate()
    target = LiteracyTarget.current()
    catalogue = Catalogue()
    people = Person.objects.all()
    if scope is not None:
        people = people.filter(unit_id__in=_units_below(scope, catalogue))
    found = statuses(people, today, catalogue)
    held: dict[int, set[str]] = defaultdict(set)
    for person_id, role in (
        RoleAssignment.objects.current()
        .filter(person__in=people.filter(active=True))
        .values_list("person_id", "role")
    ):
        held[person_id].add(role)
    per_unit: dict[int, Coverage] = defaultdict(lambda: Coverage(0, 0))
    per_role: dict[str, Coverage] = defaultdict(lambda: Coverage(0, 0))
    units: dict[int, UnitName] = {}
    total = Coverage(0, 0)
    for status in found:
        one = Coverage(1 if status.covered else 0, 1)
        total += one
        units[status.person.unit_id] = status.person.unit
        per_unit[status.person.unit_id] += one
        for role in held.get(status.person.pk, ()):
            per_role[role] += one
    return LiteracyReport(
        today=today,
        target=target,
        scope=scope,
        total=CoverageRow(str(scope) if scope else "", total, target, unit=scope),
        by_unit=sorted(
            (
                CoverageRow(units[pk].name, coverage, target, unit=units[pk])
                for pk, coverage in per_unit.items()
            ),
            key=lambda row: row.label.casefold(),
        ),
        by_role=[
            CoverageRow(str(Role(role).label), per_role[role], target, role=role)
            for role in Role.values
            if role in per_role
        ],
        courses=catalogue.courses,
        paths=catalogue.paths,
        rules=catalogue.rules,
        people=found if with_people else [],
    )


def organisation_coverage(today: date | None = None) -> CoverageRow:
    """The organisation's coverage alone (for the AI Act obligation and the overview); today's
    from the cache (see ``coverage_view``)."""
    if today is None:
        return coverage_view().report.total
    return literacy_report(today=today).total


def courses_named(pks: Iterable[int]) -> dict[int, Course]:
    return {course.pk: course for course in Course.objects.filter(pk__in=list(pks))}


# Shown on the coverage page and kept in the cache: the first of those not covered (the
# table export and the PDF's list have them all).
NOT_COVERED_SHOWN = 100
CACHE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class CoverageView:
    """What the coverage page and the AI Act evidence show: the report's figures and the
    first of those not covered with their number."""

    report: LiteracyReport
    not_covered: list[NotCovered]
    not_covered_count: int


def coverage_view(scope: Unit | None = None, *, with_people: bool = False) -> CoverageView:
    """The report as the page shows it, computed once per state of the data and day.

    Computing it reads every active person (seconds for 20,000 people), so it is kept in
    the cache under a key that changes with anything it reads: the day, the target, the
    latest audited change of what it reads (``READ_CHANGES``), and the newest and number of
    people, role assignments and completions (imports and bulk loads included).
    """
    key = f"literacy:{scope.pk if scope else 'all'}:{int(with_people)}:{_data_state()}"
    kept: CoverageView | None = cache.get(key)
    if kept is not None:
        return kept
    report = literacy_report(scope, with_people=with_people)
    rows = report.not_covered_rows
    report.people = []
    view = CoverageView(report, rows[:NOT_COVERED_SHOWN], len(rows))
    cache.set(key, view, CACHE_SECONDS)
    return view


# The audited changes the report reads: people, units and roles (org), the catalogue's
# courses and paths, and the target. Completions are counted directly (a bulk load writes
# no event per row); nothing else anywhere in Wandel makes the cached report stale.
READ_CHANGES = (
    Q(action__startswith="org.")
    | Q(action__startswith="enablement.course_")
    | Q(action__startswith="enablement.path_")
    | Q(action__in=LiteracyAction.values)
)


def _data_state() -> str:
    """What changes when anything the report reads changes (four aggregate queries)."""
    parts = (
        timezone.localdate().isoformat(),
        AuditEvent.objects.filter(READ_CHANGES).aggregate(newest=Max("pk"))["newest"],
        *Person.objects.aggregate(
            newest=Max("pk"), active=Count("pk", filter=Q(active=True))
        ).values(),
        *RoleAssignment.objects.aggregate(
            newest=Max("pk"), ended=Count("pk", filter=Q(ended_on__isnull=False))
        ).values(),
        *Completion.objects.aggregate(newest=Max("pk"), count=Count("pk")).values(),
    )
    return ":".join(str(part) for part in parts)
