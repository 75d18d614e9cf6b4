"""Trainings over the REST API, through the pages' services and queries: the catalogue and
learning paths, sessions with their seats, enrolment and the waiting list, completions.

Everyone signed in reads and enrols themselves (VIEW_TRAININGS); trainers keep the catalogue
and sessions, see who takes part and record completions (MANAGE_TRAININGS). A refusal is an
``ErrorOut``, with the messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date, datetime, time
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import UNCHANGED, Id, PersonRef
from wandel.core.roles import Permission, Role
from wandel.enablement.schemas import (
    CourseRef,
    Day,
    Link,
    Moment,
    Place,
    Title,
    UnitRef,
    all_referenced,
    caller_person,
    referenced,
)
from wandel.enablement.trainings import catalogue, queries, services
from wandel.enablement.trainings.catalogue import CourseInput, Material
from wandel.enablement.trainings.models import (
    Completion,
    CompletionSource,
    Course,
    CourseFormat,
    CourseLevel,
    Enrolment,
    EnrolmentStatus,
    LearningPath,
    Topic,
    TrainingSession,
)
from wandel.enablement.trainings.services import TrainingError
from wandel.org.models import Person, Unit

router = Router(tags=["enablement"])


class MaterialOut(Schema):
    title: str
    url: str


class CourseOut(Schema):
    id: int
    title: str
    description: str
    topics: list[Topic]
    level: CourseLevel
    format: CourseFormat
    duration_minutes: int
    validity_months: int | None
    target_roles: list[Role]
    target_units: list[UnitRef]
    active: bool
    next_start: datetime | None = Field(description="The next session's start, if any.")
    upcoming: int = Field(description="How many sessions lie ahead.")

    @staticmethod
    def resolve_target_units(course: Course) -> list[Unit]:
        return list(course.target_units.all())


class CourseDetailOut(CourseOut):
    materials: list[MaterialOut]

    @staticmethod
    def resolve_materials(course: Course) -> list[Any]:
        return list(course.materials.all())


class MaterialIn(Schema):
    title: Annotated[str, Field(max_length=200)] = ""
    url: Link


class CourseIn(Schema):
    title: Title
    description: str
    topics: list[Topic] = Field(min_length=1)
    level: CourseLevel = CourseLevel.BASIC
    format: CourseFormat = CourseFormat.WORKSHOP
    duration_minutes: int = Field(ge=5, le=60 * 40)
    validity_months: int | None = Field(None, ge=1, le=120)
    target_roles: list[Role] = Field(default_factory=list)
    target_units: list[Id] = Field(default_factory=list)
    materials: list[MaterialIn] = Field(default_factory=list)
    active: bool = True


class CoursePatch(Schema):
    """Only the fields sent change; ``materials`` and ``target_units`` replace the lists."""

    title: Title = UNCHANGED
    description: str = UNCHANGED
    topics: list[Topic] = Field(UNCHANGED, min_length=1)
    level: CourseLevel = UNCHANGED
    format: CourseFormat = UNCHANGED
    duration_minutes: int = Field(UNCHANGED, ge=5, le=60 * 40)
    validity_months: int | None = Field(None, ge=1, le=120)
    target_roles: list[Role] = UNCHANGED
    target_units: list[Id] = UNCHANGED
    materials: list[MaterialIn] = UNCHANGED
    active: bool = UNCHANGED


class CourseQuery(Schema):
    topic: Topic | None = None
    active: bool | None = Field(
        None, description="Trainers see retired courses too; everyone else active ones only."
    )


class PathOut(Schema):
    id: int
    name: str
    description: str
    roles: list[Role]
    units: list[UnitRef]
    starts_on: date
    complete_within_days: int
    active: bool
    courses: list[CourseRef] = Field(description="In the order they are to be taken.")

    @staticmethod
    def resolve_units(path: LearningPath) -> list[Unit]:
        return list(path.units.all())

    @staticmethod
    def resolve_courses(path: LearningPath) -> list[Course]:
        return [row.course for row in path.pathcourse_set.all()]  # type: ignore[attr-defined]


class SessionOut(Schema):
    id: int
    course: CourseRef
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    trainer: PersonRef | None
    capacity: int
    seats_free: int
    waiting: int
    cancelled: bool


class EnrolmentOut(Schema):
    id: int
    session: int
    person: PersonRef
    status: EnrolmentStatus
    attended: bool | None
    enrolled_at: datetime
    waiting_position: int | None = Field(
        None, description="1 for the first on the waiting list; null for a seat."
    )

    @staticmethod
    def resolve_session(enrolment: Enrolment) -> int:
        return enrolment.session_id


class RosterOut(Schema):
    enrolled: list[EnrolmentOut]
    waiting: list[EnrolmentOut]


class SessionDetailOut(SessionOut):
    mine: EnrolmentOut | None = Field(description="The caller's seat or waiting place.")
    roster: RosterOut | None = Field(description="Who takes part; for trainers only.")


class SessionIn(Schema):
    course: Id
    starts_at: Moment
    ends_at: Moment
    capacity: int = Field(ge=1, le=1000)
    place: Place = ""
    online_url: Link = ""
    trainer: Id | None = None


class SessionQuery(Schema):
    course: Id | None = None
    from_: Day | None = Field(
        None,
        alias="from",
        description="Sessions not over on this day or later; without it, those not over now.",
    )


class CompletionOut(Schema):
    id: int
    person: PersonRef
    course: CourseRef
    completed_on: date
    source: CompletionSource
    session: int | None = Field(description="The session it was earned in, if any.")

    @staticmethod
    def resolve_session(completion: Completion) -> int | None:
        return completion.session_id


class CompletionIn(Schema):
    person: Id
    course: Id
    completed_on: Day


class CompletionQuery(Schema):
    person: Id | None = Field(None, description="A person's ID (trainers only).")
    course: Id | None = None


def _manages(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(Permission.MANAGE_TRAININGS))


def _course(course_id: int) -> Course:
    found = queries.course_list(include_inactive=True).prefetch_related("materials")
    return get_object_or_404(found, pk=course_id)


@router.get("/courses", response=list[CourseOut], summary="List courses")
@paginated
def course_list(request: HttpRequest, filters: Query[CourseQuery]) -> QuerySet[Course]:
    """The catalogue by title, with each course's next session and its number of
    upcoming sessions."""
    require(request, Permission.VIEW_TRAININGS)
    manages = _manages(request)
    active = filters.active if manages else True
    if not manages and filters.active is False:
        return Course.objects.none()
    return queries.course_list(include_inactive=manages, topic=filters.topic, active=active)


@router.get("/courses/{id:course_id}", response=CourseDetailOut, summary="One course")
def course_get(request: HttpRequest, course_id: int) -> Course:
    require(request, Permission.VIEW_TRAININGS)
    return _course(course_id)


def _course_input(fields: dict[str, Any]) -> CourseInput:
    fields["target_units"] = all_referenced(
        Unit, fields["target_units"], "target_units", TrainingError
    )
    fields["materials"] = [Material(m.get("title", ""), m["url"]) for m in fields["materials"]]
    return CourseInput(**fields)


@router.post("/courses", response={201: CourseDetailOut}, summary="Add a course")
def course_create(request: HttpRequest, payload: CourseIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_TRAININGS)
    course = catalogue.course_create(data=_course_input(payload.dict()), actor=user)
    return Status(201, _course(course.pk))


@router.patch("/courses/{id:course_id}", response=CourseDetailOut, summary="Change a course")
def course_edit(request: HttpRequest, course_id: int, payload: CoursePatch) -> Course:
    """``active: false`` takes a course out of the catalogue; its completions still count."""
    user = require(request, Permission.MANAGE_TRAININGS)
    course = _course(course_id)
    fields: dict[str, Any] = {
        "title": course.title,
        "description": course.description,
        "topics": list(course.topics),
        "level": course.level,
        "format": course.format,
        "duration_minutes": course.duration_minutes,
        "validity_months": course.validity_months,
        "target_roles": list(course.target_roles),
        "target_units": [unit.pk for unit in course.target_units.all()],
        "materials": [{"title": m.title, "url": m.url} for m in course.materials.all()],
        "active": course.active,
        **payload.dict(exclude_unset=True),
    }
    catalogue.course_update(course=course, data=_course_input(fields), actor=user)
    return _course(course.pk)


@router.get("/paths", response=list[PathOut], summary="List learning paths")
@paginated
def path_list(request: HttpRequest) -> QuerySet[LearningPath]:
    """Active paths by name (trainers see inactive ones too), each with its courses in
    order."""
    require(request, Permission.VIEW_TRAININGS)
    return queries.paths(include_inactive=_manages(request))


@router.get("/paths/{id:path_id}", response=PathOut, summary="One learning path")
def path_get(request: HttpRequest, path_id: int) -> LearningPath:
    require(request, Permission.VIEW_TRAININGS)
    return get_object_or_404(queries.paths(include_inactive=_manages(request)), pk=path_id)


def _since(day: date | None) -> datetime:
    if day is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(day, time.min))


@router.get("/sessions", response=list[SessionOut], summary="List sessions")
@paginated
def session_list(request: HttpRequest, filters: Query[SessionQuery]) -> QuerySet[TrainingSession]:
    """Sessions not over yet (or not over on ``from``), soonest first; cancelled ones
    included, marked ``cancelled``."""
    require(request, Permission.VIEW_TRAININGS)
    return queries.session_list(since=_since(filters.from_), course_id=filters.course)


def _positioned(enrolment: Enrolment, position: int | None = None) -> Enrolment:
    """The enrolment with its place on the waiting list (``waiting_position``)."""
    if position is None and enrolment.status == EnrolmentStatus.WAITING:
        position = queries.waiting_position(enrolment)
    enrolment.waiting_position = position  # type: ignore[attr-defined]
    return enrolment


def _session_detail(request: HttpRequest, session_id: int) -> TrainingSession:
    """The session with the caller's enrolment (``mine``) and, for trainers, ``roster``."""
    try:
        session = queries.session_detail(session_id)
    except TrainingSession.DoesNotExist:
        raise Http404 from None
    mine = queries.enrolment_of(session, getattr(request.user, "person", None))
    roster = None
    if _manages(request):
        found = queries.roster(session)
        for enrolment in found.enrolled:
            _positioned(enrolment)
        for number, enrolment in enumerate(found.waiting, start=1):
            _positioned(enrolment, number)
        roster = found
    session.mine = _positioned(mine) if mine else None  # type: ignore[attr-defined]
    session.roster = roster  # type: ignore[attr-defined]
    return session


