"""The demo's use-case portfolio: forty hand-written use cases, workshops, and for the large
size thousands of generated ones.

The hand-written use cases go through the portfolio's services as if people had entered
them: submitted, given owners and teams, scored, moved stage by stage with reasons, measured
and commented on, so the history and the audit log are real. Their dates are then set back
to when the story says it happened. The generated use cases of the large size are only there
to give benchmarks realistic volumes; they are written in bulk, without audit events.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wandel.core.models import User
from wandel.core.roles import Role
from wandel.demo.accounts import LOGINS
from wandel.demo.base import DemoSize, Writer
from wandel.demo.data import BASE_UNITS
from wandel.demo.governance import approve_for_gate
from wandel.demo.use_cases import (
    ADMIN,
    GENERATED_KPIS,
    GENERATED_REQUIREMENTS,
    GENERATED_TOPICS,
    RATIONALES,
    STANDARD_REASONS,
    STEERCO,
    UNKNOWN_FIGURE,
    USE_CASES,
    VERBS,
    VETO_RATIONALE,
    WORKSHOPS,
    KpiSpec,
    UseCaseSpec,
    WorkshopSpec,
)
from wandel.org.models import Person, RoleAssignment, Unit
from wandel.portfolio.measures.models import (
    Comment,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.measures.services import (
    comment_add,
    kpi_add,
    measurement_record,
    requirement_add,
    requirement_update_status,
)
from wandel.portfolio.use_cases.defaults import CRITERIA
from wandel.portfolio.use_cases.lifecycle import TRANSITIONS, use_case_move
from wandel.portfolio.use_cases.models import Criterion, Score, Stage, StageChange, UseCase
from wandel.portfolio.use_cases.permissions import OWNER_MOVES
from wandel.portfolio.use_cases.services import (
    ScoreInput,
    product_owner_set,
    scores_record,
    scores_refresh,
    team_set,
    use_case_submit,
)
from wandel.portfolio.workshops.models import Workshop
from wandel.portfolio.workshops.services import (
    votes_cast,
    workshop_close,
    workshop_create,
    workshop_idea_add,
    workshop_idea_capture,
    workshop_open_voting,
)

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
BATCH = 500


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
    return max(len(USE_CASES), round(size.people * USE_CASES_PER_PERSON))


def portfolio_plan(size: DemoSize, *, seed: str, units: Sequence[tuple[str, str]]) -> PortfolioPlan:
    """The use cases of one size of the demo, for ``units`` as (code, name); no database."""
    for spec in USE_CASES:
        _check(spec)
    rng = random.Random(f"{seed}-portfolio")
    plan = PortfolioPlan(hand_written=USE_CASES)
    count = use_case_count(size) - len(USE_CASES)
    if count <= 0:
        return plan
    by_division: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name in units:
        by_division[_division(code)].append((code, name))
    divisions = [b.code for b in BASE_UNITS if by_division[b.code]]
    weights = [b.weight for b in BASE_UNITS if by_division[b.code]]
    stages, stage_weights = zip(*GENERATED_STAGES.items(), strict=True)
    titles: Counter[str] = Counter(spec.title for spec in USE_CASES)
    for _ in range(count):
        (division,) = rng.choices(divisions, weights)
        code, unit_name = rng.choice(by_division[division])
        topic = rng.choice(GENERATED_TOPICS[division])
        capability = rng.choice(topic.capabilities)
        title = f"{topic.subject} {rng.choice(VERBS[capability])}"
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
                problem=(
                    f"Im Bereich {unit_name} werden {topic.subject} heute von Hand bearbeitet. "
                    "Das kostet jeden Monat viele Stunden und führt zu uneinheitlichen "
                    "Ergebnissen."
                ),
                expected_benefit=(
                    f"Geschätzt {hours} Stunden Routinearbeit weniger im Monat, für etwa "
                    f"{people} Beschäftigte; ein Mensch prüft jedes Ergebnis."
                ),
                data_involved=(
                    f"{topic.subject} aus den Ablagen des Bereichs {unit_name}"
                    + (" (mit Namen und Kontaktdaten)." if personal else ".")
                ),
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


def load_portfolio(size: DemoSize, *, seed: str, stdout: Writer | None = None) -> None:
    """Fill the portfolio of a freshly loaded demo organisation (inside its transaction)."""
    say: Callable[[str], object] = stdout.write if stdout is not None else (lambda text: None)
    units = list(Unit.objects.order_by("code").values_list("pk", "code", "name"))
    plan = portfolio_plan(size, seed=seed, units=[(code, name) for _, code, name in units])
    cast = _Cast.load(random.Random(f"{seed}-portfolio-cast"))
    say(f"Adding {len(plan.hand_written)} use cases and {len(WORKSHOPS)} workshops …\n")
    workshops = {spec.title: _workshop_plan(spec, cast) for spec in WORKSHOPS}
    loaded = {spec.title: _hand_written(spec, cast, workshops) for spec in USE_CASES}
    for spec in WORKSHOPS:
        _workshop_run(spec, workshops[spec.title], loaded, cast)
    if plan.generated:
        say(f"Generating {len(plan.generated)} more use cases for benchmarks …\n")
        _generated(plan.generated, cast, units={code: pk for pk, code, _ in units})


def _check(spec: UseCaseSpec) -> None:
    route = spec.route or ROUTES[spec.stage]
    if route and route[-1] != spec.stage:
        raise ValueError(f"{spec.title}: the route does not end in {spec.stage}.")
    previous = S.IDEA
    for stage in route:
        if stage not in TRANSITIONS[previous]:
            raise ValueError(f"{spec.title}: cannot move from {previous} to {stage}.")
        if stage not in STANDARD_REASONS and stage not in spec.reasons:
            raise ValueError(f"{spec.title}: the move to {stage} needs a reason.")
        previous = stage
    digits = spec.scores.replace(" ", "")
    if route and (len(digits) != len(CRITERION_NAMES) or not set(digits) <= set("12345")):
        raise ValueError(f"{spec.title}: give {len(CRITERION_NAMES)} scores from 1 to 5.")


def _division(code: str) -> str:
    return code.split("-", 1)[0]


@dataclass
class _Cast:
    """Who acts in the demo's portfolio, and the criteria they score against."""

    rng: random.Random
    now: datetime
    users: dict[str, User]
    owners: dict[str, Person]
    staff: dict[str, list[int]]
    units: dict[str, Unit]
    criteria: list[Criterion]

    @classmethod
    def load(cls, rng: random.Random) -> _Cast:
        users = {u.email: u for u in User.objects.filter(email__in=[x.email for x in LOGINS])}
        owners = {
            _division(a.person.unit.code): a.person
            for a in RoleAssignment.objects.current()
            .filter(role=Role.PRODUCT_OWNER)
            .select_related("person__unit", "person__user")
            .order_by("assigned_on", "pk")
        }
        staff: dict[str, list[int]] = defaultdict(list)
        people = Person.objects.filter(active=True, user__isnull=True).order_by("pk")
        for pk, code in people.values_list("pk", "unit__code"):
            staff[_division(code)].append(pk)
        by_name = {c.name_en: c for c in Criterion.objects.filter(active=True)}
        missing = [name for name in CRITERION_NAMES if name not in by_name]
        if missing:
            raise ValueError(f"The demo scores against the default criteria; missing: {missing}")
        return cls(
            rng=rng,
            now=timezone.now(),
            users=users,
            owners=owners,
            staff=staff,
            units={u.code: u for u in Unit.objects.filter(code__in=[b.code for b in BASE_UNITS])},
            criteria=[by_name[name] for name in CRITERION_NAMES],
        )

    def ago(self, days: float) -> datetime:
        """A working-hours moment ``days`` before now (never in the future)."""
        moment = self.now - timedelta(days=days)
        return min(self.now, moment.replace(hour=self.rng.randint(8, 16), minute=0))

    def pick_staff(self, divisions: Sequence[str], count: int) -> list[Person]:
        pool = [pk for division in divisions for pk in self.staff[division]]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        people = Person.objects.in_bulk(chosen)
        return [people[pk] for pk in chosen]


