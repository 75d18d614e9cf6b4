"""The audit log over the REST API: read-only, for holders of ``core.view_audit``.

The same events, filters and order as the audit page (``core.queries.audit_events``), with
each event's hash and the hash before it, so a client can check the chain it has read.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated list through its wrapper, which cannot resolve names given as text.
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import StringConstraints

from wandel.core import queries
from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.audit import action_label
from wandel.core.models import AuditEvent
from wandel.core.roles import Permission

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor: str = Field(description="The e-mail address of the account that acted, or empty.")
    actor_id: int | None
    action: str
    action_label: str
    target_type: str = Field(description="The kind of object, such as `org.Person`.")
    target_id: str
    target_label: str
    changes: dict[str, Any] = Field(description="What changed, mostly as {field: {from, to}}.")
    prev_hash: str
    hash: str

    @staticmethod
    def resolve_actor(event: AuditEvent) -> str:
        return event.actor_label

    @staticmethod
    def resolve_action_label(event: AuditEvent) -> str:
        return str(action_label(event.action))


@router.get("/audit-events", response=list[AuditEventOut], summary="List audit events")
@paginated
def audit_event_list(
    request: HttpRequest,
    action: Annotated[str, StringConstraints(max_length=100)] = "",
    target_type: Annotated[str, StringConstraints(max_length=100)] = "",
    target_id: Annotated[str, StringConstraints(max_length=64)] = "",
) -> Any:
    """Newest first. ``action`` is an action's code, such as `org.role_assigned`;
    ``target_type`` and ``target_id`` pick the events about one object."""
    require(request, Permission.VIEW_AUDIT)
    filters = queries.AuditFilters.from_values(
        {"action": action, "target_type": target_type, "target_id": target_id}
    )
    return queries.audit_events(filters)
