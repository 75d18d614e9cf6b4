"""Writes of community events: scheduling (a meetup, an external format, or a group's
meeting), cancelling (everyone registered is told), registering and cancelling a
registration, and taking attendance. One function per user action, each its own
transaction with its audit event; the event's row is locked while places are counted, so
two people registering at once never both get the last place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.models import User
from wandel.enablement.community import notifications
from wandel.enablement.community.groups import CommunityConflict, CommunityError
from wandel.enablement.community.models import (
    ENDS_BEFORE_START,
    CommunityAction,
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
    UserGroup,
)
from wandel.org.models import Person

__all__ = [
    "ALREADY_REGISTERED",
    "ATTENDANCE_TOO_EARLY",
    "CANCEL_TOO_LATE",
    "ENDS_BEFORE_START",
    "EVENT_CANCELLED",
    "EVENT_FULL",
    "EVENT_OVER",
    "FEWER_PLACES_THAN_REGISTERED",
    "GROUP_REQUIRED",
    "PLACE_REQUIRED",
    "EventAttendance",
    "event_attendance_take",
    "event_cancel",
    "event_register",
    "event_schedule",
    "event_update",
    "registration_cancel",
]

PLACE_REQUIRED = _("Give a place or an online link.")
GROUP_REQUIRED = _("A user-group meeting needs its group.")
EVENT_CANCELLED = _("This event is cancelled.")
EVENT_OVER = _("This event is over; registering is no longer possible.")
EVENT_FULL = _("This event is full: all %(capacity)d places are taken.")
FEWER_PLACES_THAN_REGISTERED = _(
    "%(registered)d people are registered; the event cannot have fewer places."
)
ALREADY_REGISTERED = _("You are already registered for this event.")
PERSON_INACTIVE = _("%(person)s has left the organisation.")
CANCEL_TOO_LATE = _("The event has started; a registration can no longer be cancelled.")
ATTENDANCE_TOO_EARLY = _("Attendance can be taken once the event has started.")

EVENT_FIELDS = (
    "title",
    "description",
    "kind",
    "group",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
)


@user_action
def event_schedule(
    *,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    group: UserGroup | None = None,
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    actor: User | None,
) -> Event:
    """Put a community event in the calendar."""
    place, online_url = place.strip(), online_url.strip()
    _check_event(kind, group, starts_at, ends_at, place, online_url)
    event = Event.objects.create(
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        capacity=capacity,
    )
    audit_record(
        actor=actor,
        action=CommunityAction.EVENT_SCHEDULED,
        target=event,
        changes=changed_fields({}, snapshot(event, EVENT_FIELDS)),
    )
    return event


@user_action
def event_update(
    *,
    event: Event,
    title: str,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    group: UserGroup | None = None,
    place: str = "",
    online_url: str = "",
    capacity: int | None = None,
    actor: User | None,
) -> Event:
    """Change an event's words, date, place or places; fewer places than are registered
    are refused."""
    place, online_url = place.strip(), online_url.strip()
    _check_event(kind, group, starts_at, ends_at, place, online_url)
    stored = _locked(event)
    if stored.cancelled:
        raise CommunityConflict(EVENT_CANCELLED)
    registered = _registered(stored).count()
    if capacity is not None and capacity < registered:
        raise CommunityConflict(
            FEWER_PLACES_THAN_REGISTERED % {"registered": registered}, field="capacity"
        )
    before = snapshot(stored, EVENT_FIELDS)
    stored.title, stored.description = title.strip(), description.strip()
    stored.kind, stored.group = kind, group
    stored.starts_at, stored.ends_at = starts_at, ends_at
    stored.place, stored.online_url, stored.capacity = place, online_url, capacity
    stored.save()
    changes = changed_fields(before, snapshot(stored, EVENT_FIELDS))
    if changes:
        audit_record(
            actor=actor, action=CommunityAction.EVENT_UPDATED, target=stored, changes=changes
        )
    return stored


@user_action
def event_cancel(*, event: Event, actor: User | None) -> Event:
    """Call an event off; everyone registered is told."""
    stored = _locked(event)
    if stored.cancelled:
        return stored
    stored.cancelled = True
    stored.save(update_fields=["cancelled"])
    audit_record(actor=actor, action=CommunityAction.EVENT_CANCELLED, target=stored)
    people = [r.person for r in _registered(stored).select_related("person__user")]
    notifications.tell(notifications.EVENT_CANCELLED, stored, people, actor)
    return stored


@user_action
def event_register(*, event: Event, person: Person, actor: User | None) -> Registration:
    """Register a person for an event while places are left; a full event refuses."""
    stored = _locked(event)
    if stored.cancelled:
        raise CommunityConflict(EVENT_CANCELLED)
    if stored.ends_at <= timezone.now():
        raise CommunityConflict(EVENT_OVER)
    if not person.active:
        raise CommunityError(PERSON_INACTIVE % {"person": person})
    if _registered(stored).filter(person=person).exists():
        raise CommunityConflict(ALREADY_REGISTERED)
    if stored.capacity is not None and _registered(stored).count() >= stored.capacity:
        raise CommunityConflict(EVENT_FULL % {"capacity": stored.capacity})
    registration = Registration.objects.create(
        event=stored, person=person, status=RegistrationStatus.REGISTERED
    )
    audit_record(
        actor=actor,
        action=CommunityAction.REGISTERED,
        target=stored,
        changes={"person": str(person)},
    )
    return registration


@user_action
def registration_cancel(*, registration: Registration, actor: User | None) -> Registration:
    """Give up one's place before the event starts."""
    stored_event = _locked(registration.event)
    stored = Registration.objects.select_related("person").get(pk=registration.pk)
    if stored.status == RegistrationStatus.CANCELLED:
        return stored
    if stored_event.starts_at <= timezone.now():
        raise CommunityConflict(CANCEL_TOO_LATE)
    stored.status = RegistrationStatus.CANCELLED
    stored.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=CommunityAction.REGISTRATION_CANCELLED,
        target=stored_event,
        changes={"person": str(stored.person)},
    )
    return stored