@router.get("/sessions/{id:session_id}", response=SessionDetailOut, summary="One session")
def session_get(request: HttpRequest, session_id: int) -> TrainingSession:
    """With its free seats and waiting list; who takes part (``roster``) for trainers."""
    require(request, Permission.VIEW_TRAININGS)
    return _session_detail(request, session_id)


@router.post("/sessions", response={201: SessionDetailOut}, summary="Schedule a session")
def session_create(request: HttpRequest, payload: SessionIn) -> Status[Any]:
    """A date of a course, with a place or an online link (or both)."""
    user = require(request, Permission.MANAGE_TRAININGS)
    fields = payload.dict()
    fields["course"] = referenced(Course, fields["course"], "course", TrainingError)
    if fields["trainer"] is not None:
        fields["trainer"] = referenced(Person, fields["trainer"], "trainer", TrainingError)
    session = services.session_schedule(actor=user, **fields)
    return Status(201, _session_detail(request, session.pk))


@router.post(
    "/sessions/{id:session_id}/cancel", response=SessionDetailOut, summary="Cancel a session"
)
def session_cancel(request: HttpRequest, session_id: int) -> TrainingSession:
    """Everyone enrolled or waiting is told. Cancelling it again changes nothing."""
    user = require(request, Permission.MANAGE_TRAININGS)
    session = get_object_or_404(TrainingSession, pk=session_id)
    services.session_cancel(session=session, actor=user)
    return _session_detail(request, session.pk)


