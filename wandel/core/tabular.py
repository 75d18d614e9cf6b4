"""Reading CSV and XLSX files row by row, keeping the line number of every row.

Used by every import in Wandel, so that an error can always name file, line and field.

An upload is untrusted input, and a workbook is a zip archive of XML: it is read within
limits (file size, unpacked size, compression ratio, rows) checked before the expensive
work, every row is read whatever the sheet claims its size to be, and a damaged or
malicious workbook is refused with a message naming the file, never a server error.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError

MAX_FILE_BYTES = 20 * 1024 * 1024
# Five times the largest organisation Wandel is built for (20,000 people); reading that many
# rows of a workbook takes seconds, not minutes.
MAX_ROWS = 100_000
# A workbook of 100,000 rows of an HR export unpacks to about 50 MB.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Sheets Excel writes compress 5 to 20 times; a zip bomb a thousand times. Small parts may
# compress more (an empty sheet is mostly repeated markup), and are harmless.
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
# A workbook has a dozen parts, one per sheet, style, theme and relation list.
MAX_PARTS = 1000
# The first problems of a refused import are reported, and how many more there are; a page
# listing every problem of a file of 100,000 broken rows would help nobody.
MAX_REPORTED_PROBLEMS = 200

UNREADABLE = _("The file is neither a CSV file nor an Excel (.xlsx) workbook.")
TOO_LARGE = _("The file is larger than 20 MB.")
EMPTY = _("The file has no header row.")
BAD_ENCODING = _("The file is not UTF-8 or Windows-1252 encoded text.")
TOO_MANY_ROWS = _("The file has more than %(limit)s rows; split it into smaller files.")
UNPACKS_TOO_LARGE = _(
    "The workbook unpacks to more than %(limit)d MB; split it into smaller files."
)
ZIP_BOMB = _(
    "The workbook is compressed far more than a spreadsheet can be; it was refused as a "
    "possible zip bomb."
)
DAMAGED = _(
    "The workbook is damaged or incomplete; open it in Excel, save it again and upload it anew."
)
DAMAGED_AFTER_LINE = _(
    "The sheet cannot be read after line %(line)d; the workbook is damaged or incomplete. "
    "Open it in Excel, save it again and upload it anew."
)
XML_ENTITIES = _(
    "The workbook contains XML entity declarations, which spreadsheet programs never write; "
    "it was refused."
)
NO_SHEET = _("The workbook has no worksheet.")

# What zipfile raises for an archive that is damaged (offsets out of range, a truncated
# stream), unsupported (a compression method, a zip version) or encrypted (RuntimeError:
# it wants a password).
_BROKEN_ARCHIVE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)

# What openpyxl raises for a workbook that is not what it claims to be: a part that is not
# XML or breaks off, a cell value or reference that is not what its type says. A parser of
# untrusted files fails in many ways; every one of them means "this file is damaged".
_DAMAGED = (
    ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OverflowError,
)


@dataclass(frozen=True)
class Row:
    line: int
    values: Mapping[str, str]


@dataclass(frozen=True)
class Table:
    file_name: str
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    # Each key as the file's header wrote it (the first, where two give the same key), so
    # that messages name the column the way its author knows it.
    names: Mapping[str, str] = field(default_factory=dict)


class TableUnreadable(DomainError):
    def __init__(self, file_name: str, message: str | Promise) -> None:
        super().__init__(message)
        self.file_name = file_name

    def __str__(self) -> str:
        return f"{self.file_name}: {self.message}"


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
    names: dict[str, str] = {}
    for key, header in zip(keys, headers, strict=True):
        if key:
            names.setdefault(key, " ".join(str(header).split()))
    rows = []
    width = len(keys)
    padding = [""] * width
    for count, (line, cells) in enumerate(raw_rows, start=1):
        if count > MAX_ROWS:
            limit = number_format(MAX_ROWS, force_grouping=True)
            raise TableUnreadable(file_name, TOO_MANY_ROWS % {"limit": limit})
        stripped = [cell.strip() for cell in cells]
        if not any(stripped):
            continue
        if len(stripped) < width:
            stripped += padding[len(stripped) :]
        # zip stops at the last header: cells beyond it belong to no column. A header that
        # appears twice keeps its last cell, as a dict does.
        rows.append(Row(line, dict(zip(keys, stripped, strict=False))))
    return Table(file_name=file_name, headers=keys, rows=tuple(rows), names=names)


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

    _check_archive(content, file_name)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (*_DAMAGED, OSError) as error:
        raise TableUnreadable(file_name, _damage(error, DAMAGED)) from None
    if not workbook.worksheets:
        workbook.close()
        raise TableUnreadable(file_name, NO_SHEET)
    sheet = workbook.worksheets[0]
    # In read-only mode openpyxl stops at the size the sheet declares in <dimension>, which
    # the program that wrote it may have got wrong; without it, every row is read.
    sheet.reset_dimensions()
    cells = sheet.iter_rows(values_only=True)

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 0
        try:
            for line, values in enumerate(cells, start=1):
                yield line, [_cell_text(value) for value in values]
        except _DAMAGED as error:
            damaged = DAMAGED_AFTER_LINE % {"line": line} if line else DAMAGED
            raise TableUnreadable(file_name, _damage(error, damaged)) from None
        finally:
            workbook.close()

    lines = rows()
    try:
        _line, headers = next(lines)
    except StopIteration:
        raise TableUnreadable(file_name, EMPTY) from None
    return headers, lines


def _damage(error: BaseException, message: str | Promise) -> str | Promise:
    """``message``, unless the error (or the one openpyxl wrapped in it) is defusedxml's
    refusal of entity declarations, which deserves its own."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return XML_ENTITIES
        cause = cause.__cause__ or cause.__context__
    return message


def _check_archive(content: bytes, file_name: str) -> None:
    """Refuse a workbook that would unpack to more than the limits, before parsing it.

    The sizes an archive declares may lie; Python's zipfile never unpacks more than the
    declared size and checks each part's CRC, so unpacking every part once (fast, and bounded
    by the declared sizes checked first) proves them and finds damaged parts early.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except _BROKEN_ARCHIVE:
        raise TableUnreadable(file_name, UNREADABLE) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise TableUnreadable(file_name, UNREADABLE)
        if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
            limit = MAX_UNPACKED_BYTES // (1024 * 1024)
            raise TableUnreadable(file_name, UNPACKS_TOO_LARGE % {"limit": limit})
        for info in parts:
            if info.file_size > max(RATIO_FROM_BYTES, MAX_RATIO * info.compress_size):
                raise TableUnreadable(file_name, ZIP_BOMB)
        for info in parts:
            unpacked = 0
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(1024 * 1024):
                        unpacked += len(chunk)
            except _BROKEN_ARCHIVE:
                raise TableUnreadable(file_name, DAMAGED) from None
            if unpacked != info.file_size:
                raise TableUnreadable(file_name, DAMAGED)


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
