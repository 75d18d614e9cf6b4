"""Pages of the steering committee's overview and of the decision register: decisions,
their export, and the conditions they set."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import add_to_form
from wandel.core.exports import (
    FORMATS,
    ExportColumn,
    Guarded,
    Labelled,
    minute_text,
    number_column,
    query_download,
)
from wandel.core.filters import parse_id
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.queries import first_rows
from wandel.core.roles import Permission
from wandel.core.tracking import close_on_page
from wandel.governance.decisions import meeting_queries, queries, services
from wandel.governance.decisions.forms import SHOWN_WITH, ConditionFormSet, DecisionForm
from wandel.governance.decisions.models import (
    AgendaItem,
    AgendaKind,
    Body,
    BodyKind,
    Decision,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
)
from wandel.governance.decisions.pages import back
from wandel.governance.decisions.queries import GATE_AHEAD, RegisterFilters
from wandel.governance.decisions.services import DecisionError
from wandel.governance.decisions.subjects import subject_records

DECISION_FIELDS = (
    "body",
    "meeting",
    "agenda_item",
    "decided_on",
    "kind",
    "text",
    "outcome",
    "use_case",
    "gate_stage",
    "budget_request",
    "approved_amount",
    "risk",
)


# The steering committee ----------------------------------------------------------------


# The steering page shows the first ten of everything waiting (five lists: a page of 25
# each took longer than the rest of the page); the rest is a link away, so the page stays
# small however much waits.
STEERING_LIMIT = 10
OVERDUE_CONDITIONS = "overdue-conditions"


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def steering(request: AuthenticatedRequest) -> HttpResponse:
    meeting = meeting_queries.next_steering_meeting()
    items, agenda_total = (
        meeting_queries.agenda_of(meeting, limit=STEERING_LIMIT) if meeting else ([], 0)
    )
    agenda = [(item, queries.decision_url(item)) for item in items]
    overdue = first_rows(queries.overdue_conditions(), STEERING_LIMIT)
    return render(
        request,
        "governance/decisions/steering.html",
        {
            "requests": queries.open_requests(limit=STEERING_LIMIT),
            "meeting": meeting,
            "agenda": agenda,
            "agenda_more": agenda_total - len(agenda),
            "overdue": overdue.rows,
            "overdue_total": overdue.total,
            "overdue_kind": OVERDUE_CONDITIONS,
            "use_cases_kind": queries.USE_CASES_WAITING,
            "mine": queries.open_conditions_of(request.user),
            "can_decide": request.user.has_perm(Permission.DECIDE),
            "steering_body": Body.objects.filter(kind=BodyKind.STEERING_COMMITTEE)
            .order_by("pk")
            .first(),
        },
    )


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def steering_waiting(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """All of one kind of what the steering page lists, page by page."""
    rows: Any
    if kind == queries.USE_CASES_WAITING:
        rows = queries.use_cases_waiting()
        heading = gettext("Use cases waiting for a decision")
        template = "governance/decisions/_waiting_use_cases.html"
    elif kind == OVERDUE_CONDITIONS:
        rows = queries.overdue_conditions()
        heading = gettext("Overdue conditions")
        template = "governance/decisions/_conditions.html"
    else:
        subject = queries.waiting_subject(kind)
        if subject is None:
            raise Http404
        rows = subject.waiting()
        heading = str(subject.heading)
        template = subject.template
    page = page_of(rows, request)
    items = (
        queries.use_case_requests(page)
        if kind == queries.USE_CASES_WAITING
        else list(page.object_list)
    )
    return render(
        request,
        "governance/decisions/steering_waiting.html",
        {
            "heading": heading,
            "template": template,
            "items": items,
            "page": page,
            "can_decide": request.user.has_perm(Permission.DECIDE),
        },
    )


# The decision register -----------------------------------------------------------------


def _register_context(request: AuthenticatedRequest, filters: RegisterFilters) -> dict[str, object]:
    return {
        "filters": filters,
        "bodies": Body.objects.order_by("name").only("pk", "name"),
        "kinds": DecisionKind.choices,
        "outcomes": DecisionOutcome.choices,
        "use_cases": queries.decided_use_cases(),
        "query": filters.query(),
        "can_decide": request.user.has_perm(Permission.DECIDE),
    }


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def decision_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = RegisterFilters.from_query(request.GET)
    page = page_of(queries.register_table(filters), request)
    context = {"page": page, **_register_context(request, filters)}
    template = "governance/decisions/decision_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def decision_export(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    filters = RegisterFilters.from_query(request.GET)
    meeting = Concat(
        "meeting__title", Value(" ("), Cast("meeting__held_on", CharField()), Value(")")
    )
    recorder = Coalesce(
        NullIf("recorded_by__display_name", Value("")),
        "recorded_by__email",
        output_field=CharField(),
    )
    columns: list[ExportColumn] = [
        (gettext("No."), "pk"),
        (gettext("Decided on"), Cast("decided_on", CharField())),
        (gettext("Body"), Guarded("body__name")),
        (
            gettext("Meeting"),
            Case(When(meeting__isnull=False, then=Guarded(meeting)), output_field=CharField()),
        ),
        (gettext("Kind"), Labelled("kind", DecisionKind)),
        (gettext("Outcome"), Labelled("outcome", DecisionOutcome)),
        (gettext("Decision"), Guarded("text")),
        (gettext("Use case"), Guarded("use_case__title")),
        (gettext("Gate"), Labelled("gate_stage", GateStage)),
        (gettext("Budget request"), Guarded("budget_request__title")),
        (gettext("Approved amount"), number_column("approved_amount", fmt)),
        (gettext("Risk"), Guarded("risk__title")),
        (gettext("Conditions"), "condition_count"),
        (gettext("Open conditions"), "open_condition_count"),
        (gettext("Supersedes"), "supersedes_id"),
        (gettext("Superseded by"), "superseded_by__id"),
        (gettext("Recorded by"), Guarded(recorder)),
        (gettext("Recorded at"), minute_text("recorded_at")),
    ]
    return query_download(
        queries.register(filters),
        columns,
        fmt=fmt,
        filename=f"wandel-decisions-{timezone.localdate().isoformat()}",
        sheet_title=gettext("Decision register"),
    )


def _successor(decision: Decision) -> int | None:
    successor = decision.successor
    return successor.pk if successor is not None else None


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def decision_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        decision = queries.decision_for_page(pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    conditions = [
        (condition, services.can_close_condition(request.user, condition))
        for condition in decision.conditions.all()
    ]
    return render(
        request,
        "governance/decisions/decision_detail.html",
        {
            "decision": decision,
            "successor": decision.successor,
            "conditions": conditions,
            "can_decide": request.user.has_perm(Permission.DECIDE),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.DECIDE)
def decision_create(request: AuthenticatedRequest) -> HttpResponse:
    form = DecisionForm(request.POST or None, initial=_initial_from_query(request.GET))
    conditions = ConditionFormSet(request.POST or None, prefix="conditions")
    return _decision_form(request, form, conditions, supersedes=None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.DECIDE)
def decision_supersede(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    old = get_object_or_404(
        Decision.objects.select_related("body", "use_case", "superseded_by"), pk=pk
    )
    if _successor(old) is not None:
        messages.error(
            request,
            str(services.ALREADY_SUPERSEDED % {"number": old.pk, "by": _successor(old)}),
        )
        return redirect(old)
    initial = {
        "body": old.body_id,
        "decided_on": timezone.localdate(),
        "kind": old.kind,
        "outcome": old.outcome,
        "text": old.text,
        "use_case": old.use_case_id,
        "gate_stage": old.gate_stage,
        "budget_request": old.budget_request_id,
        "approved_amount": old.approved_amount,
        "risk": old.risk_id,
    }
    form = DecisionForm(request.POST or None, initial=initial, correction=True)
    open_conditions = [
        {"text": c.text, "owner": c.owner_id, "due_on": c.due_on}
        for c in old.conditions.filter(closed_on__isnull=True)
    ]
    conditions = ConditionFormSet(
        request.POST or None, prefix="conditions", initial=open_conditions
    )
    return _decision_form(request, form, conditions, supersedes=old)


def _decision_form(
    request: AuthenticatedRequest,
    form: DecisionForm,
    conditions: Any,
    *,
    supersedes: Decision | None,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid() and conditions.is_valid():
        fields: dict[str, Any] = {
            name: form.cleaned_data.get(name) for name in DECISION_FIELDS if name in form.fields
        }
        fields["gate_stage"] = fields.get("gate_stage") or ""
        try:
            decision = services.decision_record(
                actor=request.user,
                conditions=conditions.conditions(),
                supersedes=supersedes,
                **fields,
            )
        except DecisionError as error:
            add_to_form(form, error)
        else:
            if supersedes is not None:
                text = gettext("Decision #%(new)s recorded; it supersedes #%(old)s.") % {
                    "new": decision.pk,
                    "old": supersedes.pk,
                }
            else:
                text = gettext("Decision #%(new)s recorded.") % {"new": decision.pk}
            messages.success(request, text)
            return redirect(decision)
    agenda_item = _agenda_item(form)
    return render(
        request,
        "governance/decisions/decision_form.html",
        {
            "form": form,
            "conditions": conditions,
            "supersedes": supersedes,
            "agenda_item": agenda_item,
            "shown_with": SHOWN_WITH,
        },
        status=400 if form.errors or conditions.total_error_count() else 200,
    )


def _agenda_item(form: DecisionForm) -> AgendaItem | None:
    value = parse_id(str(form["agenda_item"].value() or ""))
    if value is None:
        return None
    return AgendaItem.objects.select_related("meeting").filter(pk=value).first()


def _initial_from_query(params: Any) -> dict[str, Any]:
    """Prefill from links such as the gate refusal's (use case, kind, gate)."""
    initial: dict[str, Any] = {"decided_on": timezone.localdate()}
    for name in ("use_case", "budget_request", "risk", "agenda_item"):
        value = parse_id(params.get(name))
        if value is not None:
            initial[name] = value
    if params.get("kind") in DecisionKind.values:
        initial["kind"] = params["kind"]
    if params.get("gate_stage") in GateStage.values:
        initial["gate_stage"] = params["gate_stage"]
        initial.setdefault("kind", DecisionKind.GATE_APPROVAL)
    body = parse_id(params.get("body"))
    if body is not None:
        initial["body"] = body
    else:
        steering = Body.objects.filter(kind=BodyKind.STEERING_COMMITTEE).order_by("pk").first()
        if steering is not None:
            initial["body"] = steering.pk
    meeting_id = parse_id(params.get("meeting"))
    meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id is not None else None
    if "agenda_item" in initial:
        item = (
            AgendaItem.objects.select_related("meeting", "use_case")
            .filter(pk=initial["agenda_item"])
            .first()
        )
        if item is not None:
            meeting = item.meeting
            initial.update(_from_agenda_item(item, initial))
    if meeting is None and meeting_id is None and "body" in initial:
        meeting = meeting_queries.meeting_for_decisions(initial["body"])
    if meeting is not None:
        initial["meeting"] = meeting.pk
        initial["body"] = meeting.body_id
        initial["decided_on"] = min(meeting.held_on, timezone.localdate())
    if "budget_request" in initial:
        amount = _requested_amount(initial["budget_request"])
        if amount is not None:
            initial["approved_amount"] = amount
    return initial


