"""Pages of the EU AI Act classification: the overview, a use case's classification with its
obligations, confirming an obligation, and the questionnaire in use.

Reading needs VIEW_GOVERNANCE; classifying and confirming need CLASSIFY_AI_ACT (product
owners and data protection hold it); a re-classification that awaits confirmation is decided
by the data-protection officer; the questionnaire page is for CONFIGURE_GOVERNANCE.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, NotPermitted
from wandel.core.evidence import evidence_for
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.ai_act import queries
from wandel.governance.ai_act.forms import ClassificationForm, ConfirmationForm, answer_name
from wandel.governance.ai_act.loader import active_path, load_questionnaire, override_path
from wandel.governance.ai_act.models import IN_FORCE, Classification
from wandel.governance.ai_act.questionnaire import SHIPPED as SHIPPED_QUESTIONNAIRE
from wandel.governance.ai_act.questionnaire import Questionnaire, QuestionnaireError
from wandel.governance.ai_act.services import (
    AiActError,
    classification_record,
    is_data_protection_officer,
)
from wandel.governance.ai_act.services import (
    classification_decide as classification_decide_service,
)
from wandel.governance.ai_act.services import (
    obligation_confirm as obligation_confirm_service,
)
from wandel.governance.facts import RiskClass
from wandel.portfolio.use_cases.models import UseCase

AWAITS_CONFIRMATION = gettext_lazy(
    "The new classification would remove something the gates ask for, so it awaits the "
    "data-protection officer's confirmation; until then the previous classification stays "
    "in force."
)


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def ai_act_overview(request: AuthenticatedRequest) -> HttpResponse:
    filters = queries.OverviewFilters.from_query(request.GET)
    page = page_of(queries.overview(filters), request)
    context = {
        "page": page,
        "rows": queries.overview_rows(page),
        "filters": filters,
        "classes": [*RiskClass.choices, (queries.UNCLASSIFIED, gettext("Not classified"))],
        "counts": queries.class_counts(),
    }
    template = "governance/ai_act/overview.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_GOVERNANCE)
def classification(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The classification of one use case; classifiers answer the questionnaire here."""
    use_case = _use_case(pk)
    if request.method == "POST" and not request.user.has_perm(Permission.CLASSIFY_AI_ACT):
        raise PermissionDenied
    questionnaire, error = _questionnaire()
    if request.method == "POST" and questionnaire is None:
        return _page(request, use_case, questionnaire, error, status=503)
    history = queries.classification_history(use_case)
    form = None
    if questionnaire is not None and request.user.has_perm(Permission.CLASSIFY_AI_ACT):
        current = _in_force(history)
        form = ClassificationForm(
            request.POST or None, questionnaire=questionnaire, current=current
        )
        if request.method == "POST" and request.htmx and request.POST.get("preview"):
            return render(
                request,
                "governance/ai_act/classification.html#progress",
                _progress(form, questionnaire),
            )
        if request.method == "POST" and form.is_valid():
            try:
                recorded = classification_record(
                    use_case=use_case,
                    answers=form.answers(),
                    rationales=form.rationales(),
                    actor=request.user,
                    questionnaire=questionnaire,
                )
            except AiActError as refused:
                _add_errors(form, refused)
            except DomainError as refused:
                form.add_error(None, str(refused.message))
            else:
                messages.success(request, gettext("Classification saved."))
                if recorded.pending:
                    messages.warning(request, str(AWAITS_CONFIRMATION))
                return HttpResponseRedirect(
                    reverse("governance:classification", args=[use_case.pk]) + "#result"
                )
    status = 400 if form is not None and form.errors else 200
    return _page(request, use_case, questionnaire, error, history=history, form=form, status=status)


@require_POST
@require_permission(Permission.CLASSIFY_AI_ACT)
def obligation_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirm one obligation of a classification (pk) with evidence."""
    classification = get_object_or_404(Classification.objects.select_related("use_case"), pk=pk)
    form = ConfirmationForm(request.POST)
    if form.is_valid():
        obligation_id = form.cleaned_data["obligation"]
        try:
            obligation_confirm_service(
                classification=classification,
                obligation_id=obligation_id,
                evidence=form.cleaned_data["evidence"],
                confirmed_on=form.cleaned_data["confirmed_on"],
                actor=request.user,
            )
        except AiActError as refused:
            form.add_error(None, str(refused.message))
        else:
            messages.success(request, gettext("Obligation confirmed."))
            url = reverse("governance:classification", args=[classification.use_case_id])
            return HttpResponseRedirect(f"{url}#obligation-{obligation_id}")
    use_case = _use_case(classification.use_case_id)
    questionnaire, error = _questionnaire()
    return _page(request, use_case, questionnaire, error, failed=form, status=400)


@require_POST
@require_permission(Permission.RUN_DPIA)
def classification_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The data-protection officer confirms or rejects a re-classification (pk) that awaits it."""
    classification = get_object_or_404(Classification, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        return HttpResponseBadRequest(gettext("Choose confirm or reject."))
    try:
        classification_decide_service(
            classification=classification,
            confirm=decision == "confirm",
            actor=request.user,
            note=request.POST.get("note", "")[:1000],
        )
    except NotPermitted:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Classification confirmed.")
            if decision == "confirm"
            else gettext("Classification rejected."),
        )
    url = reverse("governance:classification", args=[classification.use_case_id])
    return HttpResponseRedirect(f"{url}#result")


