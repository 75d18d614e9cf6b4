"""The hand-written use cases and the workshops of the demo, put in the way people would.

Each use case goes through the portfolio's services as if people had entered it: submitted,
given an owner and a team, scored, moved stage by stage with reasons, measured and commented
on, so the history and the audit log are real. Its dates are then set back to when the story
says it happened.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal
from typing import Protocol

from django.utils import timezone

from wandel.core.models import User
from wandel.core.registry import Hook
from wandel.demo.org.accounts import ADMIN, STEERCO
from wandel.demo.portfolio.cast import Cast, between, monthly, move_days, rationale
from wandel.demo.portfolio.plan import ROUTES, division_of
from wandel.demo.portfolio.specs import KpiSpec, UseCaseSpec, WorkshopSpec, wording
from wandel.portfolio.measures.models import Comment, RequirementStatus
from wandel.portfolio.measures.services import (
    comment_add,
    kpi_add,
    measurement_record,
    requirement_add,
    requirement_update_status,
)
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Criterion, Score, Stage, StageChange, UseCase
from wandel.portfolio.use_cases.permissions import OWNER_MOVES
from wandel.portfolio.use_cases.services import (
    ScoreInput,
    product_owner_set,
    scores_record,
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


class BeforeMove(Protocol):
    def __call__(
        self, use_case: UseCase, stage: Stage, *, moved_days_ago: float, assessed_days_ago: float
    ) -> object: ...


# What has to be on record before the demo moves a use case ``moved_days_ago`` days back (its
# history is dated only afterwards, so it also says when the use case was assessed): the
# governance demo registers the approvals a gate needs, so the portfolio never names it.
BEFORE_MOVE: Hook[BeforeMove] = Hook("demo: before a use case moves")


def workshop_plan(spec: WorkshopSpec, cast: Cast) -> Workshop:
    logins = [cast.users[email].person for email in spec.logins]
    divisions = [division_of(code) for code in spec.units]
    return workshop_create(
        actor=cast.users[spec.facilitator],
        title=spec.title,
        held_on=timezone.localdate() - timedelta(days=spec.days_ago),
        units=[cast.units[code] for code in spec.units],
        participants=[*logins, *cast.pick_staff(divisions, spec.staff)],
        agenda=spec.agenda,
    )


def use_case_load(spec: UseCaseSpec, cast: Cast, workshops: dict[str, Workshop]) -> UseCase:
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


def _submit(spec: UseCaseSpec, cast: Cast, workshops: dict[str, Workshop]) -> UseCase:
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
    use_case: UseCase, spec: UseCaseSpec, cast: Cast, *, owner_login: User | None
) -> dict[Stage, float]:
    """Score the use case and move it along its route; returns days ago of each move."""
    steerco = cast.users[STEERCO]
    route = spec.route or ROUTES[spec.stage]
    days = move_days(spec.submitted_days_ago, len(route))
    if route:
        scores_record(use_case=use_case, scores=_scores(spec, cast.criteria), actor=steerco)
    moves: list[StageChange] = []
    for stage, ago in zip(route, days, strict=True):
        actor = owner_login if owner_login and stage in OWNER_MOVES else steerco
        reason = spec.reasons.get(stage) or cast.rng.choice(wording().standard_reasons[stage])
        for before in BEFORE_MOVE:
            before(use_case, stage, moved_days_ago=ago, assessed_days_ago=days[0])
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


def _scores(spec: UseCaseSpec, criteria: list[Criterion]) -> dict[int, ScoreInput]:
    values = [int(d) for d in spec.scores.replace(" ", "")]
    return {
        criterion.pk: ScoreInput(
            value,
            spec.notes.get(criterion.name_en)
            or rationale(criterion.name_en, value, spec.hours, spec.people),
        )
        for criterion, value in zip(criteria, values, strict=True)
    }


def _kpi(
    use_case: UseCase, spec: KpiSpec, cast: Cast, *, started: dict[Stage, float], actor: User
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
    dates = monthly(baseline_date, today - timedelta(days=round(ended)))
    for number, measured_on in enumerate(dates, start=1):
        progress = spec.reached * number / len(dates) + cast.rng.uniform(-0.06, 0.06)
        measurement_record(
            kpi=kpi,
            measured_on=measured_on,
            value=between(Decimal(spec.baseline), Decimal(spec.target), progress),
            actor=actor,
        )


def workshop_run(
    spec: WorkshopSpec, workshop: Workshop, loaded: dict[str, UseCase], cast: Cast
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
