"""Pages of office hours: the next free slots of every active series and booking one with a
topic (everyone, TAKE_PART); one's own bookings with cancel, move and calendar file; the
host's page with their series, the bookings ahead and notes on each; the series form
(HOST_OFFICE_HOURS). A booking is cancelled by its booker or by those who host office
hours, moved by its booker only, and its notes are for hosts only."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.feedback.officehours import ical, queries, services
from wandel.feedback.officehours.forms import (
    BookingForm,
    NoteForm,
    RescheduleForm,
    SeriesForm,
    slot_value,
)
from wandel.feedback.officehours.models import Booking, OfficeHourSeries
from wandel.org.models import Person


def _person(request: AuthenticatedRequest) -> Person | None:
    return getattr(request.user, "person", None)


def _booking(pk: int) -> Booking:
    return get_object_or_404(Booking.objects.select_related("series__host", "person"), pk=pk)


@require_GET
@require_permission(Permission.TAKE_PART)
def office_hours(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "feedback/office_hours.html",
        {
            "slots": queries.free_slots(),
            "days": queries.DAYS_AHEAD,
            "mine": list(queries.upcoming_of(_person(request))),
            "can_book": _person(request) is not None,
            "can_host": request.user.has_perm(Permission.HOST_OFFICE_HOURS),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.TAKE_PART)
def office_hours_book(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(OfficeHourSeries.objects.select_related("host"), pk=pk)
    person = _person(request)
    if person is None:
        raise Http404
    slots = [slot.starts_at for slot in queries.free_slots(series=series)]
    form = BookingForm(
        request.POST or None, slots=slots, initial={"starts_at": _chosen(request.GET.get("at"))}
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_book(
                series=series,
                starts_at=form.cleaned_data["starts_at"],
                person=person,
                topic=form.cleaned_data["topic"],
                actor=request.user,
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                gettext("Booked: office hours with %(host)s.") % {"host": booking.series.host},
            )
            return redirect("feedback:office_hours_mine")
    return render(
        request,
        "feedback/office_hours_book.html",
        {"form": form, "series": series},
        status=400 if form.errors else 200,
    )


def _chosen(at: str | None) -> str:
    """The slot a link names (``?at=``, in any offset) as the form's choice writes it."""
    try:
        moment = datetime.fromisoformat(at or "")
    except ValueError:
        return ""
    return slot_value(moment) if moment.tzinfo else ""


@require_GET
@require_permission(Permission.TAKE_PART)
def office_hours_mine(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "feedback/office_hours_mine.html",
        {"bookings": list(queries.upcoming_of(_person(request)))},
    )


@require_POST
@require_permission(Permission.TAKE_PART)
def office_hours_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    booking = _booking(pk)
    booker = queries.is_booker(request.user, booking)
    if not booker and not queries.may_host(request.user, booking):
        raise PermissionDenied
    act_on_page(
        request,
        partial(services.booking_cancel, booking=booking, actor=request.user),
        gettext("The booking is cancelled."),
    )
    return redirect("feedback:office_hours_mine" if booker else "feedback:office_hours_host")


@require_http_methods(["GET", "POST"])
@require_permission(Permission.TAKE_PART)
def office_hours_reschedule(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    booking = _booking(pk)
    if not queries.is_booker(request.user, booking):
        raise PermissionDenied
    slots = [slot.starts_at for slot in queries.free_slots(series=booking.series)]
    form = RescheduleForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        moved_to: datetime = form.cleaned_data["starts_at"]
        try:
            services.booking_reschedule(booking=booking, starts_at=moved_to, actor=request.user)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("The booking is moved."))
            return redirect("feedback:office_hours_mine")
    return render(
        request,
        "feedback/office_hours_reschedule.html",
        {"form": form, "booking": booking, "current": slot_value(booking.starts_at)},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.TAKE_PART)
def office_hours_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    booking = _booking(pk)
    if not queries.is_booker(request.user, booking) and not queries.may_host(request.user, booking):
        raise PermissionDenied
    url = request.build_absolute_uri(reverse("feedback:office_hours_mine"))
    content = ical.booking_bytes(booking, url=url)
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="office-hours-{booking.pk}.ics"'
    return response


@require_GET
@require_permission(Permission.HOST_OFFICE_HOURS)
def office_hours_host(request: AuthenticatedRequest) -> HttpResponse:
    person = _person(request)
    bookings = list(queries.hosted_bookings(person))
    return render(
        request,
        "feedback/office_hours_host.html",
        {
            "series_list": list(queries.hosted_series(person)),
            "bookings": [
                (
                    booking,
                    NoteForm(initial={"host_notes": booking.host_notes}, prefix=str(booking.pk)),
                )
                for booking in bookings
            ],
        },
    )


@require_POST
@require_permission(Permission.HOST_OFFICE_HOURS)
def office_hours_note(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    booking = _booking(pk)
    form = NoteForm(request.POST, prefix=str(booking.pk))
    notes = form.cleaned_data["host_notes"] if form.is_valid() else ""
    act_on_page(
        request,
        partial(services.booking_note, booking=booking, notes=notes, actor=request.user),
        gettext("Notes saved."),
    )
    return redirect("feedback:office_hours_host")


@require_http_methods(["GET", "POST"])
@require_permission(Permission.HOST_OFFICE_HOURS)
def office_hours_series_create(request: AuthenticatedRequest) -> HttpResponse:
    return _series_form(request, None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.HOST_OFFICE_HOURS)
def office_hours_series_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _series_form(request, get_object_or_404(OfficeHourSeries, pk=pk))


def _series_form(request: AuthenticatedRequest, series: OfficeHourSeries | None) -> HttpResponse:
    person = _person(request)
    if series is None and person is None:
        raise Http404
    initial = SeriesForm.initial_of(series) if series else {}
    form = SeriesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if series is None:
                assert person is not None
                services.series_create(host=person, actor=request.user, **form.series_data())
            else:
                services.series_update(series=series, actor=request.user, **form.series_data())
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Office hours saved."))
            return redirect("feedback:office_hours_host")
    return render(
        request,
        "feedback/office_hours_series_form.html",
        {"form": form, "series": series},
        status=400 if form.errors else 200,
    )


@require_POST
@require_permission(Permission.HOST_OFFICE_HOURS)
def office_hours_series_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(OfficeHourSeries, pk=pk)
    act_on_page(
        request,
        partial(services.series_end, series=series, actor=request.user),
        gettext("The office hours are ended; bookings still ahead are cancelled."),
    )
    return redirect("feedback:office_hours_host")
