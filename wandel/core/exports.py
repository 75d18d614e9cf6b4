"""Tables as CSV or Excel downloads, the same way for every export in Wandel."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Text starting with one of these would be run as a formula by a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]


def safe_cell(value: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would take for a formula stays text."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: Sequence[Row]) -> bytes:
    # German Excel splits CSV on semicolons, English Excel on commas; the BOM says UTF-8.
    delimiter = ";" if (get_language() or "").startswith("de") else ","
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(
        [[safe_cell(value) for value in row] for row in rows]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Sequence[Row], *, sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    if rows:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_download(
    rows: Sequence[Row], *, fmt: str, filename: str, sheet_title: str
) -> HttpResponse:
    """``rows`` starts with the header row; ``filename`` is without extension."""
    if fmt == "csv":
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(rows, sheet_title=sheet_title), content_type=XLSX_CONTENT_TYPE
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
