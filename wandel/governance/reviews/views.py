"""The reviews overview page, across ethics reviews, DPIAs and works-council involvement."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.reviews import queries as overview_queries


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def reviews_overview(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "governance/reviews/overview.html",
        {"overview": overview_queries.reviews_overview()},
    )
