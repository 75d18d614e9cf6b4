"""The use-case export cell by cell: the database computes every cell (labels, scores,
dates, formula guards), and on PostgreSQL writes the CSV itself with COPY. The expected
cells are the same on both databases, written out by hand."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from openpyxl import load_workbook

from tests.support.downloads import downloaded
from tests.support.personas import make_person, make_unit
from tests.support.portfolio import make_use_case
from wandel.portfolio.use_cases.models import Capability, Stage, UseCase

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def exported(client, query: str = "", language: str = "en") -> list[list[str]]:
    content = downloaded(client.get(f"/portfolio/export.csv{query}", HTTP_ACCEPT_LANGUAGE=language))
    delimiter = ";" if language == "de" else ","
    return list(
        csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter)
    )


def with_scores(use_case: UseCase, **fields: object) -> UseCase:
    UseCase.objects.filter(pk=use_case.pk).update(**fields)
    return use_case


def test_every_cell_of_a_use_case_as_written_by_hand(admin_client):
    unit = make_unit(name="Vertrieb; Innendienst")
    owner = make_person(first_name="Jörg", last_name='O"Neill', unit=unit)
    case = make_use_case(
        title="Angebote, schneller\nund besser",
        unit=unit,
        capability=Capability.TRANSLATION,
        personal_data=True,
        people_helped=120,
    )
    with_scores(
        case,
        stage=Stage.PILOT,
        product_owner=owner,
        value_score=Decimal("4.00"),
        feasibility_score=Decimal("4.50"),
        risk_score=Decimal("1.25"),
        total_score=Decimal("83.0"),
        vetoed=True,
        # 23:30 UTC on 31 March is 1 April in Berlin (summer time, two hours ahead).
        created_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
    )

    rows = exported(admin_client)

    assert rows == [
        [
            "ID",
            "Title",
            "Stage",
            "Unit",
            "LLM capability",
            "Product owner",
            "Value",
            "Feasibility",
            "Risk",
            "Total score",
            "Vetoed",
            "Personal data",
            "People helped",
            "Submitted",
        ],
        [
            str(case.pk),
            "Angebote, schneller\nund besser",
            "Pilot",
            "Vertrieb; Innendienst",
            "Translation",
            'Jörg O"Neill',
            "4",
            "4.5",
            "1.25",
            "83",
            "yes",
            "yes",
            "120",
            "2026-04-01",
        ],
    ]


def test_an_unscored_use_case_without_owner_leaves_those_cells_empty_in_german(admin_client):
    case = make_use_case(title="Kantine", people_helped=None, personal_data=False)
    with_scores(case, created_at=datetime(2026, 1, 15, 9, 0, tzinfo=UTC))

    header, row = exported(admin_client, language="de")

    assert header[:3] == ["ID", "Titel", "Phase"]
    assert row == [
        str(case.pk),
        "Kantine",
        "Idee",
        case.unit.name,
        "Texterstellung",
        "",
        "",
        "",
        "",
        "",
        "nein",
        "nein",
        "",
        "2026-01-15",
    ]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_title_a_spreadsheet_would_run_as_a_formula_stays_text(admin_client, start):
    make_use_case(title=f"{start}HYPERLINK(1)", unit=make_unit(name=f"{start}Einheit"))

    row = exported(admin_client)[1]

    assert (row[1], row[3]) == (f"'{start}HYPERLINK(1)", f"'{start}Einheit")


def test_the_export_keeps_the_lists_order_and_filters(admin_client):
    unit = make_unit()
    low = with_scores(make_use_case(title="B niedrig", unit=unit), total_score=Decimal("20"))
    high = with_scores(make_use_case(title="A hoch", unit=unit), total_score=Decimal("90"))
    tied = with_scores(make_use_case(title="A gleich", unit=unit), total_score=Decimal("20"))
    make_use_case(title="Anderswo")

    rows = exported(admin_client, f"?unit={unit.pk}")

    assert [row[0] for row in rows[1:]] == [str(high.pk), str(tied.pk), str(low.pk)]


def test_postgresql_writes_the_csv_itself_and_sqlite_through_python(admin_client):
    make_use_case(title="Zeilenende")

    content = downloaded(admin_client.get("/portfolio/export.csv"))

    # COPY ends its lines in a line feed, the csv module in carriage return and line feed.
    if connection.vendor == "postgresql":
        assert content.count(b"\n") == 2
        assert b"\r" not in content
    else:
        assert content.count(b"\r\n") == 2


def test_a_workbook_keeps_scores_as_numbers(admin_client):
    case = make_use_case(title="Zahlen")
    with_scores(case, value_score=Decimal("4.50"), total_score=Decimal("83.3"))

    xlsx = downloaded(admin_client.get("/portfolio/export.xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]

    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert (row[1], row[6], row[7], row[9]) == ("Zahlen", 4.5, None, 83.3)
