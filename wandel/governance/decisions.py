"""Bodies, meetings, agendas and the decision register.

Writes follow the services rules (keyword-only, validate first, one transaction with its
audit event); the reads below them feed the pages, the API, the exports and the gates.
Budget requests and risks belong to the budget and risk registers; their models are looked
up lazily here, and the risk register is told about each decision on a risk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.governance.models import (
    AgendaItem,
    AgendaKind,
    Body,
    BodyKind,
    BodyMembership,
    BodyRole,
    Decision,
    DecisionAction,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
    MeetingStatus,
)
from wandel.org.models import Person
from wandel.portfolio.models import Stage, UseCase

# Messages ------------------------------------------------------------------------------

ALREADY_MEMBER = _("%(person)s already sits in %(body)s; end that membership first.")
MEMBERSHIP_ENDED = _("This membership has already ended.")
ENDS_BEFORE_START = _("A membership cannot end before it started (%(start)s).")
MEETING_IS_HELD = _("The meeting has been held; its agenda can no longer change.")
HELD_IN_FUTURE = _("A meeting on %(date)s cannot be marked as held yet.")
NOT_A_STEERING_MEETING = _("Only steering-committee meetings get an agenda of open requests.")
ITEM_HAS_DECISIONS = _("Decisions refer to this agenda item; it cannot be removed.")
TITLE_REQUIRED = _("Give a title.")
TEXT_REQUIRED = _("Write down what was decided.")
DECIDED_IN_FUTURE = _("A decision cannot be dated in the future.")
MEETING_OF_OTHER_BODY = _("The meeting belongs to another body.")
ITEM_OF_OTHER_MEETING = _("The agenda item belongs to another meeting.")
GATE_NEEDS_USE_CASE = _("A gate approval names the use case it lets through.")
GATE_NEEDS_STAGE = _("A gate approval names the gate: pilot or production.")
STAGE_ONLY_FOR_GATES = _("Only gate approvals name a gate.")
GATE_NEEDS_STEERING = _("Gate approvals are decided by the steering committee.")
GATE_ALREADY_APPROVED = _(
    "Decision #%(number)s already approves this gate; supersede it to change the outcome."
)
BUDGET_NEEDS_REQUEST = _("A budget decision names the budget request it decides on.")
AMOUNT_REQUIRED = _("Give the approved amount.")
AMOUNT_NEGATIVE = _("The approved amount cannot be negative.")
AMOUNT_ONLY_WHEN_APPROVED = _("Only an approved budget decision has an approved amount.")
REQUEST_ONLY_FOR_BUDGET = _("Only budget decisions decide on a budget request.")
RISK_NEEDS_RISK = _("A risk acceptance names the risk it accepts.")
BUDGET_OF_OTHER_USE_CASE = _("The budget request belongs to another use case.")
RISK_OF_OTHER_USE_CASE = _("The risk belongs to another use case.")
CONDITIONS_REQUIRED = _("An approval with conditions needs at least one condition.")
CONDITIONS_ONLY_WITH_OUTCOME = _("Only an approval with conditions has conditions.")
CONDITION_INCOMPLETE = _("Each condition needs a text, an owner and a due date.")
CONDITION_DUE_EARLY = _("A condition cannot be due before the decision (%(date)s).")
ALREADY_SUPERSEDED = _("Decision #%(number)s has already been superseded by #%(by)s.")
CORRECTION_OTHER_KIND = _("A correction must be a decision of the same kind (%(kind)s).")
CORRECTION_OTHER_USE_CASE = _("A correction must be about the same use case as the decision.")
CORRECTION_OTHER_BUDGET = _("A correction must be about the same budget request as the decision.")
CORRECTION_OTHER_RISK = _("A correction must be about the same risk as the decision.")
CONDITION_CLOSED = _("This condition is already closed.")
CLOSING_NOTE_REQUIRED = _("Say how the condition was met.")
CLOSED_IN_FUTURE = _("A condition cannot be closed in the future.")
CLOSED_BEFORE_DECISION = _("A condition cannot be closed before its decision (%(date)s).")

POSITIVE = (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)
# The risk register's status for risks that wait for the steering committee's acceptance.
RISK_ACCEPTANCE_REQUESTED = "acceptance_requested"


class DecisionError(Exception):
    """A governance write the rules refuse; the message is meant for the user.

    ``field`` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str | Promise, field: str | None = None) -> None:
        super().__init__(str(message))
        self.field = field


