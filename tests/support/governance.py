"""Governance objects for tests: bodies and decisions, budget requests and spending, risks,
and a use case that waits at the pilot gate for its DPIA and ethics review.

Every object is made through the service the application itself uses, unless the name says
otherwise, so the audit log and the derived states (accepted risks, approved amounts) follow.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.governance.ai_act.services import classification_record
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.governance.budgets.services import budget_request_create, spend_record
from wandel.governance.decisions.meetings import body_create
from wandel.governance.decisions.models import (
    Body,
    BodyKind,
    Decision,
    DecisionKind,
    DecisionOutcome,
)
from wandel.governance.decisions.services import ConditionInput, decision_record
from wandel.governance.reviews.dpia.services import dpia_check_record, dpia_complete, dpia_save
from wandel.governance.reviews.ethics.models import EthicsChecklistItem
from wandel.governance.reviews.ethics.services import (
    AnswerInput,
    ethics_review_complete,
    ethics_review_save,
    ethics_review_start,
)
from wandel.governance.risks.models import Risk
from wandel.governance.risks.services import risk_record
from wandel.org.models import Person
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase

# Pages -------------------------------------------------------------------------------------


def links_to(prefix: str, suffix: str = "/") -> Callable[[HttpResponse], int]:
    """Count the links to single objects (`href="<prefix><id><suffix>"`) in an answer: one
    per row of a list page, for `assert_queries_do_not_grow(shows=...)`."""
    pattern = re.compile(rf'href="{re.escape(prefix)}\d+{re.escape(suffix)}"')

    def count(response: HttpResponse) -> int:
        return len(pattern.findall(response.content.decode()))

    return count


# Bodies and decisions ----------------------------------------------------------------------


def make_body(kind: str = BodyKind.STEERING_COMMITTEE, name: str | None = None) -> Body:
    """A new body of `kind`, saved directly (no audit event), numbered if not named."""
    return Body.objects.create(name=name or f"Body {Body.objects.count() + 1}", kind=kind)


def record(actor: User, body: Body | None = None, **fields: Any) -> Decision:
    """A decision of `body` (a new one if none): an approved policy unless `fields` say
    otherwise."""
    defaults: dict[str, Any] = {
        "decided_on": timezone.localdate(),
        "kind": DecisionKind.POLICY,
        "text": "Only local models are used.",
        "outcome": DecisionOutcome.APPROVED,
    }
    return decision_record(actor=actor, body=body or make_body(), **{**defaults, **fields})


def gate(actor: User, use_case: UseCase, stage: str = "pilot", **fields: Any) -> Decision:
    """A gate approval letting `use_case` go to `stage`."""
    return record(
        actor,
        kind=DecisionKind.GATE_APPROVAL,
        use_case=use_case,
        gate_stage=stage,
        text=f"{use_case.title} may go to {stage}.",
        **fields,
    )


def condition(
    owner: Person, due_on: datetime.date | None = None, text: str = "Train the users"
) -> ConditionInput:
    """A condition of a decision, due in 30 days unless `due_on` is given."""
    return ConditionInput(text, owner, due_on or timezone.localdate() + datetime.timedelta(days=30))


def steering_body() -> Body:
    """The steering committee, created on first use."""
    body = Body.objects.filter(kind="steering_committee").first()
    return body or body_create(actor=None, name="KI-Lenkungskreis", kind="steering_committee")


def decider() -> User:
    """The member of the steering committee who records `decide`'s decisions."""
    user = User.objects.filter(email="decider@example.com").first()
    return user or make_user(Role.STEERING_COMMITTEE, email="decider@example.com")


def decide(
    *,
    kind: str,
    outcome: str,
    budget_request: BudgetRequest | None = None,
    amount: str | None = None,
    risk: Risk | None = None,
    supersedes: Decision | None = None,
    decided_on: datetime.date | None = None,
) -> Decision:
    """A decision of the steering committee through the decision register's own service;
    an approval with conditions gets one condition owned by the decider."""
    conditions: tuple[ConditionInput, ...] = ()
    if outcome == "approved_with_conditions":
        owner = decider().person
        conditions = (ConditionInput("Report monthly", owner, timezone.localdate()),)
    return decision_record(
        actor=decider(),
        body=steering_body(),
        decided_on=decided_on or timezone.localdate(),
        kind=kind,
        text=f"{kind}: {outcome}",
        outcome=outcome,
        budget_request=budget_request,
        approved_amount=Decimal(amount) if amount is not None else None,
        risk=risk,
        conditions=conditions,
        supersedes=supersedes,
    )


# Budgets -----------------------------------------------------------------------------------


