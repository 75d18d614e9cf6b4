"""Budget requests and spending over the REST API, through the pages' services and queries.

Reading needs VIEW_GOVERNANCE; requesting budgets and recording spending MANAGE_BUDGETS. A
refusal is an ``ErrorOut``, with the messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import Id
from wandel.core.roles import Permission
from wandel.governance.budgets import queries as budgets
from wandel.governance.budgets import services as budget_services
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.governance.budgets.queries import BudgetFilters, BudgetTotal, BudgetTotals
from wandel.governance.budgets.services import BudgetError
from wandel.governance.decisions.models import Decision
from wandel.governance.schemas import DecisionRef, UseCaseRef, resolve_references
from wandel.portfolio.use_cases.models import Stage

router = Router(tags=["governance"])

Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


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


def _budget_detail(request_id: int) -> BudgetRequest:
    try:
        return budgets.budget_detail(request_id)
    except BudgetRequest.DoesNotExist:
        raise Http404 from None


@router.get("/budgets/requests", response=list[BudgetRequestOut], summary="List budget requests")
@paginated
def budget_request_list(
    request: HttpRequest, filters: Query[BudgetQuery]
) -> QuerySet[BudgetRequest]:
    """Newest first, each with what is approved (by effective decisions) and spent. The
    filters mean what they mean on the budget page."""
    require(request, Permission.VIEW_GOVERNANCE)
    return budgets.budget_requests(BudgetFilters.from_values(filters.model_dump(by_alias=True)))


@router.post(
    "/budgets/requests",
    response={201: BudgetRequestOut},
    summary="Request a budget for a use case",
)
def budget_request_create(request: HttpRequest, payload: BudgetRequestIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_BUDGETS)
    fields = payload.dict()
    resolve_references(fields, BudgetError)
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
