"""Writes of sessions and who takes part: scheduling and cancelling a session, enrolling
(oneself, or a group by a trainer), cancelling an enrolment (the first on the waiting list
moves up and is told), taking attendance (which records completions) and recording a
completion by hand. One function per user action, each its own transaction with its audit
event; the session's row is locked while seats are counted, so two people enrolling at once
never both get the last seat."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.enablement.trainings import notifications
from wandel.enablement.trainings.models import (
    Completion,
    CompletionSource,
    Course,
    Enrolment,
    EnrolmentStatus,
    TrainingAction,
    TrainingSession,
)
from wandel.org.models import Person

__all__ = [
    "ALREADY_ENROLLED",
    "ALREADY_WAITING",
    "ATTENDANCE_TOO_EARLY",
    "CANCEL_TOO_LATE",
    "COMPLETED_IN_FUTURE",
    "ENDS_BEFORE_START",
    "FEWER_SEATS_THAN_ENROLLED",
    "PERSON_INACTIVE",
    "PLACE_REQUIRED",
    "SESSION_CANCELLED",
    "SESSION_OVER",
    "Attendance",
    "GroupEnrolment",
    "TrainingError",
    "attendance_take",
    "completion_record",
    "enrol",
    "enrol_group",
    "enrolment_cancel",
    "session_cancel",
    "session_schedule",
    "session_update",
]

ENDS_BEFORE_START = _("A session must end after it starts.")
PLACE_REQUIRED = _("Give a place or an online link.")
FEWER_SEATS_THAN_ENROLLED = _(
    "%(enrolled)d people are enrolled; the session cannot have fewer seats."
)
SESSION_CANCELLED = _("This session is cancelled.")
SESSION_OVER = _("This session is over; enrolling is no longer possible.")
ALREADY_ENROLLED = _("%(person)s is already enrolled in this session.")
ALREADY_WAITING = _("%(person)s is already on this session's waiting list.")
PERSON_INACTIVE = _("%(person)s has left the organisation.")
CANCEL_TOO_LATE = _("The session has started; an enrolment can no longer be cancelled.")
ATTENDANCE_TOO_EARLY = _("Attendance can be taken once the session has started.")
COMPLETED_IN_FUTURE = _("A completion cannot be dated in the future.")

SESSION_FIELDS = ("course", "starts_at", "ends_at", "place", "online_url", "trainer", "capacity")


class TrainingError(DomainError):
    """A session, enrolment or completion the rules refuse; the message is for the user."""


class TrainingConflict(ConflictError, TrainingError):
    """Input that is fine in itself but conflicts with the session's state."""


@user_action
def session_schedule(
    *,
    course: Course,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    trainer: Person | None = None,
    actor: User | None,
) -> TrainingSession:
    """Put a date of a course in the calendar."""
    place, online_url = place.strip(), online_url.strip()
    _check_session(starts_at, ends_at, place, online_url)
    session = TrainingSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        place=place,
        online_url=online_url,
        trainer=trainer,
    )
    audit_record(
        actor=actor,
        action=TrainingAction.SESSION_SCHEDULED,
        target=session,
        changes=changed_fields({}, snapshot(session, SESSION_FIELDS)),
    )
    return session


@user_action
def session_update(
    *,
    session: TrainingSession,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    trainer: Person | None = None,
    actor: User | None,
) -> TrainingSession:
    """Change a session's date, place, trainer or seats. More seats move people up from
    the waiting list (and tell them); fewer than are enrolled are refused."""
    place, online_url = place.strip(), online_url.strip()
    _check_session(starts_at, ends_at, place, online_url)
    stored = _locked(session)
    enrolled = _enrolled(stored).count()
    if capacity < enrolled:
        raise TrainingConflict(FEWER_SEATS_THAN_ENROLLED % {"enrolled": enrolled}, field="capacity")
    before = snapshot(stored, SESSION_FIELDS)
    stored.starts_at, stored.ends_at, stored.capacity = starts_at, ends_at, capacity
    stored.place, stored.online_url, stored.trainer = place, online_url, trainer
    stored.save()
    changes = changed_fields(before, snapshot(stored, SESSION_FIELDS))
    if changes:
        audit_record(
            actor=actor, action=TrainingAction.SESSION_UPDATED, target=stored, changes=changes
        )
    _move_up(stored, actor)
    return stored


