"""Budgets, included at /governance/budgets/ inside the ``governance`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.views import budgets

urlpatterns: list[URLPattern] = [
    path("", budgets.budget_overview, name="budget_overview"),
    path("new/", budgets.budget_create, name="budget_create"),
    path("<id:pk>/", budgets.budget_detail, name="budget_detail"),
    path("<id:pk>/spend/", budgets.spend_create, name="spend_create"),
]
