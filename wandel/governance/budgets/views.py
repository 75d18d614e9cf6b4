"""Pages of budgets: totals per unit and stage with the list of requests, one request with
its decisions and spending, and the forms to request money and record spending. Reading
needs VIEW_GOVERNANCE; requesting and recording need MANAGE_BUDGETS. Approval is a
steering-committee decision, recorded in the decision register."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.budgets import queries, services
from wandel.governance.budgets.forms import BudgetRequestForm, SpendForm
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.budgets.queries import BudgetFilters
from wandel.governance.budgets.services import BudgetError
from wandel.governance.decisions.models import DecisionKind
from wandel.org.models import Unit
from wandel.portfolio.use_cases.models import Stage


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def budget_overview(request: AuthenticatedRequest) -> HttpResponse:
    filters = BudgetFilters.from_query(request.GET)
    page = page_of(queries.budget_requests(filters), request)
    context = {
        "page": page,
        "filters": filters,
        "totals": queries.budget_totals(),
        "units": Unit.objects.order_by("name").values_list("pk", "name", named=True),
        "stages": Stage.choices,
    }
    template = "governance/budgets/budget_overview.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_BUDGETS)
def budget_create(request: AuthenticatedRequest) -> HttpResponse:
    initial = {
        "use_case": request.GET.get("use_case") or None,
        "requested_on": timezone.localdate(),
    }
    form = BudgetRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            budget_request = services.budget_request_create(actor=request.user, **form.cleaned_data)
        except BudgetError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                gettext("Budget “%(request)s” requested.") % {"request": budget_request},
            )
            return redirect(budget_request)
    return render(
        request,
        "governance/budgets/budget_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def budget_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "governance/budgets/budget_detail.html", _detail_context(request, pk))


def _detail_context(
    request: AuthenticatedRequest, pk: int, *, spend_form: SpendForm | None = None
) -> dict[str, object]:
    try:
        budget_request = queries.budget_detail(pk)
    except BudgetRequest.DoesNotExist:
        raise Http404 from None
    decision_url = ""
    if request.user.has_perm(Permission.DECIDE):
        params = urlencode(
            {
                "budget_request": budget_request.pk,
                "kind": DecisionKind.BUDGET,
                "use_case": budget_request.use_case_id,
            }
        )
        decision_url = f"{reverse('governance:decision_create')}?{params}"
    return {
        "budget_request": budget_request,
        "decisions": list(budget_request.decisions.all()),
        "entries": list(budget_request.spend_entries.all()),
        "remaining": budget_request.approved - budget_request.spent,  # type: ignore[attr-defined]
        "decision_url": decision_url,
        "can_spend": request.user.has_perm(Permission.MANAGE_BUDGETS),
        "spend_form": spend_form
        or SpendForm(auto_id="spend_%s", initial={"spent_on": timezone.localdate()}),
    }


@require_POST
@require_permission(Permission.MANAGE_BUDGETS)
def spend_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    budget_request = get_object_or_404(BudgetRequest, pk=pk)
    form = SpendForm(request.POST, auto_id="spend_%s")
    if form.is_valid():
        try:
            services.spend_record(
                budget_request=budget_request, actor=request.user, **form.cleaned_data
            )
        except BudgetError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Spending recorded."))
            return redirect(f"{budget_request.get_absolute_url()}#spending")
    context = _detail_context(request, pk, spend_form=form)
    return render(request, "governance/budgets/budget_detail.html", context, status=400)
