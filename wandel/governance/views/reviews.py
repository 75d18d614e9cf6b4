"""Pages of ethics reviews, the DPIA threshold check and DPIA, and works-council involvement.

Reading needs VIEW_GOVERNANCE (VIEW_CODETERMINATION for the works-council pages); each page
checks the permission to change things inside, when a form is posted: REVIEW_ETHICS for
reviews, RUN_DPIA for the threshold check and DPIA, MANAGE_CODETERMINATION for the works
council's record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.dpia_criteria import (
    DSK_CRITERIA,
    WP248_THRESHOLD,
    dpia_required,
    wp248_count,
)
from wandel.governance.forms_reviews import (
    ChecklistFormSet,
    ConditionCloseForm,
    CouncilInvolvementForm,
    DpiaCheckForm,
    DpiaForm,
    EthicsReviewForm,
)
from wandel.governance.models.reviews import (
    CouncilInvolvement,
    EthicsCondition,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.governance.reviews import queries as overview_queries
from wandel.governance.reviews.codetermination import queries as council_queries
from wandel.governance.reviews.codetermination import services as council_services
from wandel.governance.reviews.codetermination.queries import CouncilFilter
from wandel.governance.reviews.dpia import queries as dpia_queries
from wandel.governance.reviews.dpia import services as dpia_services
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.ethics import checklist
from wandel.governance.reviews.ethics import queries as ethics_queries
from wandel.governance.reviews.ethics import services as ethics_services
from wandel.governance.reviews.ethics.checklist import CHECKLIST_FIELDS
from wandel.portfolio.models import UseCase

PAGE_SIZE = 50


def _use_case(pk: int) -> UseCase:
    return get_object_or_404(UseCase.objects.select_related("unit"), pk=pk)


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def reviews_overview(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "governance/reviews/overview.html",
        {"overview": overview_queries.reviews_overview()},
    )


# Ethics ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_permission(Permission.REVIEW_ETHICS)
def ethics_checklist(request: AuthenticatedRequest) -> HttpResponse:
    formset = ChecklistFormSet(
        request.POST or None, queryset=checklist.checklist_items(include_inactive=True)
    )
    if request.method == "POST" and formset.is_valid():
        try:
            changed = checklist.checklist_save(
                changes=[
                    checklist.ChecklistChange(
                        form.instance if form.instance.pk else None,
                        {name: form.cleaned_data[name] for name in CHECKLIST_FIELDS},
                    )
                    for form in formset.forms
                    if form.has_changed()
                ],
                actor=request.user,
            )
        except ReviewsError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d checklist item saved.", "%(count)d checklist items saved.", changed
                )
                % {"count": changed},
            )
            return redirect("governance:ethics_checklist")
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/reviews/checklist.html", {"formset": formset}, status=status)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.REVIEW_ETHICS)
def ethics_review_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ethics reviews of a use case so far, and the button that starts a new one."""
    use_case = _use_case(pk)
    history = list(ethics_queries.ethics_reviews_of(use_case))
    draft = next((r for r in history if r.status == EthicsReviewStatus.DRAFT), None)
    if request.method == "POST":
        if draft is not None:
            messages.info(request, gettext("A review of this use case is already in progress."))
            return redirect("governance:ethics_review", draft.pk)
        try:
            review = ethics_services.ethics_review_start(use_case=use_case, actor=request.user)
        except ReviewsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Ethics review started."))
            return redirect("governance:ethics_review", review.pk)
    return render(
        request,
        "governance/reviews/ethics_start.html",
        {"use_case": use_case, "history": history, "draft": draft},
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_GOVERNANCE)
def ethics_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A review: the checklist to answer while in progress, the result once completed.

    Saving, adding or removing a condition and completing post the same form, so answers
    typed before adding a condition are never lost; each post is one transaction.
    """
    try:
        review = ethics_queries.ethics_review_detail(pk)
    except EthicsReview.DoesNotExist:
        raise Http404 from None
    can_review = request.user.has_perm(Permission.REVIEW_ETHICS)
    rows = ethics_queries.review_rows(review)
    form = EthicsReviewForm(
        request.POST if request.method == "POST" else None,
        rows=rows,
        initial={"reasons": review.reasons},
    )
    status = 200
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if not review.is_draft:
            messages.error(request, str(ethics_services.REVIEW_COMPLETED))
            return redirect("governance:ethics_review", review.pk)
        if form.is_valid():
            action = request.POST.get("action", "save")
            try:
                _review_submit(request, review, form, action)
            except ReviewsError as error:
                form.add_error(None, str(error))
            else:
                return _review_saved(request, review, action)
        status = 400
    context = {
        "review": review,
        "use_case": review.use_case,
        "form": form if review.is_draft and can_review else None,
        "rows": rows,
        "conditions": list(review.conditions.all()),
        "close_form": ConditionCloseForm() if can_review and not review.is_draft else None,
    }
    return render(request, "governance/reviews/ethics_review.html", context, status=status)


def _review_submit(
    request: AuthenticatedRequest, review: EthicsReview, form: EthicsReviewForm, action: str
) -> None:
    condition = form.new_condition()
    remove = request.POST.get("remove_condition", "")
    ethics_services.ethics_review_submit(
        review=review,
        answers=form.answers(),
        reasons=form.cleaned_data["reasons"],
        actor=request.user,
        add_conditions=[ethics_services.NewCondition(**condition)] if condition is not None else [],
        remove_condition=int(remove) if remove.isdigit() else None,
        complete_with=form.cleaned_data["outcome"] if action == "complete" else None,
    )


def _review_saved(request: AuthenticatedRequest, review: EthicsReview, action: str) -> HttpResponse:
    if action == "complete":
        review.refresh_from_db()
        messages.success(
            request,
            gettext("Ethics review completed: %(outcome)s.")
            % {"outcome": review.get_outcome_display()},
        )
    else:
        messages.success(request, gettext("Ethics review saved."))
    return redirect("governance:ethics_review", review.pk)


@require_POST
@require_permission(Permission.REVIEW_ETHICS)
def ethics_condition_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    condition = get_object_or_404(EthicsCondition.objects.select_related("review"), pk=pk)
    form = ConditionCloseForm(request.POST)
    if form.is_valid():
        try:
            ethics_services.ethics_condition_close(
                condition=condition, actor=request.user, **form.cleaned_data
            )
        except ReviewsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Condition closed."))
    else:
        messages.error(request, gettext("Say how the condition was met."))
    url = reverse("governance:ethics_review", args=[condition.review_id])
    return redirect(f"{url}#condition-{condition.pk}")


# DPIA --------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_GOVERNANCE)
def dpia_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The threshold check: who may run it fills the form; everyone with VIEW_GOVERNANCE
    sees the latest result and the history. With htmx, ticking a box previews the result."""
    use_case = _use_case(pk)
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
    use_case = _use_case(pk)
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


# Works council -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_CODETERMINATION)
def codetermination(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Works-council involvement in one use case; nothing on it names a person."""
    use_case = _use_case(pk)
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
        "form": form if can_manage else None,
    }
    return render(request, "governance/reviews/codetermination.html", context, status=status)


@require_GET
@require_permission(Permission.VIEW_CODETERMINATION)
def codetermination_overview(request: AuthenticatedRequest) -> HttpResponse:
    """Every use case with its co-determination status, for the works council."""
    status = request.GET.get("status", "")
    if status not in CouncilFilter.LABELS:
        status = ""
    page = Paginator(council_queries.codetermination_overview(status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = council_queries.codetermination_counts()
    context = {
        "page": page,
        "status": status,
        "total": counts["all"],
        "filters": [(key, label, counts[key]) for key, label in CouncilFilter.LABELS.items()],
    }
    return render(request, "governance/reviews/codetermination_overview.html", context)
