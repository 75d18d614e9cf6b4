"""Reading import files: every row of a workbook, within limits that keep a malicious file
from taking the server down, and a clear error naming the file for a broken one.

The broken and malicious workbooks are built here with ``zipfile``, from a real workbook
that openpyxl writes; no binary fixtures.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from collections.abc import Mapping

import pytest
from openpyxl import Workbook

from wandel.core.tabular import TableUnreadable, read_table

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
TYPES = "[Content_Types].xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# What the user reads; written out here rather than imported from the code under test.
DAMAGED = (
    "The workbook is damaged or incomplete; open it in Excel, save it again and upload it anew."
)
NOT_A_TABLE = "The file is neither a CSV file nor an Excel (.xlsx) workbook."
NO_SHEET = "The workbook has no worksheet."
ENTITIES = (
    "The workbook contains XML entity declarations, which spreadsheet programs never write; "
    "it was refused."
)
TOO_MANY_ROWS = "The file has more than 100,000 rows; split it into smaller files."
UNPACKS_TOO_LARGE = "The workbook unpacks to more than 100 MB; split it into smaller files."
ZIP_BOMB = (
    "The workbook is compressed far more than a spreadsheet can be; it was refused as a "
    "possible zip bomb."
)


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PEOPLE = [["employee_id", "name"], *([1000 + n, f"Person {n}"] for n in range(1, 11))]


def rezipped(content: bytes, parts: Mapping[str, bytes | None]) -> bytes:
    """The workbook with some parts replaced, or removed where the new content is None."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name in parts:
                if parts[name] is not None:
                    target.writestr(name, parts[name])  # type: ignore[arg-type]
            else:
                target.writestr(name, source.read(name))
        for name, data in parts.items():
            if name not in source.namelist() and data is not None:
                target.writestr(name, data)
    return buffer.getvalue()


def part(content: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(content)).read(name)


def sheet_xml(rows: str, *, prolog: str = "", dimension: str = "A1:B2") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def text_row(line: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{line}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{line}">{cells}</row>'


def declare_size(content: bytes, name: str, size: int) -> bytes:
    """Make the archive claim ``size`` unpacked bytes for ``name``, as a zip bomb's does."""
    data = bytearray(content)
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_at, size)
            start += 4
    return bytes(data)


def unreadable(content: bytes, name: str = "hr.xlsx") -> str:
    with pytest.raises(TableUnreadable) as error:
        read_table(content, name)
    assert str(error.value).startswith(f"{name}: "), "the error names the file"
    return str(error.value.message)


# Every row ---------------------------------------------------------------------------------


def test_a_workbook_is_read_row_by_row_with_the_line_of_each():
    table = read_table(workbook(PEOPLE), "hr.xlsx")

    assert table.headers == ("employee_id", "name")
    assert [row.line for row in table.rows] == list(range(2, 12))
    assert table.rows[-1].values == {"employee_id": "1010", "name": "Person 10"}


def test_a_workbook_whose_dimension_understates_its_size_is_read_to_the_last_row():
    content = workbook(PEOPLE)
    understated = re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', part(content, SHEET)
    )

    table = read_table(rezipped(content, {SHEET: understated}), "hr.xlsx")

    assert len(table.rows) == 10
    assert table.rows[-1].values["name"] == "Person 10"


def test_a_workbook_without_a_dimension_is_read_to_the_last_row():
    content = workbook(PEOPLE)
    without = re.sub(rb"<dimension [^>]*/>", b"", part(content, SHEET))

    table = read_table(rezipped(content, {SHEET: without}), "hr.xlsx")

    assert len(table.rows) == 10


def test_rows_shorter_or_longer_than_the_header_are_read_as_far_as_the_header_goes():
    rows = text_row(1, "employee_id", "name") + text_row(2, "1001") + text_row(3, "1002", "B", "x")
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows)})

    table = read_table(content, "hr.xlsx")

    assert [dict(row.values) for row in table.rows] == [
        {"employee_id": "1001", "name": ""},
        {"employee_id": "1002", "name": "B"},
    ]


def test_empty_rows_are_skipped_but_keep_their_line_numbers():
    rows = text_row(1, "employee_id", "name") + text_row(2, "1001", "A") + text_row(5, "1002", "B")
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows)})

    table = read_table(content, "hr.xlsx")

    assert [row.line for row in table.rows] == [2, 5]


# Limits ----------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    rows = "".join(text_row(n, "1001", "A" * 200) for n in range(2, 3))
    bomb = sheet_xml(text_row(1, "employee_id", "name") + rows * 150_000)  # ~60 MB of XML
    content = rezipped(workbook(PEOPLE), {SHEET: bomb})
    assert len(content) < 1_000_000

    started = time.monotonic()
    message = unreadable(content)

    assert message == ZIP_BOMB
    assert time.monotonic() - started < 5


