"""Bodies, memberships, meetings and agendas over the REST API (under /api/v1/governance).

Reading needs the governance view permission; bodies and memberships are configured with
CONFIGURE_GOVERNANCE; meetings, agendas and minutes need DECIDE. The decision register is
in ``api``; both call the same services and queries as the pages.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.roles import Permission
from wandel.governance.decisions import meetings, queries
from wandel.governance.decisions.models import (
    AgendaItem,
    Body,
    BodyMembership,
    Meeting,
)
from wandel.governance.decisions.schemas import (
    NOT_FOUND,
    AgendaItemIn,
    AgendaItemOut,
    BodyIn,
    BodyOut,
    BodyPatch,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MeetingQuery,
    MembershipEndIn,
    MembershipIn,
    MembershipOut,
    MinutesIn,
    meeting_or_404,
    named,
    named_subject,
    required,
)
from wandel.governance.decisions.services import DecisionError
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])


# Bodies and memberships --------------------------------------------------------------------


@router.get("/bodies", response=list[BodyOut], summary="List governance bodies")
def body_list(request: HttpRequest) -> QuerySet[Body]:
    """Every body with its memberships, past ones included (``ended_on`` set)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.bodies_with_memberships()


@router.post("/bodies", response={201: BodyOut}, summary="Create a governance body")
def body_create(request: HttpRequest, payload: BodyIn) -> Status[Any]:
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = meetings.body_create(actor=user, **payload.dict())
    return Status(201, queries.bodies_with_memberships().get(pk=body.pk))


@router.get("/bodies/{id:body_id}", response=BodyOut, summary="One governance body")
def body_detail(request: HttpRequest, body_id: int) -> Body:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(queries.bodies_with_memberships(), pk=body_id)


@router.patch("/bodies/{id:body_id}", response=BodyOut, summary="Change a governance body")
def body_edit(request: HttpRequest, body_id: int, payload: BodyPatch) -> Body:
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = get_object_or_404(Body, pk=body_id)
    meetings.body_update(body=body, actor=user, **payload.dict(exclude_unset=True))
    return queries.bodies_with_memberships().get(pk=body.pk)


@router.post(
    "/bodies/{id:body_id}/memberships",
    response={201: MembershipOut},
    summary="Give a person a seat in a body",
)
def membership_create(request: HttpRequest, body_id: int, payload: MembershipIn) -> Status[Any]:
    """A person holds one open seat in a body at a time; without ``started_on`` it starts
    today."""
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    body = get_object_or_404(Body, pk=body_id)
    membership = meetings.membership_add(
        body=body,
        person=required(Person, payload.person, "person"),
        role_in_body=payload.role_in_body,
        started_on=payload.started_on,
        actor=user,
    )
    return Status(201, membership)


@router.post(
    "/memberships/{id:membership_id}/end",
    response=MembershipOut,
    summary="End a membership",
)
def membership_end(
    request: HttpRequest, membership_id: int, payload: MembershipEndIn
) -> BodyMembership:
    """Memberships are never deleted; an ended one stays in the body's history."""
    user = require(request, Permission.CONFIGURE_GOVERNANCE)
    membership = get_object_or_404(BodyMembership, pk=membership_id)
    return meetings.membership_end(membership=membership, actor=user, ended_on=payload.ended_on)


# Meetings and agendas ----------------------------------------------------------------------


@router.get("/meetings", response=list[MeetingOut], summary="List meetings")
@paginated
def meeting_list(request: HttpRequest, filters: Query[MeetingQuery]) -> QuerySet[Meeting]:
    """Newest first."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.meeting_list(body=filters.body, status=filters.status or "")


@router.post("/meetings", response={201: MeetingDetailOut}, summary="Plan a meeting")
def meeting_create(request: HttpRequest, payload: MeetingIn) -> Status[Any]:
    user = require(request, Permission.DECIDE)
    meeting = meetings.meeting_create(
        actor=user,
        body=required(Body, payload.body, "body"),
        held_on=payload.held_on,
        title=payload.title,
        location=payload.location,
    )
    return Status(201, meeting_or_404(meeting.pk))


@router.get("/meetings/{id:meeting_id}", response=MeetingDetailOut, summary="One meeting")
def meeting_detail(request: HttpRequest, meeting_id: int) -> Meeting:
    require(request, Permission.VIEW_GOVERNANCE)
    return meeting_or_404(meeting_id)


@router.patch("/meetings/{id:meeting_id}", response=MeetingDetailOut, summary="Change a meeting")
def meeting_edit(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Meeting:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    meetings.meeting_update(meeting=meeting, actor=user, **payload.dict(exclude_unset=True))
    return meeting_or_404(meeting_id)


@router.put(
    "/meetings/{id:meeting_id}/minutes",
    response=MeetingDetailOut,
    summary="Record the minutes and attendance of a meeting",
)
def meeting_minutes(request: HttpRequest, meeting_id: int, payload: MinutesIn) -> Meeting:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    people = Person.objects.in_bulk(payload.attendees)
    unknown = [pk for pk in payload.attendees if pk not in people]
    if unknown:
        what = Person._meta.verbose_name
        raise DecisionError(NOT_FOUND % {"what": what, "id": unknown[0]}, field="attendees")
    meetings.meeting_minutes_record(
        meeting=meeting,
        actor=user,
        minutes=payload.minutes,
        attendees=[people[pk] for pk in payload.attendees],
        held=payload.held,
    )
    return meeting_or_404(meeting_id)


@router.post(
    "/meetings/{id:meeting_id}/agenda-items",
    response={201: AgendaItemOut},
    summary="Add an item to a meeting's agenda",
)
def agenda_item_create(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Status[Any]:
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    item = meetings.agenda_item_add(
        meeting=meeting,
        actor=user,
        title=payload.title,
        kind=payload.kind,
        notes=payload.notes,
        use_case=named(UseCase, payload.use_case, "use_case"),
        budget_request=named_subject("budget_request", payload.budget_request),
        risk=named_subject("risk", payload.risk),
        ethics_review=named(EthicsReview, payload.ethics_review, "ethics_review"),
    )
    return Status(201, item)


@router.post(
    "/meetings/{id:meeting_id}/agenda/build",
    response=list[AgendaItemOut],
    summary="Put every open request on a steering-committee meeting's agenda",
)
def agenda_build(request: HttpRequest, meeting_id: int) -> list[AgendaItem]:
    """Adds what waits for a decision and is not on the agenda yet; answers with the items
    added (none the second time)."""
    user = require(request, Permission.DECIDE)
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return meetings.agenda_build(meeting=meeting, actor=user)


@router.delete("/agenda-items/{id:item_id}", response={204: None}, summary="Remove an agenda item")
def agenda_item_delete(request: HttpRequest, item_id: int) -> Status[None]:
    """Only from the agenda of a meeting not yet held, and only if no decision refers to it."""
    user = require(request, Permission.DECIDE)
    item = get_object_or_404(AgendaItem, pk=item_id)
    meetings.agenda_item_remove(item=item, actor=user)
    return Status(204, None)
