from __future__ import annotations

import gc
import hashlib
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from wandel.env import env_int, env_str


class Command(BaseCommand):
    help = "Serve Wandel with a production WSGI server (gunicorn); static files included."
    # Checked in handle() without a database: Django would connect for some model checks
    # (generated columns ask the server's version), and serve must start while the
    # database is down, so that /healthz can say so.
    requires_system_checks: list[str] = []

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
        self.check(databases=[])
        if not options["no_collectstatic"]:
            collect_static()
        serve(host=options["host"], port=options["port"], workers=options["workers"])


def collect_static() -> bool:
    """Collect the static files unless exactly these were collected last time; says whether
    it collected. Hashing and compressing them takes half a minute, and most starts of
    `wandel serve` find nothing changed."""
    stamp = Path(settings.STATIC_ROOT) / ".collected"
    fingerprint = static_fingerprint()
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


def static_fingerprint() -> str:
    """Name, size and modification time of every static file the finders find, and the
    settings that shape what collectstatic makes of them."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    found = sorted(
        (path, storage.path(path))
        for finder in get_finders()
        for path, storage in finder.list(ignore)
    )
    digest = hashlib.sha256(repr((settings.STATIC_URL, settings.STORAGES)).encode())
    for path, location in found:
        status = Path(location).stat()
        digest.update(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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

    # Everything loaded so far (Django, the apps, their modules) lives as long as the
    # server: frozen, the workers' full garbage collections skip it. Without it one in
    # about forty requests paid a 60 ms pass over 150,000 objects, which showed as the
    # slow tail (p95) of any page it hit; the forked workers also keep sharing these pages
    # of memory with the master instead of copying them when the collector touches them.
    gc.collect()
    gc.freeze()
    WandelServer().run()
