"""Small factories for enablement's tests: courses, paths, sessions and sprints made through
the services, as a trainer or a product owner would make them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from wandel.core.models import User
from wandel.enablement.sprints.models import Sprint
from wandel.enablement.sprints.services import SprintInput, sprint_create, sprint_start
from wandel.enablement.trainings.catalogue import CourseInput, PathInput, course_create, path_create
from wandel.enablement.trainings.models import Course, LearningPath, TrainingSession
from wandel.enablement.trainings.services import session_schedule
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import UseCase

DEFAULT_TITLE = "Safe use of the company assistant"


def make_course(title: str = DEFAULT_TITLE, **fields: Any) -> Course:
    data: dict[str, Any] = {
        "title": title,
        "description": "What to type into the assistant, and what never.",
        "topics": ["safe_use"],
        "level": "basic",
        "format": "workshop",
        "duration_minutes": 90,
        "validity_months": 12,
        **fields,
    }
    return course_create(data=CourseInput(**data), actor=None)


def make_path(
    courses: Sequence[Course],
    *,
    name: str = "Everyone",
    roles: Sequence[str] = (),
    units: Sequence[Unit] = (),
    starts_on: datetime.date = datetime.date(2026, 1, 1),
    within: int = 90,
) -> LearningPath:
    return path_create(
        data=PathInput(
            name=name,
            courses=list(courses),
            roles=roles,
            units=units,
            starts_on=starts_on,
            complete_within_days=within,
        ),
        actor=None,
    )


def make_session(
    course: Course | None = None,
    *,
    in_days: float = 7,
    capacity: int = 12,
    place: str = "Room 4.12",
) -> TrainingSession:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=in_days)
    return session_schedule(
        course=course or Course.objects.filter(title=DEFAULT_TITLE).first() or make_course(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=capacity,
        place=place,
        actor=None,
    )


def started(session: TrainingSession, hours_ago: float = 1) -> TrainingSession:
    """Move a session into the past (its start ``hours_ago``), as time would."""
    starts = timezone.now() - datetime.timedelta(hours=hours_ago)
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    session.refresh_from_db()
    return session


def make_sprint(
    use_cases: Sequence[UseCase],
    *,
    team: Sequence[Person] = (),
    title: str = "Answer drafts in two weeks",
    starts_on: datetime.date | None = None,
    running: bool = True,
    actor: User | None = None,
) -> Sprint:
    """A sprint of ``use_cases`` planned through the service, started unless ``running``
    is False."""
    sprint = sprint_create(
        data=SprintInput(
            title=title,
            goal="A prototype that drafts answers to support tickets.",
            use_cases=list(use_cases),
            team=list(team),
            starts_on=starts_on or timezone.localdate(),
        ),
        actor=actor,
    )
    if running:
        sprint = sprint_start(sprint=sprint, actor=actor)
    return sprint
