"""The gate rules as a pure function: which approvals a move to pilot or production needs,
given what is known about the use case, and which of them are still missing."""

from __future__ import annotations

from wandel.governance.facts import GateFacts, RiskClass
from wandel.governance.needs import Need
from wandel.portfolio.use_cases.models import Stage

# Moves the gates guard. A prohibited practice may not even be approved or prototyped.
GATED = frozenset({Stage.PILOT, Stage.PRODUCTION})
BLOCKED_IF_PROHIBITED = frozenset({Stage.APPROVED, Stage.PROTOTYPE, Stage.PILOT, Stage.PRODUCTION})


def required(facts: GateFacts, to: str) -> list[Need]:
    """Everything a move to ``to`` requires for a use case with these facts, in order."""
    needs: list[Need] = []
    prohibited = facts.classification.risk_class == RiskClass.PROHIBITED
    if prohibited and to in BLOCKED_IF_PROHIBITED:
        needs.append(Need.NOT_PROHIBITED)
    if to not in GATED:
        return needs
    needs += [Need.CLASSIFICATION, Need.STEERING_DECISION]
    employee_impact = facts.classification.employee_impact
    if facts.personal_data or employee_impact:
        needs.append(Need.ETHICS_REVIEW)
    if facts.personal_data:
        needs.append(Need.DPIA_CHECK)
        if facts.dpia.required:
            needs.append(Need.DPIA)
    if employee_impact:
        needs.append(Need.COUNCIL_ASSESSMENT)
    if facts.council.required:
        needs.append(Need.COUNCIL_AGREEMENT)
    if facts.classification.risk_class == RiskClass.HIGH:
        needs.append(Need.HIGH_RISK_OBLIGATIONS)
    return needs


def met(need: Need, facts: GateFacts) -> bool:
    return {
        Need.NOT_PROHIBITED: False,
        Need.CLASSIFICATION: facts.classification.classified,
        Need.STEERING_DECISION: facts.steering_approved,
        Need.ETHICS_REVIEW: facts.ethics_passed,
        Need.DPIA_CHECK: facts.dpia.checked,
        Need.DPIA: facts.dpia.completed,
        Need.COUNCIL_ASSESSMENT: facts.council.assessed,
        Need.COUNCIL_AGREEMENT: facts.council.agreed,
        Need.HIGH_RISK_OBLIGATIONS: not facts.classification.unconfirmed_obligations,
    }[need]


def missing(facts: GateFacts, to: str) -> list[Need]:
    return [need for need in required(facts, to) if not met(need, facts)]