def _model(name: str) -> type[models.Model] | None:
    try:
        return apps.get_model("governance", name)
    except LookupError:
        return None


# Bodies and memberships ----------------------------------------------------------------

BODY_FIELDS = frozenset({"name", "kind", "description"})


def body_create(*, actor: User | None, name: str, kind: str, description: str = "") -> Body:
    body = Body(name=name.strip(), kind=kind, description=description.strip())
    body.full_clean()
    with transaction.atomic():
        body.save()
        audit_record(
            actor=actor,
            action=DecisionAction.BODY_CREATED,
            target=body,
            changes={"name": body.name, "kind": body.kind},
        )
    return body


def body_update(*, body: Body, actor: User | None, **fields: Any) -> Body:
    unknown = set(fields) - BODY_FIELDS
    if unknown:
        raise TypeError(f"unknown body fields: {sorted(unknown)}")
    stored = Body.objects.get(pk=body.pk)
    for name, value in fields.items():
        setattr(body, name, value.strip() if isinstance(value, str) else value)
    body.full_clean()
    changed = {
        name: {"from": getattr(stored, name), "to": getattr(body, name)}
        for name in fields
        if getattr(stored, name) != getattr(body, name)
    }
    with transaction.atomic():
        body.save()
        if changed:
            audit_record(
                actor=actor, action=DecisionAction.BODY_CHANGED, target=body, changes=changed
            )
    return body


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
    if BodyMembership.objects.filter(body=body, person=person, ended_on__isnull=True).exists():
        raise DecisionError(ALREADY_MEMBER % {"person": person, "body": body}, "person")
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError:
            # Someone added the same person a moment ago.
            raise DecisionError(
                ALREADY_MEMBER % {"person": person, "body": body}, "person"
            ) from None
        audit_record(
            actor=actor,
            action=DecisionAction.MEMBER_ADDED,
            target=body,
            changes={
                "person": person.email,
                "role": membership.role_in_body,
                "from": membership.started_on,
            },
        )
    return membership


def membership_end(
    *, membership: BodyMembership, actor: User | None, ended_on: date | None = None
) -> BodyMembership:
    ended_on = ended_on or timezone.localdate()
    if membership.ended_on is not None:
        raise DecisionError(MEMBERSHIP_ENDED)
    if ended_on < membership.started_on:
        raise DecisionError(
            ENDS_BEFORE_START % {"start": membership.started_on.isoformat()}, "ended_on"
        )
    with transaction.atomic():
        ended = BodyMembership.objects.filter(pk=membership.pk, ended_on__isnull=True).update(
            ended_on=ended_on
        )
        if ended != 1:
            raise DecisionError(MEMBERSHIP_ENDED)
        membership.ended_on = ended_on
        audit_record(
            actor=actor,
            action=DecisionAction.MEMBER_ENDED,
            target=membership.body,
            changes={"person": membership.person.email, "until": ended_on},
        )
    return membership


# Meetings and agendas ------------------------------------------------------------------

MEETING_FIELDS = frozenset({"title", "held_on", "location"})


def meeting_create(
    *, actor: User | None, body: Body, held_on: date, title: str, location: str = ""
) -> Meeting:
    meeting = Meeting(body=body, held_on=held_on, title=title.strip(), location=location.strip())
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        audit_record(
            actor=actor,
            action=DecisionAction.MEETING_PLANNED,
            target=meeting,
            changes={"body": body.name, "held_on": held_on, "title": meeting.title},
        )
    return meeting


def meeting_update(*, meeting: Meeting, actor: User | None, **fields: Any) -> Meeting:
    unknown = set(fields) - MEETING_FIELDS
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    stored = Meeting.objects.get(pk=meeting.pk)
    for name, value in fields.items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    meeting.full_clean()
    changed = {
        name: {"from": getattr(stored, name), "to": getattr(meeting, name)}
        for name in fields
        if getattr(stored, name) != getattr(meeting, name)
    }
    with transaction.atomic():
        meeting.save()
        if changed:
            audit_record(
                actor=actor,
                action=DecisionAction.MEETING_CHANGED,
                target=meeting,
                changes=changed,
            )
    return meeting


