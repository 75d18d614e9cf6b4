"""Reads of the works council's involvement: what the gate asks, and its overview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from wandel.core.filters import QueryFilters, choice, flag
from wandel.governance.facts import CodeterminationState
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.portfolio.use_cases.models import Stage, UseCase

# Rejected and retired use cases affect nobody any more: the overview leaves them out unless
# asked (``closed``).
CLOSED = (Stage.REJECTED, Stage.RETIRED)
# Live and nearly live first: what already affects people needs the council soonest.
URGENCY = (Stage.PRODUCTION, Stage.PILOT, Stage.PROTOTYPE, Stage.APPROVED, Stage.ASSESSED)


def live_first() -> Case:
    """A use case's rank for the council: production 0, pilot 1 … the rest after them."""
    return Case(
        *(When(stage=stage, then=Value(rank)) for rank, stage in enumerate(URGENCY)),
        default=Value(len(URGENCY)),
        output_field=IntegerField(),
    )


def codetermination_state(use_case: UseCase) -> CodeterminationState:
    row = (
        CouncilInvolvement.objects.filter(use_case=use_case)
        .values_list("monitoring_capable", "agreement_status")
        .first()
    )
    if row is None:
        return CodeterminationState()
    monitoring_capable, agreement_status = row
    return CodeterminationState(
        assessed=True,
        required=monitoring_capable,
        agreed=agreement_status == AgreementStatus.AGREED,
    )


def council_involvement_of(use_case: UseCase) -> CouncilInvolvement | None:
    return CouncilInvolvement.objects.filter(use_case=use_case).first()


class CouncilStatus(models.TextChoices):
    """Where a use case stands with the works council: the filters of the overview."""

    NOT_ASSESSED = "not_assessed", _("Not yet assessed")
    OPEN = "open", _("Co-determination required, no agreement yet")
    AGREED = "agreed", _("Agreed")
    NOT_REQUIRED = "not_required", _("No co-determination required")


# The use cases in each status.
CONDITIONS: Mapping[str, Q] = {
    CouncilStatus.NOT_ASSESSED: Q(council_involvement__isnull=True),
    CouncilStatus.OPEN: Q(council_involvement__monitoring_capable=True)
    & ~Q(council_involvement__agreement_status=AgreementStatus.AGREED),
    CouncilStatus.AGREED: Q(council_involvement__agreement_status=AgreementStatus.AGREED),
    CouncilStatus.NOT_REQUIRED: Q(council_involvement__monitoring_capable=False),
}


@dataclass(frozen=True)
class CouncilFilters(QueryFilters):
    """The overview's filters as the query string names them: ``status`` (every use case
    without it), ``closed`` (rejected and retired use cases too)."""

    status: str = choice(CouncilStatus.values)
    closed: bool = flag()


def _in_view(filters: CouncilFilters) -> QuerySet[UseCase]:
    use_cases = UseCase.objects.all()
    return use_cases if filters.closed else use_cases.exclude(stage__in=CLOSED)


def codetermination_overview(filters: CouncilFilters) -> QuerySet[UseCase]:
    """Every use case with its co-determination status, for the works council: the ones
    not yet assessed first, live and nearly live ones before ideas; rejected and retired
    ones only when asked for.

    Only what the works council needs and nothing personal: no product owner, no submitter,
    no team, no assessor.
    """
    unassessed_first = Case(
        When(council_involvement__isnull=True, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    use_cases = (
        _in_view(filters)
        .select_related("unit", "council_involvement")
        .only(
            "pk",
            "title",
            "stage",
            "unit__name",
            "council_involvement__monitoring_capable",
            "council_involvement__information_given_on",
            "council_involvement__agreement_status",
            "council_involvement__agreement_reference",
        )
        .order_by(unassessed_first, live_first(), "title", "pk")
    )
    condition = CONDITIONS.get(filters.status)
    return use_cases.filter(condition) if condition is not None else use_cases


def codetermination_counts(filters: CouncilFilters) -> dict[str, int]:
    """How many use cases fall under each status of the overview, in one query, with or
    without the closed ones as ``filters`` say."""
    counts = _in_view(filters).aggregate(
        **{key: Count("pk", filter=condition) for key, condition in CONDITIONS.items()},
        all=Count("pk"),
    )
    return {key: int(value or 0) for key, value in counts.items()}
