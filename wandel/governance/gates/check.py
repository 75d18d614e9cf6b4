"""The governance gate, plugged into the portfolio's lifecycle at start-up.

The portfolio calls ``gate_check`` for every move; it gathers what governance knows about
the use case (one small query per sub-domain), applies ``rules.missing`` and returns each
missing approval with a link to the page where it is given.
"""

from __future__ import annotations

from django.urls import reverse

from wandel.governance.ai_act.queries import classification_state
from wandel.governance.decisions.queries import gate_approved
from wandel.governance.facts import GateFacts
from wandel.governance.gates.rules import BLOCKED_IF_PROHIBITED, GATED, missing
from wandel.governance.needs import ACTING, Need
from wandel.governance.reviews.codetermination.queries import codetermination_state
from wandel.governance.reviews.dpia.queries import dpia_state
from wandel.governance.reviews.ethics.queries import ethics_passed
from wandel.portfolio.gates import Missing
from wandel.portfolio.use_cases.models import UseCase

GATE_NAME = "governance"


def gate_facts(use_case: UseCase, to: str) -> GateFacts:
    return GateFacts(
        personal_data=use_case.personal_data,
        classification=classification_state(use_case),
        dpia=dpia_state(use_case),
        council=codetermination_state(use_case),
        steering_approved=gate_approved(use_case, to) if to in GATED else False,
        ethics_passed=ethics_passed(use_case),
    )


def gate_check(use_case: UseCase, to: str) -> list[Missing]:
    if to not in GATED | BLOCKED_IF_PROHIBITED:
        return []
    facts = gate_facts(use_case, to)
    return [
        Missing(need.label, need_url(need, use_case, to), _permission(need))
        for need in missing(facts, to)
    ]


def _permission(need: Need) -> str:
    acting = ACTING.get(need)
    return acting.permission if acting is not None else ""


def need_url(need: Need, use_case: UseCase, to: str) -> str:
    pk = use_case.pk
    if need == Need.STEERING_DECISION:
        return (
            reverse("governance:decision_create")
            + f"?use_case={pk}&kind=gate_approval&gate_stage={to}"
        )
    names = {
        Need.NOT_PROHIBITED: "governance:classification",
        Need.CLASSIFICATION: "governance:classification",
        Need.HIGH_RISK_OBLIGATIONS: "governance:classification",
        Need.ETHICS_REVIEW: "governance:ethics_review_create",
        Need.DPIA_CHECK: "governance:dpia_check",
        Need.DPIA: "governance:dpia",
        Need.COUNCIL_ASSESSMENT: "governance:codetermination",
        Need.COUNCIL_AGREEMENT: "governance:codetermination",
    }
    return reverse(names[need], args=[pk])
