"""Units, people, their roles and the HR import over the REST API.

Reads go through ``org.queries`` with the pages' filters; writes through ``org.services``,
so the API keeps the pages' rules and audit events. Units are named by their code in
request bodies, as in the import files. Refusals are raised as domain errors and answered
as ``ErrorOut`` by the handler in ``core.api.errors``.
"""

# No ``from __future__ import annotations``: Ninja reads the parameter types of the
# paginated lists through their wrapper, which cannot resolve names given as text.
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import StringConstraints

from wandel.core.api.pagination import paginated
from wandel.core.api.permissions import require
from wandel.core.api.schemas import UNCHANGED, ErrorOut
from wandel.core.roles import Permission, Role
from wandel.org import queries, services
from wandel.org.imports import ImportReport, people_import, units_import
from wandel.org.models import Person, RoleAssignment, Unit
from wandel.org.queries import PeopleFilters, Presence
from wandel.org.services import OrgError

router = Router(tags=["organisation"])

UNKNOWN_UNIT = _("There is no unit with the code “%(code)s”.")

# Text as the pages take it: surrounding spaces removed, nothing but spaces is empty.
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Optional200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Language = Literal["", "de", "en"]


# Units ---------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(unit: Unit) -> str | None:
        return unit.parent.code if unit.parent else None


class UnitIn(Schema):
    code: Code
    name: Title
    parent: Code | None = Field(None, description="The parent unit's code; null at the top.")


class UnitPatch(Schema):
    """Only the fields sent change; ``"parent": null`` moves the unit to the top."""

    code: Code = UNCHANGED
    name: Title = UNCHANGED
    parent: Code | None = None


@router.get("/units", response=list[UnitOut], summary="List units")
@paginated
def unit_list(request: HttpRequest) -> Sequence[Unit]:
    """In the order of the unit tree (parents before their sub-units, by name), as the
    unit list page shows them."""
    require(request, Permission.VIEW_UNITS)
    return queries.TreeUnits()


@router.get("/units/{id:unit_id}", response=UnitOut, summary="One unit")
def unit_detail(request: HttpRequest, unit_id: int) -> Unit:
    require(request, Permission.VIEW_UNITS)
    return get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)


@router.post("/units", response={201: UnitOut}, summary="Create a unit")
def unit_create(request: HttpRequest, payload: UnitIn) -> Status[Unit]:
    user = require(request, Permission.MANAGE_PEOPLE)
    parent = _unit_by_code(payload.parent, "parent") if payload.parent else None
    unit = services.unit_create(actor=user, code=payload.code, name=payload.name, parent=parent)
    return Status(201, unit)


@router.patch("/units/{id:unit_id}", response=UnitOut, summary="Change a unit")
def unit_edit(request: HttpRequest, unit_id: int, payload: UnitPatch) -> Unit:
    user = require(request, Permission.MANAGE_PEOPLE)
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    values: dict[str, Any] = {"code": unit.code, "name": unit.name, "parent": unit.parent}
    sent = payload.model_dump(exclude_unset=True)
    if "parent" in sent:
        sent["parent"] = _unit_by_code(sent["parent"], "parent") if sent["parent"] else None
    return services.unit_update(unit=unit, actor=user, **{**values, **sent})


