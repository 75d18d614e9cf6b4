"""The EU AI Act classification over the API, mounted under /api/v1/governance.

The same services as the pages, so the same rules: reading needs VIEW_GOVERNANCE,
classifying and confirming obligations CLASSIFY_AI_ACT, confirming or rejecting a
re-classification that awaits it the data-protection officer. Texts come in the language of the
request (``Accept-Language``). A request the rules refuse answers 400 with
``{"detail": …}`` (and ``"errors"`` by question id for an incomplete classification); when
the questionnaire file cannot be loaded, classifying and reading the questionnaire answer
503 with the problems in ``detail``.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import date, datetime
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require, signed_in
from wandel.core.api.schemas import ErrorOut
from wandel.core.roles import Permission
from wandel.governance.ai_act import queries
from wandel.governance.ai_act.loader import load_questionnaire
from wandel.governance.ai_act.models import (
    Classification,
    ClassificationStatus,
    ObligationConfirmation,
)
from wandel.governance.ai_act.questionnaire import Questionnaire, QuestionnaireError, Text
from wandel.governance.ai_act.services import (
    classification_decide,
    classification_record,
    obligation_confirm,
)
from wandel.governance.facts import RiskClass
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])


class AiActOptionOut(Schema):
    id: str
    label: str
    help: str
    facts: list[str]
    exclusive: bool


class AiActSectionOut(Schema):
    id: str
    title: str
    intro: str


class AiActQuestionOut(Schema):
    id: str
    section: str
    kind: str
    text: str
    help: str
    reference: str
    required: bool
    ask_if: Any = None
    ask_if_note: str
    options: list[AiActOptionOut]


class AiActDateRuleOut(Schema):
    date: date
    when: Any = None


class AiActObligationOut(Schema):
    id: str
    title: str
    text: str
    reference: str
    note: str
    when: Any
    applies_from: list[AiActDateRuleOut]


class QuestionnaireOut(Schema):
    version: str
    date: date
    title: str
    source: str
    replaced: bool
    sections: list[AiActSectionOut]
    questions: list[AiActQuestionOut]
    conditions: dict[str, Any]
    risk_classes: dict[str, Any]
    obligations: list[AiActObligationOut]


class ObligationStatusOut(Schema):
    id: str
    title: str
    reference: str
    applies_from: date | None
    in_force: bool
    confirmed: bool
    confirmed_by: str | None
    confirmed_on: date | None
    evidence: str


class ClassificationOut(Schema):
    id: int
    use_case_id: int
    use_case_title: str
    current: bool
    questionnaire_version: str
    risk_class: RiskClass
    employee_impact: bool
    answers: dict[str, str | list[str]]
    rationales: dict[str, str]
    obligations: list[ObligationStatusOut]
    classified_by: str | None
    classified_at: datetime
    status: ClassificationStatus
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_use_case_title(classification: Classification) -> str:
        return classification.use_case.title

    @staticmethod
    def resolve_current(classification: Classification) -> bool:
        return getattr(classification, "current_pk", None) == classification.pk

    @staticmethod
    def resolve_classified_by(classification: Classification) -> str | None:
        by = classification.classified_by
        return str(by) if by else None

    @staticmethod
    def resolve_decided_by(classification: Classification) -> str | None:
        by = classification.decided_by
        return str(by) if by else None

    @staticmethod
    def resolve_obligations(classification: Classification) -> list[dict[str, Any]]:
        view = queries.classification_view(classification, _loaded())
        return [
            {
                "id": row.id,
                "title": str(row.title),
                "reference": row.reference,
                "applies_from": row.applies_from,
                "in_force": row.in_force,
                "confirmed": row.confirmed,
                "confirmed_by": (
                    str(row.confirmation.confirmed_by)
                    if row.confirmation and row.confirmation.confirmed_by
                    else None
                ),
                "confirmed_on": row.confirmation.confirmed_on if row.confirmation else None,
                "evidence": row.confirmation.evidence if row.confirmation else "",
            }
            for row in view.obligations
        ]


class ClassificationIn(Schema):
    """``answers`` maps question ids to an answer id (a list for questions with several
    answers); ``rationales`` gives a short reason for every answered question."""

    use_case: int
    answers: dict[str, str | list[str]]
    rationales: dict[str, str]


class ClassificationDecisionIn(Schema):
    confirm: bool
    note: str = ""


class ConfirmationIn(Schema):
    obligation_id: str
    evidence: str
    confirmed_on: date | None = None


class ConfirmationOut(Schema):
    classification_id: int
    obligation_id: str
    confirmed_by: str | None
    confirmed_on: date
    evidence: str

    @staticmethod
    def resolve_confirmed_by(confirmation: ObligationConfirmation) -> str | None:
        by = confirmation.confirmed_by
        return str(by) if by else None


def _loaded() -> Questionnaire | None:
    try:
        return load_questionnaire()
    except QuestionnaireError:
        return None


def _text(text: Text | None) -> str:
    return str(text) if text is not None else ""


def _questionnaire_out(questionnaire: Questionnaire) -> dict[str, Any]:
    return {
        "version": questionnaire.version,
        "date": questionnaire.date,
        "title": str(questionnaire.title),
        "source": str(questionnaire.source),
        "replaced": questionnaire.replaced,
        "sections": [
            {"id": s.id, "title": str(s.title), "intro": _text(s.intro)}
            for s in questionnaire.sections
        ],
        "questions": [
            {
                "id": q.id,
                "section": q.section,
                "kind": q.kind,
                "text": str(q.text),
                "help": _text(q.help),
                "reference": q.reference,
                "required": q.required,
                "ask_if": q.ask_if,
                "ask_if_note": _text(q.ask_if_note),
                "options": [
                    {
                        "id": o.id,
                        "label": str(o.label),
                        "help": _text(o.help),
                        "facts": sorted(o.facts),
                        "exclusive": o.exclusive,
                    }
                    for o in q.options
                ],
            }
            for q in questionnaire.questions
        ],
        "conditions": dict(questionnaire.conditions),
        "risk_classes": dict(questionnaire.risk_classes),
        "obligations": [
            {
                "id": o.id,
                "title": str(o.title),
                "text": str(o.text),
                "reference": o.reference,
                "note": _text(o.note),
                "when": o.when,
                "applies_from": [{"date": r.date, "when": r.when} for r in o.applies_from],
            }
            for o in questionnaire.obligations
        ],
    }


@router.get(
    "/ai-act/questionnaire",
    response={200: QuestionnaireOut, 503: ErrorOut},
    summary="The EU AI Act questionnaire in use",
)
def questionnaire_detail(request: HttpRequest) -> Status[Any]:
    """Questions with their branching (``ask_if``), the facts each answer sets, the
    conditions of the risk classes, and the obligations with the dates they apply from."""
    require(request, Permission.VIEW_GOVERNANCE)
    return Status(200, _questionnaire_out(load_questionnaire()))


@router.get(
    "/ai-act/classifications",
    response=list[ClassificationOut],
    summary="EU AI Act classifications",
)
@paginated
def classification_list(
    request: HttpRequest, use_case: int | None = None, current: bool = False
) -> QuerySet[Classification]:
    """Newest first, the history included; ``current=true`` gives only the classification
    in force for each use case, ``use_case`` those of one use case."""
    require(request, Permission.VIEW_GOVERNANCE)
    result = queries.classifications(use_case_id=use_case)
    if current:
        result = result.filter(Q(current_pk=F("pk")))
    return result


@router.post(
    "/ai-act/classifications",
    response={201: ClassificationOut, 400: ErrorOut, 503: ErrorOut},
    summary="Classify a use case under the EU AI Act",
)
def classification_create(request: HttpRequest, payload: ClassificationIn) -> Status[Any]:
    """Answers with the new classification: its risk class and its obligations. Once the use
    case is approved, a classification by anyone but the data-protection officer that would
    remove a gate need (a lower risk class, no employee impact any more, fewer obligations)
    is stored with ``status`` ``pending`` and ``current`` false: the previous classification
    stays in force until the DPO confirms or rejects it (``…/{classification_id}/decision``).
    While one is pending, classifying the use case again answers 409."""
    require(request, Permission.CLASSIFY_AI_ACT)
    use_case = get_object_or_404(UseCase, pk=payload.use_case)
    classification = classification_record(
        use_case=use_case,
        answers=payload.answers,
        rationales=payload.rationales,
        actor=signed_in(request),
        questionnaire=load_questionnaire(),
    )
    return Status(201, queries.classifications().get(pk=classification.pk))


@router.post(
    "/ai-act/classifications/{id:classification_id}/confirmations",
    response={201: ConfirmationOut, 400: ErrorOut},
    summary="Confirm an obligation of a classification",
)
def confirmation_create(
    request: HttpRequest, classification_id: int, payload: ConfirmationIn
) -> Status[Any]:
    """Evidence that one obligation is met; only for the current classification of a use
    case, and once per obligation."""
    require(request, Permission.CLASSIFY_AI_ACT)
    classification = get_object_or_404(
        Classification.objects.select_related("use_case"), pk=classification_id
    )
    confirmation = obligation_confirm(
        classification=classification,
        obligation_id=payload.obligation_id,
        evidence=payload.evidence,
        confirmed_on=payload.confirmed_on,
        actor=signed_in(request),
    )
    return Status(201, confirmation)


@router.post(
    "/ai-act/classifications/{id:classification_id}/decision",
    response=ClassificationOut,
    summary="Confirm or reject a re-classification",
)
def classification_decision(
    request: HttpRequest, classification_id: int, payload: ClassificationDecisionIn
) -> Classification:
    """The data-protection officer's answer to a re-classification that awaits it. Confirmed,
    it becomes the current classification; rejected, the previous one stays in force. Only
    a holder of the data-protection role decides (a programme admin cannot: 403); 409 when
    decided already."""
    user = require(request, Permission.RUN_DPIA)
    classification = get_object_or_404(
        Classification.objects.select_related("use_case"), pk=classification_id
    )
    classification_decide(
        classification=classification, confirm=payload.confirm, actor=user, note=payload.note
    )
    return queries.classifications().get(pk=classification.pk)
