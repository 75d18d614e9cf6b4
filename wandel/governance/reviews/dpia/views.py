"""Pages of the DPIA threshold check and the DPIA.

Reading needs VIEW_GOVERNANCE; each page checks RUN_DPIA (or being the DPIA's controller)
when a form is posted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from wandel.core.errors import DomainError, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.reviews.dpia import queries as dpia_queries
from wandel.governance.reviews.dpia import services as dpia_services
from wandel.governance.reviews.dpia.criteria import (
    DSK_CRITERIA,
    WP248_THRESHOLD,
    dpia_required,
    wp248_count,
)
from wandel.governance.reviews.dpia.forms import DpiaCheckForm, DpiaForm
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.pages import use_case_or_404


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_GOVERNANCE)
def dpia_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The threshold check: who may run it fills the form; everyone with VIEW_GOVERNANCE
    sees the latest result and the history. With htmx, ticking a box previews the result."""
    use_case = use_case_or_404(pk)
    can_run = request.user.has_perm(Permission.RUN_DPIA)
    if request.htmx and "preview" in request.GET:
        preview = DpiaCheckForm(request.GET)
        preview.is_valid()
        answers = preview.answers()
        return render(
            request,
            "governance/reviews/dpia_check.html#preview",
            {"preview": _threshold(answers)},
        )
    history = list(dpia_queries.dpia_checks_of(use_case))
    latest = history[0] if history else None
    form = DpiaCheckForm(
        request.POST if request.method == "POST" else None,
        initial=latest.answers if latest else None,
    )
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        if form.is_valid():
            try:
                check = dpia_services.dpia_check_record(
                    use_case=use_case,
                    answers=form.answers(),
                    actor=request.user,
                    decision=form.decision(),
                    rationale=form.rationale(),
                )
            except DomainError as error:
                add_to_form(form, error)
            else:
                if check.required:
                    messages.warning(
                        request, gettext("Threshold check recorded: a DPIA is required.")
                    )
                else:
                    messages.success(
                        request, gettext("Threshold check recorded: no DPIA is required.")
                    )
                return redirect("governance:dpia_check", use_case.pk)
    context = {
        "use_case": use_case,
        "form": form if can_run else None,
        "latest": latest,
        "latest_result": _threshold(latest.answers) if latest else None,
        "history": history,
        "preview": _threshold(form.initial) if can_run else None,
        "dpia": dpia_queries.dpia_of(use_case),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/reviews/dpia_check.html", context, status=status)


def _threshold(answers: Mapping[str, Any]) -> dict[str, object]:
    return {
        "count": wp248_count(answers),
        "dsk": [c.title for c in DSK_CRITERIA if answers.get(c.key)],
        "required": dpia_required(answers),
        "threshold": WP248_THRESHOLD,
    }


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_GOVERNANCE)
def dpia(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The DPIA record: data protection and the controller fill it in, the controller
    approves it; others read it."""
    use_case = use_case_or_404(pk)
    record = dpia_queries.dpia_of(use_case)
    can_run = dpia_services.may_write_dpia(request.user, use_case)
    form = DpiaForm(request.POST if request.method == "POST" else None, instance=record)
    status = 200
    if request.method == "POST":
        if not can_run:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        if action != "reopen" and record is not None and record.is_completed:
            # A page loaded before someone signed the DPIA off.
            messages.error(request, str(dpia_services.DPIA_SIGNED_OFF))
            return redirect("governance:dpia", use_case.pk)
        try:
            if action == "reopen":
                if record is None:
                    raise Http404
                dpia_services.dpia_reopen(dpia=record, actor=request.user)
                messages.success(request, gettext("The DPIA is open for changes again."))
                return redirect("governance:dpia", use_case.pk)
            if form.is_valid():
                record = dpia_services.dpia_submit(
                    use_case=use_case,
                    actor=request.user,
                    sections=form.cleaned_data,
                    complete=action == "complete",
                )
                if action == "complete":
                    messages.success(request, gettext("DPIA completed and signed off."))
                else:
                    messages.success(request, gettext("DPIA saved."))
                return redirect("governance:dpia", use_case.pk)
        except ReviewsError as error:
            form.add_error(None, str(error))
        status = 400
    editable = can_run and (record is None or not record.is_completed)
    context = {
        "use_case": use_case,
        "record": record,
        "form": form if editable else None,
        "can_run": can_run,
        "latest": dpia_queries.dpia_check_latest(use_case),
    }
    return render(request, "governance/reviews/dpia.html", context, status=status)
