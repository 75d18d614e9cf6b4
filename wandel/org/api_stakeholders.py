"""Stakeholder groups, their concerns and engagement log over the REST API.

The same services and queries as the stakeholder pages: reading needs VIEW_STAKEHOLDERS,
creating and editing groups, recording and answering concerns MANAGE_STAKEHOLDERS,
recording touchpoints LOG_ENGAGEMENT. Units are named by their code, the contact person by
their id.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through their wrapper, which cannot resolve names given as text.
from datetime import date
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import UNCHANGED, Id, PersonRef
from wandel.core.roles import Permission
from wandel.org import queries, services
from wandel.org.api import UNKNOWN_UNIT
from wandel.org.models import (
    AdkarStage,
    Concern,
    ConcernStatus,
    Person,
    StakeholderGroup,
    Touchpoint,
    TouchpointKind,
    Unit,
)
from wandel.org.services import OrgError
from wandel.org.stakeholders import Strategy, strategy

router = Router(tags=["stakeholders"])

UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")

Level = Annotated[int, Field(ge=1, le=5, description="1 (low) to 5 (high)")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
UnitCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]


class ConcernOut(Schema):
    id: int
    text: str
    raised_on: date
    status: ConcernStatus
    response: str


class TouchpointOut(Schema):
    id: int
    happened_on: date
    kind: TouchpointKind
    summary: str
    outcome: str
    recorded_by: str | None

    @staticmethod
    def resolve_recorded_by(touchpoint: Touchpoint) -> str | None:
        return str(touchpoint.recorded_by) if touchpoint.recorded_by else None


class StakeholderGroupOut(Schema):
    id: int
    name: str
    description: str
    power: int
    interest: int
    strategy: Strategy
    adkar_stage: AdkarStage
    unit_codes: list[str]
    contact: PersonRef | None
    open_concern_count: int
    touchpoint_count: int

    @staticmethod
    def resolve_strategy(group: StakeholderGroup) -> Strategy:
        return strategy(power=group.power, interest=group.interest)

    @staticmethod
    def resolve_unit_codes(group: StakeholderGroup) -> list[str]:
        return sorted(unit.code for unit in group.units.all())

    @staticmethod
    def resolve_open_concern_count(group: StakeholderGroup) -> int:
        return group.open_concerns  # type: ignore[attr-defined,no-any-return]


class StakeholderGroupDetailOut(StakeholderGroupOut):
    concerns: list[ConcernOut]
    touchpoints: list[TouchpointOut]

    @staticmethod
    def resolve_concerns(group: StakeholderGroup) -> list[Concern]:
        return list(queries.concerns_of(group))

    @staticmethod
    def resolve_touchpoints(group: StakeholderGroup) -> list[Touchpoint]:
        return list(queries.touchpoints_of(group))


class StakeholderGroupIn(Schema):
    name: Name
    description: OptionalText = ""
    power: Level
    interest: Level
    adkar_stage: AdkarStage = AdkarStage.AWARENESS
    units: list[UnitCode] = Field(
        default_factory=list, description="The codes of the units the group belongs to."
    )
    contact: Id | None = Field(None, description="The contact person's id.")


class StakeholderGroupPatch(Schema):
    """Only the fields sent change; ``"contact": null`` removes the contact person."""

    name: Name = UNCHANGED
    description: OptionalText = UNCHANGED
    power: Level = UNCHANGED
    interest: Level = UNCHANGED
    adkar_stage: AdkarStage = UNCHANGED
    units: list[UnitCode] = UNCHANGED
    contact: Id | None = None


class ConcernIn(Schema):
    text: Text
    raised_on: date | None = Field(None, description="Today if left out.")


class ConcernAnswerIn(Schema):
    response: str = Field(description="How the concern was addressed.")


class TouchpointIn(Schema):
    kind: TouchpointKind
    summary: Text
    outcome: OptionalText = ""
    happened_on: date | None = Field(None, description="Today if left out.")


@router.get(
    "/stakeholder-groups", response=list[StakeholderGroupOut], summary="List stakeholder groups"
)
@paginated
def stakeholder_group_list(request: HttpRequest) -> Any:
    """By name, as the stakeholder page lists them."""
    require(request, Permission.VIEW_STAKEHOLDERS)
    return queries.stakeholder_groups()


@router.get(
    "/stakeholder-groups/{id:group_id}",
    response=StakeholderGroupDetailOut,
    summary="One stakeholder group with its concerns and touchpoints",
)
def stakeholder_group_detail(request: HttpRequest, group_id: int) -> StakeholderGroup:
    """Open concerns first; touchpoints newest first."""
    require(request, Permission.VIEW_STAKEHOLDERS)
    return _group(group_id)


@router.post(
    "/stakeholder-groups",
    response={201: StakeholderGroupDetailOut},
    summary="Create a stakeholder group",
)
def stakeholder_group_create(
    request: HttpRequest, payload: StakeholderGroupIn
) -> Status[StakeholderGroup]:
    user = require(request, Permission.MANAGE_STAKEHOLDERS)
    values = payload.model_dump()
    values["units"] = _units(payload.units)
    values["contact"] = _contact(payload.contact)
    group = services.stakeholder_group_create(actor=user, **values)
    return Status(201, _group(group.pk))


@router.patch(
    "/stakeholder-groups/{id:group_id}",
    response=StakeholderGroupDetailOut,
    summary="Change a stakeholder group",
)
def stakeholder_group_edit(
    request: HttpRequest, group_id: int, payload: StakeholderGroupPatch
) -> StakeholderGroup:
    user = require(request, Permission.MANAGE_STAKEHOLDERS)
    group = _group(group_id)
    values: dict[str, Any] = {name: getattr(group, name) for name in services.GROUP_SCALARS}
    values["units"] = list(group.units.all())
    sent = payload.model_dump(exclude_unset=True)
    if "units" in sent:
        sent["units"] = _units(sent["units"])
    if "contact" in sent:
        sent["contact"] = _contact(sent["contact"])
    services.stakeholder_group_update(group=group, actor=user, **{**values, **sent})
    return _group(group_id)


@router.post(
    "/stakeholder-groups/{id:group_id}/concerns",
    response={201: ConcernOut},
    summary="Record a concern",
)
def concern_create(request: HttpRequest, group_id: int, payload: ConcernIn) -> Status[Concern]:
    user = require(request, Permission.MANAGE_STAKEHOLDERS)
    group = get_object_or_404(StakeholderGroup, pk=group_id)
    concern = services.concern_add(
        group=group, text=payload.text, raised_on=payload.raised_on, actor=user
    )
    return Status(201, concern)


@router.post(
    "/concerns/{id:concern_id}/answer",
    response=ConcernOut,
    summary="Answer a concern: say how it was addressed",
)
def concern_answer(request: HttpRequest, concern_id: int, payload: ConcernAnswerIn) -> Concern:
    user = require(request, Permission.MANAGE_STAKEHOLDERS)
    concern = get_object_or_404(Concern, pk=concern_id)
    return services.concern_answer(concern=concern, response=payload.response, actor=user)


@router.post(
    "/stakeholder-groups/{id:group_id}/touchpoints",
    response={201: TouchpointOut},
    summary="Record a touchpoint in the engagement log",
)
def touchpoint_create(
    request: HttpRequest, group_id: int, payload: TouchpointIn
) -> Status[Touchpoint]:
    user = require(request, Permission.LOG_ENGAGEMENT)
    group = get_object_or_404(StakeholderGroup, pk=group_id)
    touchpoint = services.touchpoint_record(group=group, actor=user, **payload.model_dump())
    return Status(201, touchpoint)


def _group(group_id: int) -> StakeholderGroup:
    try:
        return queries.stakeholder_detail(group_id)
    except StakeholderGroup.DoesNotExist:
        raise Http404 from None


def _units(codes: list[str]) -> list[Unit]:
    found = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    for code in codes:
        if code not in found:
            raise OrgError(UNKNOWN_UNIT % {"code": code}, field="units")
    return [found[code] for code in dict.fromkeys(codes)]


def _contact(person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise OrgError(UNKNOWN_PERSON % {"id": person_id}, field="contact")
    return person
