"""The routers the apps register; ``wandel.api`` mounts them, core names no app."""

from __future__ import annotations

from dataclasses import dataclass

from ninja import Router


@dataclass(frozen=True)
class Mounted:
    prefix: str
    router: Router


_routers: list[Mounted] = []


def register_router(router: Router, *, prefix: str = "/") -> None:
    """Called from an app's ``ready()``; each router is mounted once."""
    if any(m.router is router for m in _routers):
        return
    _routers.append(Mounted(prefix, router))


def registered_routers() -> list[Mounted]:
    return list(_routers)
