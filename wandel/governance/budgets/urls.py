"""Budgets, included at /governance/budgets/ inside the ``governance`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.budgets import views

urlpatterns: list[URLPattern] = [
    path("", views.budget_overview, name="budget_overview"),
    path("new/", views.budget_create, name="budget_create"),
    path("<id:pk>/", views.budget_detail, name="budget_detail"),
    path("<id:pk>/spend/", views.spend_create, name="spend_create"),
]
