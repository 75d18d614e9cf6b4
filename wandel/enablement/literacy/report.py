"""The AI-literacy report as a file for an auditor: a table (CSV or Excel) and a PDF.

Both say the same as the coverage page: the day, the scope, the criteria (which learning
paths require which courses of whom, by when, valid for how long), the coverage of the
scope, per unit and per role against the target, and, for those allowed to see persons,
each person's status. The table lists every person with a requirement; the PDF lists those
not covered, the ones an auditor asks about, up to ``PDF_NOT_COVERED`` of them and the
number of the rest (its counts still cover everyone), so that the report for 20,000 people
stays a document of pages, not of hundreds.

The PDF is drawn by WeasyPrint from an HTML template with its styles inline and fonts of
the system; it fetches nothing, so it works without a network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext

from wandel.core.exports import Row
from wandel.enablement.literacy.queries import CoverageRow, LiteracyReport, PersonStatus
from wandel.enablement.literacy.rules import CourseState, CourseStatus
from wandel.enablement.trainings.models import LearningPath, audience


@dataclass(frozen=True)
class Criterion:
    """One learning path in words: whom it requires to do which courses, by when."""

    path: str
    audience: str
    courses: str
    within_days: int
    starts_on: date


def criteria(report: LiteracyReport) -> list[Criterion]:
    paths: dict[int, LearningPath] = {path.pk: path for path in report.paths}
    found = []
    for rule in report.rules:
        path = paths[rule.path_id]
        found.append(
            Criterion(
                path=path.name,
                audience=audience(path.roles, path.units.all()),
                courses="; ".join(_course(report, pk) for pk in rule.course_ids),
                within_days=rule.within_days,
                starts_on=rule.starts_on,
            )
        )
    return found


def _course(report: LiteracyReport, pk: int) -> str:
    course = report.courses[pk]
    if course.validity_months is None:
        return course.title
    return gettext("%(course)s (valid %(months)s months)") % {
        "course": course.title,
        "months": course.validity_months,
    }


def scope_name(report: LiteracyReport) -> str:
    return report.scope.name if report.scope is not None else gettext("Whole organisation")


def _day(value: date | None) -> str:
    """Dates in the table are ISO (2026-12-07): read the same in every language."""
    return value.isoformat() if value else ""


def table(report: LiteracyReport, *, with_people: bool) -> list[Row]:
    """The report as rows of one sheet: a head (what, when, which scope, the criteria),
    the coverage rows, then (where allowed) one row per person with a requirement."""
    rows: list[Row] = [
        [gettext("AI-literacy report (EU AI Act, Art. 4)")],
        [gettext("Date"), _day(report.today)],
        [gettext("Scope"), scope_name(report)],
        [gettext("Target (%)"), report.target],
        [],
        [
            gettext("Learning path"),
            gettext("For"),
            gettext("Courses"),
            gettext("Required from"),
            gettext("Days to do"),
        ],
        *(
            [
                criterion.path,
                criterion.audience,
                criterion.courses,
                _day(criterion.starts_on),
                criterion.within_days,
            ]
            for criterion in criteria(report)
        ),
        [],
        [
            gettext("Coverage of"),
            gettext("Name"),
            gettext("Covered"),
            gettext("People"),
            gettext("Coverage (%)"),
            gettext("Status"),
        ],
        _coverage_row(gettext("Scope"), report.total, scope_name(report)),
        *(_coverage_row(gettext("Unit"), row) for row in report.by_unit),
        *(_coverage_row(gettext("Role"), row) for row in report.by_role),
    ]
    if with_people:
        rows += [
            [],
            [
                gettext("Person"),
                gettext("Employee ID"),
                gettext("Unit"),
                gettext("Covered"),
                gettext("Overdue"),
                gettext("Still due"),
                gettext("Done and valid"),
            ],
            *(_person_row(report, status) for status in report.people),
        ]
    return rows


def _coverage_row(kind: str, row: CoverageRow, name: str = "") -> Row:
    light = row.light
    return [
        kind,
        name or row.label,
        row.coverage.covered,
        row.coverage.required,
        "" if row.coverage.percent is None else row.coverage.percent,
        "" if light is None else str(light.label),
    ]


def _person_row(report: LiteracyReport, status: PersonStatus) -> Row:
    person = status.person
    done = [s for s in status.states if s.status in (CourseStatus.DONE, CourseStatus.EXPIRING)]
    return [
        f"{person.first_name} {person.last_name}",
        person.employee_id,
        person.unit.name,
        gettext("yes") if status.covered else gettext("no"),
        _states(report, status.overdue, gettext("since %(day)s")),
        _states(report, status.still_due, gettext("by %(day)s")),
        _states(report, done, gettext("until %(day)s"), until=True),
    ]


def _states(
    report: LiteracyReport, states: list[CourseState], when: str, *, until: bool = False
) -> str:
    """Soonest first, each course with its date."""
    parts = []
    key = (lambda s: s.valid_until) if until else (lambda s: s.due)
    for state in sorted(states, key=lambda s: (key(s) is None, key(s) or date.max)):
        day = key(state)
        title = report.courses[state.course_id].title
        parts.append(f"{title} ({when % {'day': _day(day)}})" if day else title)
    return "; ".join(parts)


STYLESHEET = (
    Path(__file__).resolve().parent.parent / "static" / "enablement" / "literacy_report.css"
)

# Those not covered the PDF lists by name; the table export lists everyone. Drawing a table
# costs WeasyPrint most of a second a page, so the PDF stays a document of some pages.
PDF_NOT_COVERED = 300


def pdf(report: LiteracyReport, *, with_people: bool, generated_by: str) -> bytes:
    # WeasyPrint loads Pango when imported: only the PDF's request pays for it.
    from weasyprint import CSS, HTML

    rows = report.not_covered_rows if with_people else []
    html = render_to_string(
        "enablement/literacy_report_pdf.html",
        {
            "report": report,
            "not_covered": rows[:PDF_NOT_COVERED],
            "more_not_covered": max(0, len(rows) - PDF_NOT_COVERED),
            "scope_name": scope_name(report),
            "criteria": criteria(report),
            "with_people": with_people,
            "generated_by": generated_by,
        },
    )
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(
        stylesheets=[CSS(filename=STYLESHEET, url_fetcher=_fetch_nothing)]
    )


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The template references no files; anything it would fetch is refused, so a PDF never
    reaches out of the machine."""
    raise ValueError(f"the literacy report fetches nothing ({url})")