def _workshop_plan(spec: WorkshopSpec, cast: _Cast) -> Workshop:
    logins = [cast.users[email].person for email in spec.logins]
    divisions = [_division(code) for code in spec.units]
    return workshop_create(
        actor=cast.users[spec.facilitator],
        title=spec.title,
        held_on=timezone.localdate() - timedelta(days=spec.days_ago),
        units=[cast.units[code] for code in spec.units],
        participants=[*logins, *cast.pick_staff(divisions, spec.staff)],
        agenda=spec.agenda,
    )


def _hand_written(spec: UseCaseSpec, cast: _Cast, workshops: dict[str, Workshop]) -> UseCase:
    """Submit, staff, score and advance one use case, then measure and discuss it."""
    admin = cast.users[ADMIN]
    use_case = _submit(spec, cast, workshops)
    owner = cast.owners.get(spec.owner) if spec.owner else None
    owner_login = owner.user if owner is not None and owner.user else None
    if owner is not None:
        product_owner_set(use_case=use_case, person=owner, actor=admin)
    if spec.team or spec.linked_units:
        team_set(
            use_case=use_case,
            team=cast.pick_staff([spec.unit], spec.team),
            linked_units=[cast.units[code] for code in spec.linked_units],
            actor=owner_login or admin,
        )
    started = _advance(use_case, spec, cast, owner_login=owner_login)
    recorder = owner_login or admin
    for kpi in spec.kpis:
        _kpi(use_case, kpi, cast, started=started, actor=recorder)
    in_stage = min(started.values(), default=spec.submitted_days_ago)
    for requirement in spec.requirements:
        added = requirement_add(use_case=use_case, text=requirement.text, actor=recorder)
        if requirement.status != RequirementStatus.NOT_TESTED:
            tested = cast.rng.randint(1, max(1, int(in_stage)))
            requirement_update_status(
                requirement=added,
                status=requirement.status,
                evidence_note=requirement.evidence,
                evidence_date=timezone.localdate() - timedelta(days=tested),
                actor=recorder,
            )
    # Comments spread evenly between the submission and today.
    share = spec.submitted_days_ago / (len(spec.comments) + 1)
    for number, comment in enumerate(spec.comments, start=1):
        author = cast.users[comment.author]
        written = comment_add(use_case=use_case, text=comment.text, actor=author)
        ago = spec.submitted_days_ago - share * number
        Comment.objects.filter(pk=written.pk).update(created_at=cast.ago(ago))
    return use_case


