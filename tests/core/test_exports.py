"""Every export: CSV for the reader's Excel, XLSX, and no formula injection."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import load_workbook

from wandel.core.exports import csv_bytes, safe_cell, xlsx_bytes


def test_text_that_looks_like_a_formula_stays_text():
    assert safe_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert safe_cell("+49 30 1234") == "'+49 30 1234"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Angebote entwerfen") == "Angebote entwerfen"
    assert safe_cell(-3) == -3
    assert safe_cell(None) == ""


def test_csv_uses_semicolons_for_german_excel_and_commas_otherwise():
    with translation.override("de"):
        assert csv_bytes([["a", "b"]]).decode("utf-8-sig").strip() == "a;b"
    with translation.override("en"):
        assert csv_bytes([["a", "b"]]).decode("utf-8-sig").strip() == "a,b"


def test_xlsx_keeps_numbers_and_neutralises_formulas():
    content = xlsx_bytes([["Title", "Dots"], ["=1+1", 7]], sheet_title="Ranking")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.title == "Ranking"
    assert [c.value for c in sheet[2]] == ["'=1+1", 7]
    assert sheet["A1"].font.bold
