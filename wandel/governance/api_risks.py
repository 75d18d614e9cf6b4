"""The risk register and budgets over the REST API, through the pages' services and queries.

Reading needs VIEW_GOVERNANCE; changing risks MANAGE_RISKS; requesting budgets and
recording spending MANAGE_BUDGETS. A risk is accepted only by a steering-committee decision:
a PATCH can request acceptance, close or reopen a risk, never accept it. Errors a client can
fix answer with ``{"detail": …}`` and, for field errors, ``"errors": {field: [messages]}``.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from wandel.api import require
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance import budgets, risks
from wandel.governance.budgets import BudgetError, BudgetFilters, BudgetTotal
from wandel.governance.models.risks import (
    BudgetRequest,
    Mitigation,
    MitigationStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    SpendEntry,
)
from wandel.governance.risks import RiskError, RiskFilters
from wandel.org.models import Person
from wandel.portfolio.api import FieldErrorsOut, PersonRef
from wandel.portfolio.models import Stage, UseCase

router = Router(tags=["governance"])

UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
UNKNOWN_USE_CASE = _("There is no use case with the ID %(id)s.")
STATUS_CHANGE_REFUSED = _("A risk cannot go from “%(from)s” to “%(to)s”.")

Rating = Annotated[int, Field(ge=1, le=5)]
Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


class UseCaseRef(Schema):
    id: int
    title: str


class MitigationOut(Schema):
    id: int
    text: str
    status: MitigationStatus
    owner: PersonRef | None
    due_on: date | None
    overdue: bool


class DecisionRef(Schema):
    id: int
    kind: str
    outcome: str
    decided_on: date
    effective: bool

    @staticmethod
    def resolve_effective(decision: Any) -> bool:
        return getattr(decision, "superseded_by", None) is None


class RiskOut(Schema):
    id: int
    title: str
    category: RiskCategory
    status: RiskStatus
    use_case: UseCaseRef | None
    owner: PersonRef
    likelihood: int
    impact: int
    score: int
    severity: risks.Severity
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    review_on: date
    review_overdue: bool

    @staticmethod
    def resolve_severity(risk: Risk) -> str:
        return risks.severity(risk.score)


class RiskDetailOut(RiskOut):
    description: str
    mitigations: list[MitigationOut]
    decisions: list[DecisionRef]

    @staticmethod
    def resolve_mitigations(risk: Risk) -> list[Mitigation]:
        return list(risk.mitigations.all())

    @staticmethod
    def resolve_decisions(risk: Risk) -> list[Any]:
        return list(risk.decisions.all())  # type: ignore[attr-defined]


class RiskIn(Schema):
    title: str
    description: str
    category: RiskCategory
    likelihood: Rating
    impact: Rating
    owner: int
    review_on: date
    use_case: int | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None


class RiskPatch(Schema):
    """Only the fields sent change. ``status`` may request acceptance, close or reopen."""

    title: str | None = None
    description: str | None = None
    category: RiskCategory | None = None
    likelihood: Rating | None = None
    impact: Rating | None = None
    owner: int | None = None
    review_on: date | None = None
    use_case: int | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None
    status: RiskStatus | None = None


class MitigationIn(Schema):
    text: str
    status: MitigationStatus = MitigationStatus.PLANNED
    owner: int | None = None
    due_on: date | None = None


class BudgetRequestOut(Schema):
    id: int
    title: str
    use_case: UseCaseRef
    unit_code: str
    amount_requested: Decimal
    requested_on: date
    justification: str
    approved: Decimal
    spent: Decimal
    over_spend: bool
    decided: bool

    @staticmethod
    def resolve_unit_code(budget_request: BudgetRequest) -> str:
        return budget_request.use_case.unit.code

    @staticmethod
    def resolve_approved(budget_request: BudgetRequest) -> Decimal:
        return budgets.money(budget_request.approved)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_spent(budget_request: BudgetRequest) -> Decimal:
        return budgets.money(budget_request.spent)  # type: ignore[attr-defined]


class BudgetRequestIn(Schema):
    use_case: int
    title: str
    amount_requested: Money
    justification: str
    requested_on: date | None = None


class SpendIn(Schema):
    spent_on: date
    amount: Money
    description: str


class SpendOut(Schema):
    id: int
    spent_on: date
    amount: Decimal
    description: str
    budget_request: BudgetRequestOut

    @staticmethod
    def resolve_budget_request(entry: SpendEntry) -> BudgetRequest:
        return budgets.budget_requests().get(pk=entry.budget_request_id)


class BudgetTotalOut(Schema):
    key: str
    label: str
    requested: Decimal
    approved: Decimal
    spent: Decimal
    over_spend: int
    count: int

    @staticmethod
    def resolve_label(total: BudgetTotal) -> str:
        return str(total.label)


class BudgetTotalsOut(Schema):
    by_unit: list[BudgetTotalOut]
    by_stage: list[BudgetTotalOut]
    overall: BudgetTotalOut


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _risk_detail(risk_id: int) -> Risk:
    try:
        return risks.risk_detail(risk_id)
    except Risk.DoesNotExist:
        raise Http404 from None


@router.get("/risks", response=list[RiskOut], summary="List risks")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def risk_list(
    request: HttpRequest,
    category: RiskCategory | None = None,
    status: str | None = None,
    use_case: int | None = None,
    owner: int | None = None,
    overdue: bool = False,
    likelihood: int | None = None,
    impact: int | None = None,
    rating: str | None = None,
) -> QuerySet[Risk]:
    """Highest score first. Without ``status`` every risk that is not closed; ``status=all``
    includes closed ones. ``likelihood`` and ``impact`` pick a heat-map cell, of the
    residual ratings with ``rating=residual``. ``owner`` is a person ID."""
    require(request, Permission.VIEW_GOVERNANCE)
    params = {
        "category": category or "",
        "status": status or "",
        "use_case": str(use_case or ""),
        "owner": str(owner or ""),
        "overdue": "1" if overdue else "",
        "likelihood": str(likelihood or ""),
        "impact": str(impact or ""),
        "rating": rating or "",
    }
    return risks.risks(RiskFilters.from_query(params))


@router.get("/risks/{int:risk_id}", response=RiskDetailOut, summary="One risk")
def risk_detail(request: HttpRequest, risk_id: int) -> Risk:
    """With its mitigations and the decisions on it (``effective``: not superseded)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return _risk_detail(risk_id)


