from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from wandel.core.models import User
from wandel.enablement.lms import ImportRejected, completions_import


class Command(BaseCommand):
    help = "Import training completions from an LMS export in CSV or XLSX; all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--actor", help="E-mail of the account the audit log names.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        actor = None
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"]).first()
            if actor is None:
                raise CommandError(f"No account with the e-mail address {options['actor']}.")
        try:
            report = completions_import(content=content, file_name=path.name, actor=actor)
        except ImportRejected as rejected:
            for issue in rejected.issues:
                self.stderr.write(str(issue))
            count = len(rejected.issues) + rejected.more_issues
            raise CommandError(
                ngettext(
                    "%(count)d problem in %(file)s; nothing was imported.",
                    "%(count)d problems in %(file)s; nothing was imported.",
                    count,
                )
                % {"count": count, "file": path.name}
            ) from None
        self.stdout.write(report.summary())
        if report.ignored_columns:
            self.stderr.write(report.ignored_summary())
