"""The demo company's governance as data (``data/*.toml``): its two bodies, what each
hand-written use case went through (EU AI Act classification, DPIA, ethics review, works
council), its budget requests, its risk register, the decisions that are not about a single
use case, and the wording of its register and minutes.

Days are counted back from the day the demo is loaded, like the portfolio's. Who acts is
named by the e-mail address of a demo login, or ``owner`` for the use case's product owner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from wandel.core.tracking import TrackedStatus
from wandel.demo.content import load, unique
from wandel.demo.governance.profiles import is_profile
from wandel.demo.org.accounts import LoginEmail, is_login
from wandel.demo.portfolio.specs import is_hand_written
from wandel.governance.decisions.models import BodyRole, DecisionKind, DecisionOutcome, GateStage
from wandel.governance.facts import RiskClass
from wandel.governance.gates.rules import Need
from wandel.governance.reviews.codetermination.models import AgreementStatus
from wandel.governance.reviews.ethics.models import EthicsOutcome
from wandel.governance.risks.models import RiskCategory

DATA = Path(__file__).resolve().parent / "data"
STEERING = "steering"
ETHICS_BOARD = "ethics"
PRODUCT_OWNER = "owner"

BodyKey = Literal["steering", "ethics"]
UseCaseTitle = Annotated[str, is_hand_written]
DpiaSection = Literal[
    "description", "necessity", "risks", "measures", "dpo_opinion", "data_subject_views"
]


def is_who(who: str) -> None:
    """A check for content files: a demo login's e-mail address, or ``owner``."""
    if who != PRODUCT_OWNER:
        is_login(who)


Who = Annotated[str, is_who]


@dataclass(frozen=True)
class ConditionSpec:
    """A condition of a decision or an ethics review, due some days after it."""

    text: str
    owner: Who
    due_after: int
    # Days after the decision when it was met; None while it is open.
    closed_after: int | None = None
    closing_note: str = ""


@dataclass(frozen=True)
class EthicsSpec:
    # None while the review is still in progress.
    outcome: EthicsOutcome | None
    reasons: str
    # Notes of concerns, by position in the checklist (0–5), and items that do not apply.
    concerns: Mapping[int, str] = field(default_factory=dict)
    not_applicable: tuple[int, ...] = ()
    conditions: tuple[ConditionSpec, ...] = ()


@dataclass(frozen=True)
class DpiaSpec:
    # The threshold criteria that apply (ids of ``governance.dpia_criteria``).
    criteria: tuple[str, ...]
    # Sections of the DPIA that are written; none: no DPIA was started.
    sections: Mapping[DpiaSection, str] = field(default_factory=dict)
    signed_off: bool = True


@dataclass(frozen=True)
class CouncilSpec:
    monitoring_capable: bool
    status: AgreementStatus
    # ``{year}`` becomes the year the agreement was signed.
    reference: str = ""
    clauses: str = ""
    notes: str = ""


@dataclass(frozen=True)
class GovernanceSpec:
    title: str
    profile: Annotated[str, is_profile] = ""
    # Obligations confirmed although no gate asks for them.
    confirm: tuple[str, ...] = ()
    dpia: DpiaSpec | None = None
    ethics: EthicsSpec | None = None
    council: CouncilSpec | None = None
    # Gate decisions: the text, and the conditions that make it an approval with conditions.
    gate_texts: Mapping[GateStage, str] = field(default_factory=dict)
    gate_conditions: Mapping[GateStage, tuple[ConditionSpec, ...]] = field(default_factory=dict)
    # Blocked at the pilot gate: the steering committee deferred it with this text …
    deferred: str = ""
    # … after its owner tried to start the pilot anyway.
    refused_move: bool = False


@dataclass(frozen=True)
class CorrectionSpec:
    """A later decision that corrects the amount an earlier one recorded."""

    approved: int
    text: str


@dataclass(frozen=True)
class SpendSpec:
    days_ago: int
    amount: int
    description: str


@dataclass(frozen=True)
class BudgetSpec:
    use_case: UseCaseTitle
    title: str
    amount: int
    requested_days_ago: int
    justification: str
    # None: the request still waits for the steering committee.
    outcome: DecisionOutcome | None = None
    approved: int | None = None
    text: str = ""
    conditions: tuple[ConditionSpec, ...] = ()
    correction: CorrectionSpec | None = None
    spend: tuple[SpendSpec, ...] = ()


@dataclass(frozen=True)
class MitigationSpec:
    text: str
    status: TrackedStatus
    owner: Who
    # Days from today; negative in the past.
    due_in: int | None = None


