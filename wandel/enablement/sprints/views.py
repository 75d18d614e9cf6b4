"""Pages of co-creation sprints: the list by state, planning and changing a sprint, its
board (tasks moved with buttons, daily notes, the retro and its actions) and ending it.

Everyone who sees the portfolio sees its sprints (VIEW_USE_CASES); whoever runs one of a
sprint's use cases runs the sprint (``permissions.may_run``), and its team works on the
board (``permissions.may_work``). Every button is a small form: no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.filters import parse_id
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.core.tracking import close_on_page
from wandel.enablement.sprints import queries, services
from wandel.enablement.sprints.forms import (
    EndForm,
    MoveForm,
    NoteForm,
    RetroActionForm,
    RetroForm,
    SprintForm,
    TaskForm,
)
from wandel.enablement.sprints.models import RetroAction, Sprint, SprintState, SprintTask
from wandel.enablement.sprints.permissions import may_plan, may_run, may_work
from wandel.org.models import Person


def _sprint(pk: int) -> Sprint:
    try:
        return queries.sprint_detail(pk)
    except Sprint.DoesNotExist:
        raise Http404 from None


def _person(request: AuthenticatedRequest) -> Person | None:
    return getattr(request.user, "person", None)


def _run(request: AuthenticatedRequest, pk: int) -> Sprint:
    sprint = _sprint(pk)
    if not may_run(request.user, sprint):
        raise PermissionDenied
    return sprint


def _work(request: AuthenticatedRequest, pk: int) -> Sprint:
    sprint = _sprint(pk)
    if not may_work(request.user, sprint):
        raise PermissionDenied
    return sprint


def _board(sprint: Sprint, anchor: str) -> HttpResponse:
    return redirect(f"{sprint.get_absolute_url()}#{anchor}")


def _submit(
    request: AuthenticatedRequest, form: forms.Form, call: Callable[..., object], done: str
) -> None:
    """Call ``call(**cleaned_data)`` for a valid form and say how it went; a board's forms
    return to the board either way."""
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return
    act_on_page(request, partial(call, **form.cleaned_data), done)


def _warn_about_team(request: AuthenticatedRequest, sprint: Sprint) -> None:
    for warning in queries.team_check(sprint.team.all()):
        messages.warning(request, str(warning.label))


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def sprint_list(request: AuthenticatedRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    if state not in SprintState.values:
        state = SprintState.RUNNING
    use_case_id = parse_id(request.GET.get("use_case", ""))
    return render(
        request,
        "enablement/sprint_list.html",
        {
            "page": page_of(queries.sprints(state, use_case_id), request),
            "state": state,
            "states": [SprintState(s) for s in queries.STATE_ORDER],
            "use_case_id": use_case_id,
            "can_plan": may_plan(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def sprint_create(request: AuthenticatedRequest) -> HttpResponse:
    if not may_plan(request.user):
        raise PermissionDenied
    use_case_id = parse_id(request.GET.get("use_case", ""))
    initial: dict[str, Any] = {"starts_on": timezone.localdate()}
    if use_case_id is not None:
        initial["use_cases"] = [use_case_id]
    form = SprintForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sprint = services.sprint_create(data=form.sprint_input(), actor=request.user)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Sprint “%(sprint)s” planned.") % {"sprint": sprint})
            _warn_about_team(request, sprint)
            return redirect(sprint)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def sprint_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _run(request, pk)
    form = SprintForm(
        request.POST or None, user=request.user, initial=SprintForm.initial_of(sprint)
    )
    if request.method == "POST" and form.is_valid():
        try:
            sprint = services.sprint_update(
                sprint=sprint, data=form.sprint_input(), actor=request.user
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Sprint “%(sprint)s” saved.") % {"sprint": sprint})
            _warn_about_team(request, sprint)
            return redirect(sprint)
    return _form_page(request, form, sprint)


def _form_page(
    request: AuthenticatedRequest, form: SprintForm, sprint: Sprint | None
) -> HttpResponse:
    """The form, warning about the team it shows: the one sent back (not saved yet, say
    while a picker search is chosen from), else the sprint's own."""
    cleaned = getattr(form, "cleaned_data", {})
    if "team" in cleaned:
        warnings = queries.team_check(cleaned["team"])
    elif sprint is not None:
        warnings = queries.team_check(sprint.team.all())
    else:
        warnings = []
    return render(
        request,
        "enablement/sprint_form.html",
        {"form": form, "sprint": sprint, "warnings": warnings},
    )


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def sprint_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _sprint(pk)
    running = may_run(request.user, sprint)
    return render(
        request,
        "enablement/sprint_detail.html",
        {
            "sprint": sprint,
            "board": queries.board(sprint),
            "can_run": running,
            "can_work": may_work(request.user, sprint, running=running),
            # Each form's ids name it: two of them have a ``text``.
            "task_form": TaskForm(sprint=sprint, auto_id="task-%s"),
            "note_form": NoteForm(auto_id="note-%s"),
            "retro_form": RetroForm(auto_id="retro-%s"),
            "action_form": RetroActionForm(sprint=sprint, auto_id="action-%s"),
        },
    )


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_start(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _run(request, pk)
    act_on_page(
        request,
        partial(services.sprint_start, sprint=sprint, actor=request.user),
        gettext("Sprint started."),
    )
    return redirect(sprint)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def sprint_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _run(request, pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ending = services.sprint_end(sprint=sprint, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Sprint ended."))
            for move in ending.moves:
                if move.moved:
                    messages.success(
                        request,
                        gettext("“%(use_case)s” is now in the prototype stage.")
                        % {"use_case": move.use_case.title},
                    )
                else:
                    messages.error(request, move.message)
            return redirect(sprint)
    return render(request, "enablement/sprint_end.html", {"form": form, "sprint": sprint})


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_task_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _work(request, pk)
    _submit(
        request,
        TaskForm(request.POST, sprint=sprint),
        partial(services.sprint_task_add, sprint=sprint, actor=request.user),
        gettext("Task added."),
    )
    return _board(sprint, "board")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_task_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(SprintTask, pk=pk)
    sprint = _work(request, task.sprint_id)
    _submit(
        request,
        MoveForm(request.POST),
        partial(services.sprint_task_move, task=task, actor=request.user),
        gettext("Task “%(task)s” moved.") % {"task": task},
    )
    return _board(sprint, f"task-{task.pk}")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_note_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _work(request, pk)
    _submit(
        request,
        NoteForm(request.POST),
        partial(
            services.sprint_note_add, sprint=sprint, author=_person(request), actor=request.user
        ),
        gettext("Daily note saved."),
    )
    return _board(sprint, "notes")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_retro_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _work(request, pk)
    _submit(
        request,
        RetroForm(request.POST),
        partial(
            services.sprint_retro_add, sprint=sprint, author=_person(request), actor=request.user
        ),
        gettext("Retro entry saved."),
    )
    return _board(sprint, "retro")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_action_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sprint = _work(request, pk)
    _submit(
        request,
        RetroActionForm(request.POST, sprint=sprint),
        partial(services.retro_action_add, sprint=sprint, actor=request.user),
        gettext("Retro action added."),
    )
    return _board(sprint, "retro")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def sprint_action_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(RetroAction.objects.select_related("owner"), pk=pk)
    sprint = _sprint(action.sprint_id)
    person = _person(request)
    mine = person is not None and action.owner_id == person.pk
    if not mine and not may_work(request.user, sprint):
        raise PermissionDenied
    close_on_page(
        request,
        partial(services.retro_action_close, action=action, actor=request.user),
        gettext("Retro action “%(action)s” closed.") % {"action": action},
    )
    return _board(sprint, f"action-{action.pk}")
