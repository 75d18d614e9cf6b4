"""The risk register and budgets over the REST API, through the pages' services and queries.

Reading needs VIEW_GOVERNANCE; changing risks and mitigations MANAGE_RISKS; requesting
budgets and recording spending MANAGE_BUDGETS. A risk is accepted only by a
steering-committee decision: a PATCH can request acceptance, close or reopen a risk, never
accept it. A refusal is an ``ErrorOut``, with the messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import UNCHANGED, Id, PersonRef
from wandel.core.errors import DomainError
from wandel.core.roles import Permission
from wandel.governance.budgets import queries as budgets
from wandel.governance.budgets import services as budget_services
from wandel.governance.budgets.queries import BudgetFilters, BudgetTotal, BudgetTotals
from wandel.governance.budgets.services import BudgetError
from wandel.governance.models import (
    BudgetRequest,
    Decision,
    Mitigation,
    MitigationStatus,
    Risk,
    RiskCategory,
    RiskStatus,
    SpendEntry,
)
from wandel.governance.risks import queries as risks
from wandel.governance.risks import services as risk_services
from wandel.governance.risks.queries import RiskFilters
from wandel.governance.risks.rules import Severity, severity
from wandel.governance.risks.services import RiskError
from wandel.org.models import Person
from wandel.portfolio.models import Stage, UseCase

router = Router(tags=["governance"])

UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
UNKNOWN_USE_CASE = _("There is no use case with the ID %(id)s.")

Rating = Annotated[int, Field(ge=1, le=5)]
Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


# Schemas -----------------------------------------------------------------------------------


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
    def resolve_effective(decision: Decision) -> bool:
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
    severity: Severity
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    review_on: date
    review_overdue: bool

    @staticmethod
    def resolve_severity(risk: Risk) -> str:
        return severity(risk.score)


class RiskDetailOut(RiskOut):
    description: str
    mitigations: list[MitigationOut]
    decisions: list[DecisionRef]

    @staticmethod
    def resolve_mitigations(risk: Risk) -> list[Mitigation]:
        return list(risk.mitigations.all())

    @staticmethod
    def resolve_decisions(risk: Risk) -> list[Decision]:
        return list(risk.decisions.all())  # type: ignore[attr-defined]


class RiskIn(Schema):
    title: str
    description: str
    category: RiskCategory
    likelihood: Rating
    impact: Rating
    owner: Id
    review_on: date
    use_case: Id | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None


class RiskPatch(Schema):
    """Only the fields sent change. ``status`` may request acceptance, close or reopen."""

    title: str = UNCHANGED
    description: str = UNCHANGED
    category: RiskCategory = UNCHANGED
    likelihood: Rating = UNCHANGED
    impact: Rating = UNCHANGED
    owner: Id = UNCHANGED
    review_on: date = UNCHANGED
    use_case: Id | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None
    status: RiskStatus = UNCHANGED


class MitigationIn(Schema):
    text: str
    status: MitigationStatus = MitigationStatus.PLANNED
    owner: Id | None = None
    due_on: date | None = None


class MitigationPatch(Schema):
    """Only the fields sent change."""

    text: str = UNCHANGED
    status: MitigationStatus = UNCHANGED
    owner: Id | None = None
    due_on: date | None = None


class RiskQuery(Schema):
    """The register's filters, as on its page and in its export."""

    category: RiskCategory | None = None
    status: RiskStatus | Literal["all"] | None = Field(
        None, description="Without it every risk that is not closed; `all` for every risk."
    )
    use_case: Id | None = None
    owner: Id | None = Field(None, description="A person's ID.")
    overdue: bool = Field(False, description="Only risks whose review date has passed.")
    likelihood: Rating | None = None
    impact: Rating | None = None
    rating: Literal["inherent", "residual"] | None = Field(
        None, description="Which ratings `likelihood` and `impact` pick: inherent by default."
    )
    sort: Literal["-score", "-residual", "review_on", "title"] | None = Field(
        None, description="`-score` (the default), `-residual`, `review_on` or `title`."
    )


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


class BudgetDecisionOut(DecisionRef):
    approved_amount: Decimal | None


class SpendEntryOut(Schema):
    id: int
    spent_on: date
    amount: Decimal
    description: str


