"""Writes of the risk register, one function per user action (its own transaction with its
audit events, each holding the changed fields before and after).

A risk is accepted only by a steering-committee decision. Nothing here sets a risk to
accepted on request; ``risk_sync_acceptance`` derives the status from the effective
(not superseded) risk-acceptance decisions, and the decision register calls it inside the
action that records one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import DomainError
from wandel.core.models import User
from wandel.core.tracking import TrackedStatus, item_close
from wandel.governance import follow_up_events
from wandel.governance.decisions.models import APPROVING_OUTCOMES, DecisionOutcome
from wandel.governance.follow_up_events import FollowUpKind
from wandel.governance.risks.models import Mitigation, Risk, RiskAction, RiskStatus
from wandel.governance.risks.queries import acceptance_decisions, risk_accepted
from wandel.org.models import Person

__all__ = [
    "ACCEPTANCE_NEEDS_OPEN",
    "ACCEPTANCE_ONLY_BY_DECISION",
    "ALREADY_CLOSED",
    "CLOSED_MITIGATION",
    "CLOSED_RISK",
    "MITIGATION_DONE_BY_CLOSING",
    "MITIGATION_FIELDS",
    "MITIGATION_TEXT_REQUIRED",
    "NOT_CLOSED",
    "RESIDUAL_ABOVE_INHERENT",
    "RESIDUAL_BOTH",
    "RISK_FIELDS",
    "STATUS_CHANGE_REFUSED",
    "RiskError",
    "mitigation_add",
    "mitigation_close",
    "mitigation_update",
    "risk_close",
    "risk_record",
    "risk_reopen",
    "risk_request_acceptance",
    "risk_sync_acceptance",
    "risk_update",
]

RISK_FIELDS = (
    "use_case",
    "title",
    "description",
    "category",
    "likelihood",
    "impact",
    "owner",
    "residual_likelihood",
    "residual_impact",
    "review_on",
)
MITIGATION_FIELDS = ("text", "status", "owner", "due_on")

RESIDUAL_BOTH = _("Give both residual ratings (likelihood and impact) or neither.")
RESIDUAL_ABOVE_INHERENT = _(
    "Mitigations do not make a risk worse: the residual likelihood and impact cannot be "
    "higher than the ratings before mitigation."
)
CLOSED_RISK = _("This risk is closed; reopen it before changing it.")
ALREADY_CLOSED = _("This risk is closed already.")
NOT_CLOSED = _("Only a closed risk can be reopened.")
ACCEPTANCE_NEEDS_OPEN = _(
    "Only an open risk can be put forward for acceptance; this one is “%(status)s”."
)
ACCEPTANCE_ONLY_BY_DECISION = _(
    "A risk is accepted only by a steering-committee decision, not by changing its status."
)
STATUS_CHANGE_REFUSED = _("A risk cannot go from “%(from)s” to “%(to)s”.")
MITIGATION_TEXT_REQUIRED = _("Describe the mitigation.")
MITIGATION_DONE_BY_CLOSING = _(
    "A mitigation is done when it is closed with a note saying how: close it instead of "
    "setting its status."
)
CLOSED_MITIGATION = _("This mitigation is closed and can no longer be changed.")
FIELD_ERROR = _("%(field)s: %(error)s")


class RiskError(DomainError):
    """A change of the risk register the rules refuse; the message is for the user."""


# Risks -------------------------------------------------------------------------------------


@user_action
def risk_record(*, actor: User | None, **fields: Any) -> Risk:
    """A new entry of the register; it starts open."""
    _known(fields, RISK_FIELDS)
    risk = Risk(recorded_by=actor, status=RiskStatus.OPEN, **fields)
    _check(risk)
    risk.save()
    audit_record(
        actor=actor,
        action=RiskAction.RECORDED,
        target=risk,
        changes=changed_fields({}, snapshot(risk, (*RISK_FIELDS, "status"))),
    )
    _risk_assigned(risk, actor)
    return risk


@user_action
def risk_update(
    *, risk: Risk, actor: User | None, status: str | None = None, **fields: Any
) -> Risk:
    """Change what the register says about a risk, and (if ``status`` is given) request
    its acceptance, close or reopen it, all in one action. Accepting is refused: only a
    decision accepts a risk."""
    _known(fields, RISK_FIELDS)
    if status == RiskStatus.ACCEPTED:
        raise RiskError(ACCEPTANCE_ONLY_BY_DECISION, field="status")
    stored = _locked(risk)
    if fields:
        _change(stored, actor, fields)
    if status is not None and status != stored.status:
        _move(stored, RiskStatus(status), actor)
    return stored


@user_action
def risk_close(*, risk: Risk, actor: User | None) -> Risk:
    stored = _locked(risk)
    _close(stored, actor)
    return stored


@user_action
def risk_reopen(*, risk: Risk, actor: User | None) -> Risk:
    """A closed risk comes back open, or accepted if a decision still accepts it."""
    stored = _locked(risk)
    _reopen(stored, actor)
    return stored


@user_action
def risk_request_acceptance(*, risk: Risk, actor: User | None) -> Risk:
    """Put an open risk to the steering committee, which accepts it (or not) by decision."""
    stored = _locked(risk)
    _request_acceptance(stored, actor)
    return stored


def risk_sync_acceptance(*, risk: Risk, actor: User | None = None) -> Risk:
    """Bring the risk's status in line with its effective risk-acceptance decisions.

    Accepted while an effective decision approves it (with or without conditions); when
    that decision is superseded by one that does not, the risk is open again; a rejection
    answers a pending request with "open"; a deferral leaves the request pending. Closed
    risks stay closed. A building block of recording a decision: it runs inside that
    action's transaction.
    """
    require_transaction("Bringing a risk's status in line with its decisions")
    stored = _locked(risk)
    previous = stored.status
    if previous == RiskStatus.CLOSED:
        return stored
    effective = list(
        acceptance_decisions(stored)
        .filter(superseded_by__isnull=True)
        .order_by("-decided_on", "-pk")
        .values_list("pk", "outcome")
    )
    accepting = [pk for pk, outcome in effective if outcome in APPROVING_OUTCOMES]
    latest = effective[0] if effective else None
    if accepting:
        status, action = RiskStatus.ACCEPTED, RiskAction.ACCEPTED
    elif previous == RiskStatus.ACCEPTED:
        status, action = RiskStatus.OPEN, RiskAction.ACCEPTANCE_ENDED
    elif (
        previous == RiskStatus.ACCEPTANCE_REQUESTED
        and latest is not None
        and latest[1] == DecisionOutcome.REJECTED
    ):
        status, action = RiskStatus.OPEN, RiskAction.ACCEPTANCE_REFUSED
    else:
        return stored
    if status != previous:
        decision = accepting[0] if accepting else (latest[0] if latest else None)
        _set_status(stored, status, action, actor, decision=decision)
    risk.status = stored.status
    return stored


def _locked(risk: Risk) -> Risk:
    return Risk.objects.select_for_update().get(pk=risk.pk)


def _change(stored: Risk, actor: User | None, fields: Mapping[str, Any]) -> None:
    if stored.status == RiskStatus.CLOSED:
        raise RiskError(CLOSED_RISK)
    before = snapshot(stored, RISK_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value)
    _check(stored)
    changes = changed_fields(before, snapshot(stored, RISK_FIELDS))
    if changes:
        stored.save()
        audit_record(actor=actor, action=RiskAction.CHANGED, target=stored, changes=changes)
    if "owner" in changes:
        _risk_assigned(stored, actor)


def _risk_assigned(risk: Risk, actor: User | None) -> None:
    """The risk's owner keeps it under review: they are told they own it."""
    follow_up_events.assigned(
        owner=risk.owner.user,
        kind=FollowUpKind.RISK_REVIEW,
        pk=risk.pk,
        text=risk.title,
        url=reverse("governance:risk_detail", args=[risk.pk]),
        actor=actor,
    )