def meeting_minutes_record(
    *,
    meeting: Meeting,
    actor: User | None,
    minutes: str,
    attendees: Iterable[Person],
    held: bool = True,
) -> Meeting:
    """Minutes and attendance; marking the meeting held closes its agenda."""
    if held and meeting.held_on > timezone.localdate():
        raise DecisionError(HELD_IN_FUTURE % {"date": meeting.held_on.isoformat()}, "held")
    people = list(attendees)
    with transaction.atomic():
        meeting.minutes = minutes.strip()
        if held:
            meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["minutes", "status"])
        meeting.attendees.set(people)
        audit_record(
            actor=actor,
            action=DecisionAction.MINUTES_RECORDED,
            target=meeting,
            changes={
                "status": meeting.status,
                "attendees": sorted(p.email for p in people),
                "minutes_length": len(meeting.minutes),
            },
        )
    return meeting


def agenda_item_add(
    *,
    meeting: Meeting,
    actor: User | None,
    title: str,
    kind: str = AgendaKind.OTHER,
    notes: str = "",
    use_case: UseCase | None = None,
    budget_request: Any = None,
    risk: Any = None,
    ethics_review: Any = None,
) -> AgendaItem:
    if meeting.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    if not title.strip():
        raise DecisionError(TITLE_REQUIRED, "title")
    with transaction.atomic():
        item = AgendaItem(
            meeting=meeting,
            position=_next_position(meeting),
            title=title.strip(),
            kind=AgendaKind(kind),
            notes=notes.strip(),
            use_case=use_case,
            budget_request=budget_request,
            risk=risk,
            ethics_review=ethics_review,
        )
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            action=DecisionAction.AGENDA_ITEM_ADDED,
            target=meeting,
            changes={"item": item.pk, "title": item.title, "kind": item.kind},
        )
    return item


def agenda_item_remove(*, item: AgendaItem, actor: User | None) -> None:
    meeting = item.meeting
    if meeting.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    if Decision.objects.filter(agenda_item=item).exists():
        raise DecisionError(ITEM_HAS_DECISIONS)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=DecisionAction.AGENDA_ITEM_REMOVED,
            target=meeting,
            changes={"item": item.pk, "title": item.title},
        )
        item.delete()


def agenda_build(*, meeting: Meeting, actor: User | None) -> list[AgendaItem]:
    """Put every open request on the meeting's agenda that is not there yet.

    Running it twice adds nothing the second time. Returns the items added.
    """
    if meeting.body.kind != BodyKind.STEERING_COMMITTEE:
        raise DecisionError(NOT_A_STEERING_MEETING)
    if meeting.status == MeetingStatus.HELD:
        raise DecisionError(MEETING_IS_HELD)
    requests = open_requests()
    with transaction.atomic():
        # The lock serialises two people pressing the button at once (PostgreSQL).
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        present = meeting.agenda_items.values_list("kind", "use_case_id", "budget_request_id")
        present_risks = set(
            meeting.agenda_items.filter(risk__isnull=False).values_list("risk_id", flat=True)
        )
        use_cases = {uc for kind, uc, _b in present if kind == AgendaKind.USE_CASE and uc}
        budgets = {b for _k, _u, b in present if b}
        position = _next_position(meeting)
        new: list[AgendaItem] = []

        def add(title: str, kind: str, **links: Any) -> None:
            nonlocal position
            new.append(
                AgendaItem(meeting=meeting, position=position, title=title, kind=kind, **links)
            )
            position += 1

        for request in requests.use_cases:
            if request.use_case.pk not in use_cases:
                add(request.agenda_title, AgendaKind.USE_CASE, use_case=request.use_case)
        for budget in requests.budget_requests:
            if budget.pk not in budgets:
                title = gettext("Budget request: %(title)s") % {"title": budget.title}
                add(title, AgendaKind.BUDGET, budget_request=budget, use_case=budget.use_case)
        for risk in requests.risks:
            if risk.pk not in present_risks:
                title = gettext("Risk acceptance: %(title)s") % {"title": risk.title}
                add(title, AgendaKind.RISK, risk=risk, use_case=risk.use_case)
        if new:
            AgendaItem.objects.bulk_create(new)
            audit_record(
                actor=actor,
                action=DecisionAction.AGENDA_BUILT,
                target=meeting,
                changes={"added": [item.title for item in new]},
            )
    return new


def _next_position(meeting: Meeting) -> int:
    highest = meeting.agenda_items.aggregate(highest=Max("position"))["highest"]
    return 1 if highest is None else highest + 1


# Decisions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionInput:
    text: str
    owner: Person | None
    due_on: date | None


