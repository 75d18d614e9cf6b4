"""The risk register over the REST API, through the pages' services and queries.

Reading needs VIEW_GOVERNANCE; changing risks and mitigations MANAGE_RISKS. A risk is
accepted only by a steering-committee decision: a PATCH can request acceptance, close or
reopen a risk, never accept it. A mitigation is done once closed with a note. A refusal is
an ``ErrorOut``, with the messages by field where it concerns one.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through its wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import UNCHANGED, ClosingIn, Id, PersonRef, TrackedItemOut
from wandel.core.roles import Permission
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.models import Decision
from wandel.governance.risks import queries as risks
from wandel.governance.risks import services as risk_services
from wandel.governance.risks.models import Mitigation, Risk, RiskCategory, RiskStatus
from wandel.governance.risks.queries import RiskFilters
from wandel.governance.risks.rules import Severity, severity
from wandel.governance.risks.services import RiskError
from wandel.governance.schemas import DecisionRef, UseCaseRef, resolve_references

router = Router(tags=["governance"])

Rating = Annotated[int, Field(ge=1, le=5)]


class MitigationOut(TrackedItemOut):
    owner: PersonRef | None


class RiskOut(Schema):
    id: int
    title: str
    category: RiskCategory
    status: RiskStatus
    use_case: UseCaseRef | None
    owner: PersonRef
    likelihood: int
    impact: int
    score: int
    severity: Severity
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    review_on: date
    review_overdue: bool

    @staticmethod
    def resolve_severity(risk: Risk) -> str:
        return severity(risk.score)


class RiskDetailOut(RiskOut):
    description: str
    mitigations: list[MitigationOut]
    decisions: list[DecisionRef]

    @staticmethod
    def resolve_mitigations(risk: Risk) -> list[Mitigation]:
        return list(risk.mitigations.all())

    @staticmethod
    def resolve_decisions(risk: Risk) -> list[Decision]:
        return list(risk.decisions.all())  # type: ignore[attr-defined]


class RiskIn(Schema):
    title: str
    description: str
    category: RiskCategory
    likelihood: Rating
    impact: Rating
    owner: Id
    review_on: date
    use_case: Id | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None


class RiskPatch(Schema):
    """Only the fields sent change. ``status`` may request acceptance, close or reopen."""

    title: str = UNCHANGED
    description: str = UNCHANGED
    category: RiskCategory = UNCHANGED
    likelihood: Rating = UNCHANGED
    impact: Rating = UNCHANGED
    owner: Id = UNCHANGED
    review_on: date = UNCHANGED
    use_case: Id | None = None
    residual_likelihood: Rating | None = None
    residual_impact: Rating | None = None
    status: RiskStatus = UNCHANGED


# ``done`` is not left out of the enum: the service refuses it with a message that points to
# closing, the same for the page and the API.
STATUS_HELP = (
    "`open` or `in_progress`; a mitigation is done once closed with "
    "`POST /governance/mitigations/{id}/close`."
)


class MitigationIn(Schema):
    text: str
    status: TrackedStatus = Field(TrackedStatus.OPEN, description=STATUS_HELP)
    owner: Id | None = None
    due_on: date | None = None


class MitigationPatch(Schema):
    """Only the fields sent change."""

    text: str = UNCHANGED
    status: TrackedStatus = Field(UNCHANGED, description=STATUS_HELP)
    owner: Id | None = None
    due_on: date | None = None


class RiskQuery(Schema):
    """The register's filters, as on its page and in its export."""

    category: RiskCategory | None = None
    status: RiskStatus | Literal["all"] | None = Field(
        None, description="Without it every risk that is not closed; `all` for every risk."
    )
    use_case: Id | None = None
    owner: Id | None = Field(None, description="A person's ID.")
    overdue: bool = Field(False, description="Only risks whose review date has passed.")
    likelihood: Rating | None = None
    impact: Rating | None = None
    rating: Literal["inherent", "residual"] | None = Field(
        None, description="Which ratings `likelihood` and `impact` pick: inherent by default."
    )
    sort: Literal["-score", "-residual", "review_on", "title"] | None = Field(
        None, description="`-score` (the default), `-residual`, `review_on` or `title`."
    )


