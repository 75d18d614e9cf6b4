"""Reads of the DPIA threshold checks and DPIAs: what the gate asks, and what pages show."""

from __future__ import annotations

from django.db.models import QuerySet

from wandel.governance.facts import DpiaState
from wandel.governance.reviews.dpia.models import Dpia, DpiaCheck, DpiaStatus
from wandel.portfolio.use_cases.models import UseCase


def dpia_state(use_case: UseCase) -> DpiaState:
    latest = (
        DpiaCheck.objects.filter(use_case=use_case)
        .order_by("-checked_at", "-pk")
        .values_list("required", flat=True)
        .first()
    )
    completed = Dpia.objects.filter(use_case=use_case, status=DpiaStatus.COMPLETED).exists()
    return DpiaState(checked=latest is not None, required=bool(latest), completed=completed)


def dpia_check_latest(use_case: UseCase) -> DpiaCheck | None:
    return (
        DpiaCheck.objects.filter(use_case=use_case)
        .select_related("checked_by")
        .order_by("-checked_at", "-pk")
        .first()
    )


def dpia_checks_of(use_case: UseCase) -> QuerySet[DpiaCheck]:
    return (
        DpiaCheck.objects.filter(use_case=use_case)
        .select_related("checked_by")
        .order_by("-checked_at", "-pk")
    )


def dpia_of(use_case: UseCase) -> Dpia | None:
    return Dpia.objects.filter(use_case=use_case).select_related("signed_off_by").first()
