"""The use-case portfolio over the REST API: the pages' rules, through the same services.

Every employee may list, read and submit use cases; product owners edit and advance their
own; the steering committee and programme admins edit, score and move any (see
``permissions.py``). Errors a client can fix answer with ``{"detail": …}`` and, for field
errors, ``"errors": {field: [messages]}``.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated list through its wrapper, which cannot resolve names like ``Stage`` from text.
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Body, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from pydantic import StringConstraints

from wandel.api import NO_PERMISSION, require
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.org.models import Person, Unit
from wandel.portfolio.lifecycle import LifecycleError, MoveRefused, allowed_moves, use_case_move
from wandel.portfolio.measures import measurement_record
from wandel.portfolio.models import (
    Capability,
    CriterionGroup,
    Direction,
    Kpi,
    KpiMeasurement,
    RequirementStatus,
    Score,
    Stage,
    StageChange,
    UseCase,
)
from wandel.portfolio.permissions import can_edit, can_move
from wandel.portfolio.services import (
    PortfolioError,
    ScoreInput,
    product_owner_set,
    scores_record,
    use_case_submit,
    use_case_update,
)

router = Router(tags=["portfolio"])

INVALID = _("The use case is not valid; see the errors by field.")
UNKNOWN_UNIT = _("There is no unit with the code “%(code)s”.")
UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
NO_SCORES = _("Give at least one score.")
SCORED_TWICE = _("Criterion %(id)s is scored more than once.")
OWNER_NEEDS_MANAGER = _("Only the steering committee and programme admins change product owners.")

# Nothing but whitespace is no reason: refused as a field error, like an empty title.
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ErrorOut(Schema):
    detail: str


class FieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class PersonRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(person: Person) -> str:
        return person.full_name


class UseCaseOut(Schema):
    id: int
    title: str
    stage: Stage
    unit_code: str
    capability: Capability
    personal_data: bool
    product_owner: PersonRef | None
    value_score: Decimal | None
    feasibility_score: Decimal | None
    risk_score: Decimal | None
    total_score: Decimal | None
    vetoed: bool
    created_at: datetime

    @staticmethod
    def resolve_unit_code(use_case: UseCase) -> str:
        return use_case.unit.code


class ScoreOut(Schema):
    criterion_id: int
    name: str
    group: CriterionGroup
    value: int
    rationale: str

    @staticmethod
    def resolve_name(score: Score) -> str:
        return score.criterion.name

    @staticmethod
    def resolve_group(score: Score) -> str:
        return score.criterion.group


class MoveOut(Schema):
    id: int
    from_stage: Stage
    to_stage: Stage
    reason: str
    actor: str | None
    at: datetime

    @staticmethod
    def resolve_actor(move: StageChange) -> str | None:
        return str(move.actor) if move.actor else None


class MeasurementOut(Schema):
    id: int
    measured_on: date
    value: Decimal
    note: str


class KpiOut(Schema):
    id: int
    name: str
    unit_of_measure: str
    direction: Direction
    baseline_value: Decimal
    baseline_date: date
    target_value: Decimal
    target_date: date
    measurements: list[MeasurementOut]

    @staticmethod
    def resolve_measurements(kpi: Kpi) -> list[KpiMeasurement]:
        return list(kpi.measurements.all())


class RequirementOut(Schema):
    id: int
    text: str
    status: RequirementStatus
    evidence_note: str
    evidence_link: str
    evidence_date: date | None


class UseCaseDetailOut(UseCaseOut):
    problem: str
    process: str
    expected_benefit: str
    hours_saved_per_month: Decimal | None
    people_helped: int | None
    data_involved: str
    stage_changed_at: datetime
    updated_at: datetime
    submitted_by: str | None
    team: list[PersonRef]
    linked_unit_codes: list[str]
    next_stages: list[Stage]
    scores: list[ScoreOut]
    moves: list[MoveOut]
    kpis: list[KpiOut]
    requirements: list[RequirementOut]

    @staticmethod
    def resolve_submitted_by(use_case: UseCase) -> str | None:
        return str(use_case.submitted_by) if use_case.submitted_by else None

    @staticmethod
    def resolve_team(use_case: UseCase) -> list[Person]:
        return list(use_case.team.all())

    @staticmethod
    def resolve_linked_unit_codes(use_case: UseCase) -> list[str]:
        return [unit.code for unit in use_case.linked_units.all()]

    @staticmethod
    def resolve_next_stages(use_case: UseCase) -> list[Stage]:
        return allowed_moves(use_case.stage)

    @staticmethod
    def resolve_scores(use_case: UseCase) -> list[Score]:
        return list(use_case.scores.all())

    @staticmethod
    def resolve_moves(use_case: UseCase) -> list[StageChange]:
        return list(use_case.moves.all())

    @staticmethod
    def resolve_kpis(use_case: UseCase) -> list[Kpi]:
        return list(use_case.kpis.all())

    @staticmethod
    def resolve_requirements(use_case: UseCase) -> list[Any]:
        return list(use_case.requirements.all())


class UseCaseIn(Schema):
    title: str
    problem: str
    process: str
    unit: str
    expected_benefit: str
    hours_saved_per_month: Decimal | None = None
    people_helped: int | None = None
    data_involved: str
    personal_data: bool
    capability: Capability


class UseCasePatch(Schema):
    """Only the fields sent change; ``product_owner`` is a person ID (or null)."""

    title: str | None = None
    problem: str | None = None
    process: str | None = None
    unit: str | None = None
    expected_benefit: str | None = None
    hours_saved_per_month: Decimal | None = None
    people_helped: int | None = None
    data_involved: str | None = None
    personal_data: bool | None = None
    capability: Capability | None = None
    product_owner: int | None = None


class ScoreIn(Schema):
    criterion_id: int
    value: int
    rationale: str


class MoveIn(Schema):
    to: Stage
    reason: Reason


class MissingOut(Schema):
    requirement: str
    url: str


class MoveRefusedOut(Schema):
    detail: str
    missing: list[MissingOut]


class MeasurementIn(Schema):
    measured_on: date
    value: Decimal
    note: str = ""


def _use_cases() -> QuerySet[UseCase]:
    return UseCase.objects.select_related("unit", "product_owner")


def _use_case_detail(use_case_id: int) -> UseCase:
    return get_object_or_404(
        _use_cases().prefetch_related(
            "team",
            "linked_units",
            "requirements",
            Prefetch(
                "scores",
                queryset=Score.objects.select_related("criterion").order_by(
                    "criterion__position", "criterion__pk"
                ),
            ),
            Prefetch("moves", queryset=StageChange.objects.select_related("actor")),
            Prefetch("kpis", queryset=Kpi.objects.prefetch_related("measurements")),
        ),
        pk=use_case_id,
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@router.get("/use-cases", response=list[UseCaseOut], summary="List use cases")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def use_case_list(
    request: HttpRequest,
    stage: Stage | None = None,
    unit: str | None = None,
    capability: Capability | None = None,
    owner: int | None = None,
    min_score: Decimal | None = None,
) -> QuerySet[UseCase]:
    """Newest first. ``unit`` is a unit code, ``owner`` the product owner's person ID,
    ``min_score`` the lowest total score (0–100) to include."""
    require(request, Permission.VIEW_USE_CASES)
    use_cases = _use_cases().order_by("-created_at", "-pk")
    if stage:
        use_cases = use_cases.filter(stage=stage)
    if unit:
        use_cases = use_cases.filter(unit__code=unit)
    if capability:
        use_cases = use_cases.filter(capability=capability)
    if owner is not None:
        use_cases = use_cases.filter(product_owner_id=owner)
    if min_score is not None:
        use_cases = use_cases.filter(total_score__gte=min_score)
    return use_cases


@router.get("/use-cases/{int:use_case_id}", response=UseCaseDetailOut, summary="One use case")
def use_case_detail(request: HttpRequest, use_case_id: int) -> UseCase:
    require(request, Permission.VIEW_USE_CASES)
    return _use_case_detail(use_case_id)


@router.post(
    "/use-cases",
    response={201: UseCaseDetailOut, 400: FieldErrorsOut},
    summary="Submit a use-case idea",
)
def use_case_create(request: HttpRequest, payload: UseCaseIn) -> Status[Any]:
    require(request, Permission.SUBMIT_IDEAS)
    fields = payload.dict()
    try:
        fields["unit"] = _unit(fields["unit"])
        use_case = use_case_submit(actor=_user(request), **fields)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _use_case_detail(use_case.pk))


@router.patch(
    "/use-cases/{int:use_case_id}",
    response={200: UseCaseDetailOut, 400: FieldErrorsOut},
    summary="Change a use case",
)
def use_case_edit(request: HttpRequest, use_case_id: int, payload: UseCasePatch) -> Status[Any]:
    """Product owners change their own use cases; the steering committee any. Changing
    the product owner is the steering committee's and the programme admins' alone."""
    require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    user = _user(request)
    if not can_edit(user, use_case):
        raise HttpError(403, str(NO_PERMISSION))
    fields = payload.dict(exclude_unset=True)
    owner_given = "product_owner" in fields
    owner_id = fields.pop("product_owner", None)
    if owner_given and not user.has_perm(Permission.MANAGE_USE_CASES):
        raise HttpError(403, str(OWNER_NEEDS_MANAGER))
    try:
        if "unit" in fields:
            fields["unit"] = _unit(fields["unit"])
        with transaction.atomic():
            use_case_update(use_case=use_case, actor=user, **fields)
            if owner_given and owner_id != use_case.product_owner_id:
                product_owner_set(use_case=use_case, person=_person(owner_id), actor=user)
    except ValidationError as error:
        return _invalid(error)
    except PortfolioError as error:
        return Status(400, {"detail": str(error), "errors": {"product_owner": [str(error)]}})
    return Status(200, _use_case_detail(use_case.pk))


@router.put(
    "/use-cases/{int:use_case_id}/scores",
    response={200: UseCaseDetailOut, 400: ErrorOut},
    summary="Score a use case",
)
def use_case_score(
    request: HttpRequest, use_case_id: int, scores: Body[list[ScoreIn]]
) -> Status[Any]:
    """Sets the scores of the criteria given (1–5, with a rationale each); scores of other
    criteria stay as they are. Answers with the use case and its new totals."""
    require(request, Permission.SCORE_USE_CASES)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    if not scores:
        return Status(400, {"detail": str(NO_SCORES)})
    given: dict[int, ScoreInput] = {}
    for score in scores:
        if score.criterion_id in given:
            return Status(400, {"detail": str(SCORED_TWICE % {"id": score.criterion_id})})
        given[score.criterion_id] = ScoreInput(score.value, score.rationale)
    try:
        scores_record(use_case=use_case, scores=given, actor=_user(request))
    except PortfolioError as error:
        return Status(400, {"detail": str(error)})
    return Status(200, _use_case_detail(use_case.pk))


@router.post(
    "/use-cases/{int:use_case_id}/moves",
    response={201: MoveOut, 409: MoveRefusedOut},
    summary="Move a use case to another stage",
)
def use_case_move_create(request: HttpRequest, use_case_id: int, payload: MoveIn) -> Status[Any]:
    """Refused with 409 when the lifecycle never allows the move (``missing`` is empty) or
    when something the move needs is missing (each item with a link to where to do it)."""
    require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    user = _user(request)
    if not can_move(user, use_case, payload.to):
        raise HttpError(403, str(NO_PERMISSION))
    try:
        move = use_case_move(use_case=use_case, to=payload.to, actor=user, reason=payload.reason)
    except MoveRefused as refused:
        missing = [{"requirement": str(m.requirement), "url": m.url} for m in refused.missing]
        return Status(409, {"detail": str(refused), "missing": missing})
    except LifecycleError as error:
        return Status(409, {"detail": str(error), "missing": []})
    return Status(201, move)


@router.post(
    "/use-cases/{int:use_case_id}/kpis/{int:kpi_id}/measurements",
    response={200: MeasurementOut, 201: MeasurementOut, 400: ErrorOut},
    summary="Record a KPI measurement",
)
def kpi_measurement_record(
    request: HttpRequest, use_case_id: int, kpi_id: int, payload: MeasurementIn
) -> Status[Any]:
    """One measurement per KPI and day: 201 for a new day, 200 when it replaces the value
    already recorded for that day."""
    require(request, Permission.VIEW_USE_CASES)
    use_case = get_object_or_404(_use_cases(), pk=use_case_id)
    if not can_edit(_user(request), use_case):
        raise HttpError(403, str(NO_PERMISSION))
    kpi = get_object_or_404(Kpi, pk=kpi_id, use_case=use_case)
    existed = kpi.measurements.filter(measured_on=payload.measured_on).exists()
    try:
        measurement = measurement_record(
            kpi=kpi,
            measured_on=payload.measured_on,
            value=payload.value,
            note=payload.note,
            actor=_user(request),
        )
    except PortfolioError as error:
        return Status(400, {"detail": str(error)})
    # As stored (two decimal places), the same as the use case's detail shows it.
    measurement.refresh_from_db()
    return Status(200 if existed else 201, measurement)


def _unit(code: str | None) -> Unit:
    if not code:
        # The model's own wording for a missing value, as for every other field.
        field = UseCase._meta.get_field("unit")
        raise ValidationError({"unit": field.error_messages["null" if code is None else "blank"]})
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError({"unit": str(UNKNOWN_UNIT % {"code": code})})
    return unit


def _person(person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"product_owner": str(UNKNOWN_PERSON % {"id": person_id})})
    return person


def _invalid(error: ValidationError) -> Status[dict[str, Any]]:
    errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return Status(400, {"detail": str(INVALID), "errors": errors})