@user_action
def session_cancel(*, session: TrainingSession, actor: User | None) -> TrainingSession:
    """Call a session off; everyone enrolled or waiting is told."""
    stored = _locked(session)
    if stored.cancelled:
        return stored
    stored.cancelled = True
    stored.save(update_fields=["cancelled"])
    audit_record(actor=actor, action=TrainingAction.SESSION_CANCELLED, target=stored)
    people = [e.person for e in _open(stored).select_related("person__user")]
    notifications.tell(notifications.SESSION_CANCELLED, stored, people, actor)
    return stored


@user_action
def enrol(*, session: TrainingSession, person: Person, actor: User | None) -> Enrolment:
    """Enrol a person in a session: a seat while there is one, else the waiting list."""
    stored = _locked(session)
    enrolment = _enrol_one(stored, person, actor)
    if actor is None or person.user_id != actor.pk:
        event = (
            notifications.ENROLLED_BY_TRAINER
            if enrolment.status == EnrolmentStatus.ENROLLED
            else notifications.WAITING_BY_TRAINER
        )
        notifications.tell(event, stored, [person], actor)
    return enrolment


@dataclass
class GroupEnrolment:
    """What enrolling a group came to: who got a seat, who waits, who was already in."""

    enrolled: list[Person] = field(default_factory=list)
    waiting: list[Person] = field(default_factory=list)
    already: list[Person] = field(default_factory=list)


@user_action
def enrol_group(
    *, session: TrainingSession, people: Iterable[Person], actor: User | None
) -> GroupEnrolment:
    """A trainer enrols several people at once, in the order given; those already enrolled
    or waiting are left as they are. Each newly enrolled person is told."""
    stored = _locked(session)
    result = GroupEnrolment()
    taken = set(_open(stored).values_list("person_id", flat=True))
    for person in people:
        if person.pk in taken:
            result.already.append(person)
            continue
        taken.add(person.pk)
        enrolment = _enrol_one(stored, person, actor)
        if enrolment.status == EnrolmentStatus.ENROLLED:
            result.enrolled.append(person)
        else:
            result.waiting.append(person)
    notifications.tell(notifications.ENROLLED_BY_TRAINER, stored, result.enrolled, actor)
    notifications.tell(notifications.WAITING_BY_TRAINER, stored, result.waiting, actor)
    return result


@user_action
def enrolment_cancel(*, enrolment: Enrolment, actor: User | None) -> Enrolment:
    """Give up a seat or a place on the waiting list. A freed seat goes to the first on the
    waiting list, who is told."""
    stored_session = _locked(enrolment.session)
    stored = Enrolment.objects.select_related("person").get(pk=enrolment.pk)
    if stored.status == EnrolmentStatus.CANCELLED:
        return stored
    if stored_session.starts_at <= timezone.now():
        raise TrainingConflict(CANCEL_TOO_LATE)
    before = stored.status
    stored.status = EnrolmentStatus.CANCELLED
    stored.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=TrainingAction.ENROLMENT_CANCELLED,
        target=stored_session,
        changes={
            "person": str(stored.person),
            **changed_fields({"status": before}, {"status": EnrolmentStatus.CANCELLED}),
        },
    )
    _move_up(stored_session, actor)
    return stored


@dataclass(frozen=True)
class Attendance:
    present: int
    absent: int


