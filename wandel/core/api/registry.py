"""The API routers the apps register (in their ``hooks.py``); ``core.api.site`` mounts them,
core names no app."""

from __future__ import annotations

from dataclasses import dataclass

from ninja import Router

from wandel.core.registry import Hook


@dataclass(frozen=True)
class Mounted:
    """A router and the path under /api/v1 it is mounted at."""

    prefix: str
    router: Router


API_ROUTERS: Hook[Mounted] = Hook("API routers")