@router.get(
    "/sessions/{id:session_id}/enrolments",
    response=list[EnrolmentOut],
    summary="List a session's enrolments",
)
@paginated
def enrolment_list(request: HttpRequest, session_id: int) -> list[Enrolment]:
    """Who has a seat (by name), then who waits (in the order they move up); cancelled
    enrolments left out."""
    require(request, Permission.MANAGE_TRAININGS)
    session = get_object_or_404(TrainingSession, pk=session_id)
    found = queries.roster(session)
    enrolled = [_positioned(enrolment) for enrolment in found.enrolled]
    waiting = [_positioned(e, number) for number, e in enumerate(found.waiting, start=1)]
    return enrolled + waiting


@router.post(
    "/sessions/{id:session_id}/enrolments",
    response={201: EnrolmentOut},
    summary="Enrol oneself in a session",
)
def enrolment_create(request: HttpRequest, session_id: int) -> Status[Any]:
    """A seat while there is one, else a place on the waiting list: ``status`` says which,
    and ``waiting_position`` where. An account without a person cannot enrol (404)."""
    user = require(request, Permission.VIEW_TRAININGS)
    session = get_object_or_404(TrainingSession, pk=session_id)
    enrolment = services.enrol(session=session, person=caller_person(request), actor=user)
    stored = Enrolment.objects.select_related("person").get(pk=enrolment.pk)
    return Status(201, _positioned(stored))


