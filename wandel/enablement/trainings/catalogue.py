"""Writes of the catalogue: courses with their materials, and learning paths with their
courses in order. One function per user action, each its own transaction with its audit
event."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.enablement.trainings.models import (
    Course,
    CourseMaterial,
    LearningPath,
    PathCourse,
    Topic,
    TrainingAction,
)
from wandel.enablement.trainings.services import TrainingConflict, TrainingError
from wandel.org.models import Unit

__all__ = [
    "PATH_WITHOUT_COURSES",
    "TITLE_REQUIRED",
    "TITLE_TAKEN",
    "TOPIC_REQUIRED",
    "UNKNOWN_ROLE",
    "UNKNOWN_TOPIC",
    "CourseInput",
    "Material",
    "PathInput",
    "course_create",
    "course_update",
    "path_create",
    "path_update",
]

TITLE_REQUIRED = _("Give it a title.")
TOPIC_REQUIRED = _("Choose at least one topic.")
UNKNOWN_TOPIC = _("“%(value)s” is not a topic.")
UNKNOWN_ROLE = _("“%(value)s” is not a role.")
PATH_WITHOUT_COURSES = _("A learning path needs at least one course.")
TITLE_TAKEN = _("“%(title)s” is taken; give it another name.")

COURSE_FIELDS = (
    "title",
    "description",
    "topics",
    "level",
    "format",
    "duration_minutes",
    "validity_months",
    "target_roles",
    "active",
)
PATH_FIELDS = ("name", "description", "roles", "starts_on", "complete_within_days", "active")


@dataclass(frozen=True)
class Material:
    title: str
    url: str


@dataclass(frozen=True)
class CourseInput:
    title: str
    description: str
    topics: Sequence[str]
    level: str
    format: str
    duration_minutes: int
    validity_months: int | None = None
    target_roles: Sequence[str] = ()
    target_units: Iterable[Unit] = ()
    materials: Sequence[Material] = ()
    active: bool = True


@dataclass(frozen=True)
class PathInput:
    name: str
    courses: Sequence[Course]
    description: str = ""
    roles: Sequence[str] = ()
    units: Iterable[Unit] = ()
    starts_on: date | None = None
    complete_within_days: int = 90
    active: bool = True


@user_action
def course_create(*, data: CourseInput, actor: User | None) -> Course:
    return _save(Course(), data, COURSE, actor)


@user_action
def course_update(*, course: Course, data: CourseInput, actor: User | None) -> Course:
    return _save(Course.objects.select_for_update().get(pk=course.pk), data, COURSE, actor)


@user_action
def path_create(*, data: PathInput, actor: User | None) -> LearningPath:
    return _save(LearningPath(), data, PATH, actor)


@user_action
def path_update(*, path: LearningPath, data: PathInput, actor: User | None) -> LearningPath:
    return _save(LearningPath.objects.select_for_update().get(pk=path.pk), data, PATH, actor)


@dataclass(frozen=True)
class _Kind[R: models.Model, D]:
    """How a kind of catalogue record is checked and filled, its relations set, and its
    state written out for the audit log."""

    fill: Callable[[R, D], None]
    relations: Callable[[R, D], None]
    snapshot: Callable[[R], dict[str, Any]]
    created: str
    updated: str


def _save[R: models.Model, D](record: R, data: D, kind: _Kind[R, D], actor: User | None) -> R:
    """Create (unsaved ``record``) or update (a locked row) one catalogue record, with one
    audit event: all of it when created, what changed when updated (nothing: no event)."""
    new = record.pk is None
    before = {} if new else kind.snapshot(record)
    kind.fill(record, data)
    record.save()
    kind.relations(record, data)
    changes = changed_fields(before, kind.snapshot(record))
    if changes:
        action = kind.created if new else kind.updated
        audit_record(actor=actor, action=action, target=record, changes=changes)
    return record


def _course_fill(course: Course, data: CourseInput) -> None:
    title = data.title.strip()
    if not title:
        raise TrainingError(TITLE_REQUIRED, field="title")
    if Course.objects.filter(title__iexact=title).exclude(pk=course.pk).exists():
        raise TrainingConflict(TITLE_TAKEN % {"title": title}, field="title")
    if not data.topics:
        raise TrainingError(TOPIC_REQUIRED, field="topics")
    for topic in data.topics:
        if topic not in Topic.values:
            raise TrainingError(UNKNOWN_TOPIC % {"value": topic}, field="topics")
    _check_roles(data.target_roles, "target_roles")
    course.title, course.description = title, data.description.strip()
    course.topics = [t for t in Topic.values if t in data.topics]
    course.level, course.format = data.level, data.format
    course.duration_minutes, course.validity_months = data.duration_minutes, data.validity_months
    course.target_roles = [r for r in Role.values if r in data.target_roles]
    course.active = data.active


def _course_relations(course: Course, data: CourseInput) -> None:
    course.target_units.set(list(data.target_units))
    wanted = [(m.title.strip(), m.url.strip()) for m in data.materials if m.url.strip()]
    known = list(course.materials.values_list("title", "url"))
    if known != wanted:
        course.materials.all().delete()
        CourseMaterial.objects.bulk_create(
            CourseMaterial(course=course, title=title or url, url=url) for title, url in wanted
        )


def _course_snapshot(course: Course) -> dict[str, Any]:
    return {
        **snapshot(course, COURSE_FIELDS),
        "target_units": sorted(str(unit) for unit in course.target_units.all()),
        "materials": [f"{m.title} <{m.url}>" for m in course.materials.all()],
    }


def _path_fill(path: LearningPath, data: PathInput) -> None:
    name = data.name.strip()
    if not name:
        raise TrainingError(TITLE_REQUIRED, field="name")
    if LearningPath.objects.filter(name__iexact=name).exclude(pk=path.pk).exists():
        raise TrainingConflict(TITLE_TAKEN % {"title": name}, field="name")
    if not data.courses:
        raise TrainingError(PATH_WITHOUT_COURSES, field="courses")
    _check_roles(data.roles, "roles")
    path.name, path.description = name, data.description.strip()
    path.roles = [r for r in Role.values if r in data.roles]
    if data.starts_on is not None:
        path.starts_on = data.starts_on
    path.complete_within_days, path.active = data.complete_within_days, data.active


def _path_relations(path: LearningPath, data: PathInput) -> None:
    path.units.set(list(data.units))
    order = list(dict.fromkeys(course.pk for course in data.courses))
    if list(PathCourse.objects.filter(path=path).values_list("course_id", flat=True)) != order:
        PathCourse.objects.filter(path=path).delete()
        PathCourse.objects.bulk_create(
            PathCourse(path=path, course_id=pk, position=index) for index, pk in enumerate(order)
        )


def _path_snapshot(path: LearningPath) -> dict[str, Any]:
    return {
        **snapshot(path, PATH_FIELDS),
        "units": sorted(str(unit) for unit in path.units.all()),
        "courses": [
            row.course.title
            for row in PathCourse.objects.filter(path=path).select_related("course")
        ],
    }


def _check_roles(roles: Sequence[str], field: str) -> None:
    for role in roles:
        if role not in Role.values:
            raise TrainingError(UNKNOWN_ROLE % {"value": role}, field=field)


COURSE: _Kind[Course, CourseInput] = _Kind(
    _course_fill,
    _course_relations,
    _course_snapshot,
    TrainingAction.COURSE_CREATED,
    TrainingAction.COURSE_UPDATED,
)
PATH: _Kind[LearningPath, PathInput] = _Kind(
    _path_fill,
    _path_relations,
    _path_snapshot,
    TrainingAction.PATH_CREATED,
    TrainingAction.PATH_UPDATED,
)