@dataclass(frozen=True)
class EventAttendance:
    present: int
    absent: int


@user_action
def event_attendance_take(
    *, event: Event, present: Iterable[int], actor: User | None
) -> EventAttendance:
    """Mark who of the registered came (``present``: person ids); taking it again
    corrects it."""
    stored = _locked(event)
    if stored.cancelled:
        raise CommunityConflict(EVENT_CANCELLED)
    if stored.starts_at > timezone.now():
        raise CommunityConflict(ATTENDANCE_TOO_EARLY)
    here = set(present)
    registrations = list(_registered(stored).select_related("person"))
    came = [r for r in registrations if r.person_id in here]
    away = [r for r in registrations if r.person_id not in here]
    Registration.objects.filter(pk__in=[r.pk for r in came]).update(attended=True)
    Registration.objects.filter(pk__in=[r.pk for r in away]).update(attended=False)
    stored.attendance_taken_at = timezone.now()
    stored.save(update_fields=["attendance_taken_at"])
    audit_record(
        actor=actor,
        action=CommunityAction.EVENT_ATTENDANCE_TAKEN,
        target=stored,
        changes={
            "present": sorted(str(r.person) for r in came),
            "absent": sorted(str(r.person) for r in away),
        },
    )
    return EventAttendance(present=len(came), absent=len(away))


def _check_event(
    kind: str,
    group: UserGroup | None,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    online_url: str,
) -> None:
    if ends_at <= starts_at:
        raise CommunityError(ENDS_BEFORE_START, field="ends_at")
    if not place and not online_url:
        raise CommunityError(PLACE_REQUIRED, field="place")
    if kind == EventKind.GROUP_MEETING and group is None:
        raise CommunityError(GROUP_REQUIRED, field="group")


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
