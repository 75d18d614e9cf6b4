"""Facts the governance gates depend on, and who may change them once a use case is approved.

Whether a use case processes personal data decides whether it needs a DPIA and an ethics
review before pilot and production (``governance.rules``). An owner who unticks "personal
data" after approval would drop both gates with one edit. So, past approval, a change that
could drop a gate does not take effect directly: it becomes a pending ``FactChange`` that
the data-protection officer confirms or rejects. Changes that only add gates, changes before
approval and changes by the DPO apply at once. Every step is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, NotPermitted
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.org.backends import holds_role
from wandel.portfolio.use_cases.models import (
    FactChange,
    FactChangeStatus,
    PortfolioAction,
    Stage,
    UseCase,
)


@dataclass(frozen=True)
class GateFact:
    """A use-case field a gate depends on: the role whose holder decides a change of it after
    approval (the role itself, not its permissions, which a programme admin holds too), and
    which value could drop a gate."""

    decided_by: Role
    dropping_value: Any


GATE_FACTS: Mapping[str, GateFact] = {
    # Personal data → DPIA check, DPIA and ethics review (governance.rules.required).
    "personal_data": GateFact(Role.DATA_PROTECTION, False),
}

# Once approved (or further on, or paused or retired from there), gate facts are guarded.
PAST_APPROVAL = frozenset(
    {Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION, Stage.RETIRED}
)

NOT_PENDING = _("This change has been decided already.")
DECIDER_ONLY = _("Only the data-protection officer confirms or rejects this change.")
ALREADY_PENDING = _(
    "A change of “%(fact)s” already awaits the data-protection officer's confirmation."
)


def past_approval(use_case: UseCase) -> bool:
    stage = use_case.paused_from if use_case.stage == Stage.ON_HOLD else use_case.stage
    return stage in PAST_APPROVAL


def needs_confirmation(use_case: UseCase, actor: User | None, name: str, value: Any) -> bool:
    """Whether setting gate fact ``name`` to ``value`` must wait for confirmation."""
    fact = GATE_FACTS[name]
    return (
        actor is not None
        and value == fact.dropping_value
        and past_approval(use_case)
        and not holds_role(actor, fact.decided_by)
    )


def fact_change_request(
    *, use_case: UseCase, actor: User | None, name: str, value: Any
) -> FactChange:
    """Put a change of a gate fact to the one who decides it (inside the edit's action)."""
    require_transaction("Asking for a change of a gate fact")
    if FactChange.objects.filter(
        use_case=use_case, field=name, status=FactChangeStatus.PENDING
    ).exists():
        label = getattr(UseCase._meta.get_field(name), "verbose_name", name)
        raise ConflictError(ALREADY_PENDING % {"fact": label}, field=name)
    change = FactChange.objects.create(
        use_case=use_case,
        field=name,
        old_value=getattr(use_case, name),
        new_value=value,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=PortfolioAction.FACT_CHANGE_REQUESTED,
        target=use_case,
        changes={"fact_change": change.pk, name: {"from": change.old_value, "to": value}},
    )
    return change


@user_action
def fact_change_decide(
    *, change: FactChange, confirm: bool, actor: User | None, note: str = ""
) -> FactChange:
    """Confirm (the use case takes the new value) or reject a pending gate-fact change."""
    stored = FactChange.objects.select_for_update().get(pk=change.pk)
    if actor is not None and not holds_role(actor, GATE_FACTS[stored.field].decided_by):
        raise NotPermitted(DECIDER_ONLY)
    if stored.status != FactChangeStatus.PENDING:
        raise ConflictError(NOT_PENDING)
    use_case = UseCase.objects.select_for_update().get(pk=stored.use_case_id)
    stored.status = FactChangeStatus.CONFIRMED if confirm else FactChangeStatus.REJECTED
    stored.decided_by = actor
    stored.decided_at = timezone.now()
    stored.note = note.strip()
    stored.save()
    changes: dict[str, Any] = {"fact_change": stored.pk, "note": stored.note}
    if confirm:
        before = snapshot(use_case, (stored.field,))
        setattr(use_case, stored.field, stored.new_value)
        use_case.save()
        changes.update(changed_fields(before, snapshot(use_case, (stored.field,))))
    else:
        changes["rejected"] = {stored.field: stored.new_value}
    audit_record(
        actor=actor,
        action=(
            PortfolioAction.FACT_CHANGE_CONFIRMED
            if confirm
            else PortfolioAction.FACT_CHANGE_REJECTED
        ),
        target=use_case,
        changes=changes,
    )
    change.refresh_from_db()
    return stored


def pending_fact_changes(use_case: UseCase) -> QuerySet[FactChange]:
    return FactChange.objects.filter(use_case=use_case, status=FactChangeStatus.PENDING).order_by(
        "requested_at", "pk"
    )


def may_decide_fact_changes(user: User | None) -> bool:
    """Whether ``user`` decides the pending changes of some gate fact (the page's buttons)."""
    return any(holds_role(user, fact.decided_by) for fact in GATE_FACTS.values())
