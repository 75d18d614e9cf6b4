"""Bodies, meetings and the decision register over the REST API (under /api/v1/governance).

Every endpoint calls the same services and queries as the pages. Reading needs the
governance view permission; bodies and memberships are configured with
CONFIGURE_GOVERNANCE; meetings, agendas, minutes and decisions need DECIDE; a condition is
closed by the steering committee or by its owner. A refusal is an ``ErrorOut``, with the
messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import ClosingIn
from wandel.core.roles import Permission
from wandel.governance.decisions import queries, services
from wandel.governance.decisions.models import (
    AgendaItem,
    Body,
    Decision,
    DecisionCondition,
    Meeting,
)
from wandel.governance.decisions.queries import RegisterFilters
from wandel.governance.decisions.schemas import (
    DecisionConditionOut,
    DecisionIn,
    DecisionOut,
    RegisterQuery,
    named,
    named_subject,
    required,
)
from wandel.governance.decisions.services import ConditionInput
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])


# The decision register ---------------------------------------------------------------------


@router.get("/decisions", response=list[DecisionOut], summary="The decision register")
@paginated
def decision_list(request: HttpRequest, filters: Query[RegisterQuery]) -> QuerySet[Decision]:
    """Newest first; superseded decisions are included unless ``effective`` is true. The
    filters mean what they mean on the register's page and in its export."""
    require(request, Permission.VIEW_GOVERNANCE)
    return queries.with_conditions(
        queries.register(RegisterFilters.from_values(filters.model_dump(by_alias=True)))
    )


@router.get("/decisions/{id:decision_id}", response=DecisionOut, summary="One decision")
def decision_detail(request: HttpRequest, decision_id: int) -> Decision:
    require(request, Permission.VIEW_GOVERNANCE)
    return get_object_or_404(queries.decisions(), pk=decision_id)


@router.post("/decisions", response={201: DecisionOut}, summary="Record a decision")
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status[Any]:
    """Decisions are immutable; to correct one, record a new decision with ``supersedes``
    set to it (same kind, same use case, budget request and risk)."""
    user = require(request, Permission.DECIDE)
    conditions = [
        ConditionInput(c.text, named(Person, c.owner, "conditions"), c.due_on)
        for c in payload.conditions
    ]
    decision = services.decision_record(
        actor=user,
        body=required(Body, payload.body, "body"),
        meeting=named(Meeting, payload.meeting, "meeting"),
        agenda_item=named(AgendaItem, payload.agenda_item, "agenda_item"),
        use_case=named(UseCase, payload.use_case, "use_case"),
        budget_request=named_subject("budget_request", payload.budget_request),
        risk=named_subject("risk", payload.risk),
        supersedes=named(Decision, payload.supersedes, "supersedes"),
        decided_on=payload.decided_on,
        kind=payload.kind,
        text=payload.text,
        outcome=payload.outcome,
        gate_stage=payload.gate_stage or "",
        approved_amount=payload.approved_amount,
        conditions=conditions,
    )
    return Status(201, queries.decisions().get(pk=decision.pk))


@router.post(
    "/conditions/{id:condition_id}/close",
    response=DecisionConditionOut,
    summary="Close a condition of a decision",
)
def condition_close(
    request: HttpRequest, condition_id: int, payload: ClosingIn
) -> DecisionCondition:
    """The steering committee closes any condition, the condition's owner their own."""
    user = require(request, Permission.VIEW_GOVERNANCE)
    condition = get_object_or_404(
        DecisionCondition.objects.select_related("decision", "owner"), pk=condition_id
    )
    if not services.can_close_condition(user, condition):
        raise refuse()
    closed = services.condition_close(
        condition=condition,
        actor=user,
        closing_note=payload.closing_note,
        closed_on=payload.closed_on,
    )
    return DecisionCondition.objects.select_related("owner", "closed_by").get(pk=closed.pk)
