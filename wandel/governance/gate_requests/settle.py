"""Settling requests when the body asked acts, and reading the open ones."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from wandel.core.actions import require_transaction
from wandel.governance.gate_requests.models import GateRequest
from wandel.governance.needs import Need


def gate_requests_settle(use_case_pk: int, needs: Iterable[Need]) -> int:
    """End the open requests for ``needs`` of the use case: called by the action that acts
    on them, in its transaction (which records that action in the audit log)."""
    require_transaction("gate_requests_settle")
    return GateRequest.objects.filter(
        use_case_id=use_case_pk, need__in=list(needs), settled_at__isnull=True
    ).update(settled_at=timezone.now())


def open_gate_requests(needs: Iterable[Need]) -> QuerySet[GateRequest]:
    """The open requests for ``needs``, oldest first, with what a list of them shows."""
    return (
        GateRequest.objects.filter(need__in=list(needs), settled_at__isnull=True)
        .select_related("use_case__unit", "requested_by")
        .only(
            "pk",
            "need",
            "stage",
            "requested_at",
            "use_case__id",
            "use_case__title",
            "use_case__stage",
            "use_case__unit__name",
            "requested_by__display_name",
            "requested_by__email",
        )
        .order_by("requested_at", "pk")
    )