def _submit(spec: UseCaseSpec, cast: _Cast, workshops: dict[str, Workshop]) -> UseCase:
    fields = {
        "title": spec.title,
        "problem": spec.problem,
        "process": spec.process,
        "unit": cast.units[spec.unit],
        "expected_benefit": spec.expected_benefit,
        "hours_saved_per_month": Decimal(spec.hours) if spec.hours is not None else None,
        "people_helped": spec.people,
        "data_involved": spec.data_involved,
        "personal_data": spec.personal_data,
        "capability": spec.capability,
    }
    submitter = cast.users[spec.submitter]
    if spec.workshop:
        return workshop_idea_capture(workshop=workshops[spec.workshop], actor=submitter, **fields)
    return use_case_submit(actor=submitter, **fields)


def _advance(
    use_case: UseCase, spec: UseCaseSpec, cast: _Cast, *, owner_login: User | None
) -> dict[Stage, float]:
    """Score the use case and move it along its route; returns days ago of each move."""
    steerco = cast.users[STEERCO]
    route = spec.route or ROUTES[spec.stage]
    days = _move_days(spec.submitted_days_ago, len(route))
    if route:
        scores_record(use_case=use_case, scores=_scores(spec, cast.criteria), actor=steerco)
    moves: list[StageChange] = []
    for stage, ago in zip(route, days, strict=True):
        actor = owner_login if owner_login and stage in OWNER_MOVES else steerco
        reason = spec.reasons.get(stage) or cast.rng.choice(STANDARD_REASONS[stage])
        # The governance gate: record the approvals this move needs, dated before it.
        approve_for_gate(use_case, stage, moved_days_ago=ago, assessed_days_ago=days[0])
        moves.append(use_case_move(use_case=use_case, to=stage, actor=actor, reason=reason))
        use_case.refresh_from_db()
        moves[-1].at = cast.ago(ago)
    # The services stamp everything with today; set the dates back to when the story says.
    StageChange.objects.bulk_update(moves, ["at"])
    submitted = cast.ago(spec.submitted_days_ago)
    UseCase.objects.filter(pk=use_case.pk).update(
        created_at=submitted, stage_changed_at=moves[-1].at if moves else submitted
    )
    if route:
        Score.objects.filter(use_case=use_case).update(scored_at=cast.ago(days[0] + 3))
    return dict(zip(route, days, strict=True))


def _move_days(submitted: int, moves: int) -> list[float]:
    """Days before now of each move: evenly after submission, the last a quarter back."""
    if not moves:
        return []
    last = max(1.0, submitted / 4)
    step = (submitted - last) / moves
    return [submitted - step * (number + 1) for number in range(moves)]


