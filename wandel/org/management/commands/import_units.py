from __future__ import annotations

from wandel.org.imports import units_import
from wandel.org.management.commands.import_people import Command as ImportPeopleCommand


class Command(ImportPeopleCommand):
    help = "Import units (code, name, parent) from a CSV or XLSX file; all or nothing."
    run = staticmethod(units_import)
    invites = False
