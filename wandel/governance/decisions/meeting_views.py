"""Pages of the governance bodies, their members, and their meetings with agenda and minutes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import add_to_form
from wandel.core.filters import parse_id
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.decisions import meetings, queries
from wandel.governance.decisions.forms import (
    AgendaItemForm,
    BodyForm,
    MeetingForm,
    MembershipEndForm,
    MembershipForm,
    MinutesForm,
)
from wandel.governance.decisions.models import (
    AgendaItem,
    Body,
    BodyKind,
    BodyMembership,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.pages import back, form_page
from wandel.governance.decisions.services import DecisionError

# Bodies --------------------------------------------------------------------------------


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def body_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "governance/decisions/body_list.html", {"bodies": queries.bodies_for_list()}
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.CONFIGURE_GOVERNANCE)
def body_create(request: AuthenticatedRequest) -> HttpResponse:
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = meetings.body_create(actor=request.user, **form.cleaned_data)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Body “%(body)s” created.") % {"body": body})
            return redirect(body)
    return form_page(
        request, form, title=gettext("New body"), cancel=reverse("governance:body_list")
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.CONFIGURE_GOVERNANCE)
def body_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=pk)
    form = BodyForm(request.POST or None, instance=Body.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            body = meetings.body_update(body=body, actor=request.user, **form.cleaned_data)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Body “%(body)s” saved.") % {"body": body})
            return redirect(body)
    return form_page(request, form, title=body.name, cancel=body.get_absolute_url())


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def body_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "governance/decisions/body_detail.html", _body_context(request, pk))


def _body_context(
    request: AuthenticatedRequest, pk: int, member_form: MembershipForm | None = None
) -> dict[str, object]:
    try:
        page = queries.body_page(pk)
    except Body.DoesNotExist:
        raise Http404 from None
    configures = request.user.has_perm(Permission.CONFIGURE_GOVERNANCE)
    return {
        "page": page,
        "body": page.body,
        "configures": configures,
        "can_decide": request.user.has_perm(Permission.DECIDE),
        "member_form": (member_form or MembershipForm()) if configures else None,
        "end_form": MembershipEndForm() if configures else None,
    }


@require_POST
@require_permission(Permission.CONFIGURE_GOVERNANCE)
def membership_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body, pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            meetings.membership_add(body=body, actor=request.user, **form.cleaned_data)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                gettext("%(person)s added to %(body)s.")
                % {"person": form.cleaned_data["person"].full_name, "body": body},
            )
            return redirect(body)
    context = _body_context(request, pk, member_form=form)
    return render(request, "governance/decisions/body_detail.html", context, status=400)


@require_POST
@require_permission(Permission.CONFIGURE_GOVERNANCE)
def membership_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(BodyMembership.objects.select_related("body", "person"), pk=pk)
    form = MembershipEndForm(request.POST)
    ended_on = form.cleaned_data["ended_on"] if form.is_valid() else None
    try:
        meetings.membership_end(membership=membership, actor=request.user, ended_on=ended_on)
    except DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("%(person)s no longer sits in %(body)s.")
            % {"person": membership.person.full_name, "body": membership.body},
        )
    return redirect(membership.body)


# Meetings ------------------------------------------------------------------------------


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    past = page_of(queries.meetings_past(), request)
    return render(
        request,
        "governance/decisions/meeting_list.html",
        {
            "upcoming": queries.meetings_upcoming(),
            "page": past,
            "can_decide": request.user.has_perm(Permission.DECIDE),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.DECIDE)
def meeting_create(request: AuthenticatedRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    body = parse_id(request.GET.get("body"))
    if body is not None:
        initial["body"] = body
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meetings.meeting_create(actor=request.user, **form.cleaned_data)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, gettext("Meeting “%(meeting)s” planned.") % {"meeting": meeting}
            )
            return redirect(meeting)
    return form_page(
        request, form, title=gettext("Plan a meeting"), cancel=reverse("governance:meeting_list")
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.DECIDE)
def meeting_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "body"}
        try:
            meeting = meetings.meeting_update(meeting=meeting, actor=request.user, **fields)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Meeting saved."))
            return redirect(meeting)
    return form_page(request, form, title=meeting.title, cancel=meeting.get_absolute_url())


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(
        request, "governance/decisions/meeting_detail.html", _meeting_context(request, pk)
    )


def _meeting_context(
    request: AuthenticatedRequest, pk: int, item_form: AgendaItemForm | None = None
) -> dict[str, object]:
    try:
        meeting = queries.meeting_for_page(pk, agenda=False, table=True)
    except Meeting.DoesNotExist:
        raise Http404 from None
    decides = request.user.has_perm(Permission.DECIDE)
    planned = meeting.status == MeetingStatus.PLANNED
    # An agenda built from every open request can run to thousands of items: a page at a time.
    page = page_of(queries.meeting_agenda(meeting), request)
    return {
        "meeting": meeting,
        "page": page,
        "agenda": [(item, queries.decision_url(item)) for item in page],
        "can_decide": decides,
        "can_build": decides and planned and meeting.body.kind == BodyKind.STEERING_COMMITTEE,
        "item_form": (item_form or AgendaItemForm()) if decides and planned else None,
    }


@require_http_methods(["GET", "POST"])
@require_permission(Permission.DECIDE)
def meeting_minutes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    initial = {
        "minutes": meeting.minutes,
        "attendees": list(meeting.attendees.values_list("pk", flat=True)),
        "held": meeting.status == MeetingStatus.HELD or meeting.held_on <= timezone.localdate(),
    }
    form = MinutesForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meetings.meeting_minutes_record(
                meeting=meeting,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                attendees=form.cleaned_data["attendees"],
                held=form.cleaned_data["held"] or meeting.status == MeetingStatus.HELD,
            )
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Minutes saved."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=gettext("Minutes of “%(meeting)s”") % {"meeting": meeting.title},
        cancel=meeting.get_absolute_url(),
        intro=gettext(
            "Attendees are chosen from the members of %(body)s; add guests to the body first."
        )
        % {"body": meeting.body},
    )


@require_POST
@require_permission(Permission.DECIDE)
def agenda_item_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            meetings.agenda_item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except DecisionError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Agenda item added."))
            return redirect(meeting)
    context = _meeting_context(request, pk, item_form=form)
    return render(request, "governance/decisions/meeting_detail.html", context, status=400)


@require_POST
@require_permission(Permission.DECIDE)
def agenda_item_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    try:
        meetings.agenda_item_remove(item=item, actor=request.user)
    except DecisionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Agenda item removed."))
    return redirect(item.meeting)


@require_POST
@require_permission(Permission.DECIDE)
def agenda_build(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    try:
        added = meetings.agenda_build(meeting=meeting, actor=request.user)
    except DecisionError as error:
        messages.error(request, str(error))
    else:
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d open request added to the agenda.",
                    "%(count)d open requests added to the agenda.",
                    len(added),
                )
                % {"count": len(added)},
            )
        else:
            messages.info(request, gettext("Every open request is already on the agenda."))
    return back(request, meeting.get_absolute_url())
