"""Reads of trainings for pages, API and calendar alike: the catalogue with each course's
next sessions, upcoming sessions with their free seats, one session with who takes part,
and a person's enrolments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import Figure
from wandel.core.roles import Permission
from wandel.enablement.trainings.models import (
    Completion,
    Course,
    Enrolment,
    EnrolmentStatus,
    LearningPath,
    PathCourse,
    TrainingSession,
)
from wandel.org.models import Person

ENROLLED = Q(enrolments__status=EnrolmentStatus.ENROLLED)
WAITING = Q(enrolments__status=EnrolmentStatus.WAITING)


def courses(*, include_inactive: bool = False) -> QuerySet[Course]:
    """The catalogue by title, each course with its next session's start and the number of
    upcoming sessions."""
    now = timezone.now()
    found = Course.objects.all() if include_inactive else Course.objects.filter(active=True)
    upcoming = Q(sessions__starts_at__gte=now, sessions__cancelled=False)
    return found.annotate(
        next_start=Min("sessions__starts_at", filter=upcoming),
        upcoming=Count("sessions", filter=upcoming),
    ).order_by("title")


def course_list(
    *, include_inactive: bool, topic: str | None = None, active: bool | None = None
) -> QuerySet[Course]:
    """The catalogue for the API: ``courses`` with their target units, of one topic and
    of one state (active or not) when given."""
    found = courses(include_inactive=include_inactive)
    if topic is not None:
        # The topics are a JSON list of names none of which is part of another.
        found = found.filter(topics__icontains=f'"{topic}"')
    if active is not None:
        found = found.filter(active=active)
    return found.prefetch_related("target_units")


def paths(*, include_inactive: bool) -> QuerySet[LearningPath]:
    """Learning paths by name, each with its units and its courses in order."""
    found = (
        LearningPath.objects.all() if include_inactive else LearningPath.objects.filter(active=True)
    )
    ordered = PathCourse.objects.select_related("course").order_by("position", "pk")
    return found.prefetch_related("units", Prefetch("pathcourse_set", queryset=ordered)).order_by(
        "name"
    )


def session_list(*, since: datetime, course_id: int | None = None) -> QuerySet[TrainingSession]:
    """Sessions not over at ``since`` (of one course when given), soonest first, with
    their counts."""
    found = TrainingSession.objects.select_related("course", "trainer").filter(ends_at__gte=since)
    if course_id is not None:
        found = found.filter(course_id=course_id)
    return _with_counts(found.order_by("starts_at", "pk"))


def completions(
    *, person_id: int | None = None, course_id: int | None = None
) -> QuerySet[Completion]:
    """Completions, latest first, of one person and one course when given."""
    found = Completion.objects.select_related("person", "course", "session")
    if person_id is not None:
        found = found.filter(person_id=person_id)
    if course_id is not None:
        found = found.filter(course_id=course_id)
    return found.order_by("-completed_on", "-pk")


def sessions(*, upcoming: bool = True) -> QuerySet[TrainingSession]:
    """Sessions with their course and trainer, and how many are enrolled and waiting."""
    found = TrainingSession.objects.select_related("course", "trainer")
    now = timezone.now()
    found = (
        found.filter(ends_at__gte=now).order_by("starts_at", "pk")
        if upcoming
        else found.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    )
    return _with_counts(found)


def session_detail(pk: int) -> TrainingSession:
    return _with_counts(TrainingSession.objects.select_related("course", "trainer")).get(pk=pk)


def _with_counts(found: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    """Each session with how many are enrolled (``taken``) and waiting."""
    return found.annotate(
        taken=Count("enrolments", filter=ENROLLED), waiting=Count("enrolments", filter=WAITING)
    )


@dataclass(frozen=True)
class Roster:
    enrolled: list[Enrolment]
    waiting: list[Enrolment]


def roster(session: TrainingSession) -> Roster:
    """Who is enrolled (by name) and who waits (in the order they move up)."""
    rows = list(
        Enrolment.objects.filter(session=session)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("person__unit")
        .order_by("enrolled_at", "pk")
    )
    enrolled = sorted(
        (e for e in rows if e.status == EnrolmentStatus.ENROLLED),
        key=lambda e: (e.person.last_name.casefold(), e.person.first_name.casefold(), e.pk),
    )
    return Roster(enrolled, [e for e in rows if e.status == EnrolmentStatus.WAITING])


def enrolment_of(session: TrainingSession, person: Person | None) -> Enrolment | None:
    if person is None:
        return None
    return (
        Enrolment.objects.filter(session=session, person=person)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .first()
    )


def waiting_position(enrolment: Enrolment) -> int:
    """1 for the first on the waiting list."""
    return (
        Enrolment.objects.filter(session_id=enrolment.session_id, status=EnrolmentStatus.WAITING)
        .filter(
            Q(enrolled_at__lt=enrolment.enrolled_at)
            | Q(enrolled_at=enrolment.enrolled_at, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


def my_enrolments(person: Person) -> QuerySet[Enrolment]:
    """The person's seats and waiting places in sessions not yet over, soonest first."""
    return (
        Enrolment.objects.filter(person=person, session__ends_at__gte=timezone.now())
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )


def overview_figures(user: Any) -> list[Figure]:
    if not user.has_perm(Permission.VIEW_TRAININGS):
        return []
    upcoming = TrainingSession.objects.filter(starts_at__gte=timezone.now(), cancelled=False)
    return [
        Figure(_("Upcoming training sessions"), upcoming.count(), reverse("enablement:sessions"))
    ]
