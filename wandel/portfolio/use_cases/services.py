"""Writes of the portfolio that have rules: submitting, scoring, weights, owners."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import DomainError, NotPermitted
from wandel.core.models import User
from wandel.core.roles import Permission, Role
from wandel.org.models import Person, RoleAssignment, Unit
from wandel.portfolio.use_cases import notifications
from wandel.portfolio.use_cases.fact_changes import (
    GATE_FACTS,
    fact_change_request,
    needs_confirmation,
)
from wandel.portfolio.use_cases.models import Criterion, PortfolioAction, Score, UseCase
from wandel.portfolio.use_cases.permissions import can_edit, can_run
from wandel.portfolio.use_cases.scoring import CriterionSpec, score_use_case

NOT_A_PRODUCT_OWNER = _("%(person)s does not hold the product-owner role.")
UNKNOWN_CRITERION = _("There is no active criterion %(id)s.")
RATIONALE_REQUIRED = _("Give a short rationale for the score of “%(criterion)s”.")
SCORE_RANGE = _("Scores run from 1 to 5.")


OWNER_NEEDS_MANAGER = _("Only the steering committee and programme admins change product owners.")
NOT_YOURS = _("Only the use case's product owner and the steering committee change it.")
INVALID = _("The use case is not valid; see the errors by field.")


class PortfolioError(DomainError):
    """A write the rules refuse; the message is meant for the user."""


class Keep:
    """The default of an optional argument that leaves the stored value as it is."""


KEEP = Keep()
TEAM_FIELDS = ("team", "linked_units")


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


@user_action
def use_case_submit(*, actor: User | None, **fields: Any) -> UseCase:
    """A new idea from anyone; it starts in the idea stage."""
    return use_case_add(actor=actor, **fields)


def use_case_add(*, actor: User | None, **fields: Any) -> UseCase:
    """The building block of submitting: a new, audited use case inside the caller's action.

    A workshop captures an idea and links it in one action (``workshop_idea_capture``).
    """
    require_transaction("Adding a use case")
    unknown = set(fields) - set(USE_CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown use-case fields: {sorted(unknown)}")
    use_case = UseCase(submitted_by=actor, **fields)
    use_case.full_clean()
    use_case.save()
    audit_record(
        actor=actor,
        action=PortfolioAction.SUBMITTED,
        target=use_case,
        changes={"title": use_case.title, "unit": use_case.unit.code},
    )
    notifications.submitted(use_case, actor)
    return use_case


@dataclass(frozen=True)
class ScoreInput:
    value: int
    rationale: str


@user_action
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


@user_action
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


@user_action
def criterion_add(*, actor: User | None, **fields: Any) -> Criterion:
    """A new criterion; existing use cases simply have no score for it yet."""
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


@user_action
def use_case_update(
    *,
    use_case: UseCase,
    actor: User | None,
    product_owner: Person | Keep | None = KEEP,
    **fields: Any,
) -> UseCase:
    """Change what a use case says (and, for the steering committee, its product owner) in
    one action: the row is locked, the permission checked again on what is stored, and the
    changed fields are recorded before and after."""
    _known(fields)
    stored = _locked(use_case)
    _require_edit(actor, stored)
    _apply(stored, actor, fields)
    if not isinstance(product_owner, Keep):
        _owner_set(stored, product_owner, actor)
    _sync(use_case, stored)
    return stored


@user_action
def product_owner_set(*, use_case: UseCase, person: Person | None, actor: User | None) -> None:
    """Hand a use case to another product owner (the steering committee's decision)."""
    stored = _locked(use_case)
    _owner_set(stored, person, actor)
    _sync(use_case, stored)


@user_action
def team_set(
    *,
    use_case: UseCase,
    team: Iterable[Person],
    linked_units: Iterable[Unit],
    actor: User | None,
    product_owner: Person | Keep | None = KEEP,
) -> None:
    """Set who works on a use case and which units it also serves (and, for the steering
    committee, its product owner), as one audited action."""
    stored = _locked(use_case)
    if actor is not None and not can_run(actor, stored):
        raise NotPermitted(NOT_YOURS)
    if not isinstance(product_owner, Keep) and product_owner != stored.product_owner:
        _owner_set(stored, product_owner, actor)
    before = snapshot(stored, TEAM_FIELDS)
    stored.team.set(list(team))
    stored.linked_units.set(list(linked_units))
    changes = changed_fields(before, snapshot(stored, TEAM_FIELDS))
    if changes:
        audit_record(
            actor=actor, action=PortfolioAction.TEAM_CHANGED, target=stored, changes=changes
        )
    _sync(use_case, stored)


def _known(fields: Iterable[str]) -> None:
    unknown = set(fields) - set(USE_CASE_FIELDS)
    if unknown:
        raise TypeError(f"unknown use-case fields: {sorted(unknown)}")


def _locked(use_case: UseCase) -> UseCase:
    return (
        UseCase.objects.select_for_update(of=("self",))
        .select_related("product_owner")
        .get(pk=use_case.pk)
    )


def _require_edit(actor: User | None, use_case: UseCase) -> None:
    # ``None`` is the system itself (demo loader, commands), which runs as the operator.
    if actor is not None and not can_edit(actor, use_case):
        raise NotPermitted(NOT_YOURS)


def _apply(stored: UseCase, actor: User | None, fields: Mapping[str, Any]) -> None:
    fields = dict(fields)
    for name in GATE_FACTS:
        if name in fields and fields[name] != getattr(stored, name):
            if needs_confirmation(stored, actor, name, fields[name]):
                # Takes effect only when the data-protection officer confirms it.
                fact_change_request(use_case=stored, actor=actor, name=name, value=fields[name])
                del fields[name]
        elif name in fields:
            del fields[name]
    before = snapshot(stored, USE_CASE_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value)
    try:
        stored.full_clean()
    except ValidationError as error:
        raise PortfolioError.from_validation_error(error, INVALID) from error
    changes = changed_fields(before, snapshot(stored, USE_CASE_FIELDS))
    if changes:
        stored.save()
        audit_record(actor=actor, action=PortfolioAction.CHANGED, target=stored, changes=changes)


def _owner_set(stored: UseCase, person: Person | None, actor: User | None) -> None:
    require_transaction("Setting a product owner")
    if actor is not None and not actor.has_perm(Permission.MANAGE_USE_CASES):
        raise NotPermitted(OWNER_NEEDS_MANAGER, field="product_owner")
    if person is not None and not (
        RoleAssignment.objects.current().filter(person=person, role=Role.PRODUCT_OWNER).exists()
    ):
        raise PortfolioError(NOT_A_PRODUCT_OWNER % {"person": person}, field="product_owner")
    previous = stored.product_owner
    if previous == person:
        return
    stored.product_owner = person
    stored.save(update_fields=["product_owner", "updated_at"])
    audit_record(
        actor=actor,
        action=PortfolioAction.OWNER_CHANGED,
        target=stored,
        changes={
            "from": previous.email if previous else None,
            "to": person.email if person else None,
        },
    )
    notifications.owner_assigned(stored, person, actor)


def _sync(use_case: UseCase, stored: UseCase) -> None:
    """Let the caller's instance show what is stored now (a page renders it next)."""
    if use_case is not stored:
        use_case.refresh_from_db()
