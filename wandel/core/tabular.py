"""Reading CSV and XLSX files row by row, keeping the line number of every row.

Used by every import in Wandel, so that an error can always name file, line and field.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 20 * 1024 * 1024

UNREADABLE = _("The file is neither a CSV file nor an Excel (.xlsx) workbook.")
TOO_LARGE = _("The file is larger than 20 MB.")
EMPTY = _("The file has no header row.")
BAD_ENCODING = _("The file is not UTF-8 or Windows-1252 encoded text.")


@dataclass(frozen=True)
class Row:
    line: int
    values: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    file_name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


class TableUnreadable(Exception):
    def __init__(self, file_name: str, message: str | Promise) -> None:
        super().__init__(f"{file_name}: {message}")
        self.file_name = file_name
        self.message = message


def normalise_header(header: str) -> str:
    """'E-Mail-Adresse ' -> 'e_mail_adresse'; 'Übergeordnete Einheit' -> 'ubergeordnete_einheit'."""
    text = unicodedata.normalize("NFKD", header.strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def read_table(content: bytes, file_name: str, aliases: Mapping[str, str] | None = None) -> Table:
    """Read a CSV or XLSX file; header names are normalised and mapped through ``aliases``."""
    if len(content) > MAX_FILE_BYTES:
        raise TableUnreadable(file_name, TOO_LARGE)
    suffix = PurePath(file_name).suffix.lower()
    if content[:4] == b"PK\x03\x04" or suffix in {".xlsx", ".xlsm"}:
        headers, raw_rows = _read_xlsx(content, file_name)
    elif suffix in {".csv", ".txt", ""}:
        headers, raw_rows = _read_csv(content, file_name)
    else:
        raise TableUnreadable(file_name, UNREADABLE)
    aliases = aliases or {}
    keys = tuple(aliases.get(normalise_header(h), normalise_header(h)) for h in headers)
    if not any(keys):
        raise TableUnreadable(file_name, EMPTY)
    rows = []
    for line, cells in raw_rows:
        if not any(cell.strip() for cell in cells):
            continue
        values = {key: (cells[i].strip() if i < len(cells) else "") for i, key in enumerate(keys)}
        rows.append(Row(line=line, values=values))
    return Table(file_name=file_name, headers=keys, rows=tuple(rows))


def _read_csv(content: bytes, file_name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableUnreadable(file_name, BAD_ENCODING)
    if "\x00" in text:
        raise TableUnreadable(file_name, UNREADABLE)
    first_line = text.split("\n", 1)[0]
    # German Excel writes semicolons; pick whichever separator the header line uses most.
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise TableUnreadable(file_name, EMPTY) from None
    except csv.Error as error:
        raise TableUnreadable(file_name, str(error)) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as error:
            raise TableUnreadable(file_name, f"line {start}: {error}") from None

    return headers, rows()


def _read_xlsx(content: bytes, file_name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableUnreadable(file_name, UNREADABLE) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        headers = [_cell_text(value) for value in next(iterator)]
    except StopIteration:
        raise TableUnreadable(file_name, EMPTY) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        for line, values in enumerate(iterator, start=2):
            yield line, [_cell_text(value) for value in values]
        workbook.close()

    return headers, rows()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores employee number 1042 as 1042.0.
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
