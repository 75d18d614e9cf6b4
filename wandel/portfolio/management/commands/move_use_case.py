from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from wandel.core.errors import NotPermitted
from wandel.core.models import User
from wandel.portfolio.use_cases.lifecycle import LifecycleError, MoveRefused, use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase


class Command(BaseCommand):
    help = (
        "Move a use case to another lifecycle stage, checking the same rules and gates as the "
        "pages and the API. A refused move lists what is missing and where to do it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("use_case", type=int, help="The use case's ID.")
        parser.add_argument("stage", choices=Stage.values)
        parser.add_argument("--reason", required=True, help="Why the use case moves.")
        parser.add_argument("--actor", help="E-mail of the account the audit log names.")

    def handle(self, *args: Any, **options: Any) -> None:
        use_case = UseCase.objects.filter(pk=options["use_case"]).first()
        if use_case is None:
            raise CommandError(f"There is no use case {options['use_case']}.")
        actor = None
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"]).first()
            if actor is None:
                raise CommandError(f"No account with the e-mail address {options['actor']}.")
        try:
            use_case_move(
                use_case=use_case, to=options["stage"], actor=actor, reason=options["reason"]
            )
        except (LifecycleError, NotPermitted) as error:
            raise CommandError(str(error)) from None
        except MoveRefused as refused:
            for item in refused.missing:
                self.stderr.write(f"- {item}" + (f" ({item.url})" if item.url else ""))
            raise CommandError(
                gettext("“%(title)s” cannot move to “%(to)s” yet.")
                % {"title": use_case.title, "to": Stage(refused.to).label}
            ) from None
        self.stdout.write(
            gettext("Moved to “%(stage)s”.") % {"stage": Stage(options["stage"]).label}
        )