def _risk_detail(risk_id: int) -> Risk:
    try:
        return risks.risk_detail(risk_id)
    except Risk.DoesNotExist:
        raise Http404 from None


@router.get("/risks", response=list[RiskOut], summary="List risks")
@paginated
def risk_list(request: HttpRequest, filters: Query[RiskQuery]) -> QuerySet[Risk]:
    """Highest score first unless ``sort`` says otherwise. The filters mean what they mean
    on the register's page and in its export."""
    require(request, Permission.VIEW_GOVERNANCE)
    return risks.risks(RiskFilters.from_values(filters.model_dump(by_alias=True)))


@router.get("/risks/{id:risk_id}", response=RiskDetailOut, summary="One risk")
def risk_detail(request: HttpRequest, risk_id: int) -> Risk:
    """With its mitigations and the decisions on it (``effective``: not superseded)."""
    require(request, Permission.VIEW_GOVERNANCE)
    return _risk_detail(risk_id)


@router.post("/risks", response={201: RiskDetailOut}, summary="Record a risk")
def risk_create(request: HttpRequest, payload: RiskIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_RISKS)
    fields = payload.dict()
    resolve_references(fields, RiskError)
    risk = risk_services.risk_record(actor=user, **fields)
    return Status(201, _risk_detail(risk.pk))


@router.patch("/risks/{id:risk_id}", response=RiskDetailOut, summary="Change a risk")
def risk_edit(request: HttpRequest, risk_id: int, payload: RiskPatch) -> Risk:
    """``status``: ``acceptance_requested`` puts an open risk to the steering committee,
    ``closed`` closes it, ``open`` reopens a closed one. ``accepted`` is refused: only a
    decision accepts a risk. The fields and the status change together or not at all."""
    user = require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    fields = payload.dict(exclude_unset=True)
    status = fields.pop("status", None)
    resolve_references(fields, RiskError)
    risk_services.risk_update(risk=risk, actor=user, status=status, **fields)
    return _risk_detail(risk.pk)


@router.post(
    "/risks/{id:risk_id}/mitigations",
    response={201: MitigationOut},
    summary="Add a mitigation to a risk",
)
def mitigation_create(request: HttpRequest, risk_id: int, payload: MitigationIn) -> Status[Any]:
    user = require(request, Permission.MANAGE_RISKS)
    risk = get_object_or_404(Risk, pk=risk_id)
    fields = payload.dict()
    resolve_references(fields, RiskError)
    mitigation = risk_services.mitigation_add(risk=risk, actor=user, **fields)
    return Status(201, Mitigation.objects.select_related("owner").get(pk=mitigation.pk))


@router.patch(
    "/mitigations/{id:mitigation_id}", response=MitigationOut, summary="Change a mitigation"
)
def mitigation_edit(
    request: HttpRequest, mitigation_id: int, payload: MitigationPatch
) -> Mitigation:
    """Its text, status (open or in progress), owner or due date; not once it is closed,
    nor while its risk is."""
    user = require(request, Permission.MANAGE_RISKS)
    mitigation = get_object_or_404(Mitigation, pk=mitigation_id)
    fields = payload.dict(exclude_unset=True)
    resolve_references(fields, RiskError)
    risk_services.mitigation_update(mitigation=mitigation, actor=user, **fields)
    return Mitigation.objects.select_related("owner").get(pk=mitigation.pk)


@router.post(
    "/mitigations/{id:mitigation_id}/close",
    response=MitigationOut,
    summary="Close a mitigation",
)
def mitigation_close(request: HttpRequest, mitigation_id: int, payload: ClosingIn) -> Mitigation:
    """Record that it is done: how (``closing_note``) and when (``closed_on``, today if left
    out; not in the future). Not while its risk is closed."""
    user = require(request, Permission.MANAGE_RISKS)
    mitigation = get_object_or_404(Mitigation, pk=mitigation_id)
    risk_services.mitigation_close(
        mitigation=mitigation,
        actor=user,
        closing_note=payload.closing_note,
        closed_on=payload.closed_on,
    )
    return Mitigation.objects.select_related("owner", "closed_by").get(pk=mitigation.pk)
