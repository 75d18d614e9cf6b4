"""Writes of bodies, their memberships, meetings, minutes and agendas.

One function per user action, each its own transaction with its audit event holding the
changed fields before and after (see ``services`` for the decision register).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.models import User
from wandel.governance.decisions.models import (
    AgendaItem,
    AgendaKind,
    AgendaTopic,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionAction,
    Meeting,
    MeetingStatus,
)
from wandel.governance.decisions.queries import open_requests
from wandel.governance.decisions.services import DecisionError
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

if TYPE_CHECKING:
    from wandel.governance.budgets.models import BudgetRequest
    from wandel.governance.risks.models import Risk

__all__ = [
    "ALREADY_MEMBER",
    "ATTENDEE_NOT_IN_BODY",
    "ENDS_BEFORE_START",
    "HELD_IN_FUTURE",
    "ITEM_HAS_DECISIONS",
    "MEETING_IS_HELD",
    "MEMBERSHIP_ENDED",
    "NOT_A_STEERING_MEETING",
    "TITLE_REQUIRED",
    "agenda_build",
    "agenda_item_add",
    "agenda_item_remove",
    "body_create",
    "body_update",
    "meeting_create",
    "meeting_minutes_record",
    "meeting_update",
    "membership_add",
    "membership_end",
]

ALREADY_MEMBER = _("%(person)s already sits in %(body)s; end that membership first.")
MEMBERSHIP_ENDED = _("This membership has already ended.")
ENDS_BEFORE_START = _("A membership cannot end before it started (%(start)s).")
MEETING_IS_HELD = _("The meeting has been held; its agenda can no longer change.")
HELD_IN_FUTURE = _("A meeting on %(date)s cannot be marked as held yet.")
ATTENDEE_NOT_IN_BODY = _(
    "%(person)s does not sit in %(body)s; add them to the body first (as a guest, if need be)."
)
NOT_A_STEERING_MEETING = _("Only steering-committee meetings get an agenda of open requests.")
ITEM_HAS_DECISIONS = _("Decisions refer to this agenda item; it cannot be removed.")
TITLE_REQUIRED = _("Give a title.")

# What the audit events show before and after.
BODY_FIELDS = ("name", "kind", "description")
MEMBERSHIP_FIELDS = ("person", "role_in_body", "started_on", "ended_on")
MEETING_FIELDS = ("body", "title", "held_on", "location")
MINUTES_FIELDS = ("status", "attendees", "minutes")
AGENDA_ITEM_FIELDS = (
    "title",
    "topic",
    "kind",
    "notes",
    "use_case",
    "budget_request",
    "risk",
    "ethics_review",
)

# What the edit actions may change.
BODY_EDITABLE = frozenset(BODY_FIELDS)
MEETING_EDITABLE = frozenset({"title", "held_on", "location"})


def _validated(instance: models.Model, **options: Any) -> None:
    """The model's own checks, refused as a DecisionError by field."""
    try:
        instance.full_clean(**options)
    except ValidationError as error:
        raise DecisionError.from_validation_error(error) from error


