"""Reads of the ethics reviews: what the gate asks, and what pages and the API show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    Prefetch,
    Q,
    QuerySet,
)

from wandel.governance.reviews.ethics.checklist import checklist_items
from wandel.governance.reviews.ethics.models import (
    POSITIVE_OUTCOMES,
    EthicsAnswer,
    EthicsChecklistItem,
    EthicsCondition,
    EthicsReview,
    EthicsReviewStatus,
)
from wandel.portfolio.use_cases.models import UseCase


def ethics_passed(use_case: UseCase) -> bool:
    """The latest completed ethics review approved the use case (with or without conditions)."""
    outcome = (
        EthicsReview.objects.filter(use_case=use_case, status=EthicsReviewStatus.COMPLETED)
        .order_by("-completed_on", "-pk")
        .values_list("outcome", flat=True)
        .first()
    )
    return outcome in POSITIVE_OUTCOMES


def ethics_reviews_of(use_case: UseCase) -> QuerySet[EthicsReview]:
    return (
        EthicsReview.objects.filter(use_case=use_case)
        .select_related("completed_by")
        .annotate(
            open_conditions=Count("conditions", filter=Q(conditions__closed_on__isnull=True)),
        )
        .order_by("-started_on", "-pk")
    )


def ethics_review_detail(pk: int) -> EthicsReview:
    """One review with its answers and conditions; raises EthicsReview.DoesNotExist."""
    return (
        EthicsReview.objects.select_related("use_case__unit", "completed_by")
        .prefetch_related(
            Prefetch("answers", queryset=EthicsAnswer.objects.select_related("item")),
            Prefetch(
                "conditions",
                queryset=EthicsCondition.objects.select_related("owner", "closed_by"),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ChecklistRow:
    item: EthicsChecklistItem
    answer: EthicsAnswer | None


def review_rows(review: EthicsReview) -> list[ChecklistRow]:
    """The items a review answers: for a draft the active checklist, for a completed review
    the items it answered (the checklist may have changed since)."""
    answers = {a.item_id: a for a in review.answers.all()}
    if review.is_draft:
        return [ChecklistRow(item, answers.get(item.pk)) for item in checklist_items()]
    return [ChecklistRow(a.item, a) for a in answers.values()]