def _from_agenda_item(item: AgendaItem, given: dict[str, Any]) -> dict[str, Any]:
    """What an agenda item says about the decision taken on it: its subject and, for a use
    case waiting at a gate, a gate approval for that gate (the link's own values win)."""
    found: dict[str, Any] = {}
    if item.kind == AgendaKind.BUDGET and item.budget_request_id:
        found = {"kind": DecisionKind.BUDGET, "budget_request": item.budget_request_id}
    elif item.kind == AgendaKind.RISK and item.risk_id:
        found = {"kind": DecisionKind.RISK_ACCEPTANCE, "risk": item.risk_id}
    elif item.use_case is not None:
        found = {"use_case": item.use_case_id}
        gate = GATE_AHEAD.get(item.use_case.stage)
        if gate:
            found.update(kind=DecisionKind.GATE_APPROVAL, gate_stage=gate)
    return {name: value for name, value in found.items() if name not in given}


def _requested_amount(budget_request_id: int) -> Decimal | None:
    return (
        subject_records("budget_request")
        .filter(pk=budget_request_id)
        .values_list("amount_requested", flat=True)
        .first()
    )


@require_POST
@require_permission(Permission.VIEW_GOVERNANCE)
def condition_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    condition = get_object_or_404(
        DecisionCondition.objects.select_related("decision", "owner"), pk=pk
    )
    if not services.can_close_condition(request.user, condition):
        raise PermissionDenied
    close_on_page(
        request,
        partial(services.condition_close, condition=condition, actor=request.user),
        gettext("Condition closed."),
    )
    return back(request, condition.decision.get_absolute_url())
