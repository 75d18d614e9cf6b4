"""Pages of the risk register: the list with its heat map, a risk with its mitigations and
decisions, and the forms that change them. Reading needs VIEW_GOVERNANCE; every change
needs MANAGE_RISKS. Acceptance is requested here and decided in the decision register."""

from __future__ import annotations

from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import add_to_form
from wandel.core.exports import FORMATS, table_download
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.core.tracking import close_on_page
from wandel.governance.decisions.models import DecisionKind
from wandel.governance.risks import queries, rules, services
from wandel.governance.risks.forms import MitigationForm, MitigationStatusForm, RiskForm
from wandel.governance.risks.models import Mitigation, Risk, RiskCategory, RiskStatus
from wandel.governance.risks.queries import RiskFilters
from wandel.governance.risks.services import RISK_FIELDS, RiskError


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def risk_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = RiskFilters.from_query(request.GET)
    url = reverse("governance:risk_list")
    page = page_of(queries.risks(filters), request)
    context = {
        "page": page,
        "rows": queries.risk_rows(page),
        "legend": rules.severity_legend(),
        "filters": filters,
        "heat_map": queries.heat_map(filters, url=url),
        "query": filters.query(),
        "all_cells_query": filters.query(likelihood=None, impact=None),
        "inherent_query": filters.query(rating=queries.INHERENT, likelihood=None, impact=None),
        "residual_query": filters.query(rating=queries.RESIDUAL, likelihood=None, impact=None),
        "categories": RiskCategory.choices,
        "statuses": RiskStatus.choices,
        "sorts": queries.SORT_CHOICES,
        "use_cases": queries.risk_use_cases().only("pk", "title"),
        "owners": queries.risk_owners().only("pk", "first_name", "last_name"),
    }
    template = "governance/risks/risk_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def risk_export(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    filters = RiskFilters.from_query(request.GET)
    today = timezone.localdate()
    header = [
        gettext("ID"),
        gettext("Title"),
        gettext("Category"),
        gettext("Status"),
        gettext("Use case"),
        gettext("Risk owner"),
        gettext("Likelihood"),
        gettext("Impact"),
        gettext("Score"),
        gettext("Severity"),
        gettext("Residual likelihood"),
        gettext("Residual impact"),
        gettext("Residual score"),
        gettext("Next review"),
        gettext("Review overdue"),
        gettext("Mitigations"),
        gettext("Description"),
    ]
    rows = [
        [
            risk.pk,
            risk.title,
            risk.get_category_display(),
            risk.get_status_display(),
            risk.use_case.title if risk.use_case else "",
            risk.owner.full_name,
            risk.likelihood,
            risk.impact,
            risk.score,
            rules.severity(risk.score).label,
            _blank(risk.residual_likelihood),
            _blank(risk.residual_impact),
            _blank(risk.residual_score),
            risk.review_on.isoformat(),
            gettext("yes") if rules.review_overdue(risk.review_on, risk.status, today) else "",
            "; ".join(f"{m.text} ({m.get_status_display()})" for m in risk.mitigations.all()),
            risk.description,
        ]
        for risk in queries.risk_list(filters)
    ]
    return table_download(
        [header, *rows],
        fmt=fmt,
        filename=f"wandel-risk-register-{today.isoformat()}",
        sheet_title=gettext("Risk register"),
    )