def make_request(
    use_case: UseCase | None = None, amount: str = "10000", actor: User | None = None, **fields
) -> BudgetRequest:
    """A budget request for `use_case` (a new idea if none) through the service."""
    return budget_request_create(
        use_case=use_case or make_use_case(),
        title=fields.pop("title", "GPU hours for the pilot"),
        amount_requested=Decimal(amount),
        justification=fields.pop("justification", "The pilot needs 400 GPU hours."),
        actor=actor,
        **fields,
    )


def approve(budget_request: BudgetRequest, amount: str, **kwargs: Any) -> Decision:
    """A budget decision approving `amount` of the request."""
    return decide(
        kind="budget", outcome="approved", budget_request=budget_request, amount=amount, **kwargs
    )


def spend(budget_request: BudgetRequest, amount: str, actor: User | None = None) -> SpendEntry:
    """Spending of `amount` on the request, today."""
    return spend_record(
        budget_request=budget_request,
        spent_on=timezone.localdate(),
        amount=Decimal(amount),
        description="Invoice",
        actor=actor,
    )


# Risks and use cases -----------------------------------------------------------------------


def at_stage(stage: str, **fields: Any) -> UseCase:
    """A use case put straight into `stage`, past the lifecycle's gates."""
    use_case = make_use_case(**fields)
    UseCase.objects.filter(pk=use_case.pk).update(stage=stage)
    use_case.refresh_from_db()
    return use_case


def make_risk(
    *,
    likelihood: int = 3,
    impact: int = 3,
    actor: User | None = None,
    owner: Person | None = None,
    **fields: Any,
) -> Risk:
    """An open risk recorded through the register's service, reviewed in 30 days."""
    defaults: dict[str, Any] = {
        "title": "Chatbot invents prices",
        "description": "The assistant quotes prices that do not exist.",
        "category": "quality_hallucination",
        "review_on": timezone.localdate() + datetime.timedelta(days=30),
    }
    return risk_record(
        actor=actor,
        likelihood=likelihood,
        impact=impact,
        owner=owner or make_person(account=False),
        **{**defaults, **fields},
    )


# The pilot gate ----------------------------------------------------------------------------

# The fewest answers that classify a use case under the AI Act (minimal risk).
MINIMAL_ANSWERS: dict[str, object] = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}


def classified_prototype(steerco: User, **fields: Any) -> UseCase:
    """A use case moved to prototype by `steerco` and classified as of minimal risk."""
    use_case = score_all(make_use_case(**fields))
    for stage in (Stage.ASSESSED, Stage.APPROVED, Stage.PROTOTYPE):
        use_case_move(use_case=use_case, to=stage, actor=steerco, reason="weiter")
        use_case.refresh_from_db()
    classification_record(
        use_case=use_case,
        answers=MINIMAL_ANSWERS,
        rationales={q: "begründet" for q in MINIMAL_ANSWERS},
        actor=steerco,
    )
    return use_case


def prototype_with_personal_data(steerco: User) -> UseCase:
    """A prototype with personal data, classified, approved for pilot by the steering
    committee and found to need a DPIA: only its DPIA and ethics review are missing."""
    use_case = classified_prototype(
        steerco, title="Antwortentwürfe mit Kundendaten", personal_data=True
    )
    body = Body.objects.create(name="KI-Lenkungskreis", kind="steering_committee")
    decision_record(
        actor=steerco,
        body=body,
        decided_on=datetime.date.today(),
        kind="gate_approval",
        text="Pilot freigegeben",
        outcome="approved",
        use_case=use_case,
        gate_stage="pilot",
    )
    dpia_check_record(
        use_case=use_case,
        answers={"evaluation_scoring": True, "large_scale": True},
        actor=steerco,
    )
    return use_case


def complete_dpia(use_case: UseCase, actor: User) -> None:
    """A DPIA of the use case, filled in and completed by `actor`."""
    dpia = dpia_save(
        use_case=use_case,
        actor=actor,
        description="d",
        necessity="n",
        risks="r",
        measures="m",
        data_subject_views="Betriebsrat angehört",
        dpo_opinion="Vertretbar",
        controller=actor.person,
        review_on=datetime.date(2027, 6, 30),
    )
    dpia_complete(dpia=dpia, actor=actor)


def complete_ethics_review(use_case: UseCase, actor: User) -> None:
    """An ethics review of the use case with no concern on any item, approved by `actor`."""
    review = ethics_review_start(use_case=use_case, actor=actor)
    ethics_review_save(
        review=review,
        answers={item.pk: AnswerInput("no_concern") for item in EthicsChecklistItem.objects.all()},
        actor=actor,
    )
    ethics_review_complete(review=review, outcome="approved", reasons="Fair", actor=actor)
