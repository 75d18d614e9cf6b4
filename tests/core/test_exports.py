"""Every export: CSV for the reader's Excel, XLSX, and no formula injection."""

from __future__ import annotations

import csv
import io

import pytest
from django.http import Http404
from django.utils import translation
from openpyxl import load_workbook

from tests.support.downloads import downloaded
from wandel.core.exports import (
    choice_labels,
    csv_bytes,
    csv_chunks,
    safe_cell,
    table_download,
    xlsx_bytes,
)


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


# Every character that starts a formula in Excel, LibreOffice or Google Sheets, by hand.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_character_is_neutralised(start):
    assert safe_cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_character_is_neutralised_in_csv_and_xlsx(start):
    with translation.override("en"):
        text = csv_bytes([[f"{start}1+1"]]).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text, newline=""))) == [f"'{start}1+1"]
    content = xlsx_bytes([["Title"], [f"{start}1+1"]], sheet_title="T")
    stored = load_workbook(io.BytesIO(content)).worksheets[0]["A2"].value
    # XML turns a carriage return into a line feed; what matters is the leading quote.
    assert (stored[0], stored[2:]) == ("'", "1+1")


@pytest.mark.parametrize("text", ["1-2", "a=b", "Wert: -3", " =1", "#1", "!x", "'quoted"])
def test_text_with_those_characters_later_or_other_starts_is_left_alone(text):
    assert safe_cell(text) == text


def test_negative_numbers_and_decimals_stay_numbers():
    assert safe_cell(-3) == -3
    assert safe_cell(-2.5) == -2.5
    assert safe_cell("-3") == "'-3"


def test_a_download_names_its_file_and_type():
    rows = [["Title"], ["=1+1"]]
    csv_response = table_download(rows, fmt="csv", filename="ranking", sheet_title="Ranking")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == 'attachment; filename="ranking.csv"'
    assert csv_response.streaming
    assert downloaded(csv_response).decode("utf-8-sig") == "Title\r\n'=1+1\r\n"

    xlsx_response = table_download(rows, fmt="xlsx", filename="ranking", sheet_title="Ranking")
    assert xlsx_response.streaming
    assert xlsx_response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx_response["Content-Disposition"] == 'attachment; filename="ranking.xlsx"'
    sheet = load_workbook(io.BytesIO(downloaded(xlsx_response))).worksheets[0]
    assert (sheet.title, sheet["A2"].value) == ("Ranking", "'=1+1")


def test_an_unknown_format_is_not_found():
    with pytest.raises(Http404):
        table_download([["a"]], fmt="pdf", filename="x", sheet_title="x")


def test_a_sheet_title_is_cut_to_excels_31_characters():
    content = xlsx_bytes([["a"]], sheet_title="A" * 40)
    assert load_workbook(io.BytesIO(content)).worksheets[0].title == "A" * 31


def test_csv_is_utf8_with_a_byte_order_mark():
    with translation.override("de"):
        assert csv_bytes([["Größe"]]) == b"\xef\xbb\xbfGr\xc3\xb6\xc3\x9fe\r\n"


def test_csv_goes_out_in_pieces_of_32_kb_and_reads_rows_only_as_it_is_sent():
    read = []
    cell = "x" * 20_000  # two rows fill a piece of 32 KB

    def rows():
        for n in range(5):
            read.append(n)
            yield [n, cell]

    with translation.override("en"):
        chunks = csv_chunks(rows())
    assert read == []
    first = next(chunks)
    assert read == [0, 1]
    assert first == b"\xef\xbb\xbf" + f"0,{cell}\r\n1,{cell}\r\n".encode()
    assert next(chunks) == f"2,{cell}\r\n3,{cell}\r\n".encode()
    assert read == [0, 1, 2, 3]
    assert list(chunks) == [f"4,{cell}\r\n".encode()]


def test_the_delimiter_is_the_language_of_the_request_not_of_the_moment_it_is_sent():
    with translation.override("de"):
        chunks = csv_chunks([["a", "b"]])
    with translation.override("en"):
        assert b"".join(chunks).decode("utf-8-sig") == "a;b\r\n"


def test_choice_labels_are_translated_once_into_the_active_language():
    from wandel.portfolio.use_cases.models import Stage

    with translation.override("de"):
        labels = choice_labels(Stage)
    assert labels["idea"] == "Idee"
    assert all(type(label) is str for label in labels.values())


def test_a_workbook_with_thousands_of_rows_is_written_in_write_only_mode():
    rows = [["n"], *([n] for n in range(5000))]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows, sheet_title="Many"))).worksheets[0]
    assert (sheet.max_row, sheet["A5001"].value, sheet["A1"].font.bold) == (5001, 4999, True)
