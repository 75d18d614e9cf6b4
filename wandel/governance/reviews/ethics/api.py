"""Ethics reviews over the API, mounted under /api/v1/governance.

The same services as the pages, so the same rules: the ethics board (REVIEW_ETHICS) starts,
answers and completes reviews and closes their conditions; everyone who sees governance
(VIEW_GOVERNANCE) reads the checklist and the reviews. A request the rules refuse raises the
service's ``ReviewsError`` (or, closing a condition, ``core.tracking``'s refusals); the
shared handler answers with the documented error body (``detail`` and ``errors`` by field),
like every other endpoint.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from wandel.core.api.permissions import require, signed_in
from wandel.core.api.schemas import ClosingIn, ErrorOut, PersonRef, TrackedItemOut
from wandel.core.roles import Permission
from wandel.governance.reviews.errors import UNKNOWN_PERSON, ReviewsError
from wandel.governance.reviews.ethics import checklist
from wandel.governance.reviews.ethics import queries as ethics_queries
from wandel.governance.reviews.ethics import services as ethics_services
from wandel.governance.reviews.ethics.models import (
    EthicsAnswer,
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsCondition,
    EthicsOutcome,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.governance.reviews.ethics.services import AnswerInput
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

router = Router(tags=["governance"])

ANSWERED_TWICE = _("Checklist item %(id)s is answered more than once.")


class ChecklistItemOut(Schema):
    id: int
    text: str
    help: str
    position: int


class AnswerOut(Schema):
    item_id: int
    item: str
    assessment: EthicsAssessment
    note: str

    @staticmethod
    def resolve_item(answer: EthicsAnswer) -> str:
        return answer.item.text


class ConditionOut(TrackedItemOut):
    owner: PersonRef | None


class EthicsReviewOut(Schema):
    id: int
    use_case_id: int
    status: EthicsReviewStatus
    outcome: EthicsOutcome | None
    reasons: str
    started_on: date
    completed_on: date | None
    completed_by: str | None
    answers: list[AnswerOut]
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_outcome(review: EthicsReview) -> str | None:
        return review.outcome or None

    @staticmethod
    def resolve_completed_by(review: EthicsReview) -> str | None:
        return str(review.completed_by) if review.completed_by else None

    @staticmethod
    def resolve_answers(review: EthicsReview) -> list[EthicsAnswer]:
        return list(review.answers.all())

    @staticmethod
    def resolve_conditions(review: EthicsReview) -> list[EthicsCondition]:
        return list(review.conditions.all())


class AnswerIn(Schema):
    item_id: int
    assessment: EthicsAssessment
    note: str = ""


class ConditionIn(Schema):
    text: str
    owner: int | None = None
    due_on: date | None = None


class EthicsReviewIn(Schema):
    """Start a review; answers, reasons and conditions may follow in the same request."""

    answers: list[AnswerIn] = []
    reasons: str = ""
    conditions: list[ConditionIn] = []


class EthicsCompleteIn(Schema):
    """Complete a review. Answers given here are recorded first (others stay as they are)
    and conditions given here are added before the outcome is checked."""

    outcome: EthicsOutcome
    reasons: str
    answers: list[AnswerIn] = []
    conditions: list[ConditionIn] = []


def _review(review_id: int) -> EthicsReview:
    try:
        return ethics_queries.ethics_review_detail(review_id)
    except EthicsReview.DoesNotExist:
        raise Http404 from None


def _answers(given: list[AnswerIn]) -> dict[int, AnswerInput]:
    answers: dict[int, AnswerInput] = {}
    for answer in given:
        if answer.item_id in answers:
            raise ReviewsError(ANSWERED_TWICE % {"id": answer.item_id}, field="answers")
        answers[answer.item_id] = AnswerInput(answer.assessment, answer.note)
    return answers


def _conditions(conditions: list[ConditionIn]) -> list[ethics_services.NewCondition]:
    found = []
    for condition in conditions:
        owner = None
        if condition.owner is not None:
            owner = Person.objects.filter(pk=condition.owner).first()
            if owner is None:
                raise ReviewsError(UNKNOWN_PERSON % {"id": condition.owner}, field="conditions")
        found.append(ethics_services.NewCondition(condition.text, owner, condition.due_on))
    return found


@router.get("/ethics-checklist", response=list[ChecklistItemOut], summary="The ethics checklist")
def ethics_checklist(request: HttpRequest) -> list[EthicsChecklistItem]:
    """The active questions every ethics review answers, in order."""
    require(request, Permission.VIEW_GOVERNANCE)
    return list(checklist.checklist_items())


@router.get(
    "/use-cases/{id:use_case_id}/ethics-reviews",
    response=list[EthicsReviewOut],
    summary="Ethics reviews of a use case",
)
def ethics_review_list(request: HttpRequest, use_case_id: int) -> list[EthicsReview]:
    """Newest first, with answers and conditions."""
    require(request, Permission.VIEW_GOVERNANCE)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    return list(
        EthicsReview.objects.filter(use_case=use_case)
        .select_related("completed_by")
        .prefetch_related("answers__item", "conditions__owner")
        .order_by("-started_on", "-pk")
    )


@router.post(
    "/use-cases/{id:use_case_id}/ethics-reviews",
    response={201: EthicsReviewOut, 400: ErrorOut},
    summary="Start an ethics review",
)
def ethics_review_create(
    request: HttpRequest, use_case_id: int, payload: EthicsReviewIn
) -> Status[Any]:
    """Only one review of a use case can be in progress at a time."""
    require(request, Permission.REVIEW_ETHICS)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    user = signed_in(request)
    review = ethics_services.ethics_review_open(
        use_case=use_case,
        actor=user,
        answers=_answers(payload.answers),
        reasons=payload.reasons,
        add_conditions=_conditions(payload.conditions),
    )
    return Status(201, _review(review.pk))


@router.post(
    "/ethics-reviews/{id:review_id}/complete",
    response={200: EthicsReviewOut, 400: ErrorOut},
    summary="Complete an ethics review",
)
def ethics_review_complete(
    request: HttpRequest, review_id: int, payload: EthicsCompleteIn
) -> Status[Any]:
    """Needs an answer for every active checklist item (a concern with a note), the
    reasons, and at least one condition exactly when the outcome is
    ``approved_with_conditions``. Nothing is saved when it is refused."""
    require(request, Permission.REVIEW_ETHICS)
    review = _review(review_id)
    user = signed_in(request)
    ethics_services.ethics_review_submit(
        review=review,
        answers=_answers(payload.answers),
        reasons=None,
        actor=user,
        add_conditions=_conditions(payload.conditions),
        complete_with=payload.outcome,
        completion_reasons=payload.reasons,
    )
    return Status(200, _review(review.pk))


@router.post(
    "/ethics-conditions/{id:condition_id}/close",
    response={200: ConditionOut, 400: ErrorOut},
    summary="Close a condition of an ethics approval",
)
def ethics_condition_close(
    request: HttpRequest, condition_id: int, payload: ClosingIn
) -> Status[Any]:
    require(request, Permission.REVIEW_ETHICS)
    condition = get_object_or_404(
        EthicsCondition.objects.select_related("review", "owner"), pk=condition_id
    )
    ethics_services.ethics_condition_close(
        condition=condition,
        closing_note=payload.closing_note,
        closed_on=payload.closed_on,
        actor=signed_in(request),
    )
    return Status(200, condition)
