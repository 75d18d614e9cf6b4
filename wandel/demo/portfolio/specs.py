"""The demo company's portfolio as data: its hand-written use cases and workshops
(``data/use_cases.toml``, ``data/workshops.toml``), the words its scorers and its steering
committee use (``data/wording.toml``), and what the generated use cases of the large size are
made of (``data/generated.toml``).

Days are counted back from the day the demo is loaded, so the portfolio always looks
current. A use case's ``scores`` are twelve digits in the order of the default criteria
(``portfolio/defaults.py``): four value, four feasibility and four risk criteria, written in
groups of four. ``owner`` names the division whose product owner owns it (KS is
owner@example.com). ``workshop`` says in which workshop the idea was captured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wandel.demo.content import load, unique
from wandel.demo.org.accounts import ADMIN, LoginEmail
from wandel.demo.org.company import UnitCode
from wandel.portfolio.measures.models import Direction, RequirementStatus
from wandel.portfolio.use_cases.models import Capability, Stage

DATA = Path(__file__).resolve().parent / "data"
USE_CASES_FILE = DATA / "use_cases.toml"
WORKSHOPS_FILE = DATA / "workshops.toml"


@dataclass(frozen=True)
class KpiSpec:
    name: str
    unit_of_measure: str
    direction: Direction
    baseline: str
    target: str
    # Share of the way from baseline to target the latest measurement has come.
    reached: float


@dataclass(frozen=True)
class RequirementSpec:
    text: str
    status: RequirementStatus = RequirementStatus.NOT_TESTED
    evidence: str = ""


@dataclass(frozen=True)
class CommentSpec:
    author: LoginEmail
    text: str


@dataclass(frozen=True)
class UseCaseSpec:
    title: str
    unit: UnitCode
    capability: Capability
    process: str
    problem: str
    expected_benefit: str
    data_involved: str
    personal_data: bool
    hours: int | None
    people: int | None
    stage: Stage
    submitted_days_ago: int
    submitter: LoginEmail = ADMIN
    owner: UnitCode | None = None
    scores: str = ""
    # Rationales that say more than the standard ones, by the criterion's English name.
    notes: Mapping[str, str] = field(default_factory=dict)
    # The stages it passed through, when not the usual way (see ``plan.ROUTES``).
    route: tuple[Stage, ...] = ()
    # Reasons of particular moves, by the stage moved to.
    reasons: Mapping[Stage, str] = field(default_factory=dict)
    linked_units: tuple[UnitCode, ...] = ()
    team: int = 0
    kpis: tuple[KpiSpec, ...] = ()
    requirements: tuple[RequirementSpec, ...] = ()
    comments: tuple[CommentSpec, ...] = ()
    workshop: str = ""


@dataclass(frozen=True)
class WorkshopSpec:
    title: str
    days_ago: int
    units: tuple[UnitCode, ...]
    facilitator: LoginEmail
    agenda: str
    # Logins taking part; the other participants are drawn from the units' staff.
    logins: tuple[LoginEmail, ...]
    staff: int
    # Use cases that were already in the portfolio and were brought in to be prioritised.
    brought_in: tuple[str, ...] = ()
    # Share of the participants who voted; the vote stays open below 1.
    voted: float = 1.0


@dataclass(frozen=True)
class UseCases:
    use_cases: tuple[UseCaseSpec, ...]

    def __post_init__(self) -> None:
        unique(spec.title for spec in self.use_cases)


@dataclass(frozen=True)
class Workshops:
    workshops: tuple[WorkshopSpec, ...]


@dataclass(frozen=True)
class UnknownFigures:
    """Said for ``{hours}`` or ``{people}`` when the use case gives no figure."""

    hours: str
    people: str


@dataclass(frozen=True)
class Wording:
    # What the scorers write, by criterion (English name) and band: 1–2, 3, 4–5.
    # ``{hours}`` and ``{people}`` come from the use case when it gives them.
    rationales: Mapping[str, tuple[str, str, str]]
    veto_rationale: str
    unknown_figures: UnknownFigures
    # The usual reasons for the usual moves; moves elsewhere need their own.
    standard_reasons: Mapping[Stage, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    """What a generated use case is about: „Lieferavise“ and what a model does with them."""

    subject: str
    capabilities: tuple[Capability, ...]
    personal_data: bool = False


@dataclass(frozen=True)
class GeneratedKpi:
    name: str
    unit_of_measure: str
    direction: Direction
    baseline: str
    target: str


@dataclass(frozen=True)
class GeneratedTexts:
    """The texts of a generated use case; ``{unit}``, ``{subject}``, ``{hours}`` and
    ``{people}`` are its own."""

    problem: str
    expected_benefit: str
    data_involved: str
    # ``data_involved`` of a topic that involves personal data.
    data_involved_personal: str
    # The evidence of a tested requirement.
    evidence: str
    # The reason of a move that has no standard reason.
    other_reason: str


@dataclass(frozen=True)
class Generated:
    # By division: a title is a subject and what the model does with it.
    topics: Mapping[UnitCode, tuple[Topic, ...]]
    verbs: Mapping[Capability, tuple[str, ...]]
    kpis: tuple[GeneratedKpi, ...]
    requirements: tuple[str, ...]
    texts: GeneratedTexts


@cache
def use_cases() -> tuple[UseCaseSpec, ...]:
    return load(USE_CASES_FILE, UseCases).use_cases


@cache
def workshops() -> tuple[WorkshopSpec, ...]:
    return load(WORKSHOPS_FILE, Workshops).workshops


@cache
def wording() -> Wording:
    return load(DATA / "wording.toml", Wording)


@cache
def generated() -> Generated:
    return load(DATA / "generated.toml", Generated)


def is_hand_written(title: str) -> None:
    """A check for content files (``Annotated[str, is_hand_written]``): the title of one of
    the hand-written use cases."""
    if title not in {spec.title for spec in use_cases()}:
        raise ValueError(f"{title!r} is not the title of a use case in {USE_CASES_FILE.name}")
