"""The reviews overview page, and what the pages of the three kinds of review share."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.reviews import queries as overview_queries
from wandel.portfolio.models import UseCase

PAGE_SIZE = 50


def use_case_or_404(pk: int) -> UseCase:
    return get_object_or_404(UseCase.objects.select_related("unit"), pk=pk)


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def reviews_overview(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "governance/reviews/overview.html",
        {"overview": overview_queries.reviews_overview()},
    )
