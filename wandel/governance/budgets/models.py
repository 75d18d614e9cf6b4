"""Budget requests of use cases and the money spent on them.

Approvals of budget requests are steering-committee decisions (``decisions.models``),
which point here; nothing in this module marks a budget approved by itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "POSITIVE_AMOUNT",
    "BudgetAction",
    "BudgetRequest",
    "SpendEntry",
]

POSITIVE_AMOUNT = [MinValueValidator(Decimal("0.01"))]


class BudgetAction(models.TextChoices):
    """Audit actions of budgets; approvals are audited as decisions."""

    REQUESTED = "governance.budget_requested", _("Budget requested")
    SPEND_RECORDED = "governance.spend_recorded", _("Spending recorded")


class BudgetRequest(models.Model):
    """Money asked for a use case; how much of it is approved is for decisions to say."""

    use_case = models.ForeignKey(
        "portfolio.UseCase",
        verbose_name=_("use case"),
        on_delete=models.PROTECT,
        related_name="budget_requests",
    )
    title = models.CharField(_("title"), max_length=200)
    amount_requested = models.DecimalField(
        _("amount requested (EUR)"), max_digits=12, decimal_places=2, validators=POSITIVE_AMOUNT
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    justification = models.TextField(_("justification"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("budget request")
        verbose_name_plural = _("budget requests")
        ordering = ("-requested_on", "-pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(amount_requested__gt=0), name="governance_budget_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:budget_detail", args=[self.pk])


class SpendEntry(models.Model):
    """Money spent against a budget request."""

    budget_request = models.ForeignKey(
        BudgetRequest,
        verbose_name=_("budget request"),
        on_delete=models.CASCADE,
        related_name="spend_entries",
    )
    spent_on = models.DateField(_("spent on"))
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=12, decimal_places=2, validators=POSITIVE_AMOUNT
    )
    description = models.CharField(_("description"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("spend entry")
        verbose_name_plural = _("spend entries")
        ordering = ("spent_on", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="governance_spend_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"
