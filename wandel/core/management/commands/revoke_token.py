from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wandel.core.models import ApiToken
from wandel.core.tokens import TokenError, api_token_revoke


class Command(BaseCommand):
    help = (
        "Revoke an API token by its prefix (the first 12 characters, shown in the admin site "
        "and by --list). The audit log records it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix", nargs="?", help="The token's prefix, e.g. wdl_AbCdEfGh.")
        parser.add_argument("--list", action="store_true", help="List the tokens and their state.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for token in ApiToken.objects.select_related("user").order_by("user__email", "pk"):
                self.stdout.write(
                    f"{token.prefix}  {token.user.email}  {token.name}  {token.status()}"
                )
            return
        if not options["prefix"]:
            raise CommandError("Name the token's prefix, or use --list.")
        tokens = list(ApiToken.objects.filter(prefix=options["prefix"]))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} tokens have the prefix {options['prefix']}.")
        try:
            api_token_revoke(token=tokens[0], actor=None)
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"revoked {tokens[0]}")
