"""AI-literacy evidence over the REST API: the caller's own path, and coverage per unit and
role. Aggregates only: no person is ever named here (the pages name those not covered to
whoever may see persons; the API does not)."""

# No ``from __future__ import annotations``: Ninja reads the schema types at import.
from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from wandel.core.api.permissions import require
from wandel.core.api.schemas import Id
from wandel.core.roles import Permission, Role
from wandel.enablement.literacy import queries
from wandel.enablement.literacy.queries import CoverageRow, LiteracyReport, PathRow
from wandel.enablement.literacy.rules import CourseStatus, Light
from wandel.enablement.schemas import CourseRef, UnitRef, caller_person
from wandel.org.models import Unit

router = Router(tags=["enablement"])


class PathCourseOut(Schema):
    course: CourseRef
    status: CourseStatus
    due: date | None = Field(description="By when to do it (again); null: done for good.")
    completed_on: date | None
    valid_until: date | None

    @staticmethod
    def resolve_status(row: PathRow) -> str:
        return row.state.status

    @staticmethod
    def resolve_due(row: PathRow) -> date | None:
        return row.state.due

    @staticmethod
    def resolve_completed_on(row: PathRow) -> date | None:
        return row.state.completed_on

    @staticmethod
    def resolve_valid_until(row: PathRow) -> date | None:
        return row.state.valid_until


class MyPathOut(Schema):
    covered: bool = Field(description="Every required course done (or done, refresh soon).")
    courses: list[PathCourseOut] = Field(description="The soonest date first.")


class CoverageOut(Schema):
    label: str
    unit: UnitRef | None
    role: Role | None
    covered: int
    required: int
    percent: int | None = Field(description="Covered among those required, rounded down.")
    light: Light | None

    @staticmethod
    def resolve_role(row: CoverageRow) -> str | None:
        return row.role or None

    @staticmethod
    def resolve_covered(row: CoverageRow) -> int:
        return row.coverage.covered

    @staticmethod
    def resolve_required(row: CoverageRow) -> int:
        return row.coverage.required

    @staticmethod
    def resolve_percent(row: CoverageRow) -> int | None:
        return row.coverage.percent


class LiteracyOut(Schema):
    today: date
    target: int = Field(description="The target coverage in percent.")
    scope: UnitRef | None = Field(description="The unit (with those below it), or null.")
    total: CoverageOut
    by_unit: list[CoverageOut]
    by_role: list[CoverageOut]


class LiteracyQuery(Schema):
    unit: Id | None = Field(None, description="A unit's ID: that unit and those below it.")


@router.get("/my-path", response=MyPathOut, summary="My learning path")
def my_path_get(request: HttpRequest) -> dict[str, object]:
    """The courses required of the caller, each with its status and date. An account
    without a person has no path (404)."""
    require(request, Permission.VIEW_TRAININGS)
    status, rows = queries.path_rows(caller_person(request))
    return {"covered": status.covered, "courses": rows}


@router.get("/literacy", response=LiteracyOut, summary="AI-literacy coverage")
def literacy_get(request: HttpRequest, filters: Query[LiteracyQuery]) -> LiteracyReport:
    """Coverage of the organisation, or of one unit with the units below it, per unit and
    per role, with percent and light against the target. Never persons."""
    require(request, Permission.VIEW_TRAININGS)
    scope = get_object_or_404(Unit, pk=filters.unit) if filters.unit is not None else None
    return queries.coverage_view(scope).report