@router.post("/risks", response={201: RiskDetailOut, 400: FieldErrorsOut}, summary="Record a risk")
def risk_create(request: HttpRequest, payload: RiskIn) -> Status[Any]:
    require(request, Permission.MANAGE_RISKS)
    fields = payload.dict()
    errors = _resolve(fields)
    if errors:
        return Status(400, {"detail": next(iter(errors.values()))[0], "errors": errors})
    try:
        risk = risks.risk_record(actor=_user(request), **fields)
    except RiskError as error:
        return Status(400, {"detail": str(error), "errors": {}})
    return Status(201, _risk_detail(risk.pk))


@router.patch(
    "/risks/{int:risk_id}",
    response={200: RiskDetailOut, 400: FieldErrorsOut},
    summary="Change a risk",
)
def risk_edit(request: HttpRequest, risk_id: int, payload: RiskPatch) -> Status[Any]:
    """``status``: ``acceptance_requested`` puts an open risk to the steering committee,
    ``closed`` closes it, ``open`` reopens a closed one. ``accepted`` is refused: only a
    decision accepts a risk."""
    require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    user = _user(request)
    fields = payload.dict(exclude_unset=True)
    status = fields.pop("status", None)
    errors = _resolve(fields)
    if errors:
        return Status(400, {"detail": next(iter(errors.values()))[0], "errors": errors})
    try:
        with transaction.atomic():
            if fields:
                risk = risks.risk_update(risk=risk, actor=user, **fields)
            if status is not None and status != risk.status:
                _change_status(risk, RiskStatus(status), user)
    except RiskError as error:
        return Status(400, {"detail": str(error), "errors": {}})
    return Status(200, _risk_detail(risk.pk))


def _change_status(risk: Risk, to: RiskStatus, user: User) -> None:
    if to == RiskStatus.ACCEPTED:
        raise RiskError(risks.ACCEPTANCE_ONLY_BY_DECISION)
    if to == RiskStatus.ACCEPTANCE_REQUESTED:
        risks.risk_request_acceptance(risk=risk, actor=user)
    elif to == RiskStatus.CLOSED:
        risks.risk_close(risk=risk, actor=user)
    elif to == RiskStatus.OPEN and risk.status == RiskStatus.CLOSED:
        risks.risk_reopen(risk=risk, actor=user)
    else:
        raise RiskError(
            STATUS_CHANGE_REFUSED
            % {"from": RiskStatus(risk.status).label, "to": RiskStatus(to).label}
        )


