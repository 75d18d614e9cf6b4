"""Which meeting: the steering committee's next one, the one a decision is most likely
recorded for, and a meeting's agenda as the pages show it."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import OuterRef
from django.utils import timezone

from wandel.core.queries import Listing, count_of, first_rows
from wandel.governance.decisions.models import (
    AgendaItem,
    BodyKind,
    Decision,
    Meeting,
    MeetingStatus,
)


def next_steering_meeting() -> Meeting | None:
    return (
        Meeting.objects.select_related("body")
        .filter(
            body__kind=BodyKind.STEERING_COMMITTEE,
            status=MeetingStatus.PLANNED,
            held_on__gte=timezone.localdate(),
        )
        .order_by("held_on", "pk")
        .first()
    )


# A planned meeting held this long ago still takes its decisions: minutes are often written
# in the days after.
STILL_RECORDING = timedelta(days=14)


def meeting_for_decisions(body_id: int) -> Meeting | None:
    """The meeting a decision of the body is most likely recorded for: its earliest planned
    meeting that is not over two weeks past (today's, one just held, or the next)."""
    return (
        Meeting.objects.filter(
            body_id=body_id,
            status=MeetingStatus.PLANNED,
            held_on__gte=timezone.localdate() - STILL_RECORDING,
        )
        .order_by("held_on", "pk")
        .first()
    )


def agenda_of(meeting: Meeting, *, limit: int) -> tuple[list[AgendaItem], int]:
    """The first ``limit`` items of ``meeting``'s agenda in order, and how many it has."""
    # Decisions counted per item shown (a subquery after the limit), not grouped over the
    # whole agenda before it: an agenda built from every open request is thousands long.
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("use_case", "budget_request", "risk")
        .annotate(
            decision_count=count_of(
                Decision.objects.filter(agenda_item=OuterRef("pk")), "agenda_item"
            )
        )
        .order_by("position", "pk")
    )
    first: Listing[AgendaItem] = first_rows(items, limit)
    return first.rows, first.total