def decision_record(
    *,
    actor: User,
    body: Body,
    decided_on: date,
    kind: str,
    text: str,
    outcome: str,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    use_case: UseCase | None = None,
    gate_stage: str = "",
    budget_request: Any = None,
    approved_amount: Decimal | None = None,
    risk: Any = None,
    conditions: Sequence[ConditionInput] = (),
    supersedes: Decision | None = None,
) -> Decision:
    """Record a decision, or a correction of ``supersedes``; the decision never changes."""
    kind = DecisionKind(kind)
    outcome = DecisionOutcome(outcome)
    gate_stage = gate_stage or ""
    if agenda_item is not None:
        if meeting is None:
            meeting = agenda_item.meeting
        elif agenda_item.meeting_id != meeting.pk:
            raise DecisionError(ITEM_OF_OTHER_MEETING, "agenda_item")
    if meeting is not None and meeting.body_id != body.pk:
        raise DecisionError(MEETING_OF_OTHER_BODY, "meeting")
    if decided_on > timezone.localdate():
        raise DecisionError(DECIDED_IN_FUTURE, "decided_on")
    if not text.strip():
        raise DecisionError(TEXT_REQUIRED, "text")
    use_case = _subject_use_case(use_case, budget_request, risk)
    _check_kind_fields(
        kind=kind,
        outcome=outcome,
        body=body,
        use_case=use_case,
        gate_stage=gate_stage,
        budget_request=budget_request,
        approved_amount=approved_amount,
        risk=risk,
    )
    given = _check_conditions(outcome, conditions, decided_on)
    if supersedes is not None:
        _check_correction(supersedes, kind, use_case, budget_request, risk)
    decision = Decision(
        body=body,
        meeting=meeting,
        agenda_item=agenda_item,
        decided_on=decided_on,
        kind=kind,
        text=text.strip(),
        outcome=outcome,
        use_case=use_case,
        gate_stage=gate_stage,
        budget_request=budget_request,
        approved_amount=approved_amount,
        risk=risk,
        supersedes=supersedes,
        recorded_by=actor,
    )
    with transaction.atomic():
        if supersedes is not None:
            # Lock the old decision: two corrections of it at once must not both succeed.
            Decision.objects.select_for_update().filter(pk=supersedes.pk).first()
        if kind == DecisionKind.GATE_APPROVAL:
            _refuse_second_gate_approval(use_case, gate_stage, supersedes)
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError:
            raise DecisionError(_already_superseded(supersedes), "supersedes") from None
        DecisionCondition.objects.bulk_create(
            DecisionCondition(decision=decision, text=text, owner=owner, due_on=due_on)
            for text, owner, due_on in given
        )
        audit_record(
            actor=actor,
            action=DecisionAction.DECISION_RECORDED,
            target=decision,
            changes=_decision_changes(decision, given),
        )
        if supersedes is not None:
            audit_record(
                actor=actor,
                action=DecisionAction.DECISION_SUPERSEDED,
                target=supersedes,
                changes={"superseded_by": decision.pk},
            )
        if risk is not None:
            # The risk register derives a risk's status from its decisions in force.
            from wandel.governance.risks import risk_sync_acceptance

            risk_sync_acceptance(risk=risk, actor=actor)
    return decision


def _subject_use_case(use_case: UseCase | None, budget_request: Any, risk: Any) -> UseCase | None:
    """The use case the decision is about; budget requests and risks bring their own."""
    for message, linked in (
        (BUDGET_OF_OTHER_USE_CASE, budget_request),
        (RISK_OF_OTHER_USE_CASE, risk),
    ):
        linked_id = getattr(linked, "use_case_id", None) if linked is not None else None
        if linked_id is None:
            continue
        if use_case is None:
            use_case = linked.use_case
        elif use_case.pk != linked_id:
            raise DecisionError(message, "use_case")
    return use_case


def _check_kind_fields(
    *,
    kind: DecisionKind,
    outcome: DecisionOutcome,
    body: Body,
    use_case: UseCase | None,
    gate_stage: str,
    budget_request: Any,
    approved_amount: Decimal | None,
    risk: Any,
) -> None:
    if kind == DecisionKind.GATE_APPROVAL:
        if use_case is None:
            raise DecisionError(GATE_NEEDS_USE_CASE, "use_case")
        if gate_stage not in GateStage.values:
            raise DecisionError(GATE_NEEDS_STAGE, "gate_stage")
        if body.kind != BodyKind.STEERING_COMMITTEE:
            raise DecisionError(GATE_NEEDS_STEERING, "body")
    elif gate_stage:
        raise DecisionError(STAGE_ONLY_FOR_GATES, "gate_stage")
    if kind == DecisionKind.BUDGET:
        if budget_request is None:
            raise DecisionError(BUDGET_NEEDS_REQUEST, "budget_request")
        if outcome in POSITIVE and approved_amount is None:
            raise DecisionError(AMOUNT_REQUIRED, "approved_amount")
    elif budget_request is not None:
        raise DecisionError(REQUEST_ONLY_FOR_BUDGET, "budget_request")
    if approved_amount is not None:
        if kind != DecisionKind.BUDGET or outcome not in POSITIVE:
            raise DecisionError(AMOUNT_ONLY_WHEN_APPROVED, "approved_amount")
        if approved_amount < 0:
            raise DecisionError(AMOUNT_NEGATIVE, "approved_amount")
    if kind == DecisionKind.RISK_ACCEPTANCE and risk is None:
        raise DecisionError(RISK_NEEDS_RISK, "risk")


