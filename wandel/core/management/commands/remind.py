from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wandel.core.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Remind people of due dates that are near or passed (conditions, mitigations …); "
        "run once a day. Each date is reminded of once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Remind as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today {options['today']}: not a date (YYYY-MM-DD)") from None
        told = reminders_send(today)
        self.stdout.write(f"{told} reminders sent for {today.isoformat()}.")