@dataclass(frozen=True)
class RiskSpec:
    # None: a risk of the whole programme.
    use_case: UseCaseTitle | None
    title: str
    description: str
    category: RiskCategory
    likelihood: int
    impact: int
    owner: Who
    recorded_days_ago: int
    # Days from today; negative: the review is overdue.
    review_in: int
    # (likelihood, impact) once the mitigations work.
    residual: tuple[int, int] | None = None
    mitigations: tuple[MitigationSpec, ...] = ()
    # "requested": the acceptance waits for the steering committee.
    status: Literal["open", "requested", "accepted", "closed"] = "open"
    # The outcome of the steering committee's decision on an accepted risk.
    acceptance: DecisionOutcome | None = None
    acceptance_conditions: tuple[ConditionSpec, ...] = ()

    def __post_init__(self) -> None:
        if self.status == "accepted" and self.acceptance is None:
            raise ValueError("an accepted risk needs its acceptance (the decision's outcome)")


@dataclass(frozen=True)
class DecisionSpec:
    """A decision not about a single use case's portfolio moves."""

    body: BodyKey
    # Index of the body's past meeting, oldest first (negative counts from the latest);
    # None: the meeting in which the ethics board concluded its review of ``use_case``.
    meeting: int | None
    item: str
    kind: DecisionKind
    outcome: DecisionOutcome
    text: str
    conditions: tuple[ConditionSpec, ...] = ()
    use_case: UseCaseTitle | None = None


@dataclass(frozen=True)
class BodySpec:
    name: str
    description: str
    location: str
    # The first item of every meeting, and what its minutes say about it.
    report_item: str
    report_minutes: str


@dataclass(frozen=True)
class GuestSpec:
    """A member beyond the role holders, or a guest."""

    email: LoginEmail
    body: BodyKey
    role: BodyRole
    days_ago: int
    ended_days_ago: int | None = None


@dataclass(frozen=True)
class Bodies:
    steering: BodySpec
    ethics: BodySpec
    guests: tuple[GuestSpec, ...]


@dataclass(frozen=True)
class Usual:
    """What a use case whose story the demo does not tell gets on its way through a gate."""

    profile: Annotated[str, is_profile]
    dpia_criteria: tuple[str, ...]
    ethics: EthicsSpec
    dpia_sections: Mapping[DpiaSection, str]
    # Art. 35(9) GDPR: whose views were sought, when a DPIA does not say it itself.
    data_subject_views: str
    # ``{year}`` becomes the year the works agreement was signed.
    council_reference: str


@dataclass(frozen=True)
class Wording:
    """How the register and the minutes put things; ``{…}`` are filled in as named."""

    months: tuple[str, ...]
    meeting_title: str
    outcomes: Mapping[DecisionOutcome, str]
    risk_classes: Mapping[RiskClass, str]
    gate_items: Mapping[GateStage, str]
    gate_texts: Mapping[GateStage, str]
    # What a gate decision names as its basis, by the need of ``governance.rules``.
    basis: Mapping[Need, str]
    with_basis: str
    priority_item: str
    priority_approved: str
    priority_rejected: str
    budget_item: str
    risk_item: str
    risk_accepted: str
    risk_accepted_with_conditions: str
    not_applicable: str
    refused_move: str
    minutes_opening: str
    minutes_item: str
    minutes_noted: str
    minutes_decision: str
    usual: Usual

    def __post_init__(self) -> None:
        if len(self.months) != 12:
            raise ValueError("months must name the twelve months")


@dataclass(frozen=True)
class AiActTexts:
    # The classifier's reason for each answer, by question and answer ("+"-joined for
    # several answers).
    rationales: Mapping[str, Mapping[str, str]]
    # Evidence that an obligation is met, by obligation, and for the others.
    evidence: Mapping[str, str]
    other_evidence: str


@dataclass(frozen=True)
class Stories:
    use_cases: tuple[GovernanceSpec, ...]

    def __post_init__(self) -> None:
        unique(spec.title for spec in self.use_cases)


@dataclass(frozen=True)
class Budgets:
    budgets: tuple[BudgetSpec, ...]


@dataclass(frozen=True)
class Risks:
    risks: tuple[RiskSpec, ...]


@dataclass(frozen=True)
class Decisions:
    decisions: tuple[DecisionSpec, ...]


@cache
def bodies() -> Bodies:
    return load(DATA / "bodies.toml", Bodies)


@cache
def stories() -> dict[str, GovernanceSpec]:
    """What each hand-written use case went through, by its title."""
    return {spec.title: spec for spec in load(DATA / "use_cases.toml", Stories).use_cases}


@cache
def budgets() -> tuple[BudgetSpec, ...]:
    return load(DATA / "budgets.toml", Budgets).budgets


@cache
def risks() -> tuple[RiskSpec, ...]:
    return load(DATA / "risks.toml", Risks).risks


@cache
def decisions() -> tuple[DecisionSpec, ...]:
    return load(DATA / "decisions.toml", Decisions).decisions


@cache
def wording() -> Wording:
    return load(DATA / "wording.toml", Wording)


@cache
def ai_act_texts() -> AiActTexts:
    return load(DATA / "ai_act.toml", AiActTexts)