class BudgetRequestDetailOut(BudgetRequestOut):
    decisions: list[BudgetDecisionOut]
    spending: list[SpendEntryOut]

    @staticmethod
    def resolve_decisions(budget_request: BudgetRequest) -> list[Decision]:
        return list(budget_request.decisions.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_spending(budget_request: BudgetRequest) -> list[SpendEntry]:
        return list(budget_request.spend_entries.all())


class BudgetRequestIn(Schema):
    use_case: Id
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


class BudgetQuery(Schema):
    """The filters of the budget page."""

    unit: Id | None = Field(None, description="The ID of the use case's unit.")
    stage: Stage | None = Field(None, description="The use case's lifecycle stage.")
    use_case: Id | None = None
    over_spend: bool = Field(False, description="Only requests with more spent than approved.")
    waiting: bool = Field(False, description="Only requests no decision in force answered yet.")


# Helpers -----------------------------------------------------------------------------------


def _resolve(fields: dict[str, Any], refusal: type[DomainError]) -> None:
    """Turn the person and use-case IDs in ``fields`` into objects; refuse unknown ones
    with a message at each field."""
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
    if errors:
        raise refusal(next(iter(errors.values()))[0], errors=errors)


def _risk_detail(risk_id: int) -> Risk:
    try:
        return risks.risk_detail(risk_id)
    except Risk.DoesNotExist:
        raise Http404 from None


def _budget_detail(request_id: int) -> BudgetRequest:
    try:
        return budgets.budget_detail(request_id)
    except BudgetRequest.DoesNotExist:
        raise Http404 from None


# Risks -------------------------------------------------------------------------------------


@router.get("/risks", response=list[RiskOut], summary="List risks")
@paginated
def risk_list(request: HttpRequest, filters: Query[RiskQuery]) -> QuerySet[Risk]:
    """Highest score first unless ``sort`` says otherwise. The filters mean what they mean
    on the register's page and in its export."""
    require(request, Permission.VIEW_GOVERNANCE)
    return risks.risks(RiskFilters.from_query(request.GET))


@router.get("/risks/{id:risk_id}", response=RiskDetailOut, summary="One risk")
def risk_detail(request: HttpRequest, risk_id: int) -> Risk:
    """With its mitigations and the decisions on it (``effective``: not superseded)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return _risk_detail(risk_id)


@router.post("/risks", response={201: RiskDetailOut}, summary="Record a risk")
def risk_create(request: HttpRequest, payload: RiskIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_RISKS)
    fields = payload.dict()
    _resolve(fields, RiskError)
    risk = risk_services.risk_record(actor=user, **fields)
    return Status(201, _risk_detail(risk.pk))


@router.patch("/risks/{id:risk_id}", response=RiskDetailOut, summary="Change a risk")
def risk_edit(request: HttpRequest, risk_id: int, payload: RiskPatch) -> Risk:
    """``status``: ``acceptance_requested`` puts an open risk to the steering committee,
    ``closed`` closes it, ``open`` reopens a closed one. ``accepted`` is refused: only a
    decision accepts a risk. The fields and the status change together or not at all."""
    user = require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    fields = payload.dict(exclude_unset=True)
    status = fields.pop("status", None)
    _resolve(fields, RiskError)
    risk_services.risk_update(risk=risk, actor=user, status=status, **fields)
    return _risk_detail(risk.pk)


@router.post(
    "/risks/{id:risk_id}/mitigations",
    response={201: MitigationOut},
    summary="Add a mitigation to a risk",
)
def mitigation_create(request: HttpRequest, risk_id: int, payload: MitigationIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    fields = payload.dict()
    _resolve(fields, RiskError)
    mitigation = risk_services.mitigation_add(risk=risk, actor=user, **fields)
    return Status(201, Mitigation.objects.select_related("owner").get(pk=mitigation.pk))


@router.patch(
    "/mitigations/{id:mitigation_id}", response=MitigationOut, summary="Change a mitigation"
)
def mitigation_edit(
    request: HttpRequest, mitigation_id: int, payload: MitigationPatch
) -> Mitigation:
    """Its text, status, owner or due date; not while its risk is closed."""
    user = require(request, Permission.MANAGE_RISKS)
    mitigation = get_object_or_404(Mitigation, pk=mitigation_id)
    fields = payload.dict(exclude_unset=True)
    _resolve(fields, RiskError)
    risk_services.mitigation_update(mitigation=mitigation, actor=user, **fields)
    return Mitigation.objects.select_related("owner").get(pk=mitigation.pk)


# Budgets -----------------------------------------------------------------------------------


@router.get("/budgets/requests", response=list[BudgetRequestOut], summary="List budget requests")
@paginated
def budget_request_list(
    request: HttpRequest, filters: Query[BudgetQuery]
) -> QuerySet[BudgetRequest]:
    """Newest first, each with what is approved (by effective decisions) and spent. The
    filters mean what they mean on the budget page."""
    require(request, Permission.VIEW_GOVERNANCE)
    return budgets.budget_requests(BudgetFilters.from_query(request.GET))


@router.post(
    "/budgets/requests",
    response={201: BudgetRequestOut},
    summary="Request a budget for a use case",
)
def budget_request_create(request: HttpRequest, payload: BudgetRequestIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_BUDGETS)
    fields = payload.dict()
    _resolve(fields, BudgetError)
    budget_request = budget_services.budget_request_create(actor=user, **fields)
    return Status(201, budgets.budget_requests().get(pk=budget_request.pk))


@router.get(
    "/budgets/requests/{id:request_id}",
    response=BudgetRequestDetailOut,
    summary="One budget request",
)
def budget_request_detail(request: HttpRequest, request_id: int) -> BudgetRequest:
    """With the decisions on it (newest first, ``effective``: not superseded) and the
    money spent against it."""
    require(request, Permission.VIEW_GOVERNANCE)
    return _budget_detail(request_id)


@router.post(
    "/budgets/requests/{id:request_id}/spend",
    response={201: SpendOut},
    summary="Record spending against a budget request",
)
def spend_create(request: HttpRequest, request_id: int, payload: SpendIn) -> Status[Any]:
    """Spending beyond what is approved is recorded and flagged (``over_spend``)."""
    user = require(request, Permission.MANAGE_BUDGETS)
    budget_request = get_object_or_404(BudgetRequest, pk=request_id)
    entry = budget_services.spend_record(
        budget_request=budget_request, actor=user, **payload.dict()
    )
    return Status(201, entry)


@router.get("/budgets/totals", response=BudgetTotalsOut, summary="Budget totals")
def budget_totals(request: HttpRequest) -> BudgetTotals:
    """Requested, approved and spent money and the number of over-spent requests, per
    unit (``key``: unit code) and per lifecycle stage of the use cases, and overall."""
    require(request, Permission.VIEW_GOVERNANCE)
    return budgets.budget_totals()
