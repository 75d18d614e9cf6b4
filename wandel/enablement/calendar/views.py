"""Calendar downloads and the personal feed: an .ics file per training session and per
community event (VIEW_TRAININGS), the page where a person makes or replaces their feed link,
and the feed itself, which a calendar app fetches without signing in: the secret token in
its link is the only key, and a wrong one answers 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.enablement.calendar import ical, queries
from wandel.enablement.calendar.models import CalendarFeed
from wandel.enablement.calendar.services import calendar_feed_create
from wandel.enablement.community.models import Event
from wandel.enablement.trainings.models import Enrolment, EnrolmentStatus, TrainingSession


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def session_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = TrainingSession.objects.select_related("course", "trainer").filter(pk=pk).first()
    if session is None:
        raise Http404
    person = getattr(request.user, "person", None)
    waiting = (
        person is not None
        and Enrolment.objects.filter(
            session=session, person=person, status=EnrolmentStatus.WAITING
        ).exists()
    )
    entry = ical.session_entry(
        session, url=request.build_absolute_uri(session.get_absolute_url()), waiting=waiting
    )
    return _ics(ical.calendar_bytes([entry]), f"session-{session.pk}.ics")


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def event_ics(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = Event.objects.select_related("group").filter(pk=pk).first()
    if event is None:
        raise Http404
    entry = ical.event_entry(event, url=request.build_absolute_uri(event.get_absolute_url()))
    return _ics(ical.calendar_bytes([entry]), f"event-{event.pk}.ics")


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def calendar_feed(request: AuthenticatedRequest) -> HttpResponse:
    """GET shows whether the person has a feed; POST makes a new link (replacing the old
    one) and shows it this once, since only its digest is kept."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    feed_url = ""
    feed: CalendarFeed | None
    if request.method == "POST":
        feed, plain = calendar_feed_create(person=person, actor=request.user)
        feed_url = request.build_absolute_uri(reverse("enablement:feed_ics", args=[plain]))
    else:
        feed = CalendarFeed.objects.filter(person=person).first()
    return render(request, "enablement/calendar_feed.html", {"feed": feed, "feed_url": feed_url})


@login_not_required
@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    person = queries.feed_person(token)
    if person is None:
        raise Http404
    content = queries.feed_content(person)
    entries = [
        ical.session_entry(
            e.session,
            url=request.build_absolute_uri(e.session.get_absolute_url()),
            waiting=e.status == EnrolmentStatus.WAITING,
        )
        for e in content.enrolments
    ] + [
        ical.event_entry(r.event, url=request.build_absolute_uri(r.event.get_absolute_url()))
        for r in content.registrations
    ]
    name = gettext("Trainings and events of %(person)s") % {"person": person}
    response = HttpResponse(ical.calendar_bytes(entries, name=name), content_type=ical.CONTENT_TYPE)
    # A calendar app's copy must not sit in shared caches: the link is personal.
    response["Cache-Control"] = "private, no-store"
    return response
