"""A use case's gate checklist and asking for its items over the API, mounted under
/api/v1/governance.

The same rules as the use-case page: everyone who sees governance (VIEW_GOVERNANCE) reads
the checklist of the gated move ahead and may ask the body that gives a missing item to act
(``gate_request``); asking again while a request is open answers with that request.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from wandel.core.api.permissions import require
from wandel.core.api.schemas import ErrorOut
from wandel.core.roles import Permission
from wandel.governance.gate_requests.models import GateRequest
from wandel.governance.gates.asking import gate_request
from wandel.governance.gates.section import ChecklistItem, checklist
from wandel.governance.needs import Need
from wandel.portfolio.use_cases.models import Stage, UseCase

router = Router(tags=["governance"])


class GateRequestOut(Schema):
    id: int
    need: Need
    stage: Stage
    requested_at: datetime
    requested_by: str | None
    settled_at: datetime | None = Field(description="When the item was given; null while open.")

    @staticmethod
    def resolve_requested_by(request: GateRequest) -> str | None:
        return str(request.requested_by) if request.requested_by else None


class GateItemOut(Schema):
    need: Need
    requirement: str = Field(description="What is needed, in the request's language.")
    met: bool
    who: str = Field(description="Who gives it (a body or a role); empty when nobody can.")
    url: str = Field(description="The page where the caller gives it; empty if they may not.")
    asked: GateRequestOut | None = Field(description="The open request for it, if any.")

    @staticmethod
    def resolve_requirement(item: ChecklistItem) -> str:
        return str(item.need.label)

    @staticmethod
    def resolve_who(item: ChecklistItem) -> str:
        return str(item.who)


class GateChecklistOut(Schema):
    stage: Stage | None = Field(description="The gated move ahead; null when there is none.")
    ready: bool
    items: list[GateItemOut]


class GateRequestIn(Schema):
    need: Need
    stage: Stage


@router.get(
    "/use-cases/{id:use_case_id}/gate",
    response=GateChecklistOut,
    summary="The gate checklist of a use case",
)
def gate_checklist(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """What the next gated move (to pilot, to production) needs, met or missing, who gives
    each item, and any open request for it."""
    user = require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    found = checklist(use_case, user)
    if found is None:
        return {"stage": None, "ready": False, "items": []}
    return {"stage": found.stage, "ready": found.ready, "items": found.items}


@router.post(
    "/use-cases/{id:use_case_id}/gate-requests",
    response={201: GateRequestOut, 409: ErrorOut},
    summary="Ask the body that gives a gate item to act",
)
def gate_request_create(
    request: HttpRequest, use_case_id: int, payload: GateRequestIn
) -> Status[Any]:
    """Records the request, tells the holders of the body's role and, for a steering
    decision, puts the use case on the next planned steering meeting's agenda. 409 when the
    item is not missing for that move or nobody can give it."""
    user = require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    asked = gate_request(use_case=use_case, need=payload.need, stage=payload.stage, actor=user)
    return Status(201, asked)