@require_GET
@require_permission(Permission.CONFIGURE_GOVERNANCE)
def questionnaire(request: AuthenticatedRequest) -> HttpResponse:
    loaded, error = _questionnaire()
    override = override_path()
    context: dict[str, Any] = {
        "questionnaire": loaded,
        "error": error,
        "active_path": active_path(),
        "override_path": override,
        "shipped_path": SHIPPED_QUESTIONNAIRE,
        "replaced": override.exists(),
    }
    if loaded is not None:
        context["sections"] = _by_section(loaded, loaded.questions_by_id)
        context["conditions"] = [(name, _json(c)) for name, c in loaded.conditions.items()]
        context["risk_classes"] = [
            (RiskClass(name).label, _json(c)) for name, c in loaded.risk_classes.items()
        ]
        context["obligations"] = [
            {
                "obligation": o,
                "when": _json(o.when),
                "dates": [
                    (rule.date, _json(rule.when) if rule.when else "") for rule in o.applies_from
                ],
            }
            for o in loaded.obligations
        ]
    return render(request, "governance/ai_act/questionnaire.html", context)


def _use_case(pk: int) -> UseCase:
    try:
        return UseCase.objects.select_related("unit", "product_owner").get(pk=pk)
    except UseCase.DoesNotExist:
        raise Http404 from None


def _in_force(history: list[Classification]) -> Classification | None:
    """The current classification: the newest one in force (``history`` is newest first)."""
    return next((c for c in history if c.status in IN_FORCE), None)


def _questionnaire() -> tuple[Questionnaire | None, QuestionnaireError | None]:
    try:
        return load_questionnaire(), None
    except QuestionnaireError as error:
        return None, error


def _page(
    request: AuthenticatedRequest,
    use_case: UseCase,
    questionnaire: Questionnaire | None,
    error: QuestionnaireError | None,
    *,
    history: list[Classification] | None = None,
    form: ClassificationForm | None = None,
    failed: ConfirmationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if history is None:
        history = queries.classification_history(use_case)
    user = request.user
    can_classify = user.has_perm(Permission.CLASSIFY_AI_ACT)
    current = _in_force(history)
    pending = next((c for c in history if c.pending), None)
    if form is None and questionnaire is not None and can_classify:
        form = ClassificationForm(questionnaire=questionnaire, current=current)
    view = queries.classification_view(current, questionnaire) if current else None
    failed_id = failed.data.get("obligation") if failed is not None else None
    obligation_rows = []
    if view is not None:
        evidence = evidence_for(row.id for row in view.obligations)
        for row in view.obligations:
            kept = evidence.get(row.id, [])
            confirm = None
            if can_classify and not row.confirmed:
                confirm = (
                    failed
                    if failed is not None and failed_id == row.id
                    else ConfirmationForm(
                        auto_id=f"confirm-{row.id}-%s",
                        initial={
                            "obligation": row.id,
                            "evidence": "\n".join(item.text for item in kept),
                        },
                    )
                )
            obligation_rows.append((row, confirm, kept))
    # A refused confirmation shows its errors at its obligation, or above the list when
    # that obligation is not open any more (e.g. the classification was replaced).
    attached = any(confirm is failed for _, confirm, _ in obligation_rows)
    context: dict[str, Any] = {
        "use_case": use_case,
        "questionnaire": questionnaire,
        "questionnaire_error": error,
        "view": view,
        "obligation_rows": obligation_rows,
        "open_count": len(view.open_obligations) if view else 0,
        "failed_elsewhere": None if attached else failed,
        "older": [c for c in history if c is not current and c is not pending],
        "pending": queries.classification_view(pending, questionnaire) if pending else None,
        "pending_dropped": _dropped(current, pending),
        "can_decide": is_data_protection_officer(user),
        "form": form,
        "sections": (
            _by_section(questionnaire, {row[0].id: row for row in form.rows()})
            if form and questionnaire
            else []
        ),
        "can_classify": can_classify,
        "can_configure": user.has_perm(Permission.CONFIGURE_GOVERNANCE),
    }
    return render(request, "governance/ai_act/classification.html", context, status=status)


def _dropped(current: Classification | None, pending: Classification | None) -> list[str]:
    """The obligations of the current classification the pending one would drop."""
    if current is None or pending is None:
        return []
    return [o for o in current.obligations if o not in pending.obligations]


def _by_section(questionnaire: Questionnaire, items: Mapping[str, Any]) -> list[tuple[Any, list]]:
    """``items`` (one per question id) grouped by the sections of the questionnaire."""
    return [
        (section, [items[q.id] for q in questionnaire.questions if q.section == section.id])
        for section in questionnaire.sections
    ]


def _progress(form: ClassificationForm, questionnaire: Questionnaire) -> dict[str, Any]:
    """What the step-by-step form shows: the questions asked so far up to the first one
    still open, and the result the answers lead to."""
    outcome = form.preview()
    shown: list[str] = []
    for question in outcome.asked:
        shown.append(question.id)
        if question.id in outcome.problems:
            break
    sections_shown = {q.section for q in questionnaire.questions if q.id in shown}
    return {
        "progress": outcome,
        "hidden": [q.id for q in questionnaire.questions if q.id not in shown],
        "hidden_sections": [s.id for s in questionnaire.sections if s.id not in sections_shown],
        "open_questions": len(outcome.problems),
    }


def _add_errors(form: ClassificationForm, refused: AiActError) -> None:
    for question_id, problems in refused.errors.items():
        question = form.questionnaire.question(question_id)
        for problem in problems:
            form.add_error(answer_name(question) if question else None, problem)
    if not refused.errors:
        form.add_error(None, str(refused.message))


def _json(condition: Any) -> str:
    return json.dumps(condition, ensure_ascii=False)
