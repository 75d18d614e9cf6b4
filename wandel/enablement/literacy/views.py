"""Pages of AI-literacy evidence: a person's own path, and coverage per unit and role for
the organisation or one unit. Everyone signed in sees their path and the aggregates;
only those allowed to see persons (trainers, admins) see who is not covered."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from wandel.core.errors import act_on_page
from wandel.core.exports import FORMATS, table_download
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.enablement.literacy import queries
from wandel.enablement.literacy import report as literacy_report
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.queries import my_enrolments
from wandel.org.models import Unit


class TargetForm(forms.Form):
    target_percent = forms.IntegerField(label=_("Target (%)"), min_value=1, max_value=100)


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def my_path(request: AuthenticatedRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    status, rows = queries.path_rows(person) if person is not None else (None, [])
    return render(
        request,
        "enablement/my_path.html",
        {
            "person": person,
            "status": status,
            "rows": rows,
            "enrolments": list(my_enrolments(person)) if person is not None else [],
        },
    )


def _scope(request: AuthenticatedRequest) -> Unit | None:
    if request.GET.get("unit", "").isdigit():
        return get_object_or_404(Unit, pk=int(request.GET["unit"]))
    return None


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def coverage(request: AuthenticatedRequest) -> HttpResponse:
    scope = _scope(request)
    see_people = request.user.has_perm(Permission.VIEW_LITERACY_PEOPLE)
    view = queries.coverage_view(scope, with_people=see_people)
    report = view.report
    return render(
        request,
        "enablement/coverage.html",
        {
            "report": report,
            "not_covered": view.not_covered,
            "more_not_covered": view.not_covered_count - len(view.not_covered),
            "see_people": see_people,
            "can_set_target": request.user.has_perm(Permission.MANAGE_TRAININGS),
            "target_form": TargetForm(initial={"target_percent": report.target}),
        },
    )


def _filename(report: queries.LiteracyReport) -> str:
    scope = f"-unit-{report.scope.pk}" if report.scope is not None else ""
    return f"wandel-ai-literacy{scope}-{report.today.isoformat()}"


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def coverage_export(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    """The report as a table; persons only for those allowed to see them."""
    if fmt not in FORMATS:
        raise Http404
    see_people = request.user.has_perm(Permission.VIEW_LITERACY_PEOPLE)
    report = queries.literacy_report(_scope(request), with_people=see_people)
    return table_download(
        literacy_report.table(report, with_people=see_people),
        fmt=fmt,
        filename=_filename(report),
        sheet_title=gettext("AI literacy"),
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def coverage_pdf(request: AuthenticatedRequest) -> HttpResponse:
    see_people = request.user.has_perm(Permission.VIEW_LITERACY_PEOPLE)
    report = queries.literacy_report(_scope(request), with_people=see_people)
    person = getattr(request.user, "person", None)
    content = literacy_report.pdf(
        report,
        with_people=see_people,
        generated_by=str(person) if person is not None else request.user.get_username(),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report)}.pdf"'
    return response


@require_POST
@require_permission(Permission.MANAGE_TRAININGS)
def target_set(request: AuthenticatedRequest) -> HttpResponse:
    form = TargetForm(request.POST)
    if form.is_valid():
        target = form.cleaned_data["target_percent"]
        act_on_page(
            request,
            partial(literacy_target_set, target_percent=target, actor=request.user),
            gettext("Target saved."),
        )
    else:
        messages.error(request, gettext("The target is a percentage from 1 to 100."))
    return redirect("enablement:coverage")