def _move(stored: Risk, to: RiskStatus, actor: User | None) -> None:
    if to == RiskStatus.ACCEPTANCE_REQUESTED:
        _request_acceptance(stored, actor)
    elif to == RiskStatus.CLOSED:
        _close(stored, actor)
    elif to == RiskStatus.OPEN and stored.status == RiskStatus.CLOSED:
        _reopen(stored, actor)
    else:
        raise RiskError(
            STATUS_CHANGE_REFUSED
            % {"from": RiskStatus(stored.status).label, "to": RiskStatus(to).label},
            field="status",
        )


def _close(stored: Risk, actor: User | None) -> None:
    if stored.status == RiskStatus.CLOSED:
        raise RiskError(ALREADY_CLOSED)
    _set_status(stored, RiskStatus.CLOSED, RiskAction.CLOSED, actor)


def _reopen(stored: Risk, actor: User | None) -> None:
    if stored.status != RiskStatus.CLOSED:
        raise RiskError(NOT_CLOSED)
    status = RiskStatus.ACCEPTED if risk_accepted(stored) else RiskStatus.OPEN
    _set_status(stored, status, RiskAction.REOPENED, actor)


def _request_acceptance(stored: Risk, actor: User | None) -> None:
    if stored.status != RiskStatus.OPEN:
        raise RiskError(ACCEPTANCE_NEEDS_OPEN % {"status": RiskStatus(stored.status).label})
    _set_status(stored, RiskStatus.ACCEPTANCE_REQUESTED, RiskAction.ACCEPTANCE_REQUESTED, actor)