def test_a_workbook_that_claims_to_unpack_beyond_the_limit_is_refused():
    content = declare_size(workbook(PEOPLE), SHEET, 150 * 1024 * 1024)

    assert unreadable(content) in {ZIP_BOMB, UNPACKS_TOO_LARGE}


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused_as_damaged():
    content = workbook(PEOPLE)
    declared = zipfile.ZipFile(io.BytesIO(content)).getinfo(SHEET).file_size

    assert unreadable(declare_size(content, SHEET, declared // 2)) == DAMAGED


def test_a_workbook_with_more_than_100000_rows_is_refused_without_reading_them_all():
    rows = text_row(1, "employee_id", "name") + text_row(1_048_576, "1001", "A")
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows)})

    started = time.monotonic()
    message = unreadable(content)

    assert message == TOO_MANY_ROWS
    assert time.monotonic() - started < 5


def test_a_csv_file_of_100000_rows_is_read_and_one_more_row_is_refused():
    header = b"employee_id,name\n"
    at_limit = header + b"1001,A\n" * 100_000

    assert len(read_table(at_limit, "hr.csv").rows) == 100_000
    assert unreadable(at_limit + b"1002,B\n", "hr.csv") == TOO_MANY_ROWS


# Broken and malicious workbooks ----------------------------------------------------------


def test_a_file_that_looks_like_a_workbook_but_is_no_zip_archive_is_refused():
    assert unreadable(b"PK\x03\x04" + b"\x00" * 200) == NOT_A_TABLE


def test_a_truncated_workbook_is_refused():
    content = workbook(PEOPLE)

    assert unreadable(content[: len(content) // 2]) in {NOT_A_TABLE, DAMAGED}
    assert unreadable(content[:-30]) in {NOT_A_TABLE, DAMAGED}


def test_a_workbook_whose_sheet_is_missing_is_refused():
    assert unreadable(rezipped(workbook(PEOPLE), {SHEET: None})) == NO_SHEET


def test_a_workbook_whose_parts_are_not_xml_is_refused_as_damaged():
    assert unreadable(rezipped(workbook(PEOPLE), {"xl/workbook.xml": b"no xml"})) == DAMAGED


def test_a_sheet_that_breaks_off_in_the_middle_of_a_row_names_the_last_good_line():
    rows = text_row(1, "employee_id", "name") + text_row(2, "1001", "A") + text_row(3, "1002", "B")
    whole = sheet_xml(rows + text_row(4, "1003", "C"))
    cut = whole[: whole.index(b'<row r="4"') + 25]
    content = rezipped(workbook(PEOPLE), {SHEET: cut})

    assert unreadable(content) == (
        "The sheet cannot be read after line 3; the workbook is damaged or incomplete. "
        "Open it in Excel, save it again and upload it anew."
    )


def test_a_cell_that_is_not_the_number_it_claims_to_be_names_its_line():
    rows = text_row(1, "employee_id", "name") + '<row r="2"><c r="A2" t="n"><v>zwölf</v></c></row>'
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows)})

    assert unreadable(content).startswith("The sheet cannot be read after line 1;")


def test_a_cell_reference_beyond_the_last_column_names_its_line():
    rows = text_row(1, "employee_id", "name") + '<row r="2"><c r="ZZZZ2"><v>1</v></c></row>'
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows)})

    assert unreadable(content).startswith("The sheet cannot be read after line 1;")


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)


def test_an_xml_entity_bomb_in_a_sheet_is_refused():
    rows = text_row(1, "employee_id", "name") + text_row(2, "1001", "&i;")
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows, prolog=LAUGHS)})

    assert unreadable(content) == ENTITIES


def test_an_xml_entity_bomb_in_the_shared_strings_is_refused():
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?>{LAUGHS.replace("worksheet", "sst")}'
        f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&i;</t></si></sst>'
    ).encode()
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    content = workbook(PEOPLE)
    types = part(content, TYPES).replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    content = rezipped(content, {SHEET: sheet_xml(rows), STRINGS: strings, TYPES: types})

    assert unreadable(content) == ENTITIES


def test_an_external_entity_is_not_resolved_but_refused():
    prolog = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    rows = text_row(1, "employee_id", "name") + text_row(2, "1001", "&secret;")
    content = rezipped(workbook(PEOPLE), {SHEET: sheet_xml(rows, prolog=prolog)})

    assert unreadable(content) == ENTITIES
