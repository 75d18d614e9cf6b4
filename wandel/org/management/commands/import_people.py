from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from wandel.core.models import User
from wandel.org.imports import ImportRejected, ImportReport, people_import


class Command(BaseCommand):
    help = "Import people (and their units) from an HR export in CSV or XLSX; all or nothing."
    run: Callable[..., ImportReport] = staticmethod(people_import)
    # Whether the file holds people, who can be given accounts (not so for units).
    invites = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--actor", help="E-mail of the account the audit log names.")
        if self.invites:
            parser.add_argument(
                "--invite",
                action="store_true",
                help="Create accounts for the people without one and e-mail them an invitation.",
            )

    def options_for(self, options: dict[str, Any]) -> dict[str, Any]:
        return {"invite": options["invite"]} if self.invites else {}

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
            report = self.run(
                content=content, file_name=path.name, actor=actor, **self.options_for(options)
            )
        except ImportRejected as rejected:
            for issue in rejected.issues:
                self.stderr.write(str(issue))
            if rejected.more_issues:
                self.stderr.write(
                    ngettext(
                        "%(count)d more problem is not listed.",
                        "%(count)d more problems are not listed.",
                        rejected.more_issues,
                    )
                    % {"count": rejected.more_issues}
                )
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