@router.post(
    "/enrolments/{id:enrolment_id}/cancel", response=EnrolmentOut, summary="Cancel an enrolment"
)
def enrolment_cancel(request: HttpRequest, enrolment_id: int) -> Enrolment:
    """One's own, or anyone's for a trainer, until the session starts. A freed seat goes to
    the first on the waiting list."""
    user = require(request, Permission.VIEW_TRAININGS)
    enrolment = get_object_or_404(Enrolment.objects.select_related("session"), pk=enrolment_id)
    own = enrolment.person_id == getattr(getattr(user, "person", None), "pk", None)
    if not own and not _manages(request):
        raise refuse()
    services.enrolment_cancel(enrolment=enrolment, actor=user)
    return _positioned(Enrolment.objects.select_related("person").get(pk=enrolment.pk))


@router.get("/completions", response=list[CompletionOut], summary="List completions")
@paginated
def completion_list(request: HttpRequest, filters: Query[CompletionQuery]) -> QuerySet[Completion]:
    """Latest first. Trainers see everyone's (``person``, ``course`` filter); everyone else
    only their own, and ``person`` is refused unless it is theirs."""
    require(request, Permission.VIEW_TRAININGS)
    person_id = filters.person
    if not _manages(request):
        own = getattr(getattr(request.user, "person", None), "pk", None)
        if own is None:
            return Completion.objects.none()
        if person_id is not None and person_id != own:
            raise refuse()
        person_id = own
    return queries.completions(person_id=person_id, course_id=filters.course)


@router.post("/completions", response={201: CompletionOut}, summary="Record a completion")
def completion_create(request: HttpRequest, payload: CompletionIn) -> Status[Any]:
    """That a person completed a course elsewhere; not dated in the future. The same person,
    course and day twice is kept once."""
    user = require(request, Permission.MANAGE_TRAININGS)
    person = referenced(Person, payload.person, "person", TrainingError)
    course = referenced(Course, payload.course, "course", TrainingError)
    completion = services.completion_record(
        person=person, course=course, completed_on=payload.completed_on, actor=user
    )
    return Status(201, queries.completions().get(pk=completion.pk))
