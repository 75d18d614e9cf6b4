"""How a use case is measured, over the REST API: quality requirements, KPIs with their
measurements, and comments, through the same services as the use-case page.

Reading needs VIEW_USE_CASES. Requirements and KPIs are changed by whoever may edit the use
case (the steering committee and programme admins, or its product owner), as on the page;
commenting needs SUBMIT_IDEAS. A refusal is an ``ErrorOut``, with messages by field where it
concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import refuse, require
from wandel.core.api.schemas import UNCHANGED, ErrorOut
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.portfolio.measures import queries, services
from wandel.portfolio.measures.models import (
    Cadence,
    Comment,
    Direction,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.measures.queries import KpiSummary
from wandel.portfolio.measures.rules import KpiStatus
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.permissions import can_run

router = Router(tags=["portfolio"])

Value = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]


# Schemas -----------------------------------------------------------------------------------


class RequirementOut(Schema):
    id: int
    text: str
    status: RequirementStatus
    evidence_note: str
    evidence_link: str
    evidence_date: date | None


class RequirementIn(Schema):
    text: str


class RequirementPatch(Schema):
    """The result of testing the requirement; fields left out keep their value. ``met`` and
    ``not_met`` need an evidence note and the date it was tested."""

    status: RequirementStatus = UNCHANGED
    evidence_note: str = UNCHANGED
    evidence_link: str = UNCHANGED
    evidence_date: date | None = None


class KpiOut(Schema):
    id: int
    name: str
    unit_of_measure: str
    direction: Direction
    baseline_value: Decimal
    baseline_date: date
    target_value: Decimal
    target_date: date
    measure_every: Cadence | None = Field(
        description="Days between measurements while the use case is live; null: no schedule."
    )


class KpiIn(Schema):
    name: str
    unit_of_measure: str
    direction: Direction
    baseline_value: Value
    baseline_date: date
    target_value: Value
    target_date: date
    measure_every: Cadence | None = Cadence.MONTHLY


class MeasurementOut(Schema):
    id: int
    measured_on: date
    value: Decimal
    note: str


class KpiWithMeasurementsOut(KpiOut):
    """A KPI as a use case's detail nests it, with its measurements oldest first."""

    measurements: list[MeasurementOut]

    @staticmethod
    def resolve_measurements(kpi: Kpi) -> list[KpiMeasurement]:
        return list(kpi.measurements.all())


class MeasurementIn(Schema):
    measured_on: date
    value: Decimal
    note: str = ""


class KpiDetailOut(Schema):
    kpi: KpiOut
    measurements: list[MeasurementOut]
    progress: Decimal | None
    status: KpiStatus | None


class CommentOut(Schema):
    id: int
    text: str
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(comment: Comment) -> str | None:
        return str(comment.author) if comment.author else None


class CommentIn(Schema):
    text: str


# Helpers -----------------------------------------------------------------------------------


def _use_case(request: HttpRequest, use_case_id: int) -> tuple[User, UseCase]:
    user = require(request, Permission.VIEW_USE_CASES)
    return user, get_object_or_404(UseCase.objects.select_related("product_owner"), pk=use_case_id)


def _editable(request: HttpRequest, use_case_id: int) -> tuple[User, UseCase]:
    user, use_case = _use_case(request, use_case_id)
    if not can_run(user, use_case):
        raise refuse()
    return user, use_case


# Quality requirements ----------------------------------------------------------------------


@router.get(
    "/use-cases/{id:use_case_id}/requirements",
    response=list[RequirementOut],
    summary="List a use case's quality requirements",
)
@paginated
def requirement_list(request: HttpRequest, use_case_id: int) -> QuerySet[QualityRequirement]:
    """In the order they were added, as on the use case's page."""
    _user, use_case = _use_case(request, use_case_id)
    return QualityRequirement.objects.filter(use_case=use_case).order_by("pk")


@router.post(
    "/use-cases/{id:use_case_id}/requirements",
    response={201: RequirementOut},
    summary="Add a quality requirement",
)
def requirement_create(
    request: HttpRequest, use_case_id: int, payload: RequirementIn
) -> Status[Any]:
    """An acceptance criterion for the outputs; it starts as not yet tested."""
    user, use_case = _editable(request, use_case_id)
    requirement = services.requirement_add(use_case=use_case, text=payload.text, actor=user)
    return Status(201, requirement)