def _set_status(
    risk: Risk,
    status: str,
    action: str,
    actor: User | None,
    *,
    decision: int | None = None,
) -> None:
    before = snapshot(risk, ("status",))
    risk.status = status
    risk.save(update_fields=["status", "updated_at"])
    changes = changed_fields(before, snapshot(risk, ("status",)))
    if decision is not None:
        changes["decision"] = decision
    audit_record(actor=actor, action=action, target=risk, changes=changes)


# Mitigations -------------------------------------------------------------------------------


@user_action
def mitigation_add(
    *,
    risk: Risk,
    text: str,
    status: str = TrackedStatus.OPEN,
    owner: Person | None = None,
    due_on: date | None = None,
    actor: User | None,
) -> Mitigation:
    """A new measure against ``risk``, open or in progress (it is done once closed)."""
    _not_done(status)
    stored = _locked(risk)
    mitigation = Mitigation(
        risk=stored, text=text.strip(), status=status, owner=owner, due_on=due_on
    )
    if not mitigation.text:
        raise RiskError(MITIGATION_TEXT_REQUIRED, field="text")
    _validate(mitigation, exclude=["risk"])
    if stored.status == RiskStatus.CLOSED:
        raise RiskError(CLOSED_RISK)
    mitigation.save()
    _mitigation_assigned(mitigation, actor)
    audit_record(
        actor=actor,
        action=RiskAction.MITIGATION_ADDED,
        target=stored,
        changes={
            "mitigation": mitigation.pk,
            **changed_fields({}, snapshot(mitigation, MITIGATION_FIELDS)),
        },
    )
    return mitigation


def _mitigation_assigned(mitigation: Mitigation, actor: User | None) -> None:
    if mitigation.owner is None:
        return
    follow_up_events.assigned(
        owner=mitigation.owner.user,
        kind=FollowUpKind.MITIGATION,
        pk=mitigation.pk,
        text=mitigation.text,
        url=reverse("governance:risk_detail", args=[mitigation.risk_id]),
        actor=actor,
    )


