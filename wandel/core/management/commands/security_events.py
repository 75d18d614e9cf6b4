from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from wandel.core.security.events import security_events_purge


class Command(BaseCommand):
    help = (
        "Work with the security events. 'wandel security-events purge' deletes the events "
        "older than WANDEL_SECURITY_EVENT_DAYS; run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["purge"])

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = security_events_purge()
        self.stdout.write(
            f"deleted {deleted} security events older than {settings.SECURITY_EVENT_DAYS} days"
        )
