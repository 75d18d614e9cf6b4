from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wandel.core.models import User
from wandel.core.tokens import TokenError, api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for the account with this e-mail address and print it once. "
        "The audit log records it. It stops working when revoked, after --days, when the "
        "account's password changes or when the account is closed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="cli", help="What the token is for.")
        parser.add_argument(
            "--days", type=int, default=None, help="Days until the token expires (default: never)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the e-mail address {options['email']}.")
        try:
            _token, plain = api_token_create(user=user, name=options["name"], days=options["days"])
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(plain)
