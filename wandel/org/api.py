from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from wandel.api import require
from wandel.core.roles import Permission
from wandel.org.imports import ImportRejected, people_import, units_import
from wandel.org.models import Person, RoleAssignment, Unit

router = Router(tags=["organisation"])

IMPORT_REJECTED = _("The file has %(count)d problem(s); nothing was imported.")


class UnitOut(Schema):
    id: int
    code: str
    name: str
    parent_id: int | None
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(unit: Unit) -> str | None:
        return unit.parent.code if unit.parent else None


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


class ImportIssueOut(Schema):
    file: str
    line: int | None
    field: str
    message: str


class ImportErrorOut(Schema):
    detail: str
    errors: list[ImportIssueOut]


class ImportReportOut(Schema):
    file: str
    units_created: int
    units_updated: int
    people_created: int
    people_updated: int
    people_unchanged: int
    accounts_linked: int
    accounts_closed: int


def _people() -> QuerySet[Person]:
    return Person.objects.select_related("unit").prefetch_related(
        Prefetch("roles", queryset=RoleAssignment.objects.current(), to_attr="current_roles")
    )


@router.get("/units", response=list[UnitOut], summary="List units")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def unit_list(request: HttpRequest) -> QuerySet[Unit]:
    require(request, Permission.VIEW_UNITS)
    return Unit.objects.select_related("parent").order_by("code")


@router.get("/units/{int:unit_id}", response=UnitOut, summary="One unit")
def unit_detail(request: HttpRequest, unit_id: int) -> Unit:
    require(request, Permission.VIEW_UNITS)
    return get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)


@router.get("/people", response=list[PersonOut], summary="List people")
@paginate(PageNumberPagination, page_size=settings.API_PAGE_SIZE)
def person_list(
    request: HttpRequest, unit: str | None = None, q: str | None = None, active: bool | None = None
) -> QuerySet[Person]:
    require(request, Permission.VIEW_PEOPLE)
    people = _people().order_by("last_name", "first_name", "pk")
    if unit:
        people = people.filter(unit__code=unit)
    if q:
        people = people.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(employee_id=q)
        )
    if active is not None:
        people = people.filter(active=active)
    return people


@router.get("/people/{int:person_id}", response=PersonOut, summary="One person")
def person_detail(request: HttpRequest, person_id: int) -> Person:
    require(request, Permission.VIEW_PEOPLE)
    return get_object_or_404(_people(), pk=person_id)


@router.post(
    "/people/import",
    response={200: ImportReportOut, 400: ImportErrorOut},
    summary="Import people (and their units) from a CSV or XLSX file",
)
def person_import(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, object]]:
    require(request, Permission.MANAGE_PEOPLE)
    return _import(request, file, people_import)


@router.post(
    "/units/import",
    response={200: ImportReportOut, 400: ImportErrorOut},
    summary="Import units from a CSV or XLSX file",
)
def unit_import(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, object]]:
    require(request, Permission.MANAGE_PEOPLE)
    return _import(request, file, units_import)


def _import(request: HttpRequest, file: UploadedFile, run: object) -> Status[dict[str, object]]:
    name = file.name or "upload"
    try:
        report = run(content=file.read(), file_name=name, actor=request.user)  # type: ignore[operator]
    except ImportRejected as rejected:
        return Status(
            400,
            {
                "detail": str(IMPORT_REJECTED) % {"count": len(rejected.issues)},
                "errors": [issue.as_dict() for issue in rejected.issues],
            },
        )
    return Status(200, {"file": name, **report.as_dict()})
