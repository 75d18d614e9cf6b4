"""Schemas every app's API shares: the error body, references to people, identifiers, and
tracked items with the body that closes one."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from ninja import Field, Schema

from wandel.core.tracking import TrackedItem, TrackedStatus

# The largest primary key either database stores (a signed 64-bit integer). A larger number
# in a path, a query or a body is refused as invalid input, never passed to the database.
MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# The default of a PATCH field whose column cannot be empty: leaving the field out keeps the
# value, and ``null`` is refused as invalid input (the document does not call it nullable).
# Annotate such fields with their plain type (``name: str = UNCHANGED``) and read the body
# with ``model_dump(exclude_unset=True)``; fields that may be cleared stay ``X | None``.
UNCHANGED: Any = None


class ErrorOut(Schema):
    """Every refusal: a message for people, and messages by field where they concern one."""

    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class PersonRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(person: Any) -> str:
        return str(getattr(person, "full_name", None) or person)


class TrackedItemOut(Schema):
    """A tracked item (``core.tracking``); each API adds the item's owner and its parent."""

    id: int
    text: str
    status: TrackedStatus
    due_on: date | None
    overdue: bool
    closed_on: date | None
    closing_note: str
    closed_by: str | None

    @staticmethod
    def resolve_overdue(item: TrackedItem) -> bool:
        return item.is_overdue

    @staticmethod
    def resolve_closed_by(item: TrackedItem) -> str | None:
        return str(item.closed_by) if item.closed_by else None


class ClosingIn(Schema):
    """Closing a tracked item: how it was done, and when (today if left out)."""

    closing_note: str
    closed_on: date | None = None