def _unit_by_code(code: str, field: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise OrgError(UNKNOWN_UNIT % {"code": code}, field=field)
    return unit


# People --------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    employee_id: str
    email: str
    first_name: str
    last_name: str
    unit_id: int
    unit_code: str
    job_title: str
    language: str
    active: bool
    roles: list[str]

    @staticmethod
    def resolve_unit_code(person: Person) -> str:
        return person.unit.code

    @staticmethod
    def resolve_roles(person: Person) -> list[str]:
        return sorted(a.role for a in person.current_roles)  # type: ignore[attr-defined]


class PersonIn(Schema):
    employee_id: Code
    email: Email
    first_name: Name
    last_name: Name
    unit: Code = Field(description="The code of the person's unit.")
    job_title: Optional200 = ""
    language: Language = ""
    active: bool = True


class PersonPatch(Schema):
    """Only the fields sent change; ``"active": false`` marks the person as having left and
    closes their account."""

    employee_id: Code = UNCHANGED
    email: Email = UNCHANGED
    first_name: Name = UNCHANGED
    last_name: Name = UNCHANGED
    unit: Code = UNCHANGED
    job_title: Optional200 = UNCHANGED
    language: Language = UNCHANGED
    active: bool = UNCHANGED


@router.get("/people", response=list[PersonOut], summary="List people")
@paginated
def person_list(
    request: HttpRequest, q: str = "", unit: str = "", active: Presence = Presence.ACTIVE
) -> Any:
    """By last name, then first name; the same list and filters as the people page.

    ``q``: every word must be part of the first or last name, the e-mail address or the job
    title, or be the employee ID. ``unit``: a unit's code (or, if no unit has that code, its
    id); only the people directly in it. ``active``: ``true`` (default) people still here,
    ``false`` people who left, ``all`` both."""
    require(request, Permission.VIEW_PEOPLE)
    filters = PeopleFilters.from_values({"q": q, "unit": unit, "active": active})
    return queries.people(filters)


@router.get("/people/{id:person_id}", response=PersonOut, summary="One person")
def person_detail(request: HttpRequest, person_id: int) -> Person:
    require(request, Permission.VIEW_PEOPLE)
    return _person(person_id)


@router.post("/people", response={201: PersonOut}, summary="Add a person")
def person_create(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    user = require(request, Permission.MANAGE_PEOPLE)
    values = payload.model_dump()
    values["unit"] = _unit_by_code(payload.unit, "unit")
    person = services.person_create(actor=user, **values)
    return Status(201, _person(person.pk))


@router.patch("/people/{id:person_id}", response=PersonOut, summary="Change a person")
def person_edit(request: HttpRequest, person_id: int, payload: PersonPatch) -> Person:
    user = require(request, Permission.MANAGE_PEOPLE)
    person = _person(person_id)
    values = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    sent = payload.model_dump(exclude_unset=True)
    if "unit" in sent:
        sent["unit"] = _unit_by_code(sent["unit"], "unit")
    services.person_update(person=person, actor=user, **{**values, **sent})
    return _person(person_id)


def _person(person_id: int) -> Person:
    try:
        return queries.person_detail(person_id)
    except Person.DoesNotExist:
        raise Http404 from None


# Roles ---------------------------------------------------------------------------------


class RoleAssignmentOut(Schema):
    id: int
    role: Role
    assigned_on: date
    ended_on: date | None
    note: str
    assigned_by: str | None
    ended_by: str | None
    current: bool

    @staticmethod
    def resolve_assigned_by(assignment: RoleAssignment) -> str | None:
        return str(assignment.assigned_by) if assignment.assigned_by else None

    @staticmethod
    def resolve_ended_by(assignment: RoleAssignment) -> str | None:
        return str(assignment.ended_by) if assignment.ended_by else None

    @staticmethod
    def resolve_current(assignment: RoleAssignment) -> bool:
        today = timezone.localdate()
        return assignment.assigned_on <= today and (
            assignment.ended_on is None or assignment.ended_on > today
        )


class RoleAssignIn(Schema):
    role: Role
    assigned_on: date | None = Field(None, description="From this day; today if left out.")
    note: Note = ""


class RoleEndIn(Schema):
    ended_on: date | None = Field(None, description="The first day without the role; today.")


@router.get(
    "/people/{id:person_id}/roles",
    response=list[RoleAssignmentOut],
    summary="A person's roles, current and past",
)
@paginated
def person_roles(request: HttpRequest, person_id: int) -> Any:
    """Current roles first, then by the day they were assigned, newest first."""
    require(request, Permission.VIEW_PEOPLE)
    return queries.role_history(get_object_or_404(Person, pk=person_id))


@router.post(
    "/people/{id:person_id}/roles", response={201: RoleAssignmentOut}, summary="Assign a role"
)
def person_role_assign(
    request: HttpRequest, person_id: int, payload: RoleAssignIn
) -> Status[RoleAssignment]:
    user = require(request, Permission.MANAGE_ROLES)
    person = get_object_or_404(Person, pk=person_id)
    assignment = services.role_assign(
        person=person,
        role=payload.role,
        actor=user,
        assigned_on=payload.assigned_on,
        note=payload.note,
    )
    return Status(201, assignment)


@router.post(
    "/role-assignments/{id:assignment_id}/end", response=RoleAssignmentOut, summary="End a role"
)
def role_end(request: HttpRequest, assignment_id: int, payload: RoleEndIn) -> RoleAssignment:
    user = require(request, Permission.MANAGE_ROLES)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_id)
    return services.role_end(assignment=assignment, actor=user, ended_on=payload.ended_on)


# Import --------------------------------------------------------------------------------


class ImportIssueOut(Schema):
    file: str
    line: int | None = Field(description="The line in the file; null for the whole file.")
    field: str
    message: str


class ImportRejectedOut(ErrorOut):
    """A refused import: nothing was imported; ``issues`` names every problem."""

    issues: list[ImportIssueOut] = Field(default_factory=list)
    more_issues: int = Field(0, description="Problems beyond the first 200, not listed.")


class ImportReportOut(Schema):
    file: str
    units_created: int
    units_updated: int
    people_created: int
    people_updated: int
    people_unchanged: int
    accounts_linked: int
    accounts_closed: int
    accounts_created: int = Field(
        0, description="Accounts created for people without one (with ``invite``)."
    )
    ignored_columns: list[str] = Field(
        default_factory=list,
        description="The file's columns the import does not read, as the file names them.",
    )


@router.post(
    "/people/import",
    response={200: ImportReportOut, 400: ImportRejectedOut},
    summary="Import people (and their units) from a CSV or XLSX file",
)
def person_import(
    request: HttpRequest, file: File[UploadedFile], invite: Form[bool] = False
) -> dict[str, object]:
    """With ``invite``, everyone in the file who has no account gets one without a password
    and an invitation e-mail (sent in the background) with a link to set it."""
    user = require(request, Permission.MANAGE_PEOPLE)
    name = file.name or "upload"
    report = people_import(content=file.read(), file_name=name, actor=user, invite=invite)
    return _report(name, report)


@router.post(
    "/units/import",
    response={200: ImportReportOut, 400: ImportRejectedOut},
    summary="Import units from a CSV or XLSX file",
)
def unit_import(request: HttpRequest, file: File[UploadedFile]) -> dict[str, object]:
    user = require(request, Permission.MANAGE_PEOPLE)
    name = file.name or "upload"
    report = units_import(content=file.read(), file_name=name, actor=user)
    return _report(name, report)


def _report(name: str, report: ImportReport) -> dict[str, object]:
    return {"file": name, **report.as_dict(), "ignored_columns": list(report.ignored_columns)}
