from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from wandel.env import env_int, env_str


class Command(BaseCommand):
    help = "Serve Wandel with a production WSGI server (gunicorn); static files included."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("WANDEL_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("WANDEL_PORT", 8000, minimum=1))
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("WANDEL_WORKERS", 3, minimum=1),
            help="Worker processes (default 3, or WANDEL_WORKERS).",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collecting static files (when the image already did).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        serve(host=options["host"], port=options["port"], workers=options["workers"])


def serve(*, host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from wandel.wsgi import application

    class WandelServer(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
            settings = {
                "bind": bind,
                "workers": max(1, workers),
                "accesslog": "-",
                "errorlog": "-",
                "timeout": 120,
                "graceful_timeout": 20,
                "forwarded_allow_ips": env_str("WANDEL_FORWARDED_ALLOW_IPS", "127.0.0.1"),
                # Wandel is run by its own command; gunicorn's control socket is not needed
                # and would want a writable home directory.
                "control_socket_disable": True,
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    WandelServer().run()
