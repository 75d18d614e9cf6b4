"""Writes of the portfolio that have rules: submitting, scoring, weights, owners."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.org.models import Person, RoleAssignment
from wandel.portfolio.models import (
    Criterion,
    PortfolioAction,
    Score,
    UseCase,
)
from wandel.portfolio.scoring import CriterionSpec, score_use_case

NOT_A_PRODUCT_OWNER = _("%(person)s does not hold the product-owner role.")
UNKNOWN_CRITERION = _("There is no active criterion %(id)s.")
RATIONALE_REQUIRED = _("Give a short rationale for the score of “%(criterion)s”.")
SCORE_RANGE = _("Scores run from 1 to 5.")


class PortfolioError(Exception):
    """A write the rules refuse; the message is meant for the user."""


USE_CASE_FIELDS = (
    "title",
    "problem",
    "process",
    "unit",
    "expected_benefit",
    "hours_saved_per_month",
    "people_helped",
    "data_involved",
    "personal_data",
    "capability",
)


def use_case_submit(*, actor: User | None, **fields: Any) -> UseCase:
    """A new idea from anyone; it starts in the idea stage."""
    unknown = set(fields) - set(USE_CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown use-case fields: {sorted(unknown)}")
    with transaction.atomic():
        use_case = UseCase(submitted_by=actor, **fields)
        use_case.full_clean()
        use_case.save()
        audit_record(
            actor=actor,
            action=PortfolioAction.SUBMITTED,
            target=use_case,
            changes={"title": use_case.title, "unit": use_case.unit.code},
        )
    return use_case


def product_owner_set(*, use_case: UseCase, person: Person | None, actor: User | None) -> None:
    if person is not None and not (
        RoleAssignment.objects.current().filter(person=person, role=Role.PRODUCT_OWNER).exists()
    ):
        raise PortfolioError(NOT_A_PRODUCT_OWNER % {"person": person})
    with transaction.atomic():
        previous = use_case.product_owner
        use_case.product_owner = person
        use_case.save(update_fields=["product_owner", "updated_at"])
        audit_record(
            actor=actor,
            action=PortfolioAction.OWNER_CHANGED,
            target=use_case,
            changes={
                "from": previous.email if previous else None,
                "to": person.email if person else None,
            },
        )


@dataclass(frozen=True)
class ScoreInput:
    value: int
    rationale: str


def scores_record(
    *, use_case: UseCase, scores: Mapping[int, ScoreInput], actor: User | None
) -> UseCase:
    """Set the scores of some criteria (by criterion id) and refresh the cached totals."""
    criteria = {c.pk: c for c in Criterion.objects.filter(active=True, pk__in=list(scores))}
    for criterion_id, given in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise PortfolioError(UNKNOWN_CRITERION % {"id": criterion_id})
        if not 1 <= given.value <= 5:
            raise PortfolioError(SCORE_RANGE)
        if not given.rationale.strip():
            raise PortfolioError(RATIONALE_REQUIRED % {"criterion": criterion.name})
    with transaction.atomic():
        now = timezone.now()
        for criterion_id, given in scores.items():
            Score.objects.update_or_create(
                use_case=use_case,
                criterion_id=criterion_id,
                defaults={
                    "value": given.value,
                    "rationale": given.rationale.strip(),
                    "scored_by": actor,
                    "scored_at": now,
                },
            )
        scores_refresh(use_case_ids=[use_case.pk])
        use_case.refresh_from_db()
        audit_record(
            actor=actor,
            action=PortfolioAction.SCORED,
            target=use_case,
            changes={
                "scores": {str(k): v.value for k, v in scores.items()},
                "total": use_case.total_score,
                "vetoed": use_case.vetoed,
            },
        )
    return use_case


def criterion_update(*, criterion: Criterion, actor: User | None, **fields: Any) -> Criterion:
    """Change a criterion (weight, veto, names, …) and re-rank every use case at once."""
    allowed = {
        "name_en",
        "name_de",
        "low_en",
        "low_de",
        "high_en",
        "high_de",
        "weight",
        "veto_at",
        "active",
        "position",
        "group",
    }
    if set(fields) - allowed:
        raise TypeError(f"unknown criterion fields: {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        # Compare with what is stored: a bound model form has already changed the instance.
        stored = Criterion.objects.select_for_update().get(pk=criterion.pk)
        before = {name: getattr(stored, name) for name in fields}
        for name, value in fields.items():
            setattr(criterion, name, value)
        criterion.full_clean()
        criterion.save()
        changed = {
            name: {"from": before[name], "to": value}
            for name, value in fields.items()
            if before[name] != value
        }
        if changed:
            scores_refresh()
            audit_record(
                actor=actor,
                action=PortfolioAction.CRITERION_CHANGED,
                target=criterion,
                changes=changed,
            )
    return criterion


def scores_refresh(*, use_case_ids: Iterable[int] | None = None) -> int:
    """Recompute the cached scores from the stored scores and the current weights."""
    specs = [
        CriterionSpec(c.pk, c.group, c.weight, c.veto_at)
        for c in Criterion.objects.filter(active=True)
    ]
    active_ids = {spec.id for spec in specs}
    use_cases = UseCase.objects.only(
        "pk", "value_score", "feasibility_score", "risk_score", "total_score", "vetoed"
    )
    stored = Score.objects.filter(criterion_id__in=active_ids)
    if use_case_ids is not None:
        ids = list(use_case_ids)
        use_cases = use_cases.filter(pk__in=ids)
        stored = stored.filter(use_case_id__in=ids)
    by_use_case: dict[int, dict[int, int]] = {}
    for use_case_id, criterion_id, value in stored.values_list(
        "use_case_id", "criterion_id", "value"
    ):
        by_use_case.setdefault(use_case_id, {})[criterion_id] = value
    changed = []
    for use_case in use_cases:
        result = score_use_case(specs, by_use_case.get(use_case.pk, {}))
        new = (result.value, result.feasibility, result.risk, result.total, result.vetoed)
        old = (
            use_case.value_score,
            use_case.feasibility_score,
            use_case.risk_score,
            use_case.total_score,
            use_case.vetoed,
        )
        if new != old:
            (
                use_case.value_score,
                use_case.feasibility_score,
                use_case.risk_score,
                use_case.total_score,
                use_case.vetoed,
            ) = new
            changed.append(use_case)
    UseCase.objects.bulk_update(
        changed,
        ["value_score", "feasibility_score", "risk_score", "total_score", "vetoed"],
        batch_size=500,
    )
    return len(changed)


def weights_total(criteria: Iterable[Criterion]) -> Decimal:
    return sum((c.weight for c in criteria), Decimal(0))


def criterion_add(*, actor: User | None, **fields: Any) -> Criterion:
    """A new criterion; existing use cases simply have no score for it yet."""
    with transaction.atomic():
        criterion = Criterion(**fields)
        criterion.full_clean()
        criterion.save()
        scores_refresh()
        audit_record(
            actor=actor,
            action=PortfolioAction.CRITERION_CHANGED,
            target=criterion,
            changes={"created": {k: str(v) for k, v in fields.items()}},
        )
    return criterion


def use_case_update(*, use_case: UseCase, actor: User | None, **fields: Any) -> UseCase:
    unknown = set(fields) - set(USE_CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown use-case fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(use_case, name, value)
        use_case.full_clean()
        use_case.save()
    return use_case


def team_set(
    *,
    use_case: UseCase,
    team: Iterable[Person],
    linked_units: Iterable[Any],
    actor: User | None,
) -> None:
    with transaction.atomic():
        use_case.team.set(list(team))
        use_case.linked_units.set(list(linked_units))
