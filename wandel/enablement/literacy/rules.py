"""The rules of AI-literacy evidence, as pure functions of plain values.

- A learning path applies to a person when it is for everyone, or for a role they hold, or
  for their unit or a unit above it (and for both, when it names roles and units). From the
  later of the path's start and the day the person joined it (their role's start, or their
  own start in the organisation), they have the path's days to complete each course.
- A completion is valid from its day until the course's validity runs out (a course
  without validity never expires). The latest completion counts.
- A required course is **done** while valid, **expiring** in the last ``EXPIRING_DAYS`` of
  its validity (still done, to be refreshed), **due** before its date and **overdue** from
  the day after it (or from the day the last completion expired).
- A person is **covered** when every course required of them is done or expiring. Coverage
  is the share covered among those with a requirement, rounded down (an auditor is never
  shown more than is there); it is green at or above the target, amber up to
  ``AMBER_POINTS`` below, red further below.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

EVERYONE = "employee"
EXPIRING_DAYS = 30
AMBER_POINTS = 10


class CourseStatus(models.TextChoices):
    DONE = "done", _("Done")
    EXPIRING = "expiring", _("Done, refresh soon")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")


COVERED = frozenset({CourseStatus.DONE, CourseStatus.EXPIRING})


class Light(models.TextChoices):
    GREEN = "green", _("On target")
    AMBER = "amber", _("Close to target")
    RED = "red", _("Below target")


@dataclass(frozen=True)
class PathRule:
    """What decides whom a path applies to, and by when."""

    path_id: int
    roles: frozenset[str]
    unit_ids: frozenset[int]
    starts_on: date
    within_days: int
    course_ids: tuple[int, ...]

    @property
    def for_everyone_in_role(self) -> bool:
        return not self.roles or EVERYONE in self.roles


@dataclass(frozen=True)
class Member:
    """What the rules need of a person: when they joined, the roles they hold since when,
    and their unit with the units above it."""

    joined: date
    roles: Mapping[str, date]
    units: frozenset[int]


@dataclass(frozen=True)
class Requirement:
    course_id: int
    due: date


@dataclass(frozen=True)
class CourseState:
    course_id: int
    status: CourseStatus
    # By when to do it (again); None for a done course that never expires.
    due: date | None
    completed_on: date | None = None
    valid_until: date | None = None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(completed_on: date, validity_months: int | None) -> date | None:
    """The first day a completion no longer counts; None when it never expires."""
    return None if validity_months is None else add_months(completed_on, validity_months)


def path_since(path: PathRule, member: Member) -> date | None:
    """The day the path's time starts for the member, or None when it does not apply."""
    if path.unit_ids and not path.unit_ids & member.units:
        return None
    if path.for_everyone_in_role:
        joined = member.joined
    else:
        held = [since for role, since in member.roles.items() if role in path.roles]
        if not held:
            return None
        joined = min(held)
    return max(path.starts_on, joined)


def requirements(paths: Iterable[PathRule], member: Member) -> dict[int, Requirement]:
    """The courses required of the member by course id, each with its earliest due date."""
    required: dict[int, Requirement] = {}
    for path in paths:
        since = path_since(path, member)
        if since is None:
            continue
        due = since + timedelta(days=path.within_days)
        for course_id in path.course_ids:
            known = required.get(course_id)
            if known is None or due < known.due:
                required[course_id] = Requirement(course_id, due)
    return required


def course_state(
    requirement: Requirement,
    completions: Iterable[date],
    validity_months: int | None,
    today: date,
) -> CourseState:
    latest = max((day for day in completions if day <= today), default=None)
    if latest is not None:
        until = valid_until(latest, validity_months)
        if until is None or today < until:
            expiring = until is not None and (until - today).days <= EXPIRING_DAYS
            status = CourseStatus.EXPIRING if expiring else CourseStatus.DONE
            return CourseState(requirement.course_id, status, until, latest, until)
        return CourseState(requirement.course_id, CourseStatus.OVERDUE, until, latest, until)
    status = CourseStatus.OVERDUE if today > requirement.due else CourseStatus.DUE
    return CourseState(requirement.course_id, status, requirement.due)


def is_covered(states: Iterable[CourseState]) -> bool:
    return all(state.status in COVERED for state in states)


@dataclass(frozen=True)
class Coverage:
    """How many of those with a requirement are covered."""

    covered: int
    required: int

    @property
    def percent(self) -> int | None:
        return None if not self.required else self.covered * 100 // self.required

    def light(self, target: int) -> Light | None:
        if not self.required:
            return None
        if self.covered * 100 >= target * self.required:
            return Light.GREEN
        if self.covered * 100 >= (target - AMBER_POINTS) * self.required:
            return Light.AMBER
        return Light.RED

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(self.covered + other.covered, self.required + other.required)
