"""Downloadable, empty import files whose columns match what the importer expects."""

from __future__ import annotations

import io

from django.utils.translation import gettext

from wandel.core.exports import csv_bytes
from wandel.org.imports import PEOPLE_COLUMNS, UNIT_COLUMNS, Column

KINDS: dict[str, tuple[Column, ...]] = {"people": PEOPLE_COLUMNS, "units": UNIT_COLUMNS}


def template_csv(kind: str) -> bytes:
    return csv_bytes([[c.key for c in KINDS[kind]]])


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    columns = KINDS[kind]
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = kind
    sheet.append([c.key for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
            16, len(column.key) + 4
        )
    help_sheet = workbook.create_sheet(gettext("Help"))
    help_sheet.append([gettext("Column"), gettext("Required"), gettext("Meaning")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in columns:
        help_sheet.append(
            [column.key, gettext("yes") if column.required else gettext("no"), str(column.help)]
        )
    help_sheet.column_dimensions["A"].width = 20
    help_sheet.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
