"""Writes of budgets: requesting money for a use case and recording what is spent, one
function per user action (its own transaction with its audit event). Approving a request is
a steering-committee decision, recorded in the decision register."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.governance.budgets.models import BudgetAction, BudgetRequest, SpendEntry
from wandel.governance.budgets.queries import budget_figures
from wandel.portfolio.use_cases.models import UseCase

__all__ = [
    "AMOUNT_POSITIVE",
    "AMOUNT_TOO_LARGE",
    "DESCRIPTION_REQUIRED",
    "JUSTIFICATION_REQUIRED",
    "LARGEST",
    "REQUESTED_IN_FUTURE",
    "SPENT_IN_FUTURE",
    "TITLE_REQUIRED",
    "BudgetError",
    "budget_request_create",
    "spend_record",
]

AMOUNT_POSITIVE = _("The amount must be more than zero.")
TITLE_REQUIRED = _("Give the request a title.")
JUSTIFICATION_REQUIRED = _("Say what the money is for and why it is needed.")
REQUESTED_IN_FUTURE = _("A request cannot be dated in the future.")
DESCRIPTION_REQUIRED = _("Say what the money was spent on.")
SPENT_IN_FUTURE = _("Spending cannot be dated in the future.")
AMOUNT_TOO_LARGE = _("The amount is too large.")

LARGEST = Decimal("9999999999.99")

REQUEST_FIELDS = ("use_case", "title", "amount_requested", "requested_on", "justification")
SPEND_FIELDS = ("spent_on", "amount", "description")


class BudgetError(DomainError):
    """A budget request or spend entry the rules refuse; the message is for the user."""


@user_action
def budget_request_create(
    *,
    use_case: UseCase,
    title: str,
    amount_requested: Decimal,
    justification: str,
    requested_on: date | None = None,
    actor: User | None,
) -> BudgetRequest:
    """Ask for money for a use case; the steering committee approves it by decision."""
    title, justification = title.strip(), justification.strip()
    requested_on = requested_on or timezone.localdate()
    if not title:
        raise BudgetError(TITLE_REQUIRED, field="title")
    if not justification:
        raise BudgetError(JUSTIFICATION_REQUIRED, field="justification")
    _check_amount(amount_requested, "amount_requested")
    if requested_on > timezone.localdate():
        raise BudgetError(REQUESTED_IN_FUTURE, field="requested_on")
    budget_request = BudgetRequest.objects.create(
        use_case=use_case,
        title=title,
        amount_requested=amount_requested,
        justification=justification,
        requested_on=requested_on,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=BudgetAction.REQUESTED,
        target=budget_request,
        changes=changed_fields({}, snapshot(budget_request, REQUEST_FIELDS)),
    )
    return budget_request


@user_action
def spend_record(
    *,
    budget_request: BudgetRequest,
    spent_on: date,
    amount: Decimal,
    description: str,
    actor: User | None,
) -> SpendEntry:
    """Record money spent. Spending beyond what is approved is allowed, and flagged: the
    audit event shows the total spent and the over-spend flag before and after."""
    description = description.strip()
    if not description:
        raise BudgetError(DESCRIPTION_REQUIRED, field="description")
    _check_amount(amount, "amount")
    if spent_on > timezone.localdate():
        raise BudgetError(SPENT_IN_FUTURE, field="spent_on")
    # The lock keeps two entries recorded at once from seeing the same total before.
    stored = BudgetRequest.objects.select_for_update().get(pk=budget_request.pk)
    before = budget_figures(stored)
    entry = SpendEntry.objects.create(
        budget_request=stored,
        spent_on=spent_on,
        amount=amount,
        description=description,
        recorded_by=actor,
    )
    after = budget_figures(stored)
    audit_record(
        actor=actor,
        action=BudgetAction.SPEND_RECORDED,
        target=stored,
        changes={
            "spend_entry": entry.pk,
            **changed_fields({}, snapshot(entry, SPEND_FIELDS)),
            **changed_fields(
                {"spent": before.spent, "over_spend": before.over_spend},
                {"spent": after.spent, "over_spend": after.over_spend},
            ),
        },
    )
    return entry


def _check_amount(amount: Decimal, field: str) -> None:
    if amount <= 0:
        raise BudgetError(AMOUNT_POSITIVE, field=field)
    if amount > LARGEST:
        raise BudgetError(AMOUNT_TOO_LARGE, field=field)