def _check_conditions(
    outcome: DecisionOutcome, conditions: Sequence[ConditionInput], decided_on: date
) -> list[tuple[str, Person, date]]:
    """The conditions given (rows left entirely empty are no conditions), all complete."""
    given = [c for c in conditions if c.text.strip() or c.owner or c.due_on]
    if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not given:
        raise DecisionError(CONDITIONS_REQUIRED, "conditions")
    if outcome != DecisionOutcome.APPROVED_WITH_CONDITIONS and given:
        raise DecisionError(CONDITIONS_ONLY_WITH_OUTCOME, "conditions")
    complete: list[tuple[str, Person, date]] = []
    for condition in given:
        if not condition.text.strip() or condition.owner is None or condition.due_on is None:
            raise DecisionError(CONDITION_INCOMPLETE, "conditions")
        if condition.due_on < decided_on:
            raise DecisionError(
                CONDITION_DUE_EARLY % {"date": decided_on.isoformat()}, "conditions"
            )
        complete.append((condition.text.strip(), condition.owner, condition.due_on))
    return complete


def _check_correction(
    old: Decision, kind: DecisionKind, use_case: UseCase | None, budget_request: Any, risk: Any
) -> None:
    successor = Decision.objects.filter(supersedes=old).values_list("pk", flat=True).first()
    if successor is not None:
        raise DecisionError(ALREADY_SUPERSEDED % {"number": old.pk, "by": successor}, "supersedes")
    if kind != old.kind:
        raise DecisionError(CORRECTION_OTHER_KIND % {"kind": DecisionKind(old.kind).label}, "kind")
    subjects = (
        ("use_case", CORRECTION_OTHER_USE_CASE, old.use_case_id, use_case),
        ("budget_request", CORRECTION_OTHER_BUDGET, old.budget_request_id, budget_request),
        ("risk", CORRECTION_OTHER_RISK, old.risk_id, risk),
    )
    for name, message, old_id, new in subjects:
        if old_id != (new.pk if new is not None else None):
            raise DecisionError(message, name)


def _refuse_second_gate_approval(
    use_case: UseCase | None, gate_stage: str, supersedes: Decision | None
) -> None:
    # Any effective approval opens the gate; a later decision that is not a correction of
    # it would leave two contradicting entries in the register.
    approving = effective_decisions().filter(
        use_case=use_case,
        kind=DecisionKind.GATE_APPROVAL,
        gate_stage=gate_stage,
        outcome__in=POSITIVE,
    )
    if supersedes is not None:
        approving = approving.exclude(pk=supersedes.pk)
    approving_pk = approving.values_list("pk", flat=True).first()
    if approving_pk is not None:
        raise DecisionError(GATE_ALREADY_APPROVED % {"number": approving_pk}, "supersedes")


def _already_superseded(old: Decision | None) -> str:
    successor = Decision.objects.filter(supersedes=old).values_list("pk", flat=True).first()
    return str(ALREADY_SUPERSEDED % {"number": old.pk if old else "", "by": successor or ""})


def _decision_changes(
    decision: Decision, conditions: Sequence[tuple[str, Person, date]]
) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "body": decision.body.name,
        "decided_on": decision.decided_on,
        "kind": decision.kind,
        "outcome": decision.outcome,
        "text": decision.text,
    }
    optional = {
        "meeting": decision.meeting_id,
        "agenda_item": decision.agenda_item_id,
        "use_case": decision.use_case_id,
        "gate_stage": decision.gate_stage,
        "budget_request": decision.budget_request_id,
        "approved_amount": decision.approved_amount,
        "risk": decision.risk_id,
        "supersedes": decision.supersedes_id,
    }
    changes.update({k: v for k, v in optional.items() if v not in (None, "")})
    if conditions:
        changes["conditions"] = [
            {"text": text, "owner": owner.email, "due_on": due_on}
            for text, owner, due_on in conditions
        ]
    return changes