@user_action
def attendance_take(
    *, session: TrainingSession, present: Iterable[int], actor: User | None
) -> Attendance:
    """Mark who of the enrolled came (``present``: person ids); those present have completed
    the course on the session's day. Taking it again corrects it, completions included."""
    stored = _locked(session)
    if stored.cancelled:
        raise TrainingConflict(SESSION_CANCELLED)
    if stored.starts_at > timezone.now():
        raise TrainingConflict(ATTENDANCE_TOO_EARLY)
    here = set(present)
    day = timezone.localdate(stored.starts_at)
    enrolments = list(_enrolled(stored).select_related("person"))
    came = [e.person for e in enrolments if e.person_id in here]
    away = [e.person for e in enrolments if e.person_id not in here]
    Enrolment.objects.filter(pk__in=[e.pk for e in enrolments if e.person_id in here]).update(
        attended=True
    )
    Enrolment.objects.filter(pk__in=[e.pk for e in enrolments if e.person_id not in here]).update(
        attended=False
    )
    Completion.objects.filter(session=stored, person__in=away).delete()
    known = set(
        Completion.objects.filter(
            course_id=stored.course_id, completed_on=day, person__in=came
        ).values_list("person_id", flat=True)
    )
    Completion.objects.bulk_create(
        Completion(
            person=person,
            course_id=stored.course_id,
            completed_on=day,
            source=CompletionSource.SESSION,
            session=stored,
            recorded_by=actor,
        )
        for person in came
        if person.pk not in known
    )
    stored.attendance_taken_at = timezone.now()
    stored.save(update_fields=["attendance_taken_at"])
    audit_record(
        actor=actor,
        action=TrainingAction.ATTENDANCE_TAKEN,
        target=stored,
        changes={
            "present": sorted(str(person) for person in came),
            "absent": sorted(str(person) for person in away),
        },
    )
    return Attendance(present=len(came), absent=len(away))


@user_action
def completion_record(
    *, person: Person, course: Course, completed_on: date, actor: User | None
) -> Completion:
    """Record that a person completed a course elsewhere (a certificate, an external
    training); the same person, course and day twice is kept once."""
    if completed_on > timezone.localdate():
        raise TrainingError(COMPLETED_IN_FUTURE, field="completed_on")
    completion, created = Completion.objects.get_or_create(
        person=person,
        course=course,
        completed_on=completed_on,
        defaults={"source": CompletionSource.RECORDED, "recorded_by": actor},
    )
    if created:
        audit_record(
            actor=actor,
            action=TrainingAction.COMPLETION_RECORDED,
            target=course,
            changes={"person": str(person), "completed_on": completed_on.isoformat()},
        )
    return completion


def _check_session(starts_at: datetime, ends_at: datetime, place: str, online_url: str) -> None:
    if ends_at <= starts_at:
        raise TrainingError(ENDS_BEFORE_START, field="ends_at")
    if not place and not online_url:
        raise TrainingError(PLACE_REQUIRED, field="place")


def _locked(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)


def _open(session: TrainingSession) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(session=session).exclude(status=EnrolmentStatus.CANCELLED)


def _enrolled(session: TrainingSession) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(session=session, status=EnrolmentStatus.ENROLLED)


def _enrol_one(session: TrainingSession, person: Person, actor: User | None) -> Enrolment:
    if session.cancelled:
        raise TrainingConflict(SESSION_CANCELLED)
    if session.ends_at <= timezone.now():
        raise TrainingConflict(SESSION_OVER)
    if not person.active:
        raise TrainingError(PERSON_INACTIVE % {"person": person}, field="person")
    known = _open(session).filter(person=person).values_list("status", flat=True).first()
    if known == EnrolmentStatus.ENROLLED:
        raise TrainingConflict(ALREADY_ENROLLED % {"person": person})
    if known == EnrolmentStatus.WAITING:
        raise TrainingConflict(ALREADY_WAITING % {"person": person})
    seat = _enrolled(session).count() < session.capacity
    enrolment = Enrolment.objects.create(
        session=session,
        person=person,
        status=EnrolmentStatus.ENROLLED if seat else EnrolmentStatus.WAITING,
        enrolled_by=actor,
    )
    audit_record(
        actor=actor,
        action=TrainingAction.ENROLLED,
        target=session,
        changes={"person": str(person), "status": enrolment.status},
    )
    return enrolment


def _move_up(session: TrainingSession, actor: User | None) -> list[Enrolment]:
    """Give free seats to the waiting list, first come first served, and tell each."""
    free = session.capacity - _enrolled(session).count()
    if free <= 0:
        return []
    moved = list(
        Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING)
        .select_related("person__user")
        .order_by("enrolled_at", "pk")[:free]
    )
    for enrolment in moved:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=TrainingAction.MOVED_UP,
            target=session,
            changes={"person": str(enrolment.person)},
        )
    # The one who freed the seat may be a trainer; the people moving up are told regardless.
    notifications.tell(notifications.MOVED_UP, session, [e.person for e in moved], None)
    return moved
