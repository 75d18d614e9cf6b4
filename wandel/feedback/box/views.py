"""Pages of the feedback box. Everyone signed in reads every item with its answer, posts
and supports (TAKE_PART); the programme team answers, sets the status and promotes ideas
to use cases (ANSWER_FEEDBACK)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.feedback.box import queries, services
from wandel.feedback.box.forms import AnswerForm, PostForm, StatusForm
from wandel.feedback.box.models import (
    FeedbackCategory,
    FeedbackItem,
    FeedbackKind,
    FeedbackStatus,
)
from wandel.portfolio.use_cases.forms import UseCaseForm


def _item(pk: int) -> FeedbackItem:
    try:
        return queries.item_detail(pk)
    except FeedbackItem.DoesNotExist:
        raise Http404 from None


@require_GET
@require_permission(Permission.TAKE_PART)
def box(request: AuthenticatedRequest) -> HttpResponse:
    filters = queries.ItemFilter.of(request.GET)
    page = page_of(queries.items(filters), request)
    return render(
        request,
        "feedback/box/list.html",
        {
            "page": page,
            "filters": filters,
            "kinds": FeedbackKind.choices,
            "statuses": FeedbackStatus.choices,
            "categories": FeedbackCategory.choices,
            "supported": queries.supported_ids(request.user, page.object_list),
            "kpi": queries.answer_kpi(timezone.localdate()),
        },
    )


@require_GET
@require_permission(Permission.TAKE_PART)
def answers(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(queries.answered(), request)
    return render(request, "feedback/box/answers.html", {"page": page})


@require_GET
@require_permission(Permission.TAKE_PART)
def item_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    can_answer = request.user.has_perm(Permission.ANSWER_FEEDBACK)
    return render(
        request,
        "feedback/box/detail.html",
        {
            "item": item,
            "supported": bool(queries.supported_ids(request.user, [item])),
            "own": item.author_id == request.user.pk,
            "can_answer": can_answer,
            "status_form": StatusForm(initial={"status": item.status}) if can_answer else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.TAKE_PART)
def item_post(request: AuthenticatedRequest) -> HttpResponse:
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_post(actor=request.user, **form.post_data())
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Thank you: your post is in the box."))
            return redirect(item)
    return render(
        request, "feedback/box/post.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
@require_permission(Permission.TAKE_PART)
def item_support(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FeedbackItem, pk=pk)
    act_on_page(
        request,
        partial(services.item_support, item=item, actor=request.user),
        gettext("You support “%(item)s”.") % {"item": item.title},
    )
    if request.POST.get("next") == "box":
        return redirect("feedback:box")
    return redirect(item)


@require_POST
@require_permission(Permission.TAKE_PART)
def item_unsupport(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FeedbackItem, pk=pk)
    act_on_page(
        request,
        partial(services.item_unsupport, item=item, actor=request.user),
        gettext("Your support is withdrawn."),
    )
    return redirect(item)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.ANSWER_FEEDBACK)
def item_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    initial = {"answer": item.answer}
    if item.status not in (FeedbackStatus.RECEIVED, FeedbackStatus.IN_REVIEW):
        initial["status"] = item.status
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_answer(item=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("The answer is published."))
            return redirect(item)
    return render(
        request,
        "feedback/box/answer.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )


@require_POST
@require_permission(Permission.ANSWER_FEEDBACK)
def item_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(FeedbackItem, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose a status."))
        return redirect(item)
    act_on_page(
        request,
        partial(
            services.item_set_status,
            item=item,
            status=form.cleaned_data["status"],
            actor=request.user,
        ),
        gettext("Status saved."),
    )
    return redirect(item)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.ANSWER_FEEDBACK)
def item_promote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = _item(pk)
    if item.kind != FeedbackKind.IDEA:
        messages.error(request, str(services.ONLY_IDEAS))
        return redirect(item)
    if item.use_case is not None:
        messages.error(request, services.ALREADY_PROMOTED % {"use_case": item.use_case})
        return redirect(item)
    form = UseCaseForm(request.POST or None, initial={"title": item.title, "problem": item.text})
    if request.method == "POST" and form.is_valid():
        try:
            use_case = services.item_promote(item=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                gettext("The idea is now the use case “%(use_case)s”.")
                % {"use_case": use_case.title},
            )
            return redirect(item)
    return render(
        request,
        "feedback/box/promote.html",
        {"form": form, "item": item},
        status=400 if form.errors else 200,
    )