def can_close_condition(user: Any, condition: DecisionCondition) -> bool:
    """The steering committee closes any condition; its owner closes their own."""
    if user.has_perm(Permission.DECIDE):
        return True
    owner = condition.owner
    return owner.user_id is not None and owner.user_id == user.pk


def condition_close(
    *,
    condition: DecisionCondition,
    actor: User | None,
    closing_note: str,
    closed_on: date | None = None,
) -> DecisionCondition:
    closed_on = closed_on or timezone.localdate()
    if condition.closed_on is not None:
        raise DecisionError(CONDITION_CLOSED)
    if not closing_note.strip():
        raise DecisionError(CLOSING_NOTE_REQUIRED, "closing_note")
    if closed_on > timezone.localdate():
        raise DecisionError(CLOSED_IN_FUTURE, "closed_on")
    decided_on = condition.decision.decided_on
    if closed_on < decided_on:
        raise DecisionError(CLOSED_BEFORE_DECISION % {"date": decided_on.isoformat()}, "closed_on")
    with transaction.atomic():
        closed = DecisionCondition.objects.filter(pk=condition.pk, closed_on__isnull=True).update(
            closed_on=closed_on,
            closing_note=closing_note.strip(),
            closed_by=actor if actor is not None and actor.pk else None,
        )
        if closed != 1:
            raise DecisionError(CONDITION_CLOSED)
        condition.refresh_from_db()
        audit_record(
            actor=actor,
            action=DecisionAction.CONDITION_CLOSED,
            target=condition.decision,
            changes={
                "condition": condition.pk,
                "text": condition.text,
                "closed_on": closed_on,
                "note": condition.closing_note,
            },
        )
    return condition


# Reads: what other sub-domains ask -----------------------------------------------------


def effective_decisions() -> QuerySet[Decision]:
    """Decisions in force: every decision that no correction has superseded."""
    return Decision.objects.filter(superseded_by__isnull=True)


def gate_approved(use_case: UseCase, stage: str) -> bool:
    """Whether a decision in force lets ``use_case`` through the gate into ``stage``."""
    return (
        effective_decisions()
        .filter(
            use_case=use_case,
            kind=DecisionKind.GATE_APPROVAL,
            gate_stage=stage,
            outcome__in=POSITIVE,
        )
        .exists()
    )


def _settling(**subject: Any) -> QuerySet[Decision]:
    """Decisions in force that settle a request (a deferral leaves it open)."""
    return effective_decisions().filter(**subject).exclude(outcome=DecisionOutcome.DEFERRED)


# Reads: pages --------------------------------------------------------------------------


def bodies_for_list() -> QuerySet[Body]:
    today = timezone.localdate()
    current = Q(memberships__started_on__lte=today) & (
        Q(memberships__ended_on__isnull=True) | Q(memberships__ended_on__gt=today)
    )
    return Body.objects.annotate(
        member_count=Count("memberships", filter=current, distinct=True),
        upcoming_count=Count(
            "meetings",
            filter=Q(meetings__status=MeetingStatus.PLANNED, meetings__held_on__gte=today),
            distinct=True,
        ),
    ).order_by("name")


@dataclass(frozen=True)
class BodyPage:
    body: Body
    members: list[BodyMembership]
    former: list[BodyMembership]
    meetings: list[Meeting]
    decisions: list[Decision]


def body_page(pk: int) -> BodyPage:
    body = Body.objects.get(pk=pk)
    memberships = list(
        BodyMembership.objects.filter(body=body)
        .select_related("person__unit")
        .order_by("person__last_name", "person__first_name", "-started_on")
    )
    today = timezone.localdate()
    current = [m for m in memberships if m.ended_on is None or m.ended_on > today]
    rank = {BodyRole.CHAIR: 0, BodyRole.MEMBER: 1, BodyRole.GUEST: 2}
    current.sort(key=lambda m: rank[BodyRole(m.role_in_body)])
    return BodyPage(
        body=body,
        members=current,
        former=[m for m in memberships if m not in current],
        meetings=list(_meetings().filter(body=body)[:10]),
        decisions=list(register(RegisterFilters(body=body.pk))[:10]),
    )


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body").annotate(
        item_count=Count("agenda_items", distinct=True),
        decision_count=Count("decisions", distinct=True),
    )


