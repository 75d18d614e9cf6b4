"""What the demo's meetings record once the decisions are taken: the ethics board's reviews
on its agendas, the minutes and attendance of every meeting held, and the agenda of the
steering committee's next meeting."""

from __future__ import annotations

from django.utils import translation

from wandel.demo.governance.board import Board
from wandel.demo.governance.specs import ETHICS_BOARD, STEERING, Wording, bodies, wording
from wandel.demo.org.accounts import ETHICS, STEERCO
from wandel.governance.decisions.meetings import (
    agenda_build,
    agenda_item_add,
    meeting_minutes_record,
)
from wandel.governance.decisions.models import (
    AgendaKind,
    AgendaTopic,
    BodyMembership,
    BodyRole,
    DecisionOutcome,
    Meeting,
)
from wandel.governance.reviews.ethics.models import EthicsReview


def ethics_agenda(board: Board) -> None:
    """The ethics board discussed each review in a meeting while it ran, or took note of
    it in the next one; reviews in progress are on the agenda of its next meeting."""
    reviews = EthicsReview.objects.select_related("use_case").order_by("started_on", "pk")
    chair = board.users[ETHICS]
    for review in reviews:
        if review.completed_on is None:
            meeting = board.upcoming.get(ETHICS_BOARD)
        else:
            meeting = board.meeting_before(ETHICS_BOARD, review.completed_on)
            if meeting is None or meeting.held_on < review.started_on:
                meeting = board.meeting_after(ETHICS_BOARD, review.completed_on)
        if meeting is None:
            continue
        agenda_item_add(
            meeting=meeting,
            actor=chair,
            title=review.use_case.title,
            topic=AgendaTopic.ETHICS_REVIEW,
            kind=AgendaKind.REVIEW,
            use_case=review.use_case,
            ethics_review=review,
        )


def minutes(board: Board) -> None:
    """Minutes and attendance of every meeting held: one line per agenda item and the
    decisions taken on it."""
    content = bodies()
    reports = {
        STEERING: content.steering.report_minutes,
        ETHICS_BOARD: content.ethics.report_minutes,
    }
    chairs = {STEERING: board.users[STEERCO], ETHICS_BOARD: board.users[ETHICS]}
    words = wording()
    for key, meetings in board.past.items():
        memberships = list(
            BodyMembership.objects.filter(body=board.bodies[key])
            .select_related("person")
            .order_by("started_on", "pk")
        )
        for number, meeting in enumerate(meetings):
            present = [
                m
                for m in memberships
                if m.started_on <= meeting.held_on
                and (m.ended_on is None or m.ended_on > meeting.held_on)
            ]
            # Now and then one of the members sends apologies.
            others = [m for m in present if m.role_in_body != BodyRole.CHAIR]
            if others and number % 3 == 1:
                present.remove(others[number % len(others)])
            meeting_minutes_record(
                meeting=meeting,
                actor=chairs[key],
                minutes=_minutes_text(meeting, reports[key], words),
                attendees=[m.person for m in present],
            )


def _minutes_text(meeting: Meeting, report: str, words: Wording) -> str:
    date = f"{meeting.held_on:%d.%m.%Y}"
    lines = [
        words.minutes_opening.format(title=meeting.title, date=date, location=meeting.location)
    ]
    items = meeting.agenda_items.prefetch_related("decisions").order_by("position", "pk")
    for number, item in enumerate(items, start=1):
        lines.append("")
        lines.append(words.minutes_item.format(number=number, title=item.title))
        decisions = list(item.decisions.order_by("pk"))
        if not decisions:
            lines.append(report if number == 1 else words.minutes_noted)
        for decision in decisions:
            outcome = words.outcomes[DecisionOutcome(decision.outcome)]
            lines.append(
                words.minutes_decision.format(
                    number=decision.pk, outcome=outcome, text=decision.text
                )
            )
    return "\n".join(lines)


def next_meetings(board: Board) -> None:
    """The chair builds the agenda of the next steering-committee meeting from everything
    that waits for a decision."""
    meeting = board.upcoming.get(STEERING)
    if meeting is not None:
        with translation.override("de"):
            agenda_build(meeting=meeting, actor=board.users[STEERCO])