@router.patch(
    "/use-cases/{id:use_case_id}/requirements/{id:requirement_id}",
    response=RequirementOut,
    summary="Record the result of testing a quality requirement",
)
def requirement_update(
    request: HttpRequest, use_case_id: int, requirement_id: int, payload: RequirementPatch
) -> QualityRequirement:
    user, use_case = _editable(request, use_case_id)
    requirement = get_object_or_404(QualityRequirement, pk=requirement_id, use_case=use_case)
    given = payload.dict(exclude_unset=True)
    fields: dict[str, Any] = {
        "status": requirement.status,
        "evidence_note": requirement.evidence_note,
        "evidence_link": requirement.evidence_link,
        "evidence_date": requirement.evidence_date,
        **given,
    }
    return services.requirement_update_status(requirement=requirement, actor=user, **fields)


# KPIs and measurements ---------------------------------------------------------------------


@router.get(
    "/use-cases/{id:use_case_id}/kpis", response=list[KpiOut], summary="List a use case's KPIs"
)
@paginated
def kpi_list(request: HttpRequest, use_case_id: int) -> QuerySet[Kpi]:
    _user, use_case = _use_case(request, use_case_id)
    return Kpi.objects.filter(use_case=use_case).order_by("pk")


@router.post("/use-cases/{id:use_case_id}/kpis", response={201: KpiOut}, summary="Add a KPI")
def kpi_create(request: HttpRequest, use_case_id: int, payload: KpiIn) -> Status[Any]:
    """With the baseline it starts from and the target it should reach by a date; the
    target must be an improvement in the KPI's direction."""
    user, use_case = _editable(request, use_case_id)
    kpi = services.kpi_add(use_case=use_case, actor=user, **payload.dict())
    return Status(201, kpi)


@router.get(
    "/use-cases/{id:use_case_id}/kpis/{id:kpi_id}",
    response=KpiDetailOut,
    summary="One KPI with its measurements and progress",
)
def kpi_detail(request: HttpRequest, use_case_id: int, kpi_id: int) -> KpiSummary:
    """Measurements oldest first, one a day (record them with ``POST …/measurements``);
    ``progress`` is the share of the way from baseline to target, as on the page."""
    _user, use_case = _use_case(request, use_case_id)
    kpi = get_object_or_404(Kpi, pk=kpi_id, use_case=use_case)
    return queries.kpi_summary(kpi, list(kpi.measurements.order_by("measured_on", "pk")))


@router.post(
    "/use-cases/{id:use_case_id}/kpis/{id:kpi_id}/measurements",
    response={200: MeasurementOut, 201: MeasurementOut, 400: ErrorOut},
    summary="Record a KPI measurement",
)
def kpi_measurement_record(
    request: HttpRequest, use_case_id: int, kpi_id: int, payload: MeasurementIn
) -> Status[Any]:
    """One measurement per KPI and day: 201 for a new day, 200 when it replaces the value
    already recorded for that day."""
    user, use_case = _editable(request, use_case_id)
    kpi = get_object_or_404(Kpi, pk=kpi_id, use_case=use_case)
    existed = kpi.measurements.filter(measured_on=payload.measured_on).exists()
    # A refusal (MeasuresError) is answered by the shared handler, with its field.
    measurement = services.measurement_record(
        kpi=kpi,
        measured_on=payload.measured_on,
        value=payload.value,
        note=payload.note,
        actor=user,
    )
    return Status(200 if existed else 201, measurement)


# Comments ----------------------------------------------------------------------------------


@router.get(
    "/use-cases/{id:use_case_id}/comments",
    response=list[CommentOut],
    summary="List the comments on a use case",
)
@paginated
def comment_list(request: HttpRequest, use_case_id: int) -> QuerySet[Comment]:
    """Oldest first, as on the use case's page."""
    _user, use_case = _use_case(request, use_case_id)
    return (
        Comment.objects.filter(use_case=use_case)
        .select_related("author")
        .order_by("created_at", "pk")
    )


@router.post("/use-cases/{id:use_case_id}/comments", response={201: CommentOut}, summary="Comment")
def comment_create(request: HttpRequest, use_case_id: int, payload: CommentIn) -> Status[Any]:
    user = require(request, Permission.SUBMIT_IDEAS)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    comment = services.comment_add(use_case=use_case, text=payload.text, actor=user)
    return Status(201, comment)
