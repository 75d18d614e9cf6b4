"""Community events over the REST API, through the pages' services and queries: upcoming
events with their free places, one event, registering oneself and cancelling a
registration. Everyone signed in reads and registers (VIEW_TRAININGS); a registration is
cancelled by its person, or by whoever manages the event (trainers, the group's
organisers)."""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import PersonRef
from wandel.core.roles import Permission
from wandel.enablement.community import queries, services
from wandel.enablement.community.models import (
    Event,
    EventKind,
    Registration,
    RegistrationStatus,
)
from wandel.enablement.schemas import caller_person

router = Router(tags=["enablement"])


class GroupRef(Schema):
    id: int
    name: str


class EventOut(Schema):
    id: int
    title: str
    kind: EventKind
    group: GroupRef | None
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    capacity: int | None = Field(description="Null: as many as come.")
    places_free: int | None = Field(description="Null without a limit.")
    cancelled: bool


class RegistrationOut(Schema):
    id: int
    event: int
    person: PersonRef
    status: RegistrationStatus
    registered_at: datetime

    @staticmethod
    def resolve_event(registration: Registration) -> int:
        return registration.event_id


class EventDetailOut(EventOut):
    description: str
    mine: RegistrationOut | None = Field(description="The caller's registration.")
    attendees: list[RegistrationOut] | None = Field(
        description="Who is registered; for those who manage the event only."
    )


def _detail(request: HttpRequest, event_id: int) -> Event:
    try:
        event = queries.event_detail(event_id)
    except Event.DoesNotExist:
        raise Http404 from None
    manages = queries.may_manage(request.user, event.group)  # type: ignore[arg-type]
    event.mine = queries.registration_of(  # type: ignore[attr-defined]
        event, getattr(request.user, "person", None)
    )
    event.attendees = queries.attendees(event) if manages else None  # type: ignore[attr-defined]
    return event


@router.get("/events", response=list[EventOut], summary="List upcoming events")
@paginated
def event_list(request: HttpRequest) -> QuerySet[Event]:
    """Events from today on, soonest first; cancelled ones marked ``cancelled``."""
    require(request, Permission.VIEW_TRAININGS)
    return queries.upcoming_events()


@router.get("/events/{id:event_id}", response=EventDetailOut, summary="One event")
def event_get(request: HttpRequest, event_id: int) -> Event:
    require(request, Permission.VIEW_TRAININGS)
    return _detail(request, event_id)


@router.post(
    "/events/{id:event_id}/registrations",
    response={201: RegistrationOut},
    summary="Register oneself for an event",
)
def registration_create(request: HttpRequest, event_id: int) -> Status[Any]:
    """While places are left (a full event is refused with 409). An account without a
    person cannot register (404)."""
    user = require(request, Permission.VIEW_TRAININGS)
    event = get_object_or_404(Event, pk=event_id)
    registration = services.event_register(event=event, person=caller_person(request), actor=user)
    return Status(201, Registration.objects.select_related("person").get(pk=registration.pk))


@router.post(
    "/registrations/{id:registration_id}/cancel",
    response=RegistrationOut,
    summary="Cancel a registration",
)
def registration_cancel(request: HttpRequest, registration_id: int) -> Registration:
    """One's own, or any for whoever manages the event, until the event starts."""
    user = require(request, Permission.VIEW_TRAININGS)
    registration = get_object_or_404(
        Registration.objects.select_related("event__group"), pk=registration_id
    )
    own = registration.person_id == getattr(getattr(user, "person", None), "pk", None)
    if not own and not queries.may_manage(user, registration.event.group):
        raise refuse()
    services.registration_cancel(registration=registration, actor=user)
    return Registration.objects.select_related("person").get(pk=registration.pk)
