from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from wandel.core.management.commands.serve import serve
from wandel.core.roles import Role
from wandel.demo.base import SIZES
from wandel.demo.content import ContentError
from wandel.demo.generator import DemoIncomplete, load_demo
from wandel.demo.org.accounts import LOGINS, PASSWORD
from wandel.demo.org.company import company


class Command(BaseCommand):
    help = (
        "Set up a demo organisation (a fictional German manufacturer) with one sign-in per "
        "role, then serve Wandel. Running it again changes nothing; --reset rebuilds it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=sorted(SIZES),
            default="small",
            help="small: 12 units, 250 people (default); large: 400 units, 20,000 people.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete ALL data in the database first, then load the demo afresh.",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up the demo, then exit without serving."
        )
        parser.add_argument("--host", default=os.environ.get("WANDEL_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("WANDEL_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WANDEL_WORKERS", "3"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if options["reset"]:
            self.stdout.write("Deleting all data …")
            call_command("flush", interactive=False, verbosity=0)
        try:
            loaded = load_demo(options["size"], stdout=self.stdout)
        except (DemoIncomplete, ContentError) as error:
            raise CommandError(str(error)) from None
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Demo organisation {company().name} loaded."))
        else:
            self.stdout.write("The demo is already loaded; nothing changed (--reset rebuilds it).")
        call_command("collectstatic", interactive=False, verbosity=0)
        host, port = options["host"], options["port"]
        self._print_logins(url=f"http://{_url_host(host)}:{port}/")
        if not options["no_serve"]:
            with background_worker():
                serve(host=host, port=port, workers=options["workers"])

    def _print_logins(self, *, url: str) -> None:
        self.stdout.write("")
        self.stdout.write(f"Open {url} and sign in with one of these accounts.")
        self.stdout.write(f"Every demo account has the password: {PASSWORD}")
        self.stdout.write("")
        rows = [("E-mail", "Role", "Person")]
        # The console speaks English whatever the installation's default language is.
        with translation.override("en"):
            rows += [
                (
                    login.email,
                    str((login.role or Role.EMPLOYEE).label),
                    f"{login.first_name} {login.last_name}, {login.job_title}",
                )
                for login in LOGINS
            ]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        for number, (email, role, person) in enumerate(rows):
            line = f"  {email:<{widths[0]}}  {role:<{widths[1]}}  {person}"
            self.stdout.write(self.style.MIGRATE_HEADING(line) if number == 0 else line)
        self.stdout.write("")


@contextmanager
def background_worker() -> Iterator[subprocess.Popen[bytes]]:
    """``wandel worker`` beside the server while it runs, so that notification e-mail goes
    out (to the console unless WANDEL_SMTP_HOST names a mail server)."""
    worker = subprocess.Popen([sys.executable, "-m", "wandel.cli", "worker", "--no-reload"])
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
