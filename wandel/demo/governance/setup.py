"""The first step of the governance demo, before the portfolio: the two bodies, their members
over the past year, and their meetings a year back and one ahead."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.core.roles import Role
from wandel.demo.base import DemoRun
from wandel.demo.governance.board import login_emails, meeting_dates
from wandel.demo.governance.specs import ETHICS_BOARD, STEERING, bodies, wording
from wandel.demo.org.accounts import ADMIN, ETHICS, STEERCO
from wandel.governance.decisions.meetings import (
    agenda_item_add,
    body_create,
    meeting_create,
    membership_add,
    membership_end,
)
from wandel.governance.decisions.models import Body, BodyKind, BodyRole
from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults
from wandel.org.models import Person, RoleAssignment

# The steering committee meets on the second Thursday of every month, the ethics board on
# the first Tuesday of every second month; a year back, and the next meeting ahead.
STEERING_MEETINGS = 11
ETHICS_MEETINGS = 6
KINDS = {STEERING: BodyKind.STEERING_COMMITTEE, ETHICS_BOARD: BodyKind.ETHICS_BOARD}


def setup_governance(run: DemoRun) -> None:
    """The two bodies with their members over the past year and their meetings."""
    run.say("Setting up the AI steering committee and the ethics board …\n")
    checklist_ensure_defaults()
    content = bodies()
    specs = {STEERING: content.steering, ETHICS_BOARD: content.ethics}
    users = {u.email: u for u in User.objects.filter(email__in=login_emails())}
    admin = users[ADMIN]
    created = {
        key: body_create(actor=admin, name=spec.name, kind=KINDS[key], description=spec.description)
        for key, spec in specs.items()
    }
    _members(created, users, admin)
    today = timezone.localdate()
    schedules = {
        STEERING: meeting_dates(today, weekday=3, nth=2, every=1, past=STEERING_MEETINGS),
        ETHICS_BOARD: meeting_dates(today, weekday=1, nth=1, every=2, past=ETHICS_MEETINGS),
    }
    chairs = {STEERING: users[STEERCO], ETHICS_BOARD: users[ETHICS]}
    words = wording()
    for key, (past, upcoming) in schedules.items():
        spec = specs[key]
        for day in [*past, upcoming]:
            meeting = meeting_create(
                actor=chairs[key],
                body=created[key],
                held_on=day,
                title=words.meeting_title.format(
                    body=spec.name, month=words.months[day.month - 1], year=day.year
                ),
                location=spec.location,
            )
            agenda_item_add(meeting=meeting, actor=chairs[key], title=spec.report_item)


def _members(created: dict[str, Body], users: dict[str, User], admin: User) -> None:
    """Role holders sit in their body from the day they got the role; guests join them."""
    today = timezone.localdate()
    seats: list[tuple[str, Person, str, date, date | None]] = []
    assignments = (
        RoleAssignment.objects.filter(
            role__in=(Role.STEERING_COMMITTEE, Role.ETHICS_BOARD, Role.PRODUCT_OWNER)
        )
        .select_related("person")
        .order_by("assigned_on", "pk")
    )
    chairs = {STEERCO, ETHICS}
    for assignment in assignments:
        if assignment.role == Role.PRODUCT_OWNER:
            # A product owner whose role ended sat in the steering committee as a guest.
            if assignment.ended_on is None:
                continue
            key, role = STEERING, BodyRole.GUEST
        else:
            key = STEERING if assignment.role == Role.STEERING_COMMITTEE else ETHICS_BOARD
            role = BodyRole.CHAIR if assignment.person.email in chairs else BodyRole.MEMBER
        seats.append((key, assignment.person, role, assignment.assigned_on, assignment.ended_on))
    for guest in bodies().guests:
        ended = (
            today - timedelta(days=guest.ended_days_ago)
            if guest.ended_days_ago is not None
            else None
        )
        started = today - timedelta(days=guest.days_ago)
        seats.append((guest.body, users[guest.email].person, guest.role, started, ended))
    for key, person, seat_role, started, ended in sorted(seats, key=lambda seat: seat[3]):
        membership = membership_add(
            body=created[key],
            person=person,
            role_in_body=seat_role,
            actor=admin,
            started_on=started,
        )
        if ended is not None:
            membership_end(membership=membership, actor=admin, ended_on=ended)