def _blank(value: int | None) -> int | str:
    return "" if value is None else value


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_RISKS)
def risk_create(request: AuthenticatedRequest) -> HttpResponse:
    initial = {"use_case": request.GET.get("use_case") or None}
    form = RiskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_record(
                actor=request.user, **{f: form.cleaned_data[f] for f in RISK_FIELDS}
            )
        except RiskError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Risk “%(risk)s” recorded.") % {"risk": risk})
            return redirect(risk)
    return _form_page(request, form, gettext("Record a risk"), reverse("governance:risk_list"))


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_RISKS)
def risk_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    title, url = risk.title, risk.get_absolute_url()
    if risk.status == RiskStatus.CLOSED:
        messages.error(request, str(services.CLOSED_RISK))
        return redirect(risk)
    form = RiskForm(request.POST or None, instance=Risk.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(
                risk=risk,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except RiskError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Risk saved."))
            return redirect(risk)
    return _form_page(request, form, title, url)


def _form_page(
    request: AuthenticatedRequest, form: RiskForm, title: str, cancel: str
) -> HttpResponse:
    return render(
        request,
        "governance/risks/risk_form.html",
        {"form": form, "title": title, "cancel": cancel},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def risk_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "governance/risks/risk_detail.html", _detail_context(request, pk))


def _detail_context(
    request: AuthenticatedRequest, pk: int, *, mitigation_form: MitigationForm | None = None
) -> dict[str, object]:
    try:
        risk = queries.risk_detail(pk)
    except Risk.DoesNotExist:
        raise Http404 from None
    user = request.user
    can_manage = user.has_perm(Permission.MANAGE_RISKS)
    decision_url = ""
    if user.has_perm(Permission.DECIDE):
        params = urlencode({"risk": risk.pk, "kind": DecisionKind.RISK_ACCEPTANCE})
        decision_url = f"{reverse('governance:decision_create')}?{params}"
    return {
        "risk": risk,
        "badge": rules.severity_badge(risk.score),
        "residual_badge": rules.severity_badge(risk.residual_score),
        "overdue": risk.review_overdue,
        "mitigations": [
            (m, MitigationStatusForm(instance=m, auto_id=f"mitigation{m.pk}_%s"))
            for m in risk.mitigations.all()
        ],
        "decisions": list(risk.decisions.all()),
        "accepted": risk.status == RiskStatus.ACCEPTED,
        "can_manage": can_manage,
        "decision_url": decision_url,
        "mitigation_form": mitigation_form or MitigationForm(auto_id="new_mitigation_%s"),
        "open": risk.status == RiskStatus.OPEN,
        "closed": risk.status == RiskStatus.CLOSED,
        "awaiting": risk.status == RiskStatus.ACCEPTANCE_REQUESTED,
    }


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def mitigation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    form = MitigationForm(request.POST, auto_id="new_mitigation_%s")
    if form.is_valid():
        try:
            services.mitigation_add(risk=risk, actor=request.user, **form.cleaned_data)
        except RiskError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Mitigation added."))
            return redirect(f"{risk.get_absolute_url()}#mitigations")
    context = _detail_context(request, pk, mitigation_form=form)
    return render(request, "governance/risks/risk_detail.html", context, status=400)


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def mitigation_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mitigation = get_object_or_404(Mitigation.objects.select_related("risk"), pk=pk)
    form = MitigationStatusForm(request.POST, instance=Mitigation.objects.get(pk=pk))
    if form.is_valid():
        try:
            services.mitigation_update(
                mitigation=mitigation, actor=request.user, status=form.cleaned_data["status"]
            )
        except RiskError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                gettext("Mitigation “%(mitigation)s” saved.") % {"mitigation": mitigation},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
    return redirect(f"{mitigation.risk.get_absolute_url()}#mitigation-{mitigation.pk}")


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def mitigation_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mitigation = get_object_or_404(Mitigation.objects.select_related("risk"), pk=pk)
    close_on_page(
        request,
        partial(services.mitigation_close, mitigation=mitigation, actor=request.user),
        gettext("Mitigation “%(mitigation)s” closed.") % {"mitigation": mitigation},
    )
    return redirect(f"{mitigation.risk.get_absolute_url()}#mitigation-{mitigation.pk}")


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def risk_request_acceptance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    try:
        services.risk_request_acceptance(risk=risk, actor=request.user)
    except RiskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Acceptance requested: the steering committee will decide on this risk."),
        )
    return redirect(risk)


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def risk_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    try:
        services.risk_close(risk=risk, actor=request.user)
    except RiskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Risk closed."))
    return redirect(risk)


@require_POST
@require_permission(Permission.MANAGE_RISKS)
def risk_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    risk = get_object_or_404(Risk, pk=pk)
    try:
        services.risk_reopen(risk=risk, actor=request.user)
    except RiskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Risk reopened."))
    return redirect(risk)