def meetings_upcoming() -> QuerySet[Meeting]:
    return (
        _meetings()
        .filter(status=MeetingStatus.PLANNED, held_on__gte=timezone.localdate())
        .order_by("held_on", "pk")
    )


def meetings_past() -> QuerySet[Meeting]:
    return (
        _meetings()
        .exclude(status=MeetingStatus.PLANNED, held_on__gte=timezone.localdate())
        .order_by("-held_on", "-pk")
    )


def meeting_for_page(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("body")
        .prefetch_related(
            Prefetch("attendees", queryset=Person.objects.select_related("unit")),
            Prefetch("agenda_items", queryset=_agenda_items()),
            Prefetch("decisions", queryset=_register_rows().order_by("pk")),
        )
        .get(pk=pk)
    )


def _agenda_items() -> QuerySet[AgendaItem]:
    related = ["use_case"]
    related += [name for name in ("budget_request", "risk") if _model(_MODELS[name])]
    return AgendaItem.objects.select_related(*related).annotate(decision_count=Count("decisions"))


_MODELS = {"budget_request": "BudgetRequest", "risk": "Risk", "ethics_review": "EthicsReview"}


def decision_url(item: AgendaItem) -> str:
    """The record-decision page, prefilled for what the agenda item asks to decide."""
    params: dict[str, Any] = {"agenda_item": item.pk}
    if item.kind == AgendaKind.BUDGET and item.budget_request_id:
        params.update(kind=DecisionKind.BUDGET, budget_request=item.budget_request_id)
    elif item.kind == AgendaKind.RISK and item.risk_id:
        params.update(kind=DecisionKind.RISK_ACCEPTANCE, risk=item.risk_id)
    elif item.use_case_id and item.use_case is not None:
        params["use_case"] = item.use_case_id
        gate = GATE_AHEAD.get(item.use_case.stage)
        if gate:
            params.update(kind=DecisionKind.GATE_APPROVAL, gate_stage=gate)
        else:
            params["kind"] = DecisionKind.PRIORITY
    return f"{reverse('governance:decision_create')}?{urlencode(params)}"


# The gate that a use case in each stage waits for.
GATE_AHEAD: dict[str, str] = {
    Stage.PROTOTYPE: GateStage.PILOT,
    Stage.PILOT: GateStage.PRODUCTION,
}


@dataclass(frozen=True)
class RegisterFilters:
    body: int | None = None
    kind: str = ""
    outcome: str = ""
    use_case: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    effective_only: bool = False
    search: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> RegisterFilters:
        kind = params.get("kind", "")
        outcome = params.get("outcome", "")
        return cls(
            body=_int(params.get("body")),
            kind=kind if kind in DecisionKind.values else "",
            outcome=outcome if outcome in DecisionOutcome.values else "",
            use_case=_int(params.get("use_case")),
            date_from=_date(params.get("from")),
            date_to=_date(params.get("to")),
            effective_only=params.get("effective") == "1",
            search=params.get("q", "").strip()[:100],
        )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _register_rows() -> QuerySet[Decision]:
    related = ["body", "use_case", "meeting", "recorded_by", "superseded_by", "supersedes"]
    related += [name for name in ("budget_request", "risk") if _model(_MODELS[name])]
    return Decision.objects.select_related(*related).annotate(
        condition_count=Count("conditions", distinct=True),
        open_condition_count=Count(
            "conditions", filter=Q(conditions__closed_on__isnull=True), distinct=True
        ),
    )


def register(filters: RegisterFilters) -> QuerySet[Decision]:
    """The decision register, newest first, superseded decisions included unless asked."""
    rows = _register_rows()
    if filters.body is not None:
        rows = rows.filter(body_id=filters.body)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    if filters.use_case is not None:
        rows = rows.filter(use_case_id=filters.use_case)
    if filters.date_from is not None:
        rows = rows.filter(decided_on__gte=filters.date_from)
    if filters.date_to is not None:
        rows = rows.filter(decided_on__lte=filters.date_to)
    if filters.effective_only:
        rows = rows.filter(superseded_by__isnull=True)
    for word in filters.search.split():
        rows = rows.filter(text__icontains=word)
    return rows.order_by("-decided_on", "-pk")


def decided_use_cases() -> QuerySet[UseCase]:
    """Use cases that have at least one decision, for the register's filter."""
    return (
        UseCase.objects.filter(Exists(Decision.objects.filter(use_case=OuterRef("pk"))))
        .only("pk", "title")
        .order_by("title")
    )


