"""Pages of the works council's involvement.

Reading needs VIEW_CODETERMINATION; recording the involvement needs
MANAGE_CODETERMINATION. Nothing on these pages names a person.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.ai_act.queries import current_classification
from wandel.governance.reviews.codetermination import queries as council_queries
from wandel.governance.reviews.codetermination import services as council_services
from wandel.governance.reviews.codetermination.forms import CouncilInvolvementForm
from wandel.governance.reviews.codetermination.models import CouncilInvolvement
from wandel.governance.reviews.codetermination.queries import CouncilFilters, CouncilStatus
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.pages import use_case_or_404


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_CODETERMINATION)
def codetermination(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Works-council involvement in one use case; nothing on it names a person."""
    use_case = use_case_or_404(pk)
    involvement = council_queries.council_involvement_of(use_case)
    can_manage = request.user.has_perm(Permission.MANAGE_CODETERMINATION)
    form = CouncilInvolvementForm(
        request.POST if request.method == "POST" else None,
        instance=involvement or CouncilInvolvement(use_case=use_case),
    )
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                council_services.council_involvement_save(
                    use_case=use_case, actor=request.user, **form.cleaned_data
                )
            except ReviewsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, gettext("Works-council involvement saved."))
                return redirect("governance:codetermination", use_case.pk)
        status = 400
    context = {
        "use_case": use_case,
        "involvement": involvement,
        "classification": current_classification(use_case),
        "form": form if can_manage else None,
    }
    return render(request, "governance/reviews/codetermination.html", context, status=status)


@require_GET
@require_permission(Permission.VIEW_CODETERMINATION)
def codetermination_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Every use case with its co-determination status, for the works council."""
    filters = CouncilFilters.from_query(request.GET)
    page = page_of(council_queries.codetermination_overview(filters), request)
    counts = council_queries.codetermination_counts(filters)
    context = {
        "page": page,
        # The assessment, or None: asked in the template, a missing one costs a dir() of it.
        "rows": [(use_case, getattr(use_case, "council_involvement", None)) for use_case in page],
        "status": filters.status,
        "closed": filters.closed,
        "total": counts["all"],
        "filters": [(key, label, counts[key]) for key, label in CouncilStatus.choices],
    }
    return render(request, "governance/reviews/codetermination_overview.html", context)
