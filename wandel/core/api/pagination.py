"""Page-numbered lists, the same page size everywhere, with a bounded page number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination, paginate

# Far beyond any list Wandel holds, and small enough that the offset never overflows.
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=500)


def paginated(function: Callable[..., Any]) -> Callable[..., Any]:
    """``{"items": […], "count": n}``, ``settings.API_PAGE_SIZE`` items a page."""
    return paginate(Pages, page_size=settings.API_PAGE_SIZE, max_page_size=500)(function)
