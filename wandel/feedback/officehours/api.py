"""Office hours over the REST API, through the pages' services and queries: the next free
slots, booking one with a topic, one's own bookings and cancelling one. Everyone signed in
takes part (TAKE_PART); a booking is cancelled by its booker or by those who host office
hours. Host notes are not in the API."""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import UTC, datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import AfterValidator, AwareDatetime, StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import PersonRef
from wandel.core.roles import Permission
from wandel.feedback.officehours import queries, services
from wandel.feedback.officehours.models import Booking, BookingStatus, OfficeHourSeries
from wandel.org.models import Person

router = Router(tags=["feedback"])

Moment = Annotated[AwareDatetime, AfterValidator(lambda value: value.astimezone(UTC))]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class SlotOut(Schema):
    series: int
    host: PersonRef
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str


class BookingOut(Schema):
    id: int
    series: int
    host: PersonRef
    starts_at: datetime
    ends_at: datetime
    topic: str
    status: BookingStatus
    place: str
    online_url: str

    @staticmethod
    def resolve_series(booking: Booking) -> int:
        return booking.series_id

    @staticmethod
    def resolve_host(booking: Booking) -> Person:
        return booking.series.host

    @staticmethod
    def resolve_place(booking: Booking) -> str:
        return booking.series.place

    @staticmethod
    def resolve_online_url(booking: Booking) -> str:
        return booking.series.online_url


class BookingIn(Schema):
    series: int
    starts_at: Moment
    topic: Topic


def _caller_person(request: HttpRequest) -> Person:
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    return person  # type: ignore[no-any-return]


def _slot(slot: queries.Slot) -> dict[str, Any]:
    return {
        "series": slot.series.pk,
        "host": slot.series.host,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "place": slot.series.place,
        "online_url": slot.series.online_url,
    }


def _loaded(booking: Booking) -> Booking:
    return Booking.objects.select_related("series__host").get(pk=booking.pk)


@router.get("/office-hours/slots", response=list[SlotOut], summary="List the next free slots")
def slot_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The free slots of every active series from now to 14 days ahead, soonest first."""
    require(request, Permission.TAKE_PART)
    return [_slot(slot) for slot in queries.free_slots()]


@router.post("/office-hours/bookings", response={201: BookingOut}, summary="Book a free slot")
def booking_create(request: HttpRequest, data: BookingIn) -> Status[Any]:
    """A slot already taken, in the past, at the time of another of one's bookings, or
    beyond two open bookings in one series is refused with 409. An account without a
    person cannot book (404)."""
    user = require(request, Permission.TAKE_PART)
    series = get_object_or_404(OfficeHourSeries, pk=data.series)
    booking = services.booking_book(
        series=series,
        starts_at=data.starts_at,
        person=_caller_person(request),
        topic=data.topic,
        actor=user,
    )
    return Status(201, _loaded(booking))


@router.get("/office-hours/bookings", response=list[BookingOut], summary="List my bookings")
@paginated
def booking_list(request: HttpRequest) -> QuerySet[Booking]:
    """The caller's bookings, cancelled ones included, latest first."""
    require(request, Permission.TAKE_PART)
    return queries.my_bookings(getattr(request.user, "person", None))


@router.post(
    "/office-hours/bookings/{id:booking_id}/cancel",
    response=BookingOut,
    summary="Cancel a booking",
)
def booking_cancel(request: HttpRequest, booking_id: int) -> Booking:
    """One's own, or any for those who host office hours, until the slot begins."""
    user = require(request, Permission.TAKE_PART)
    booking = get_object_or_404(Booking.objects.select_related("series"), pk=booking_id)
    if not queries.is_booker(user, booking) and not queries.may_host(user, booking):
        raise refuse()
    services.booking_cancel(booking=booking, actor=user)
    return _loaded(booking)
