"""The DPIA threshold check and the DPIA over the API, mounted under /api/v1/governance.

Data protection (RUN_DPIA) runs the threshold check and keeps the DPIA; the controller named
in a DPIA may write it too. Refusals answer 400 with the documented error body.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from wandel.core.api.permissions import require, signed_in
from wandel.core.api.schemas import UNCHANGED, ErrorOut, Id, PersonRef
from wandel.core.roles import Permission
from wandel.governance.reviews.dpia import queries as dpia_queries
from wandel.governance.reviews.dpia import services as dpia_services
from wandel.governance.reviews.dpia.criteria import (
    ALL_CRITERIA,
    DSK_AI,
    Decision,
    dsk_applying,
    wp248_count,
)
from wandel.governance.reviews.dpia.models import DPIA_FIELDS, Dpia, DpiaCheck, DpiaStatus
from wandel.governance.reviews.errors import UNKNOWN_PERSON, ReviewsError
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])

NO_DPIA = _("No DPIA has been recorded for this use case.")


class DpiaCriterionOut(Schema):
    key: str
    title: str
    help: str
    kind: str


class DpiaCheckOut(Schema):
    id: int
    answers: dict[str, bool]
    wp248_count: int
    dsk_ai: bool
    dsk_items: list[str]
    required: bool
    decision: Decision
    rationale: str
    criteria_version: str
    checked_by: str | None
    checked_at: datetime

    @staticmethod
    def resolve_wp248_count(check: DpiaCheck) -> int:
        return wp248_count(check.answers)

    @staticmethod
    def resolve_dsk_ai(check: DpiaCheck) -> bool:
        return bool(check.answers.get(DSK_AI.key))

    @staticmethod
    def resolve_dsk_items(check: DpiaCheck) -> list[str]:
        return dsk_applying(check.answers)

    @staticmethod
    def resolve_checked_by(check: DpiaCheck) -> str | None:
        return str(check.checked_by) if check.checked_by else None


class DpiaCheckStateOut(Schema):
    use_case_id: int
    criteria: list[DpiaCriterionOut]
    latest: DpiaCheckOut | None
    history: list[DpiaCheckOut]


class DpiaCheckIn(Schema):
    """Criterion key → applies; criteria left out do not apply. ``decision`` departs from
    what the criteria say only with a ``rationale`` (WP248: "in most cases")."""

    answers: dict[str, bool]
    decision: Decision = Decision.RULE
    rationale: str = ""


class DpiaOut(Schema):
    use_case_id: int
    description: str
    necessity: str
    risks: str
    measures: str
    data_subject_views: str
    dpo_opinion: str
    controller: PersonRef | None
    residual_risk_high: bool
    prior_consultation: str
    review_on: date | None
    status: DpiaStatus
    signed_off_by: str | None
    signed_off_on: date | None
    missing_sections: list[str]

    @staticmethod
    def resolve_signed_off_by(dpia: Dpia) -> str | None:
        return str(dpia.signed_off_by) if dpia.signed_off_by else None

    @staticmethod
    def resolve_missing_sections(dpia: Dpia) -> list[str]:
        return dpia_services.dpia_missing_sections(dpia)


class DpiaIn(Schema):
    """The whole DPIA; every field is required, so a PUT never empties a section it left
    out (use PATCH to change some). ``status: completed`` signs it off (all sections and
    the DPO's opinion needed); ``draft`` on a signed-off DPIA reopens it."""

    description: str
    necessity: str
    risks: str
    measures: str
    data_subject_views: str
    dpo_opinion: str
    controller: Id | None
    residual_risk_high: bool
    prior_consultation: str
    review_on: date | None
    status: DpiaStatus


class DpiaPatch(Schema):
    """Only the fields given change; the others stay as they are."""

    description: str = UNCHANGED
    necessity: str = UNCHANGED
    risks: str = UNCHANGED
    measures: str = UNCHANGED
    data_subject_views: str = UNCHANGED
    dpo_opinion: str = UNCHANGED
    controller: Id | None = None
    residual_risk_high: bool = UNCHANGED
    prior_consultation: str = UNCHANGED
    review_on: date | None = None
    status: DpiaStatus = UNCHANGED


def _criteria() -> list[dict[str, str]]:
    return [
        {
            "key": c.key,
            "title": c.title,
            "help": c.help,
            "kind": "dsk" if c.must_list else "wp248",
        }
        for c in ALL_CRITERIA
    ]


@router.get(
    "/use-cases/{id:use_case_id}/dpia-check",
    response=DpiaCheckStateOut,
    summary="DPIA threshold check of a use case",
)
def dpia_check_get(request: HttpRequest, use_case_id: int) -> dict[str, Any]:
    """The criteria asked, the latest check (the one that counts) and all checks, newest
    first. A DPIA is required from two WP248 criteria, or when a DSK must-list item applies,
    unless a documented decision says otherwise."""
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    history = list(dpia_queries.dpia_checks_of(use_case))
    return {
        "use_case_id": use_case.pk,
        "criteria": _criteria(),
        "latest": history[0] if history else None,
        "history": history,
    }


@router.post(
    "/use-cases/{id:use_case_id}/dpia-check",
    response={201: DpiaCheckOut, 400: ErrorOut},
    summary="Run the DPIA threshold check",
)
def dpia_check_create(request: HttpRequest, use_case_id: int, payload: DpiaCheckIn) -> Status[Any]:
    require(request, Permission.RUN_DPIA)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    check = dpia_services.dpia_check_record(
        use_case=use_case,
        answers=payload.answers,
        actor=signed_in(request),
        decision=payload.decision,
        rationale=payload.rationale,
    )
    return Status(201, check)


@router.get(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 404: ErrorOut},
    summary="The DPIA of a use case",
)
def dpia_get(request: HttpRequest, use_case_id: int) -> Status[Any]:
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    record = dpia_queries.dpia_of(use_case)
    if record is None:
        return Status(404, {"detail": str(NO_DPIA)})
    return Status(200, record)


@router.put(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 400: ErrorOut},
    summary="Write, sign off or reopen the DPIA of a use case",
)
def dpia_put(request: HttpRequest, use_case_id: int, payload: DpiaIn) -> Status[Any]:
    return _dpia_write(request, use_case_id, payload.model_dump())


@router.patch(
    "/use-cases/{id:use_case_id}/dpia",
    response={200: DpiaOut, 400: ErrorOut},
    summary="Change some sections of the DPIA, sign it off or reopen it",
)
def dpia_patch(request: HttpRequest, use_case_id: int, payload: DpiaPatch) -> Status[Any]:
    return _dpia_write(request, use_case_id, payload.model_dump(exclude_unset=True))


def _dpia_write(request: HttpRequest, use_case_id: int, given: dict[str, Any]) -> Status[Any]:
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    if not dpia_services.may_write_dpia(signed_in(request), use_case):
        require(request, Permission.RUN_DPIA)
    sections = {name: given[name] for name in DPIA_FIELDS if name in given}
    if sections.get("controller") is not None:
        controller = Person.objects.filter(pk=sections["controller"]).first()
        if controller is None:
            raise ReviewsError(UNKNOWN_PERSON % {"id": sections["controller"]}, field="controller")
        sections["controller"] = controller
    dpia_services.dpia_write(
        use_case=use_case, actor=signed_in(request), sections=sections, status=given.get("status")
    )
    return Status(200, dpia_queries.dpia_of(use_case))
