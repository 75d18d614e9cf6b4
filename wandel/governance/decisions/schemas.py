"""The API schemas of bodies, meetings and the decision register, and the lookups their
endpoints share (an ID in a request body that names nothing is refused at its field)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema

from wandel.core.api.schemas import UNCHANGED, Id, PersonRef, TrackedItemOut
from wandel.governance.decisions import queries
from wandel.governance.decisions.models import (
    AgendaItem,
    AgendaKind,
    AgendaTopic,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.services import DecisionError
from wandel.governance.decisions.subjects import subject_model
from wandel.org.models import Person

NOT_FOUND = _("There is no %(what)s with the ID %(id)s.")


# Schemas -----------------------------------------------------------------------------------


class MembershipOut(Schema):
    id: int
    person: PersonRef
    role_in_body: BodyRole
    started_on: date
    ended_on: date | None


class BodyOut(Schema):
    id: int
    name: str
    kind: BodyKind
    description: str
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(body: Body) -> list[BodyMembership]:
        return list(body.memberships.all())


class BodyRef(Schema):
    id: int
    name: str


class MeetingOut(Schema):
    id: int
    body: BodyRef
    held_on: date
    title: str
    location: str
    status: MeetingStatus


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    topic: AgendaTopic = Field(
        description="What Wandel put the item on the agenda for; empty for a titled item."
    )
    heading: str = Field(description="The item as the agenda shows it, in the request's language.")
    done: bool
    notes: str
    kind: AgendaKind
    use_case_id: int | None
    budget_request_id: int | None
    risk_id: int | None
    ethics_review_id: int | None


class DecisionConditionOut(TrackedItemOut):
    owner: PersonRef
    due_on: date


class DecisionOut(Schema):
    id: int
    body: BodyRef
    meeting_id: int | None
    agenda_item_id: int | None
    decided_on: date
    kind: DecisionKind
    text: str
    outcome: DecisionOutcome
    use_case_id: int | None
    gate_stage: str
    budget_request_id: int | None
    approved_amount: Decimal | None
    risk_id: int | None
    supersedes_id: int | None
    superseded_by_id: int | None
    in_force: bool
    recorded_by: str
    recorded_at: datetime
    conditions: list[DecisionConditionOut]

    @staticmethod
    def resolve_superseded_by_id(decision: Decision) -> int | None:
        successor = decision.successor
        return successor.pk if successor is not None else None

    @staticmethod
    def resolve_in_force(decision: Decision) -> bool:
        return decision.successor is None

    @staticmethod
    def resolve_recorded_by(decision: Decision) -> str:
        return str(decision.recorded_by)

    @staticmethod
    def resolve_conditions(decision: Decision) -> list[DecisionCondition]:
        return list(decision.conditions.all())


class MeetingDetailOut(MeetingOut):
    minutes: str
    attendees: list[PersonRef]
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_attendees(meeting: Meeting) -> list[Person]:
        return list(meeting.attendees.all())

    @staticmethod
    def resolve_agenda(meeting: Meeting) -> list[AgendaItem]:
        return list(meeting.agenda_items.all())

    @staticmethod
    def resolve_decisions(meeting: Meeting) -> list[Decision]:
        return list(meeting.decisions.all())


class BodyIn(Schema):
    name: str
    kind: BodyKind
    description: str = ""


class BodyPatch(Schema):
    """Only the fields sent change."""

    name: str = UNCHANGED
    kind: BodyKind = UNCHANGED
    description: str = UNCHANGED


class MembershipIn(Schema):
    person: Id
    role_in_body: BodyRole = BodyRole.MEMBER
    started_on: date | None = None


class MembershipEndIn(Schema):
    """Without ``ended_on``, the membership ends today."""

    ended_on: date | None = None


class MeetingIn(Schema):
    body: Id
    held_on: date
    title: str
    location: str = ""


class MeetingPatch(Schema):
    """Only the fields sent change; a meeting stays with its body."""

    held_on: date = UNCHANGED
    title: str = UNCHANGED
    location: str = UNCHANGED


class MinutesIn(Schema):
    """The minutes and who attended (people who sit or sat in the body); ``held`` marks the
    meeting held, which closes its agenda."""

    minutes: str = ""
    attendees: list[Id] = []
    held: bool = True


class AgendaItemIn(Schema):
    title: str
    kind: AgendaKind = AgendaKind.OTHER
    notes: str = ""
    use_case: Id | None = None
    budget_request: Id | None = None
    risk: Id | None = None
    ethics_review: Id | None = None


class DecisionConditionIn(Schema):
    text: str
    owner: Id
    due_on: date


class DecisionIn(Schema):
    """``supersedes`` names the decision this one corrects; conditions only with the
    outcome ``approved_with_conditions`` (then at least one)."""

    body: Id
    decided_on: date
    kind: DecisionKind
    text: str
    outcome: DecisionOutcome
    meeting: Id | None = None
    agenda_item: Id | None = None
    use_case: Id | None = None
    gate_stage: GateStage | None = None
    budget_request: Id | None = None
    approved_amount: Decimal | None = None
    risk: Id | None = None
    supersedes: Id | None = None
    conditions: list[DecisionConditionIn] = []


class RegisterQuery(Schema):
    """The register's filters, as on its page and in its export."""

    body: Id | None = None
    kind: DecisionKind | None = None
    outcome: DecisionOutcome | None = None
    use_case: Id | None = None
    date_from: date | None = Field(None, alias="from", description="Decided on or after.")
    date_to: date | None = Field(None, alias="to", description="Decided on or before.")
    effective: bool = Field(False, description="Only decisions in force (not superseded).")
    q: str = Field("", description="Words the decision's text contains.")


class MeetingQuery(Schema):
    body: Id | None = None
    status: MeetingStatus | None = None


# Helpers -----------------------------------------------------------------------------------


def named[M: Model](model: type[M], pk: int | None, field: str) -> M | None:
    """The object a body field names; a refusal at that field if there is none."""
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise DecisionError(NOT_FOUND % {"what": model._meta.verbose_name, "id": pk}, field=field)
    return found


def named_subject(field: str, pk: int | None) -> Any:
    """The budget request or risk a body field names (a model of another sub-domain)."""
    return named(subject_model(field), pk, field)


def required[M: Model](model: type[M], pk: int, field: str) -> M:
    found = named(model, pk, field)
    assert found is not None
    return found


def meeting_or_404(meeting_id: int) -> Meeting:
    try:
        return queries.meeting_for_page(meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
