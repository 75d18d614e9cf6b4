"""Reads of the feedback box for its pages and the API: the items with their support
counts (filtered by kind, status, category or use case), the answered ones ("you said, we
did"), one item, which of a page's items the reader supports, and the answer KPI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, QuerySet

from wandel.core.models import User
from wandel.feedback.box import rules
from wandel.feedback.box.models import (
    FeedbackCategory,
    FeedbackItem,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSupport,
)

# The statuses "you said, we did" shows, with their answers.
ANSWERED_STATUSES = (FeedbackStatus.ANSWERED, FeedbackStatus.PLANNED, FeedbackStatus.DONE)


@dataclass(frozen=True)
class ItemFilter:
    """The list's filters; a value that is no choice is ignored, as on every list."""

    kind: str = ""
    status: str = ""
    category: str = ""
    use_case: int | None = None

    @classmethod
    def of(cls, params: dict[str, str] | object) -> ItemFilter:
        get = getattr(params, "get", lambda key, default="": default)
        use_case = str(get("use_case", "") or "")
        return cls(
            kind=_choice(get("kind", ""), FeedbackKind.values),
            status=_choice(get("status", ""), FeedbackStatus.values),
            category=_choice(get("category", ""), FeedbackCategory.values),
            use_case=int(use_case) if use_case.isdigit() else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.status or self.category or self.use_case)


def _choice(value: object, allowed: Iterable[str]) -> str:
    text = str(value or "")
    return text if text in allowed else ""


def _with_counts(found: QuerySet[FeedbackItem]) -> QuerySet[FeedbackItem]:
    return found.select_related("author", "use_case").annotate(
        support_count=Count("supports", distinct=True)
    )


def items(filters: ItemFilter | None = None) -> QuerySet[FeedbackItem]:
    """Newest first, with their posters (named ones), use cases and support counts."""
    found = FeedbackItem.objects.all()
    if filters is not None:
        if filters.kind:
            found = found.filter(kind=filters.kind)
        if filters.status:
            found = found.filter(status=filters.status)
        if filters.category:
            found = found.filter(category=filters.category)
        if filters.use_case is not None:
            found = found.filter(use_case_id=filters.use_case)
    return _with_counts(found).order_by("-posted_on", "-pk")


def answered() -> QuerySet[FeedbackItem]:
    """ "You said, we did": answered, planned and done items with their answers, most
    recently answered first."""
    found = FeedbackItem.objects.filter(status__in=ANSWERED_STATUSES).exclude(answer="")
    return _with_counts(found).order_by("-first_answered_on", "-pk")


def item_detail(pk: int) -> FeedbackItem:
    return _with_counts(FeedbackItem.objects.select_related("answered_by")).get(pk=pk)


def supported_ids(user: User, shown: Iterable[FeedbackItem]) -> set[int]:
    """Which of ``shown`` the user supports, in one query."""
    ids = [item.pk for item in shown]
    if not ids:
        return set()
    return set(
        FeedbackSupport.objects.filter(user=user, item_id__in=ids).values_list("item_id", flat=True)
    )


def answer_kpi(today: date) -> rules.AnswerKpi:
    """The KPI over the items posted in the window, in one query."""
    since = today - timedelta(days=rules.WINDOW_DAYS)
    rows = FeedbackItem.objects.filter(posted_on__gte=since, posted_on__lte=today).values_list(
        "posted_on", "first_answered_on"
    )
    return rules.answer_kpi((rules.Posted(*row) for row in rows), today=today)
