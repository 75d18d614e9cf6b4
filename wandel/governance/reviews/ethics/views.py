"""Pages of the ethics checklist and ethics reviews.

Reading needs VIEW_GOVERNANCE; changing a review or the checklist needs REVIEW_ETHICS.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.core.tracking import close_on_page
from wandel.governance.reviews.errors import ReviewsError
from wandel.governance.reviews.ethics import checklist
from wandel.governance.reviews.ethics import queries as ethics_queries
from wandel.governance.reviews.ethics import services as ethics_services
from wandel.governance.reviews.ethics.checklist import CHECKLIST_FIELDS
from wandel.governance.reviews.ethics.forms import ChecklistFormSet, EthicsReviewForm
from wandel.governance.reviews.ethics.models import (
    EthicsCondition,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.governance.reviews.pages import use_case_or_404


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
    use_case = use_case_or_404(pk)
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
        "can_close": can_review and not review.is_draft,
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
    close_on_page(
        request,
        partial(ethics_services.ethics_condition_close, condition=condition, actor=request.user),
        gettext("Condition closed."),
    )
    url = reverse("governance:ethics_review", args=[condition.review_id])
    return redirect(f"{url}#condition-{condition.pk}")
