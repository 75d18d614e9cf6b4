"""Tables as CSV or Excel downloads, the same way for every export in Wandel.

Exports stream: the CSV goes out in pieces of about 32 KB as the database cursor yields
the rows (a piece per row would make a send per row through the whole server), and the
workbook is written by openpyxl's write-only mode into a temporary file that is then sent
in chunks. Neither holds the whole table in memory, so a large portfolio costs time, not
memory. Callers pass an iterable of rows (read with ``values_list(...).iterator()``) and
translate their labels once before the first row (``choice_labels``), not once per row.

An export whose every cell the database can compute (``query_download`` with ``Guarded``,
``Labelled``, ``yes_no`` and ``NumberText`` columns, dates cast to text) is written as CSV by
PostgreSQL itself with ``COPY … TO STDOUT``: 3,000 use cases in a few milliseconds instead
of 50 spent on converting and writing each cell in Python. Elsewhere (SQLite) the same
query's rows go through ``csv_chunks``. Both write the same cells; PostgreSQL ends its
lines in a line feed, the csv module in carriage return and line feed, as spreadsheets
read either.
"""

from __future__ import annotations

import csv
import io
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Choices,
    DateTimeField,
    Expression,
    F,
    FloatField,
    Func,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Substr, Trunc
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Text starting with one of these would be run as a formula by a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[object]
# A column of ``query_download``: its header and what the database computes for it.
ExportColumn = tuple[str, Expression | str]


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


def _delimiter() -> str:
    # German Excel splits CSV on semicolons, English Excel on commas.
    return ";" if (get_language() or "").startswith("de") else ","


def csv_chunks(rows: Iterable[Row], *, line_end: str = "\r\n") -> Iterator[bytes]:
    """The CSV of ``rows`` as UTF-8 bytes with a byte order mark first, in pieces of about
    ``CHUNK_SIZE`` characters: rows are read only as the pieces are sent. (The csv module
    quotes a carriage return in a cell only with the default ``line_end``.)"""
    # The delimiter is chosen here, not inside the generator: a streamed response is read
    # after the view returns, when another language may be active. The BOM says UTF-8.
    delimiter = _delimiter()

    def chunks() -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
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
        return _csv_response(csv_chunks(rows), name)
    if fmt == "xlsx":
        return FileResponse(
            xlsx_file(rows, sheet_title=sheet_title),
            as_attachment=True,
            filename=name,
            content_type=XLSX_CONTENT_TYPE,
        )
    raise Http404


def _csv_response(chunks: Iterator[bytes], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Columns the database computes -----------------------------------------------------------


class Guarded(Func):
    """Text as ``safe_cell`` writes it, computed by the database: with a leading apostrophe
    if a spreadsheet would run it as a formula.

    This and ``Labelled`` write their SQL themselves: as ``Case`` and ``When`` they cost
    Django more to build than the database takes to run them."""

    output_field = CharField()

    def __init__(self, expression: Expression | str) -> None:
        super().__init__(F(expression) if isinstance(expression, str) else expression)

    def as_sql(  # type: ignore[override]  # writes its own SQL, takes no template
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        text, params = compiler.compile(self.source_expressions[0])
        starts = ", ".join(["%s"] * len(FORMULA_STARTS))
        sql = f"CASE WHEN SUBSTR({text}, 1, 1) IN ({starts}) THEN %s || {text} ELSE {text} END"
        return sql, [*params, *FORMULA_STARTS, "'", *params, *params]


class Labelled(Func):
    """The label of ``field``'s value, translated now into the active language."""

    output_field = CharField()

    def __init__(self, field: str, choices: type[Choices]) -> None:
        super().__init__(F(field))
        self.labels = choice_labels(choices)

    def as_sql(  # type: ignore[override]  # as Guarded's
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        value, params = compiler.compile(self.source_expressions[0])
        cases = " ".join(["WHEN %s THEN %s"] * len(self.labels))
        pairs = [item for pair in self.labels.items() for item in pair]
        return f"CASE {value} {cases} ELSE {value} END", [*params, *pairs, *params]


def yes_no(field: str, yes: str, no: str) -> Case:
    return Case(When(**{field: True}, then=Value(yes)), default=Value(no), output_field=CharField())


class NumberText(Func):
    """A decimal as text without trailing zeros (4.50 is 4.5, 4.00 is 4): what a reader of
    the CSV expects, and the same from both databases (SQLite keeps decimals as numbers)."""

    template = "CAST(%(expressions)s AS TEXT)"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="CAST(TRIM_SCALE(%(expressions)s) AS TEXT)", **extra
        )


def number_column(field: str, fmt: str) -> Func:
    """A decimal column: text without trailing zeros in a CSV, a number in a workbook."""
    return NumberText(field) if fmt == "csv" else Cast(field, FloatField())


def minute_text(field: str) -> Func:
    """A moment as text to the minute in the current time zone (2026-12-07 14:05)."""
    local = Trunc(field, "minute", output_field=DateTimeField(), tzinfo=get_current_timezone())
    return Substr(Cast(local, CharField()), 1, 16)


def query_download(
    rows: QuerySet[Any],
    columns: Sequence[ExportColumn],
    *,
    fmt: str,
    filename: str,
    sheet_title: str,
) -> StreamingHttpResponse:
    """``rows`` exported with one column per (header, expression) of ``columns``, in the
    order of ``rows``. On PostgreSQL the CSV is written by the database (``COPY``)."""
    names = [f"export_{number}" for number in range(len(columns))]
    # Every column an annotation, in order: the query selects exactly these, in this order.
    query = rows.annotate(
        **{
            name: F(expression) if isinstance(expression, str) else expression
            for name, (_header, expression) in zip(names, columns, strict=True)
        }
    ).values_list(*names)
    header = [header for header, _expression in columns]
    if fmt == "csv" and connections[query.db].vendor == "postgresql":
        return _csv_response(_copied_csv(query, header), f"{filename}.csv")
    return table_download(
        itertools.chain([header], query.iterator(chunk_size=2000)),
        fmt=fmt,
        filename=filename,
        sheet_title=sheet_title,
    )


def _copied_csv(query: QuerySet[Any], header: Row) -> Iterator[bytes]:
    """The CSV of ``query`` as PostgreSQL's COPY writes it, after ``header`` as
    ``csv_chunks`` writes it, in pieces of about ``CHUNK_SIZE`` bytes."""
    delimiter = _delimiter()
    # Compiled now: the labels and time zone are those of the request.
    sql, params = query.query.get_compiler(using=query.db).as_sql()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    first = b"".join(csv_chunks([header], line_end="\n"))

    def chunks() -> Iterator[bytes]:
        piece = bytearray(first)
        with (
            connections[query.db].cursor() as cursor,
            cursor.cursor.copy(statement, params) as copy,
        ):
            for data in copy:
                piece += data
                if len(piece) >= CHUNK_SIZE:
                    yield bytes(piece)
                    piece.clear()
        yield bytes(piece)

    return chunks()