@user_action
def mitigation_update(*, mitigation: Mitigation, actor: User | None, **fields: Any) -> Mitigation:
    """Change an open mitigation's text, owner, due date, or status between open and in
    progress; ``mitigation_close`` makes it done."""
    _known(fields, MITIGATION_FIELDS)
    if "status" in fields:
        _not_done(fields["status"])
    if "text" in fields:
        fields["text"] = fields["text"].strip()
        if not fields["text"]:
            raise RiskError(MITIGATION_TEXT_REQUIRED, field="text")
    stored = _locked_mitigation(mitigation)
    if not stored.is_open:
        raise RiskError(CLOSED_MITIGATION)
    before = snapshot(stored, MITIGATION_FIELDS)
    before_owner = stored.owner_id
    for name, value in fields.items():
        setattr(stored, name, value)
    _validate(stored, exclude=["risk"])
    changes = changed_fields(before, snapshot(stored, MITIGATION_FIELDS))
    if changes:
        stored.save()
        if "owner" in fields and stored.owner_id != before_owner:
            _mitigation_assigned(stored, actor)
        audit_record(
            actor=actor,
            action=RiskAction.MITIGATION_CHANGED,
            target=stored.risk,
            changes={"mitigation": stored.pk, **changes},
        )
    return stored


@user_action
def mitigation_close(
    *,
    mitigation: Mitigation,
    closing_note: str,
    closed_on: date | None = None,
    actor: User | None,
) -> Mitigation:
    """Record that a mitigation is done: how, and when (today if not given)."""
    stored = _locked_mitigation(mitigation)
    changes = item_close(stored, closing_note=closing_note, closed_on=closed_on, actor=actor)
    audit_record(
        actor=actor,
        action=RiskAction.MITIGATION_CLOSED,
        target=stored.risk,
        changes={"mitigation": stored.pk, **changes},
    )
    return stored


def _not_done(status: str) -> None:
    if status == TrackedStatus.DONE:
        raise RiskError(MITIGATION_DONE_BY_CLOSING, field="status")


def _locked_mitigation(mitigation: Mitigation) -> Mitigation:
    """The mitigation and its risk, locked; refused while the risk is closed."""
    stored = Mitigation.objects.select_for_update().select_related("risk").get(pk=mitigation.pk)
    if stored.risk.status == RiskStatus.CLOSED:
        raise RiskError(CLOSED_RISK)
    return stored


# Checks ------------------------------------------------------------------------------------


def _known(fields: Iterable[str], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _check(risk: Risk) -> None:
    likelihood, impact = risk.residual_likelihood, risk.residual_impact
    if (likelihood is None) != (impact is None):
        missing = "residual_likelihood" if likelihood is None else "residual_impact"
        raise RiskError(RESIDUAL_BOTH, field=missing)
    _validate(risk, exclude=["recorded_by"])
    if likelihood is not None and impact is not None:
        above = [
            name
            for name, residual, inherent in (
                ("residual_likelihood", likelihood, risk.likelihood),
                ("residual_impact", impact, risk.impact),
            )
            if residual > inherent
        ]
        if above:
            raise RiskError(
                RESIDUAL_ABOVE_INHERENT, errors={name: [RESIDUAL_ABOVE_INHERENT] for name in above}
            )


def _validate(instance: models.Model, *, exclude: list[str]) -> None:
    """The model's own field checks as one refusal, with the messages by field."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        by_field = error.message_dict
        messages = [
            message if name == NON_FIELD_ERRORS else _field_error(instance, name, message)
            for name, field_messages in by_field.items()
            for message in field_messages
        ]
        only = next(iter(by_field)) if len(by_field) == 1 else None
        raise RiskError(
            " ".join(messages),
            field=only if only != NON_FIELD_ERRORS else None,
            errors=by_field,
        ) from error


def _field_error(instance: models.Model, name: str, message: str) -> str:
    field = instance._meta.get_field(name)
    label = capfirst(getattr(field, "verbose_name", name))
    return str(FIELD_ERROR % {"field": label, "error": message})
