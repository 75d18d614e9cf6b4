"""The generated use cases of the large demo, there to give benchmarks realistic volumes.

They are written in bulk, without audit events: scores, moves, requirements, KPIs and
measurements, dated as their plan says.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wandel.demo.org.accounts import STEERCO
from wandel.demo.portfolio.cast import Cast, between, monthly, move_days, rationale
from wandel.demo.portfolio.plan import DELIVERY, MEASURED, ROUTES, GeneratedUseCase, division_of
from wandel.demo.portfolio.specs import generated, wording
from wandel.portfolio.measures.models import (
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.use_cases.models import Score, Stage, StageChange, UseCase
from wandel.portfolio.use_cases.services import scores_refresh

S = Stage
BATCH = 500


def generated_load(planned: list[GeneratedUseCase], cast: Cast, *, units: dict[str, int]) -> None:
    steerco = cast.users[STEERCO]
    owners = list(cast.owners.values())
    use_cases: list[UseCase] = []
    routes: list[list[tuple[Stage, datetime]]] = []
    for item in planned:
        route = ROUTES[item.stage]
        days = move_days(item.submitted_days_ago, len(route))
        moves = [(stage, cast.ago(ago)) for stage, ago in zip(route, days, strict=True)]
        owner = cast.owners.get(division_of(item.unit)) or (
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
    content = generated()
    reasons = wording().standard_reasons
    other_reason = (content.texts.other_reason,)
    for use_case, item, moves in zip(use_cases, planned, routes, strict=True):
        if moves:
            scored_at = moves[0][1] - timedelta(days=3)
            for criterion, value in zip(cast.criteria, item.scores, strict=True):
                scores.append(
                    Score(
                        use_case=use_case,
                        criterion=criterion,
                        value=value,
                        rationale=rationale(criterion.name_en, value, item.hours, item.people),
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
                    reason=reasons.get(stage, other_reason)[0],
                    actor=steerco,
                    at=at,
                )
            )
            previous = stage
        stages = {stage for stage, _ in moves}
        if stages & DELIVERY:
            for text in cast.rng.sample(content.requirements, 2):
                requirements.append(_requirement(use_case, text, cast))
        if item.stage in MEASURED:
            pilot = next(at for stage, at in moves if stage == S.PILOT)
            kpis.append((use_case, pilot))
    Score.objects.bulk_create(scores, batch_size=BATCH)
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    QualityRequirement.objects.bulk_create(requirements, batch_size=BATCH)
    _kpis(kpis, cast)
    scores_refresh(use_case_ids=[use_case.pk for use_case in use_cases])


def _requirement(use_case: UseCase, text: str, cast: Cast) -> QualityRequirement:
    status = cast.rng.choice(list(RequirementStatus))
    if status == RequirementStatus.NOT_TESTED:
        return QualityRequirement(use_case=use_case, text=text)
    return QualityRequirement(
        use_case=use_case,
        text=text,
        status=status,
        evidence_note=generated().texts.evidence,
        evidence_date=timezone.localdate() - timedelta(days=cast.rng.randint(1, 60)),
    )


def _kpis(started: list[tuple[UseCase, datetime]], cast: Cast) -> None:
    today = timezone.localdate()
    kpis = []
    for use_case, pilot in started:
        chosen = cast.rng.choice(generated().kpis)
        baseline_date = pilot.date() - timedelta(days=14)
        kpis.append(
            Kpi(
                use_case=use_case,
                name=chosen.name,
                unit_of_measure=chosen.unit_of_measure,
                direction=chosen.direction,
                baseline_value=Decimal(chosen.baseline),
                baseline_date=baseline_date,
                target_value=Decimal(chosen.target),
                target_date=baseline_date + timedelta(days=365),
            )
        )
    Kpi.objects.bulk_create(kpis, batch_size=BATCH)
    measurements = []
    for kpi in kpis:
        reached = cast.rng.uniform(0.2, 1.1)
        dates = monthly(kpi.baseline_date, today)[-12:]
        for number, measured_on in enumerate(dates, start=1):
            progress = reached * number / len(dates) + cast.rng.uniform(-0.05, 0.05)
            value = between(kpi.baseline_value, kpi.target_value, progress)
            measurements.append(KpiMeasurement(kpi=kpi, measured_on=measured_on, value=value))
    KpiMeasurement.objects.bulk_create(measurements, batch_size=BATCH)