def _known(fields: Iterable[str], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _created(instance: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """A new object's fields, each from nothing to its value."""
    return changed_fields({}, snapshot(instance, fields))


def _removed(before: dict[str, Any]) -> dict[str, Any]:
    """A removed object's fields, each from its value to nothing."""
    return changed_fields(before, dict.fromkeys(before))


# Bodies and memberships ----------------------------------------------------------------


@user_action
def body_create(*, actor: User | None, name: str, kind: str, description: str = "") -> Body:
    body = Body(name=name.strip(), kind=kind, description=description.strip())
    _validated(body)
    body.save()
    audit_record(
        actor=actor,
        action=DecisionAction.BODY_CREATED,
        target=body,
        changes=_created(body, BODY_FIELDS),
    )
    return body


@user_action
def body_update(*, body: Body, actor: User | None, **fields: Any) -> Body:
    """Change the body's name, kind or description; only what changed is audited."""
    _known(fields, BODY_EDITABLE)
    stored = Body.objects.select_for_update().get(pk=body.pk)
    before = snapshot(stored, BODY_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, _stripped(value))
    _validated(stored)
    changes = changed_fields(before, snapshot(stored, BODY_FIELDS))
    if changes:
        stored.save()
        audit_record(
            actor=actor, action=DecisionAction.BODY_CHANGED, target=stored, changes=changes
        )
    return stored


@user_action
def membership_add(
    *,
    body: Body,
    person: Person,
    role_in_body: str,
    actor: User | None,
    started_on: date | None = None,
) -> BodyMembership:
    membership = BodyMembership(
        body=body,
        person=person,
        role_in_body=BodyRole(role_in_body),
        started_on=started_on or timezone.localdate(),
    )
    already = ALREADY_MEMBER % {"person": person, "body": body}
    if BodyMembership.objects.filter(body=body, person=person, ended_on__isnull=True).exists():
        raise DecisionError(already, field="person")
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # Someone added the same person a moment ago.
        raise DecisionError(already, field="person") from None
    audit_record(
        actor=actor,
        action=DecisionAction.MEMBER_ADDED,
        target=membership,
        changes=_created(membership, MEMBERSHIP_FIELDS),
    )
    return membership


@user_action
def membership_end(
    *, membership: BodyMembership, actor: User | None, ended_on: date | None = None
) -> BodyMembership:
    """End a seat; the membership stays, so the body's history stays."""
    ended_on = ended_on or timezone.localdate()
    stored = (
        BodyMembership.objects.select_for_update()
        .select_related("body", "person")
        .get(pk=membership.pk)
    )
    if stored.ended_on is not None:
        raise DecisionError(MEMBERSHIP_ENDED)
    if ended_on < stored.started_on:
        raise DecisionError(
            ENDS_BEFORE_START % {"start": stored.started_on.isoformat()}, field="ended_on"
        )
    before = snapshot(stored, ("ended_on",))
    stored.ended_on = ended_on
    stored.save(update_fields=["ended_on"])
    audit_record(
        actor=actor,
        action=DecisionAction.MEMBER_ENDED,
        target=stored,
        changes=changed_fields(before, snapshot(stored, ("ended_on",))),
    )
    return stored


# Meetings and agendas ------------------------------------------------------------------


@user_action
def meeting_create(
    *, actor: User | None, body: Body, held_on: date, title: str, location: str = ""
) -> Meeting:
    meeting = Meeting(body=body, held_on=held_on, title=title.strip(), location=location.strip())
    _validated(meeting)
    meeting.save()
    audit_record(
        actor=actor,
        action=DecisionAction.MEETING_PLANNED,
        target=meeting,
        changes=_created(meeting, MEETING_FIELDS),
    )
    return meeting


@user_action
def meeting_update(*, meeting: Meeting, actor: User | None, **fields: Any) -> Meeting:
    """Change title, date or place; a meeting stays with its body."""
    _known(fields, MEETING_EDITABLE)
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(stored, MEETING_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, _stripped(value))
    _validated(stored)
    changes = changed_fields(before, snapshot(stored, MEETING_FIELDS))
    if changes:
        stored.save()
        audit_record(
            actor=actor, action=DecisionAction.MEETING_CHANGED, target=stored, changes=changes
        )
    return stored


@user_action
def meeting_minutes_record(
    *,
    meeting: Meeting,
    actor: User | None,
    minutes: str,
    attendees: Iterable[Person],
    held: bool = True,
) -> Meeting:
    """Minutes and attendance; marking the meeting held closes its agenda."""
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if held and stored.held_on > timezone.localdate():
        raise DecisionError(HELD_IN_FUTURE % {"date": stored.held_on.isoformat()}, field="held")
    people = list(attendees)
    _check_attendees(stored, people)
    before = snapshot(stored, MINUTES_FIELDS)
    stored.minutes = minutes.strip()
    if held:
        stored.status = MeetingStatus.HELD
    stored.save(update_fields=["minutes", "status"])
    stored.attendees.set(people)
    changes = changed_fields(before, snapshot(stored, MINUTES_FIELDS))
    if changes:
        audit_record(
            actor=actor, action=DecisionAction.MINUTES_RECORDED, target=stored, changes=changes
        )
    return stored


def _check_attendees(meeting: Meeting, people: Sequence[Person]) -> None:
    """Attendees sit (or sat) in the body; whoever attended already may stay."""
    allowed = set(
        BodyMembership.objects.filter(body_id=meeting.body_id).values_list("person_id", flat=True)
    ) | set(meeting.attendees.values_list("pk", flat=True))
    for person in people:
        if person.pk not in allowed:
            raise DecisionError(
                ATTENDEE_NOT_IN_BODY % {"person": person, "body": meeting.body},
                field="attendees",
            )


def agenda_item_append(
    *,
    meeting: Meeting,
    actor: User | None,
    title: str,
    kind: str = AgendaKind.OTHER,
    topic: str = AgendaTopic.NONE,
    notes: str = "",
    use_case: UseCase | None = None,
    budget_request: BudgetRequest | None = None,
    risk: Risk | None = None,
    ethics_review: EthicsReview | None = None,
) -> AgendaItem:
    """Add an item at the end of a planned meeting's agenda, within the caller's action
    (``agenda_item_add``, or a request to put a use case on the next agenda). With a
    ``topic``, ``title`` is the title of what the item is about and the agenda words the
    heading in each reader's language."""
    require_transaction("agenda_item_append")
    stored = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if stored.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    if not title.strip():
        raise DecisionError(TITLE_REQUIRED, field="title")
    item = AgendaItem(
        meeting=stored,
        position=_next_position(stored),
        title=title.strip(),
        topic=AgendaTopic(topic),
        kind=AgendaKind(kind),
        notes=notes.strip(),
        use_case=use_case,
        budget_request=budget_request,
        risk=risk,
        ethics_review=ethics_review,
    )
    _validated(item)
    item.save()
    audit_record(
        actor=actor,
        action=DecisionAction.AGENDA_ITEM_ADDED,
        target=stored,
        changes={"agenda_item": item.pk, **_created(item, AGENDA_ITEM_FIELDS)},
    )
    return item


agenda_item_add = user_action(agenda_item_append)


@user_action
def agenda_item_remove(*, item: AgendaItem, actor: User | None) -> None:
    stored = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    meeting = stored.meeting
    if meeting.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    if Decision.objects.filter(agenda_item=stored).exists():
        raise DecisionError(ITEM_HAS_DECISIONS)
    changes = {"agenda_item": stored.pk, **_removed(snapshot(stored, AGENDA_ITEM_FIELDS))}
    stored.delete()
    audit_record(
        actor=actor, action=DecisionAction.AGENDA_ITEM_REMOVED, target=meeting, changes=changes
    )


@user_action
def agenda_build(*, meeting: Meeting, actor: User | None) -> list[AgendaItem]:
    """Put every open request on the meeting's agenda that is not there yet.

    Running it twice adds nothing the second time. Returns the items added.
    """
    # The lock serialises two people pressing the button at once (PostgreSQL).
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if stored.body.kind != BodyKind.STEERING_COMMITTEE:
        raise DecisionError(NOT_A_STEERING_MEETING)
    if stored.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    requests = open_requests()
    agenda = list(stored.agenda_items.order_by("position", "pk"))
    use_cases = {i.use_case_id for i in agenda if i.kind == AgendaKind.USE_CASE and i.use_case_id}
    position = _next_position(stored)
    new: list[AgendaItem] = []

    def add(title: str, kind: str, topic: str, **links: Any) -> None:
        nonlocal position
        new.append(
            AgendaItem(
                meeting=stored, position=position, title=title, kind=kind, topic=topic, **links
            )
        )
        position += 1

    for request in requests.use_cases:
        if request.use_case.pk not in use_cases:
            add(
                request.use_case.title,
                AgendaKind.USE_CASE,
                request.agenda_topic,
                use_case=request.use_case,
            )
    for waiting in requests.subjects:
        subject = waiting.subject
        listed = {getattr(item, f"{subject.field}_id") for item in agenda}
        for record in waiting.items:
            if record.pk not in listed:
                links = {subject.field: record, "use_case": record.use_case}
                add(record.title, subject.agenda_kind, subject.agenda_topic, **links)
    if new:
        AgendaItem.objects.bulk_create(new)
        # Titles, not headings: the log keeps data, worded when it is read.
        titles = [item.title for item in agenda]
        audit_record(
            actor=actor,
            action=DecisionAction.AGENDA_BUILT,
            target=stored,
            changes=changed_fields(
                {"agenda": titles}, {"agenda": titles + [item.title for item in new]}
            ),
        )
    return new


def _next_position(meeting: Meeting) -> int:
    highest = meeting.agenda_items.aggregate(highest=Max("position"))["highest"]
    return 1 if highest is None else highest + 1
