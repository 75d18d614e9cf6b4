"""Pages of the community: user groups (join, leave, found and edit), the upcoming events
everyone sees, an event's page with registration, and the organiser's attendance page.
Everyone signed in reads, joins and registers (VIEW_TRAININGS); trainers and admins manage
every group and event (MANAGE_TRAININGS), a group's organisers their group and its
meetings (checked per object)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.enablement.community import groups, queries, services
from wandel.enablement.community.forms import EventForm, GroupForm
from wandel.enablement.community.models import Event, EventKind, Registration, UserGroup
from wandel.org.models import Person


def _person(request: AuthenticatedRequest) -> Person | None:
    return getattr(request.user, "person", None)


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def group_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "enablement/group_list.html",
        {
            "groups": list(queries.groups()),
            "can_manage": request.user.has_perm(Permission.MANAGE_TRAININGS),
        },
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def group_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        group = queries.group_detail(pk)
    except UserGroup.DoesNotExist:
        raise Http404 from None
    person = _person(request)
    memberships = list(group.memberships.all())
    return render(
        request,
        "enablement/group_detail.html",
        {
            "group": group,
            "memberships": memberships,
            "member": person is not None and any(m.person_id == person.pk for m in memberships),
            "can_join": person is not None,
            "can_manage": queries.may_manage(request.user, group),
            "meetings": list(queries.upcoming_events(group=group)[:10]),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def group_create(request: AuthenticatedRequest) -> HttpResponse:
    person = _person(request)
    return _group_form(request, None, {"organisers": [person] if person else []})


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def group_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(UserGroup.objects.prefetch_related("memberships__person"), pk=pk)
    if not queries.may_manage(request.user, group):
        raise PermissionDenied
    return _group_form(request, group, GroupForm.initial_of(group))


def _group_form(
    request: AuthenticatedRequest, group: UserGroup | None, initial: dict[str, object]
) -> HttpResponse:
    form = GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group = groups.group_create(data=form.group_input(), actor=request.user)
            else:
                group = groups.group_update(
                    group=group, data=form.group_input(), actor=request.user
                )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Group “%(group)s” saved.") % {"group": group})
            return redirect(group)
    return render(
        request,
        "enablement/group_form.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def group_join(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(UserGroup, pk=pk)
    person = _person(request)
    if person is None:
        raise Http404
    act_on_page(
        request,
        partial(groups.group_join, group=group, person=person, actor=request.user),
        gettext("Welcome: you are a member of the group."),
    )
    return redirect(group)


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def group_leave(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(UserGroup, pk=pk)
    person = _person(request)
    if person is None:
        raise Http404
    act_on_page(
        request,
        partial(groups.group_leave, group=group, person=person, actor=request.user),
        gettext("You left the group."),
    )
    return redirect(group)


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(queries.upcoming_events(), request)
    mine = queries.registered_event_ids(_person(request), list(page.object_list))
    return render(
        request,
        "enablement/event_list.html",
        {
            "page": page,
            "mine": mine,
            "can_register": _person(request) is not None,
            "can_manage": request.user.has_perm(Permission.MANAGE_TRAININGS),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    return _event_form(request, None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def group_meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(UserGroup, pk=pk)
    if not queries.may_manage(request.user, group):
        raise PermissionDenied
    return _event_form(request, group)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("group"), pk=pk)
    if not queries.may_manage(request.user, event.group):
        raise PermissionDenied
    # A group's meeting stays its group's; only trainers and admins move other events.
    fixed = event.group if event.kind == EventKind.GROUP_MEETING else None
    return _event_form(request, fixed, event)


def _event_form(
    request: AuthenticatedRequest, group: UserGroup | None, event: Event | None = None
) -> HttpResponse:
    form = EventForm(request.POST or None, group=group, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.event_schedule(actor=request.user, **form.event_data())
                messages.success(request, gettext("Event scheduled."))
            else:
                services.event_update(event=event, actor=request.user, **form.event_data())
                messages.success(request, gettext("Event saved."))
        except DomainError as error:
            add_to_form(form, error)
        else:
            return redirect(event)
    return render(
        request,
        "enablement/event_form.html",
        {"form": form, "group": group, "event": event},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def event_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        event = queries.event_detail(pk)
    except Event.DoesNotExist:
        raise Http404 from None
    manage = queries.may_manage(request.user, event.group)
    now = timezone.now()
    return render(
        request,
        "enablement/event_detail.html",
        {
            "event": event,
            "mine": queries.registration_of(event, _person(request)),
            "open": not event.cancelled and event.ends_at > now,
            "started": event.starts_at <= now,
            "can_register": _person(request) is not None,
            "can_manage": manage,
            "attendees": queries.attendees(event) if manage else None,
        },
    )


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def event_register(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    person = _person(request)
    if person is None:
        raise Http404
    act_on_page(
        request,
        partial(services.event_register, event=event, person=person, actor=request.user),
        gettext("You are registered for “%(event)s”.") % {"event": event.title},
    )
    # Registering from the list of upcoming events returns there.
    if request.POST.get("next") == "events":
        return redirect("enablement:events")
    return redirect(event)


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def registration_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event__group"), pk=pk)
    own = registration.person_id == getattr(_person(request), "pk", None)
    if not own and not queries.may_manage(request.user, registration.event.group):
        raise PermissionDenied
    act_on_page(
        request,
        partial(services.registration_cancel, registration=registration, actor=request.user),
        gettext("Registration cancelled."),
    )
    return redirect(registration.event)


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def event_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("group"), pk=pk)
    if not queries.may_manage(request.user, event.group):
        raise PermissionDenied
    services.event_cancel(event=event, actor=request.user)
    messages.success(request, gettext("Event cancelled; everyone registered was told."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def event_attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("group"), pk=pk)
    if not queries.may_manage(request.user, event.group):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
        try:
            taken = services.event_attendance_take(event=event, present=present, actor=request.user)
        except DomainError as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                gettext("Attendance saved: %(present)d present, %(absent)d absent.")
                % {"present": taken.present, "absent": taken.absent},
            )
            return redirect(event)
    return render(
        request,
        "enablement/event_attendance.html",
        {"event": event, "attendees": queries.attendees(event), "error": error},
        status=409 if error else 200,
    )