def decision_for_page(pk: int) -> Decision:
    return (
        _register_rows()
        .select_related("agenda_item")
        .prefetch_related(
            Prefetch(
                "conditions",
                queryset=DecisionCondition.objects.select_related("owner", "closed_by"),
            )
        )
        .get(pk=pk)
    )


# Reads: the steering committee ---------------------------------------------------------


@dataclass(frozen=True)
class UseCaseRequest:
    use_case: UseCase
    label: str | Promise
    gate: str = ""

    @property
    def agenda_title(self) -> str:
        if self.gate == GateStage.PILOT:
            return gettext("Pilot gate: %(title)s") % {"title": self.use_case.title}
        if self.gate == GateStage.PRODUCTION:
            return gettext("Production gate: %(title)s") % {"title": self.use_case.title}
        return gettext("Approval: %(title)s") % {"title": self.use_case.title}

    @property
    def decision_url(self) -> str:
        params: dict[str, Any] = {"use_case": self.use_case.pk}
        if self.gate:
            params.update(kind=DecisionKind.GATE_APPROVAL, gate_stage=self.gate)
        else:
            params["kind"] = DecisionKind.PRIORITY
        return f"{reverse('governance:decision_create')}?{urlencode(params)}"


@dataclass(frozen=True)
class OpenRequests:
    use_cases: list[UseCaseRequest] = field(default_factory=list)
    budget_requests: list[Any] = field(default_factory=list)
    risks: list[Any] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.use_cases) + len(self.budget_requests) + len(self.risks)


def open_requests() -> OpenRequests:
    """Everything waiting for a steering-committee decision, oldest first within a kind."""
    gate = DecisionKind.GATE_APPROVAL
    waiting = (
        UseCase.objects.select_related("unit")
        .filter(
            Q(stage=Stage.ASSESSED)
            | Q(stage=Stage.PROTOTYPE)
            & ~Exists(_settling(use_case=OuterRef("pk"), kind=gate, gate_stage=GateStage.PILOT))
            | Q(stage=Stage.PILOT)
            & ~Exists(
                _settling(use_case=OuterRef("pk"), kind=gate, gate_stage=GateStage.PRODUCTION)
            )
        )
        .order_by("stage_changed_at", "pk")
    )
    labels = {
        Stage.ASSESSED: _("Awaiting approval"),
        Stage.PROTOTYPE: _("Awaiting the pilot gate"),
        Stage.PILOT: _("Awaiting the production gate"),
    }
    use_cases = [
        UseCaseRequest(uc, labels[Stage(uc.stage)], GATE_AHEAD.get(Stage(uc.stage), ""))
        for uc in waiting
    ]
    return OpenRequests(use_cases, _open_budget_requests(), _open_risks())


def _open_budget_requests() -> list[Any]:
    budget_request = _model("BudgetRequest")
    if budget_request is None:
        return []
    settled = _settling(budget_request=OuterRef("pk"), kind=DecisionKind.BUDGET)
    return list(
        budget_request._default_manager.select_related("use_case")
        .exclude(Exists(settled))
        .order_by("requested_on", "pk")
    )


def _open_risks() -> list[Any]:
    risk = _model("Risk")
    if risk is None:
        return []
    return list(
        risk._default_manager.select_related("use_case")
        .filter(status=RISK_ACCEPTANCE_REQUESTED)
        .order_by("pk")
    )


def next_steering_meeting() -> Meeting | None:
    return (
        Meeting.objects.select_related("body")
        .filter(
            body__kind=BodyKind.STEERING_COMMITTEE,
            status=MeetingStatus.PLANNED,
            held_on__gte=timezone.localdate(),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=_agenda_items()))
        .order_by("held_on", "pk")
        .first()
    )


def overdue_conditions() -> QuerySet[DecisionCondition]:
    """Open conditions past their due date, of decisions still in force."""
    return (
        DecisionCondition.objects.filter(
            closed_on__isnull=True,
            due_on__lt=timezone.localdate(),
            decision__superseded_by__isnull=True,
        )
        .select_related("owner", "decision__body", "decision__use_case")
        .order_by("due_on", "pk")
    )


def open_conditions_of(user: User) -> QuerySet[DecisionCondition]:
    """The signed-in person's own open conditions, so they can close them."""
    return (
        DecisionCondition.objects.filter(
            closed_on__isnull=True,
            owner__user_id=user.pk,
            decision__superseded_by__isnull=True,
        )
        .select_related("decision__body", "decision__use_case")
        .order_by("due_on", "pk")
    )
