"""The feedback box over the REST API, through the pages' services and queries: the items
with the same filters as the page, one item, posting (named or anonymous) and supporting.
Everyone signed in takes part (TAKE_PART)."""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.roles import Permission
from wandel.feedback.box import queries, services
from wandel.feedback.box.models import (
    FeedbackCategory,
    FeedbackItem,
    FeedbackKind,
    FeedbackStatus,
)

router = Router(tags=["feedback"])


class PromotedUseCaseRef(Schema):
    id: int
    title: str


class ItemOut(Schema):
    id: int
    kind: FeedbackKind
    category: FeedbackCategory
    title: str
    text: str
    anonymous: bool
    author: str | None = Field(description="The poster's name; null when anonymous.")
    posted_on: date
    status: FeedbackStatus
    answer: str = Field(description="The programme team's public answer; empty until given.")
    first_answered_on: date | None
    use_case: PromotedUseCaseRef | None = Field(description="The use case an idea became.")
    supporters: int

    @staticmethod
    def resolve_author(item: FeedbackItem) -> str | None:
        return None if item.anonymous or item.author is None else str(item.author)

    @staticmethod
    def resolve_supporters(item: FeedbackItem) -> int:
        return getattr(item, "support_count", 0)


class ItemDetailOut(ItemOut):
    supported: bool = Field(description="Whether the caller supports it.")


class ItemIn(Schema):
    kind: FeedbackKind
    category: FeedbackCategory = FeedbackCategory.OTHER
    title: Annotated[str, StringConstraints(max_length=200)]
    text: str
    anonymous: bool = Field(False, description="Store no author and no time finer than the day.")


class FeedbackSupportOut(Schema):
    supporters: int
    supported: bool


def _detail(request: HttpRequest, feedback_id: int) -> FeedbackItem:
    try:
        item = queries.item_detail(feedback_id)
    except FeedbackItem.DoesNotExist:
        raise Http404 from None
    item.supported = bool(queries.supported_ids(request.user, [item]))  # type: ignore[arg-type, attr-defined]
    return item


@router.get("/items", response=list[ItemOut], summary="List feedback, questions and ideas")
@paginated
def item_list(
    request: HttpRequest,
    kind: FeedbackKind | None = None,
    status: FeedbackStatus | None = None,
    category: FeedbackCategory | None = None,
) -> QuerySet[FeedbackItem]:
    """Newest first, with their public answers; the same filters as the page."""
    require(request, Permission.TAKE_PART)
    filters = queries.ItemFilter(kind=kind or "", status=status or "", category=category or "")
    return queries.items(filters)


@router.get("/items/{id:feedback_id}", response=ItemDetailOut, summary="One item")
def item_get(request: HttpRequest, feedback_id: int) -> FeedbackItem:
    require(request, Permission.TAKE_PART)
    return _detail(request, feedback_id)


@router.post(
    "/items", response={201: ItemDetailOut}, summary="Post feedback, a question or an idea"
)
def item_create(request: HttpRequest, payload: ItemIn) -> Status[Any]:
    user = require(request, Permission.TAKE_PART)
    item = services.item_post(actor=user, **payload.dict())
    return Status(201, _detail(request, item.pk))


@router.post(
    "/items/{id:feedback_id}/support", response=FeedbackSupportOut, summary="Support an item (+1)"
)
def item_support(request: HttpRequest, feedback_id: int) -> FeedbackSupportOut:
    """One support per person; supporting again changes nothing. One's own named post
    cannot be supported (409)."""
    user = require(request, Permission.TAKE_PART)
    item = get_object_or_404(FeedbackItem, pk=feedback_id)
    services.item_support(item=item, actor=user)
    return FeedbackSupportOut(supporters=item.supports.count(), supported=True)


@router.delete(
    "/items/{id:feedback_id}/support", response=FeedbackSupportOut, summary="Withdraw support"
)
def item_unsupport(request: HttpRequest, feedback_id: int) -> FeedbackSupportOut:
    user = require(request, Permission.TAKE_PART)
    item = get_object_or_404(FeedbackItem, pk=feedback_id)
    services.item_unsupport(item=item, actor=user)
    return FeedbackSupportOut(supporters=item.supports.count(), supported=False)
