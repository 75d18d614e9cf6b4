"""Works-council involvement over the API, mounted under /api/v1/governance.

The works council records its involvement (MANAGE_CODETERMINATION) and sees every use
case's co-determination status, without anything personal (VIEW_CODETERMINATION).
Refusals answer 400 with the documented error body.
"""

# No ``from __future__ import annotations``: Ninja resolves the schema types at import.
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require, signed_in
from wandel.core.api.schemas import UNCHANGED, ErrorOut
from wandel.core.errors import DomainError
from wandel.core.roles import Permission
from wandel.governance.reviews.codetermination import queries as council_queries
from wandel.governance.reviews.codetermination import services as council_services
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement
from wandel.governance.reviews.codetermination.queries import CouncilFilters, CouncilStatus
from wandel.portfolio.use_cases.models import Stage, UseCase

router = Router(tags=["governance"])

NOT_ASSESSED = _("The works council's involvement in this use case has not been assessed yet.")


class CouncilInvolvementOut(Schema):
    """Nothing personal: who assessed or recorded what is in the audit log, not here."""

    use_case_id: int
    monitoring_capable: bool
    codetermination_required: bool
    assessed_on: date
    information_given_on: date | None
    consultation_notes: str
    agreement_status: AgreementStatus
    agreement_reference: str
    agreement_clauses: str


class CouncilInvolvementIn(Schema):
    """The whole record; every field is required (``null`` where it may be empty), so a PUT
    never wipes what it left out (use PATCH to change some). ``agreement_status: null``: a
    use case that needs co-determination is in negotiation, one that does not needs no
    agreement."""

    monitoring_capable: bool
    information_given_on: date | None
    consultation_notes: str
    agreement_status: AgreementStatus | None
    agreement_reference: str
    agreement_clauses: str


class CouncilInvolvementPatch(Schema):
    """Only the fields given change; the others stay as they are."""

    monitoring_capable: bool = UNCHANGED
    information_given_on: date | None = None
    consultation_notes: str = UNCHANGED
    agreement_status: AgreementStatus = UNCHANGED
    agreement_reference: str = UNCHANGED
    agreement_clauses: str = UNCHANGED


def _involvement(use_case: UseCase) -> CouncilInvolvement | None:
    try:
        return use_case.council_involvement
    except CouncilInvolvement.DoesNotExist:
        return None


class CodeterminationRowOut(Schema):
    use_case_id: int
    title: str
    unit: str
    stage: Stage
    assessed: bool
    monitoring_capable: bool | None
    codetermination_required: bool
    information_given_on: date | None
    agreement_status: AgreementStatus | None
    agreement_reference: str

    @staticmethod
    def resolve_use_case_id(use_case: UseCase) -> int:
        return use_case.pk

    @staticmethod
    def resolve_unit(use_case: UseCase) -> str:
        return use_case.unit.name

    @staticmethod
    def resolve_assessed(use_case: UseCase) -> bool:
        return _involvement(use_case) is not None

    @staticmethod
    def resolve_monitoring_capable(use_case: UseCase) -> bool | None:
        involvement = _involvement(use_case)
        return involvement.monitoring_capable if involvement else None

    @staticmethod
    def resolve_codetermination_required(use_case: UseCase) -> bool:
        involvement = _involvement(use_case)
        return bool(involvement and involvement.monitoring_capable)

    @staticmethod
    def resolve_information_given_on(use_case: UseCase) -> date | None:
        involvement = _involvement(use_case)
        return involvement.information_given_on if involvement else None

    @staticmethod
    def resolve_agreement_status(use_case: UseCase) -> str | None:
        involvement = _involvement(use_case)
        return involvement.agreement_status if involvement else None

    @staticmethod
    def resolve_agreement_reference(use_case: UseCase) -> str:
        involvement = _involvement(use_case)
        return involvement.agreement_reference if involvement else ""


@router.get(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 404: ErrorOut},
    summary="Works-council involvement in a use case",
)
def council_involvement_get(request: HttpRequest, use_case_id: int) -> Status[Any]:
    require(request, Permission.VIEW_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = council_queries.council_involvement_of(use_case)
    if involvement is None:
        return Status(404, {"detail": str(NOT_ASSESSED)})
    return Status(200, involvement)


@router.put(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 400: ErrorOut},
    summary="Record works-council involvement in a use case",
)
def council_involvement_put(
    request: HttpRequest, use_case_id: int, payload: CouncilInvolvementIn
) -> Status[Any]:
    """Co-determination is required when the use case allows conclusions about the
    behaviour or performance of individual employees (§ 87 (1) no. 6 BetrVG); then the
    agreement cannot be ``not_needed``, and ``agreed`` needs the agreement's reference."""
    require(request, Permission.MANAGE_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = council_services.council_involvement_save(
        use_case=use_case, actor=signed_in(request), **payload.dict()
    )
    return Status(200, involvement)


@router.patch(
    "/use-cases/{id:use_case_id}/council-involvement",
    response={200: CouncilInvolvementOut, 400: ErrorOut},
    summary="Change some fields of the works council's involvement",
)
def council_involvement_patch(
    request: HttpRequest, use_case_id: int, payload: CouncilInvolvementPatch
) -> Status[Any]:
    """The fields left out keep their values; before the first assessment,
    ``monitoring_capable`` is required."""
    require(request, Permission.MANAGE_CODETERMINATION)
    use_case = get_object_or_404(UseCase, pk=use_case_id)
    involvement = council_services.council_involvement_change(
        use_case=use_case,
        actor=signed_in(request),
        changes=payload.model_dump(exclude_unset=True),
    )
    return Status(200, involvement)


@router.get(
    "/codetermination",
    response=list[CodeterminationRowOut],
    summary="Co-determination status of every use case",
)
@paginated
def codetermination_list(
    request: HttpRequest, status: str | None = None, closed: bool = False
) -> QuerySet[UseCase]:
    """For the works council: every use case with its co-determination status and nothing
    personal, the ones not yet assessed first and live ones before ideas. ``status`` is one
    of ``not_assessed``, ``open`` (required, not agreed), ``agreed``, ``not_required``;
    rejected and retired use cases are left out unless ``closed`` is true."""
    require(request, Permission.VIEW_CODETERMINATION)
    if status and status not in CouncilStatus.values:
        raise DomainError(_("Unknown status filter."), field="status")
    filters = CouncilFilters.from_values({"status": status, "closed": closed})
    return council_queries.codetermination_overview(filters)
