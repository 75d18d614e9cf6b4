"""The forms of ``portfolio/_measures.html`` post here; each answer goes back to the use case.

The use-case page belongs to ``use_cases/views.py``, so a refused or invalid form cannot be
shown again with its errors inline: the errors travel as messages instead, and nothing is
saved. Viewing needs VIEW_USE_CASES; requirements, KPIs and measurements also need
``can_run`` (managers, or the product owner of that use case); comments need SUBMIT_IDEAS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.portfolio.measures.forms import (
    CommentForm,
    KpiForm,
    MeasurementForm,
    RequirementForm,
    RequirementStatusForm,
)
from wandel.portfolio.measures.models import Kpi, QualityRequirement
from wandel.portfolio.measures.services import (
    FIELD_ERROR,
    MeasuresError,
    comment_add,
    kpi_add,
    measurement_record,
    requirement_add,
    requirement_update_status,
)
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.permissions import can_run


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def requirement_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = _editable_use_case(request, pk)
    form = RequirementForm(request.POST)
    saved = _submit(
        request,
        form,
        lambda data: requirement_add(use_case=use_case, text=data["text"], actor=request.user),
    )
    if saved:
        messages.success(request, gettext("Quality requirement added."))
    return _back(use_case, "requirements" if saved else "")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def requirement_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    requirement = get_object_or_404(
        QualityRequirement.objects.select_related("use_case__product_owner"), pk=pk
    )
    use_case = requirement.use_case
    _check_can_edit(request, use_case)
    form = RequirementStatusForm(request.POST)
    saved = _submit(
        request,
        form,
        lambda data: requirement_update_status(requirement=requirement, actor=request.user, **data),
    )
    if saved:
        messages.success(
            request,
            gettext("Result of “%(requirement)s” recorded.") % {"requirement": requirement},
        )
    return _back(use_case, f"requirement-{requirement.pk}" if saved else "")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def kpi_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = _editable_use_case(request, pk)
    form = KpiForm(request.POST)
    kpi = _submit(
        request, form, lambda data: kpi_add(use_case=use_case, actor=request.user, **data)
    )
    if isinstance(kpi, Kpi):
        messages.success(request, gettext("KPI “%(kpi)s” added.") % {"kpi": kpi})
        return _back(use_case, f"kpi-{kpi.pk}")
    return _back(use_case)


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def measurement_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    kpi = get_object_or_404(Kpi.objects.select_related("use_case__product_owner"), pk=pk)
    use_case = kpi.use_case
    _check_can_edit(request, use_case)
    form = MeasurementForm(request.POST)
    saved = _submit(
        request,
        form,
        lambda data: measurement_record(kpi=kpi, actor=request.user, **data),
    )
    if saved:
        messages.success(
            request,
            gettext("%(kpi)s: value for %(date)s saved.")
            % {
                "kpi": kpi,
                "date": date_format(form.cleaned_data["measured_on"], "SHORT_DATE_FORMAT"),
            },
        )
    return _back(use_case, f"kpi-{kpi.pk}" if saved else "")


@require_POST
@require_permission(Permission.SUBMIT_IDEAS)
def comment_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase, pk=pk)
    form = CommentForm(request.POST)
    saved = _submit(
        request,
        form,
        lambda data: comment_add(use_case=use_case, text=data["text"], actor=request.user),
    )
    if saved:
        messages.success(request, gettext("Comment added."))
    return _back(use_case, "comments" if saved else "")


def _editable_use_case(request: AuthenticatedRequest, pk: int) -> UseCase:
    use_case = get_object_or_404(UseCase.objects.select_related("product_owner"), pk=pk)
    _check_can_edit(request, use_case)
    return use_case


def _check_can_edit(request: AuthenticatedRequest, use_case: UseCase) -> None:
    if not can_run(request.user, use_case):
        raise PermissionDenied


def _submit(
    request: AuthenticatedRequest, form: forms.BaseForm, save: Callable[[dict[str, Any]], object]
) -> object | None:
    """Save through the service if the form is valid; otherwise report every error."""
    if not form.is_valid():
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            for error in errors:
                if field is None or not field.label:
                    messages.error(request, str(error))
                else:
                    messages.error(request, FIELD_ERROR % {"field": field.label, "error": error})
        return None
    try:
        return save(form.cleaned_data)
    except MeasuresError as error:
        messages.error(request, str(error))
        return None


def _back(use_case: UseCase, anchor: str = "") -> HttpResponseRedirect:
    # After an error the page opens at the top, where the messages are.
    url = use_case.get_absolute_url()
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)
