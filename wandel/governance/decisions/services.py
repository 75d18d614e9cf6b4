"""Writes of the decision register: recording decisions and corrections, closing their
conditions (bodies, meetings and agendas are in ``meetings``).

One function per user action: keyword-only, it validates first, then writes the change and
its audit event in its own transaction (``user_action``). Each event holds the changed
fields before and after. A decision on a risk tells the risk register inside the same
transaction, so the risk's status never disagrees with the decisions in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.core.tracking import item_close
from wandel.governance import follow_up_events
from wandel.governance.decisions import notifications
from wandel.governance.decisions.models import (
    APPROVING_OUTCOMES,
    AgendaItem,
    Body,
    BodyKind,
    Decision,
    DecisionAction,
    DecisionCondition,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
)
from wandel.governance.decisions.queries import effective_decisions
from wandel.governance.decisions.subjects import SUBJECTS
from wandel.governance.follow_up_events import FollowUpKind
from wandel.governance.gate_requests.settle import gate_requests_settle
from wandel.governance.needs import Need
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

if TYPE_CHECKING:
    from wandel.governance.budgets.models import BudgetRequest
    from wandel.governance.risks.models import Risk

__all__ = [
    "ALREADY_SUPERSEDED",
    "AMOUNT_NEGATIVE",
    "AMOUNT_ONLY_WHEN_APPROVED",
    "AMOUNT_REQUIRED",
    "BUDGET_NEEDS_REQUEST",
    "BUDGET_OF_OTHER_USE_CASE",
    "CONDITIONS_ONLY_WITH_OUTCOME",
    "CONDITIONS_REQUIRED",
    "CONDITION_DUE_EARLY",
    "CONDITION_INCOMPLETE",
    "CORRECTION_OTHER_BUDGET",
    "CORRECTION_OTHER_KIND",
    "CORRECTION_OTHER_RISK",
    "CORRECTION_OTHER_USE_CASE",
    "DECIDED_IN_FUTURE",
    "GATE_ALREADY_APPROVED",
    "GATE_NEEDS_STAGE",
    "GATE_NEEDS_STEERING",
    "GATE_NEEDS_USE_CASE",
    "ITEM_OF_OTHER_MEETING",
    "MEETING_OF_OTHER_BODY",
    "REQUEST_ONLY_FOR_BUDGET",
    "RISK_NEEDS_RISK",
    "RISK_OF_OTHER_USE_CASE",
    "STAGE_ONLY_FOR_GATES",
    "TEXT_REQUIRED",
    "ConditionInput",
    "DecisionError",
    "can_close_condition",
    "condition_close",
    "decision_record",
]

# Messages ------------------------------------------------------------------------------

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


class DecisionError(DomainError):
    """A governance write the rules refuse; the message is meant for the user, ``field``
    names the form field it belongs to, when there is one."""


# What the audit events show before and after.
DECISION_FIELDS = (
    "body",
    "meeting",
    "agenda_item",
    "decided_on",
    "kind",
    "outcome",
    "text",
    "use_case",
    "gate_stage",
    "budget_request",
    "approved_amount",
    "risk",
    "supersedes",
)

# Decisions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConditionInput:
    text: str
    owner: Person | None
    due_on: date | None


@user_action
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
    budget_request: BudgetRequest | None = None,
    approved_amount: Decimal | None = None,
    risk: Risk | None = None,
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
            raise DecisionError(ITEM_OF_OTHER_MEETING, field="agenda_item")
    if meeting is not None and meeting.body_id != body.pk:
        raise DecisionError(MEETING_OF_OTHER_BODY, field="meeting")
    if decided_on > timezone.localdate():
        raise DecisionError(DECIDED_IN_FUTURE, field="decided_on")
    if not text.strip():
        raise DecisionError(TEXT_REQUIRED, field="text")
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
        # Lock the old decision: two corrections of it at once must not both succeed.
        Decision.objects.select_for_update().filter(pk=supersedes.pk).first()
        _check_correction(supersedes, kind, use_case, budget_request, risk)
    if kind == DecisionKind.GATE_APPROVAL:
        _refuse_second_gate_approval(use_case, gate_stage, supersedes)
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
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:
        raise DecisionError(_already_superseded(supersedes), field="supersedes") from None
    created = DecisionCondition.objects.bulk_create(
        DecisionCondition(decision=decision, text=text, owner=owner, due_on=due_on)
        for text, owner, due_on in given
    )
    for condition in created:
        follow_up_events.assigned(
            owner=condition.owner.user if condition.owner else None,
            kind=FollowUpKind.DECISION_CONDITION,
            pk=condition.pk,
            text=condition.text,
            url=reverse("governance:decision_detail", args=[decision.pk]),
            actor=actor,
        )
    changes = changed_fields({}, snapshot(decision, DECISION_FIELDS))
    if given:
        listed = [
            {"text": text, "owner": str(owner), "due_on": due_on} for text, owner, due_on in given
        ]
        changes.update(changed_fields({}, {"conditions": listed}))
    audit_record(
        actor=actor, action=DecisionAction.DECISION_RECORDED, target=decision, changes=changes
    )
    if supersedes is not None:
        audit_record(
            actor=actor,
            action=DecisionAction.DECISION_SUPERSEDED,
            target=supersedes,
            changes=changed_fields({}, {"superseded_by": str(decision)}),
        )
    if agenda_item is not None:
        # The decision settles the item: the agenda shows it done.
        AgendaItem.objects.filter(pk=agenda_item.pk).update(done=True)
    notifications.recorded(decision, actor)
    if kind == DecisionKind.GATE_APPROVAL and use_case is not None:
        gate_requests_settle(use_case.pk, [Need.STEERING_DECISION])
    links = {"budget_request": budget_request, "risk": risk}
    for subject in SUBJECTS:
        # A risk's status, for one, follows from its decisions in force.
        record = links.get(subject.field)
        if record is not None and subject.decided is not None:
            subject.decided(record, actor)
    return decision


def _subject_use_case(
    use_case: UseCase | None, budget_request: BudgetRequest | None, risk: Risk | None
) -> UseCase | None:
    """The use case the decision is about; budget requests and risks bring their own."""
    linked: tuple[tuple[Any, BudgetRequest | Risk | None], ...] = (
        (BUDGET_OF_OTHER_USE_CASE, budget_request),
        (RISK_OF_OTHER_USE_CASE, risk),
    )
    for message, subject in linked:
        if subject is None or subject.use_case_id is None:
            continue
        if use_case is None:
            use_case = subject.use_case
        elif use_case.pk != subject.use_case_id:
            raise DecisionError(message, field="use_case")
    return use_case


def _check_kind_fields(
    *,
    kind: DecisionKind,
    outcome: DecisionOutcome,
    body: Body,
    use_case: UseCase | None,
    gate_stage: str,
    budget_request: BudgetRequest | None,
    approved_amount: Decimal | None,
    risk: Risk | None,
) -> None:
    if kind == DecisionKind.GATE_APPROVAL:
        if use_case is None:
            raise DecisionError(GATE_NEEDS_USE_CASE, field="use_case")
        if gate_stage not in GateStage.values:
            raise DecisionError(GATE_NEEDS_STAGE, field="gate_stage")
        if body.kind != BodyKind.STEERING_COMMITTEE:
            raise DecisionError(GATE_NEEDS_STEERING, field="body")
    elif gate_stage:
        raise DecisionError(STAGE_ONLY_FOR_GATES, field="gate_stage")
    if kind == DecisionKind.BUDGET:
        if budget_request is None:
            raise DecisionError(BUDGET_NEEDS_REQUEST, field="budget_request")
        if outcome in APPROVING_OUTCOMES and approved_amount is None:
            raise DecisionError(AMOUNT_REQUIRED, field="approved_amount")
    elif budget_request is not None:
        raise DecisionError(REQUEST_ONLY_FOR_BUDGET, field="budget_request")
    if approved_amount is not None:
        if kind != DecisionKind.BUDGET or outcome not in APPROVING_OUTCOMES:
            raise DecisionError(AMOUNT_ONLY_WHEN_APPROVED, field="approved_amount")
        if approved_amount < 0:
            raise DecisionError(AMOUNT_NEGATIVE, field="approved_amount")
    if kind == DecisionKind.RISK_ACCEPTANCE and risk is None:
        raise DecisionError(RISK_NEEDS_RISK, field="risk")


def _check_conditions(
    outcome: DecisionOutcome, conditions: Sequence[ConditionInput], decided_on: date
) -> list[tuple[str, Person, date]]:
    """The conditions given (rows left entirely empty are no conditions), all complete."""
    given = [c for c in conditions if c.text.strip() or c.owner or c.due_on]
    if outcome == DecisionOutcome.APPROVED_WITH_CONDITIONS and not given:
        raise DecisionError(CONDITIONS_REQUIRED, field="conditions")
    if outcome != DecisionOutcome.APPROVED_WITH_CONDITIONS and given:
        raise DecisionError(CONDITIONS_ONLY_WITH_OUTCOME, field="conditions")
    complete: list[tuple[str, Person, date]] = []
    for condition in given:
        if not condition.text.strip() or condition.owner is None or condition.due_on is None:
            raise DecisionError(CONDITION_INCOMPLETE, field="conditions")
        if condition.due_on < decided_on:
            raise DecisionError(
                CONDITION_DUE_EARLY % {"date": decided_on.isoformat()}, field="conditions"
            )
        complete.append((condition.text.strip(), condition.owner, condition.due_on))
    return complete


def _check_correction(
    old: Decision,
    kind: DecisionKind,
    use_case: UseCase | None,
    budget_request: BudgetRequest | None,
    risk: Risk | None,
) -> None:
    successor = Decision.objects.filter(supersedes=old).values_list("pk", flat=True).first()
    if successor is not None:
        raise DecisionError(
            ALREADY_SUPERSEDED % {"number": old.pk, "by": successor}, field="supersedes"
        )
    if kind != old.kind:
        raise DecisionError(
            CORRECTION_OTHER_KIND % {"kind": DecisionKind(old.kind).label}, field="kind"
        )
    subjects: tuple[tuple[str, Any, int | None, models.Model | None], ...] = (
        ("use_case", CORRECTION_OTHER_USE_CASE, old.use_case_id, use_case),
        ("budget_request", CORRECTION_OTHER_BUDGET, old.budget_request_id, budget_request),
        ("risk", CORRECTION_OTHER_RISK, old.risk_id, risk),
    )
    for name, message, old_id, new in subjects:
        if old_id != (new.pk if new is not None else None):
            raise DecisionError(message, field=name)


def _refuse_second_gate_approval(
    use_case: UseCase | None, gate_stage: str, supersedes: Decision | None
) -> None:
    # Any effective approval opens the gate; a later decision that is not a correction of
    # it would leave two contradicting entries in the register.
    approving = effective_decisions().filter(
        use_case=use_case,
        kind=DecisionKind.GATE_APPROVAL,
        gate_stage=gate_stage,
        outcome__in=APPROVING_OUTCOMES,
    )
    if supersedes is not None:
        approving = approving.exclude(pk=supersedes.pk)
    approving_pk = approving.values_list("pk", flat=True).first()
    if approving_pk is not None:
        raise DecisionError(GATE_ALREADY_APPROVED % {"number": approving_pk}, field="supersedes")


def _already_superseded(old: Decision | None) -> str:
    successor = Decision.objects.filter(supersedes=old).values_list("pk", flat=True).first()
    return str(ALREADY_SUPERSEDED % {"number": old.pk if old else "", "by": successor or ""})


# Conditions ----------------------------------------------------------------------------


def can_close_condition(user: Any, condition: DecisionCondition) -> bool:
    """The steering committee closes any condition; its owner closes their own."""
    if user.has_perm(Permission.DECIDE):
        return True
    owner = condition.owner
    return owner.user_id is not None and owner.user_id == user.pk


@user_action
def condition_close(
    *,
    condition: DecisionCondition,
    actor: User | None,
    closing_note: str,
    closed_on: date | None = None,
) -> DecisionCondition:
    """Record that a condition was met: not before its decision (``item_close`` does the
    rest of the checking)."""
    changes = item_close(
        condition,
        closing_note=closing_note,
        closed_on=closed_on,
        actor=actor,
        not_before=condition.decision.decided_on,
    )
    audit_record(
        actor=actor,
        action=DecisionAction.CONDITION_CLOSED,
        target=condition.decision,
        changes={"condition": condition.pk, **changes},
    )
    return condition