def _scores(spec: UseCaseSpec, criteria: list[Criterion]) -> dict[int, ScoreInput]:
    values = [int(d) for d in spec.scores.replace(" ", "")]
    return {
        criterion.pk: ScoreInput(
            value,
            spec.notes.get(criterion.name_en)
            or _rationale(criterion.name_en, value, spec.hours, spec.people),
        )
        for criterion, value in zip(criteria, values, strict=True)
    }


def _rationale(criterion: str, value: int, hours: int | None, people: int | None) -> str:
    low, middle, high = RATIONALES[criterion]
    text = low if value <= 2 else middle if value == 3 else high
    if criterion == VETO and value >= 5:
        text = VETO_RATIONALE
    return text.format(
        hours=hours if hours is not None else UNKNOWN_FIGURE["hours"],
        people=people if people is not None else UNKNOWN_FIGURE["people"],
    )


def _kpi(
    use_case: UseCase, spec: KpiSpec, cast: _Cast, *, started: dict[Stage, float], actor: User
) -> None:
    """A KPI whose baseline was taken just before the pilot, measured monthly since then."""
    began = started.get(S.PILOT, started.get(S.PROTOTYPE, 60.0))
    ended = started.get(S.RETIRED, 0.0)
    today = timezone.localdate()
    baseline_date = today - timedelta(days=round(began) + 14)
    kpi = kpi_add(
        use_case=use_case,
        name=spec.name,
        unit_of_measure=spec.unit_of_measure,
        direction=spec.direction,
        baseline_value=Decimal(spec.baseline),
        baseline_date=baseline_date,
        target_value=Decimal(spec.target),
        target_date=baseline_date + timedelta(days=365),
        actor=actor,
    )
    dates = _monthly(baseline_date, today - timedelta(days=round(ended)))
    for number, measured_on in enumerate(dates, start=1):
        progress = spec.reached * number / len(dates) + cast.rng.uniform(-0.06, 0.06)
        measurement_record(
            kpi=kpi,
            measured_on=measured_on,
            value=_between(Decimal(spec.baseline), Decimal(spec.target), progress),
            actor=actor,
        )


def _monthly(since: date, until: date) -> list[date]:
    dates = []
    day = since + timedelta(days=30)
    while day <= until:
        dates.append(day)
        day += timedelta(days=30)
    return dates


def _between(baseline: Decimal, target: Decimal, progress: float) -> Decimal:
    value = baseline + (target - baseline) * Decimal(str(round(progress, 4)))
    return max(value, Decimal(0)).quantize(Decimal("0.1"))


def _workshop_run(
    spec: WorkshopSpec, workshop: Workshop, loaded: dict[str, UseCase], cast: _Cast
) -> None:
    """Bring in the older ideas, let the participants put their dots, close if all voted."""
    facilitator = cast.users[spec.facilitator]
    for title in spec.brought_in:
        workshop_idea_add(workshop=workshop, use_case=loaded[title], actor=facilitator)
    workshop_open_voting(workshop=workshop, actor=facilitator)
    ideas = list(workshop.ideas.order_by("pk"))
    # Ideas that later did well got more dots: weight by value score where there is one.
    weights = [float(idea.value_score or 3) ** 2 for idea in ideas]
    participants = list(workshop.participants.select_related("user").order_by("pk"))
    voters = participants[: round(len(participants) * spec.voted)]
    for voter in voters:
        dots = Counter(idea.pk for idea in cast.rng.choices(ideas, weights, k=3))
        votes_cast(
            workshop=workshop,
            voter=voter,
            dots=dict(dots),
            actor=voter.user if voter.user else facilitator,
        )
    if spec.voted >= 1:
        workshop_close(workshop=workshop, actor=facilitator)


# Generated use cases (large size) ----------------------------------------------------------


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


