"""The AI-literacy report as an auditor gets it: the table (CSV, Excel) and the PDF, for the
hand-computed organisation of conftest.py on 2026-12-07; persons only for those allowed."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader

from tests.enablement.conftest import TODAY
from tests.support.personas import make_person
from wandel.core.roles import Role
from wandel.enablement.literacy.queries import literacy_report
from wandel.enablement.literacy.report import table
from wandel.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_report_day():
    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        yield


def signed_in(role: Role, language: str = "en") -> Client:
    """Someone of a unit of their own, so they change no unit's figures of the fixture."""
    office = Unit.objects.get_or_create(code="TRN", defaults={"name": "Training office"})[0]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(make_person(unit=office, roles=(role,)).user)
    return client


def test_the_table_gives_date_scope_criteria_coverage_and_each_person(organisation):
    report = literacy_report(today=TODAY, with_people=True)
    people = organisation["people"]

    rows = [list(row) for row in table(report, with_people=True)]

    assert rows[:5] == [
        ["AI-literacy report (EU AI Act, Art. 4)"],
        ["Date", "2026-12-07"],
        ["Scope", "Whole organisation"],
        ["Target (%)", 50],
        [],
    ]
    assert rows[5:9] == [
        ["Learning path", "For", "Courses", "Required from", "Days to do"],
        ["Developers", "IT", "Retrieval and guardrails (valid 24 months)", "2026-01-01", 60],
        ["Everyone", "Everyone", "Safe use (valid 12 months)", "2026-01-01", 90],
        ["Product owners", "Product owner", "Measuring use-case value", "2026-01-01", 30],
    ]
    assert rows[10:16] == [
        ["Coverage of", "Name", "Covered", "People", "Coverage (%)", "Status"],
        ["Scope", "Whole organisation", 3, 7, 42, "Close to target"],
        ["Unit", "IT", 0, 1, 0, "Below target"],
        ["Unit", "Platform team", 1, 2, 50, "On target"],
        ["Unit", "Sales", 2, 4, 50, "On target"],
        ["Role", "Product owner", 1, 1, 100, "On target"],
    ]
    header, *persons = rows[17:]
    assert header == [
        "Person",
        "Employee ID",
        "Unit",
        "Covered",
        "Overdue",
        "Still due",
        "Done and valid",
    ]
    by_name = {row[0]: row for row in persons}
    assert len(persons) == 7
    assert by_name["Test IT new"] == [
        "Test IT new",
        people["IT new"].employee_id,
        "Platform team",
        "no",
        "",
        "Retrieval and guardrails (by 2027-01-19); Safe use (by 2027-02-18)",
        "",
    ]
    assert by_name["Test Sales expired"][3:] == [
        "no",
        "Safe use (since 2026-11-01)",
        "",
        "",
    ]
    assert by_name["Test Sales owner"][3:] == [
        "yes",
        "",
        "",
        "Safe use (until 2027-02-01); Measuring use-case value",
    ]
    assert "Test Sales left" not in by_name


def test_the_csv_download_lists_persons_for_a_trainer_and_aggregates_for_everyone_else(
    organisation,
):
    trainer = signed_in(Role.TRAINER).get("/enablement/literacy/report.csv")
    employee = signed_in(Role.EMPLOYEE).get("/enablement/literacy/report.csv")

    assert trainer.status_code == employee.status_code == 200
    assert trainer["Content-Disposition"] == (
        'attachment; filename="wandel-ai-literacy-2026-12-07.csv"'
    )
    with_people = b"".join(trainer.streaming_content).decode("utf-8-sig")
    without = b"".join(employee.streaming_content).decode("utf-8-sig")
    assert "Test Sales never" in with_people
    assert "Test Sales never" not in without
    rows = list(csv.reader(io.StringIO(without), delimiter=_delimiter(without)))
    assert ["Role", "Product owner", "1", "1", "100", "On target"] in rows


def _delimiter(text: str) -> str:
    return ";" if text.splitlines()[1].startswith("Date;") else ","


def test_a_unit_s_excel_report_covers_the_unit_and_those_below(organisation):
    it = organisation["it"]
    response = signed_in(Role.TRAINER).get(f"/enablement/literacy/report.xlsx?unit={it.pk}")

    assert response["Content-Disposition"] == (
        f'attachment; filename="wandel-ai-literacy-unit-{it.pk}-2026-12-07.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [
        [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
    ]
    assert ["Scope", "IT"] in values
    assert ["Scope", "IT", 1, 3, 33, "Below target"] in values
    names = {row[0] for row in values if row and str(row[0]).startswith("Test ")}
    assert names == {"Test IT covered", "Test IT without retrieval", "Test IT new"}


def pdf_text(content: bytes) -> str:
    """The PDF's text without any white space: extraction breaks lines where the layout
    does and may split a kerned word ("T est"), neither of which the tests are about."""
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_pdf_renders_the_report_with_who_is_not_covered(organisation):
    response = signed_in(Role.TRAINER).get("/enablement/literacy/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (
        "AI-literacy report",
        "Whole organisation",
        "7 December 2026",
        "Target 50 %",
        "Retrieval and guardrails (valid 24 months)",
        "Test Sales never",
        "Test IT without retrieval",
    ):
        assert squeezed(expected) in text, expected
    assert "TestSalescovered" not in text  # covered people are in the table export only


def test_the_pdf_for_an_employee_shows_aggregates_only_and_reads_in_german(organisation):
    response = signed_in(Role.EMPLOYEE, "de").get("/enablement/literacy/report.pdf")

    text = pdf_text(response.content)
    assert "KI-Kompetenz" in text
    assert "GanzeOrganisation" in text
    assert "TestSalesnever" not in text


def test_the_coverage_page_links_the_report_downloads_for_its_scope(organisation):
    it = organisation["it"]
    page = signed_in(Role.EMPLOYEE).get(f"/enablement/literacy/?unit={it.pk}").content.decode()

    assert f'href="/enablement/literacy/report.pdf?unit={it.pk}"' in page
    assert f'href="/enablement/literacy/report.xlsx?unit={it.pk}"' in page


def test_an_unknown_format_is_not_found(organisation):
    assert signed_in(Role.TRAINER).get("/enablement/literacy/report.txt").status_code == 404
