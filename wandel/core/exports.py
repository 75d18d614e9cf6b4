"""Tables as CSV or Excel downloads, the same way for every export in Wandel.

Exports stream: the CSV goes out in pieces of about 32 KB as the database cursor yields
the rows (a piece per row would make a send per row through the whole server), and the
workbook is written by openpyxl's write-only mode into a temporary file that is then sent
in chunks. Neither holds the whole table in memory, so a large portfolio costs time, not
memory. Callers pass an iterable of rows (read with ``values_list(...).iterator()``) and
translate their labels once before the first row (``choice_labels``), not once per row.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from django.db.models import Choices
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.translation import get_language

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Text starting with one of these would be run as a formula by a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]


def safe_cell(value: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would take for a formula stays text."""
    kind = type(value)
    if kind is str:
        text: str = value  # type: ignore[assignment]
    elif value is None:
        return ""
    elif kind in NUMBERS:
        return value
    else:
        text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


NUMBERS = frozenset({int, float, bool})


def choice_labels(choices: type[Choices]) -> dict[object, str]:
    """Each value's label, translated now into the active language: looked up once per
    export rather than once per row. Unknown or empty values map to ``""`` via ``get``."""
    return {value: str(label) for value, label in choices.choices}


CHUNK_SIZE = 32 * 1024


def csv_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    """The CSV of ``rows`` as UTF-8 bytes with a byte order mark first, in pieces of about
    ``CHUNK_SIZE`` characters: rows are read only as the pieces are sent."""
    # German Excel splits CSV on semicolons, English Excel on commas; the BOM says UTF-8.
    # The delimiter is chosen here, not inside the generator: a streamed response is read
    # after the view returns, when another language may be active.
    delimiter = ";" if (get_language() or "").startswith("de") else ","

    def chunks() -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        buffer.write("\ufeff")
        for row in rows:
            # Plain text, most of an export, passes without a call to safe_cell.
            writer.writerow(
                [
                    value
                    if type(value) is str and not value.startswith(FORMULA_STARTS)
                    else safe_cell(value)
                    for value in row
                ]
            )
            if buffer.tell() >= CHUNK_SIZE:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")

    return chunks()


def csv_bytes(rows: Iterable[Row]) -> bytes:
    return b"".join(csv_chunks(rows))


def xlsx_file(rows: Iterable[Row], *, sheet_title: str) -> IO[bytes]:
    """A workbook of ``rows`` (the first in bold) in a temporary file, rewound; openpyxl's
    write-only mode keeps memory flat however many rows there are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        values = [safe_cell(value) for value in row]
        if number == 0:
            header = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = bold
                header.append(cell)
            sheet.append(header)
        else:
            sheet.append(values)
    # Not a context manager: the caller reads and closes it (FileResponse does when sent).
    out = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_bytes(rows: Iterable[Row], *, sheet_title: str) -> bytes:
    with xlsx_file(rows, sheet_title=sheet_title) as out:
        return out.read()


def table_download(
    rows: Iterable[Row], *, fmt: str, filename: str, sheet_title: str
) -> StreamingHttpResponse:
    """``rows`` starts with the header row; ``filename`` is without extension. The answer
    streams: read it with ``streaming_content``."""
    name = f"{filename}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if fmt == "xlsx":
        return FileResponse(
            xlsx_file(rows, sheet_title=sheet_title),
            as_attachment=True,
            filename=name,
            content_type=XLSX_CONTENT_TYPE,
        )
    raise Http404