def _generated(generated: list[GeneratedUseCase], cast: _Cast, *, units: dict[str, int]) -> None:
    steerco = cast.users[STEERCO]
    owners = list(cast.owners.values())
    use_cases: list[UseCase] = []
    routes: list[list[tuple[Stage, datetime]]] = []
    for item in generated:
        route = ROUTES[item.stage]
        days = _move_days(item.submitted_days_ago, len(route))
        moves = [(stage, cast.ago(ago)) for stage, ago in zip(route, days, strict=True)]
        owner = cast.owners.get(_division(item.unit)) or (
            cast.rng.choice(owners) if owners else None
        )
        created = cast.ago(item.submitted_days_ago)
        use_cases.append(
            UseCase(
                title=item.title,
                problem=item.problem,
                process=item.process,
                unit_id=units[item.unit],
                expected_benefit=item.expected_benefit,
                hours_saved_per_month=Decimal(item.hours),
                people_helped=item.people,
                data_involved=item.data_involved,
                personal_data=item.personal_data,
                capability=item.capability,
                stage=item.stage,
                stage_changed_at=moves[-1][1] if moves else created,
                product_owner=owner if item.with_owner else None,
                created_at=created,
            )
        )
        routes.append(moves)
    # created_at is set on insert whatever it holds; put the story's dates back afterwards.
    submitted = [use_case.created_at for use_case in use_cases]
    UseCase.objects.bulk_create(use_cases, batch_size=BATCH)
    for use_case, when in zip(use_cases, submitted, strict=True):
        use_case.created_at = when
    UseCase.objects.bulk_update(use_cases, ["created_at"], batch_size=BATCH)

    scores, changes, kpis, requirements = [], [], [], []
    for use_case, item, moves in zip(use_cases, generated, routes, strict=True):
        if moves:
            scored_at = moves[0][1] - timedelta(days=3)
            for criterion, value in zip(cast.criteria, item.scores, strict=True):
                scores.append(
                    Score(
                        use_case=use_case,
                        criterion=criterion,
                        value=value,
                        rationale=_rationale(criterion.name_en, value, item.hours, item.people),
                        scored_by=steerco,
                        scored_at=scored_at,
                    )
                )
        previous = S.IDEA
        for stage, at in moves:
            changes.append(
                StageChange(
                    use_case=use_case,
                    from_stage=previous,
                    to_stage=stage,
                    reason=STANDARD_REASONS.get(stage, ("Entscheidung des Lenkungskreises.",))[0],
                    actor=steerco,
                    at=at,
                )
            )
            previous = stage
        stages = {stage for stage, _ in moves}
        if stages & DELIVERY:
            for text in cast.rng.sample(GENERATED_REQUIREMENTS, 2):
                requirements.append(_generated_requirement(use_case, text, cast))
        if item.stage in MEASURED:
            pilot = next(at for stage, at in moves if stage == S.PILOT)
            kpis.append((use_case, pilot))
    Score.objects.bulk_create(scores, batch_size=BATCH)
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    QualityRequirement.objects.bulk_create(requirements, batch_size=BATCH)
    _generated_kpis(kpis, cast)
    scores_refresh(use_case_ids=[use_case.pk for use_case in use_cases])


def _generated_requirement(use_case: UseCase, text: str, cast: _Cast) -> QualityRequirement:
    status = cast.rng.choice(list(RequirementStatus))
    if status == RequirementStatus.NOT_TESTED:
        return QualityRequirement(use_case=use_case, text=text)
    return QualityRequirement(
        use_case=use_case,
        text=text,
        status=status,
        evidence_note="Stichprobe im Sprint-Review geprüft.",
        evidence_date=timezone.localdate() - timedelta(days=cast.rng.randint(1, 60)),
    )


def _generated_kpis(started: list[tuple[UseCase, datetime]], cast: _Cast) -> None:
    today = timezone.localdate()
    kpis = []
    for use_case, pilot in started:
        name, unit_of_measure, direction, baseline, target = cast.rng.choice(GENERATED_KPIS)
        baseline_date = pilot.date() - timedelta(days=14)
        kpis.append(
            Kpi(
                use_case=use_case,
                name=name,
                unit_of_measure=unit_of_measure,
                direction=direction,
                baseline_value=Decimal(baseline),
                baseline_date=baseline_date,
                target_value=Decimal(target),
                target_date=baseline_date + timedelta(days=365),
            )
        )
    Kpi.objects.bulk_create(kpis, batch_size=BATCH)
    measurements = []
    for kpi in kpis:
        reached = cast.rng.uniform(0.2, 1.1)
        dates = _monthly(kpi.baseline_date, today)[-12:]
        for number, measured_on in enumerate(dates, start=1):
            progress = reached * number / len(dates) + cast.rng.uniform(-0.05, 0.05)
            value = _between(kpi.baseline_value, kpi.target_value, progress)
            measurements.append(KpiMeasurement(kpi=kpi, measured_on=measured_on, value=value))
    KpiMeasurement.objects.bulk_create(measurements, batch_size=BATCH)
