from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wandel.core.models import User
from wandel.core.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for the account with this e-mail address and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="cli", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"].strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account with the e-mail address {options['email']}.")
        _token, plain = api_token_create(user=user, name=options["name"])
        self.stdout.write(plain)