@router.post(
    "/risks/{int:risk_id}/mitigations",
    response={201: MitigationOut, 400: FieldErrorsOut},
    summary="Add a mitigation to a risk",
)
def mitigation_create(request: HttpRequest, risk_id: int, payload: MitigationIn) -> Status[Any]:
    require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    fields = payload.dict()
    errors = _resolve(fields)
    if errors:
        return Status(400, {"detail": next(iter(errors.values()))[0], "errors": errors})
    try:
        mitigation = risks.mitigation_add(risk=risk, actor=_user(request), **fields)
    except RiskError as error:
        return Status(400, {"detail": str(error), "errors": {}})
    return Status(201, Mitigation.objects.select_related("owner").get(pk=mitigation.pk))


@router.get("/budgets/requests", response=list[BudgetRequestOut], summary="List budget requests")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def budget_request_list(
    request: HttpRequest,
    unit: str | None = None,
    stage: Stage | None = None,
    use_case: int | None = None,
    over_spend: bool = False,
    waiting: bool = False,
) -> QuerySet[BudgetRequest]:
    """Newest first, each with what is approved (by effective decisions) and spent.
    ``unit`` is a unit code; ``waiting`` keeps requests no decision has answered yet."""
    require(request, Permission.VIEW_GOVERNANCE)
    filters = BudgetFilters(
        stage=stage or "", use_case=use_case, over_spend=over_spend, waiting=waiting
    )
    result = budgets.budget_requests(filters)
    if unit:
        result = result.filter(use_case__unit__code=unit)
    return result


@router.post(
    "/budgets/requests",
    response={201: BudgetRequestOut, 400: FieldErrorsOut},
    summary="Request a budget for a use case",
)
def budget_request_create(request: HttpRequest, payload: BudgetRequestIn) -> Status[Any]:
    require(request, Permission.MANAGE_BUDGETS)
    fields = payload.dict()
    errors = _resolve(fields)
    if errors:
        return Status(400, {"detail": next(iter(errors.values()))[0], "errors": errors})
    try:
        budget_request = budgets.budget_request_create(actor=_user(request), **fields)
    except BudgetError as error:
        return Status(400, {"detail": str(error), "errors": {}})
    return Status(201, budgets.budget_requests().get(pk=budget_request.pk))


@router.post(
    "/budgets/requests/{int:request_id}/spend",
    response={201: SpendOut, 400: FieldErrorsOut},
    summary="Record spending against a budget request",
)
def spend_create(request: HttpRequest, request_id: int, payload: SpendIn) -> Status[Any]:
    """Spending beyond what is approved is recorded and flagged (``over_spend``)."""
    require(request, Permission.MANAGE_BUDGETS)
    budget_request = get_object_or_404(BudgetRequest, pk=request_id)
    try:
        entry = budgets.spend_record(
            budget_request=budget_request, actor=_user(request), **payload.dict()
        )
    except BudgetError as error:
        return Status(400, {"detail": str(error), "errors": {}})
    return Status(201, entry)


@router.get("/budgets/totals", response=BudgetTotalsOut, summary="Budget totals")
def budget_totals(request: HttpRequest) -> budgets.BudgetTotals:
    """Requested, approved and spent money and the number of over-spent requests, per
    unit (``key``: unit code) and per lifecycle stage of the use cases, and overall."""
    require(request, Permission.VIEW_GOVERNANCE)
    return budgets.budget_totals()


def _resolve(fields: dict[str, Any]) -> dict[str, list[str]]:
    """Turn person and use-case IDs into objects; the errors by field for unknown ones."""
    errors: dict[str, list[str]] = {}
    if fields.get("owner") is not None:
        person = Person.objects.filter(pk=fields["owner"]).first()
        if person is None:
            errors["owner"] = [str(UNKNOWN_PERSON % {"id": fields["owner"]})]
        fields["owner"] = person
    if fields.get("use_case") is not None:
        use_case = UseCase.objects.filter(pk=fields["use_case"]).first()
        if use_case is None:
            errors["use_case"] = [str(UNKNOWN_USE_CASE % {"id": fields["use_case"]})]
        fields["use_case"] = use_case
    return errors
