"""The portfolio of one size of the demo, planned without the database: the hand-written use
cases checked against the lifecycle, and for the large size thousands of generated ones.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from wandel.demo.base import DemoSize
from wandel.demo.content import ContentError
from wandel.demo.org.company import company
from wandel.demo.portfolio.specs import (
    USE_CASES_FILE,
    UseCaseSpec,
    generated,
    use_cases,
    wording,
    workshops,
)
from wandel.portfolio.use_cases.defaults import CRITERIA
from wandel.portfolio.use_cases.lifecycle import TRANSITIONS
from wandel.portfolio.use_cases.models import Stage

S = Stage
# As DESIGN.md sizes it: 3,000 use cases for 20,000 people. Smaller organisations get
# proportionally fewer, but never fewer than the hand-written ones.
USE_CASES_PER_PERSON = 3_000 / 20_000

# The way a use case usually reaches its stage.
ROUTES: dict[Stage, tuple[Stage, ...]] = {
    S.IDEA: (),
    S.ASSESSED: (S.ASSESSED,),
    S.APPROVED: (S.ASSESSED, S.APPROVED),
    S.PROTOTYPE: (S.ASSESSED, S.APPROVED, S.PROTOTYPE),
    S.PILOT: (S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT),
    S.PRODUCTION: (S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT, S.PRODUCTION),
    S.RETIRED: (S.ASSESSED, S.APPROVED, S.PROTOTYPE, S.PILOT, S.PRODUCTION, S.RETIRED),
    S.REJECTED: (S.ASSESSED, S.REJECTED),
    S.ON_HOLD: (S.ASSESSED, S.APPROVED, S.ON_HOLD),
}
# Stages in which a use case is being built or run: these have owners, KPIs, requirements.
DELIVERY = frozenset({S.PROTOTYPE, S.PILOT, S.PRODUCTION})
MEASURED = frozenset({S.PILOT, S.PRODUCTION})
SOMETIMES_OWNED = frozenset({S.APPROVED, S.RETIRED, S.ON_HOLD})

# How the generated use cases spread over the stages: many ideas, few in production.
GENERATED_STAGES = {
    S.IDEA: 34,
    S.ASSESSED: 16,
    S.APPROVED: 10,
    S.PROTOTYPE: 9,
    S.PILOT: 7,
    S.PRODUCTION: 8,
    S.RETIRED: 4,
    S.REJECTED: 8,
    S.ON_HOLD: 4,
}
CRITERION_NAMES = tuple(row[1] for row in CRITERIA)
VETO = "Unacceptable risk (veto)"


@dataclass(frozen=True)
class GeneratedUseCase:
    title: str
    unit: str
    capability: str
    process: str
    problem: str
    expected_benefit: str
    data_involved: str
    personal_data: bool
    hours: int
    people: int
    stage: Stage
    submitted_days_ago: int
    # One score per default criterion, in their order; empty for ideas.
    scores: tuple[int, ...]
    with_owner: bool


@dataclass
class PortfolioPlan:
    hand_written: tuple[UseCaseSpec, ...]
    generated: list[GeneratedUseCase] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.hand_written) + len(self.generated)


def use_case_count(size: DemoSize) -> int:
    return max(len(use_cases()), round(size.people * USE_CASES_PER_PERSON))


def portfolio_plan(size: DemoSize, *, seed: str, units: Sequence[tuple[str, str]]) -> PortfolioPlan:
    """The use cases of one size of the demo, for ``units`` as (code, name); no database."""
    hand_written = use_cases()
    check_use_cases(hand_written)
    rng = random.Random(f"{seed}-portfolio")
    plan = PortfolioPlan(hand_written=hand_written)
    count = use_case_count(size) - len(hand_written)
    if count <= 0:
        return plan
    by_division: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name in units:
        by_division[division_of(code)].append((code, name))
    divisions = [b.code for b in company().units if by_division[b.code]]
    weights = [b.weight for b in company().units if by_division[b.code]]
    stages, stage_weights = zip(*GENERATED_STAGES.items(), strict=True)
    titles: Counter[str] = Counter(spec.title for spec in hand_written)
    content = generated()
    texts = content.texts
    for _ in range(count):
        (division,) = rng.choices(divisions, weights)
        code, unit_name = rng.choice(by_division[division])
        topic = rng.choice(content.topics[division])
        capability = rng.choice(topic.capabilities)
        title = f"{topic.subject} {rng.choice(content.verbs[capability])}"
        titles[title] += 1
        if titles[title] > 1:
            title = f"{title} – {unit_name}"
        (stage,) = rng.choices(stages, stage_weights)
        personal = topic.personal_data
        hours = rng.randrange(5, 120, 5)
        people = rng.randrange(3, 200)
        plan.generated.append(
            GeneratedUseCase(
                title=title[:200],
                unit=code,
                capability=capability,
                process=topic.subject,
                problem=texts.problem.format(unit=unit_name, subject=topic.subject),
                expected_benefit=texts.expected_benefit.format(hours=hours, people=people),
                data_involved=(
                    texts.data_involved_personal if personal else texts.data_involved
                ).format(unit=unit_name, subject=topic.subject),
                personal_data=personal,
                hours=hours,
                people=people,
                stage=stage,
                submitted_days_ago=rng.randint(5, 720),
                scores=_generated_scores(rng, stage, personal=personal),
                with_owner=stage in DELIVERY or (stage in SOMETIMES_OWNED and rng.random() < 0.5),
            )
        )
    return plan


def check_use_cases(specs: Sequence[UseCaseSpec]) -> None:
    """Each hand-written use case can take its route, with reasons and scores, and names
    criteria and workshops that exist; ContentError naming the entry otherwise."""
    for number, spec in enumerate(specs):
        found = _problem(spec)
        if found is not None:
            name, problem = found
            where = f"use_cases[{number}] (“{spec.title}”).{name}"
            raise ContentError(USE_CASES_FILE, where, problem)


def _problem(spec: UseCaseSpec) -> tuple[str, str] | None:
    """The first field of ``spec`` that does not fit, and why."""
    route = spec.route or ROUTES[spec.stage]
    if route and route[-1] != spec.stage:
        return "route", f"does not end in {spec.stage}"
    previous = S.IDEA
    for stage in route:
        if stage not in TRANSITIONS[previous]:
            return "route", f"cannot move from {previous} to {stage}"
        if stage not in wording().standard_reasons and stage not in spec.reasons:
            return "reasons", f"the move to {stage} needs a reason"
        previous = stage
    digits = spec.scores.replace(" ", "")
    if route and (len(digits) != len(CRITERION_NAMES) or not set(digits) <= set("12345")):
        return "scores", f"give {len(CRITERION_NAMES)} scores from 1 to 5"
    unknown = [name for name in spec.notes if name not in CRITERION_NAMES]
    if unknown:
        return "notes", f"{unknown[0]!r} is not a criterion's English name"
    if spec.workshop and spec.workshop not in {workshop.title for workshop in workshops()}:
        return "workshop", f"{spec.workshop!r} is not a workshop's title"
    return None


def division_of(code: str) -> str:
    return code.split("-", 1)[0]


def _generated_scores(rng: random.Random, stage: Stage, *, personal: bool) -> tuple[int, ...]:
    if stage == S.IDEA:
        return ()
    value, feasibility, risk = rng.randint(2, 5), rng.randint(2, 5), rng.randint(1, 3)
    if stage == S.REJECTED:
        value, risk = rng.randint(1, 3), rng.randint(2, 4)

    def around(level: int) -> int:
        return min(5, max(1, level + rng.randint(-1, 1)))

    scores = [around(value) for _ in range(4)] + [around(feasibility) for _ in range(4)]
    scores += [around(risk) for _ in range(3)]
    if personal:
        scores[8] = max(scores[8], 3)
    vetoed = stage == S.REJECTED and rng.random() < 0.15
    scores.append(5 if vetoed else rng.choice((1, 1, 1, 2)))
    return tuple(scores)
