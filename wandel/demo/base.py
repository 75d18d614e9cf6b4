"""What every part of the demo shares: its audit action, the sizes, where progress is written,
and what a loader is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoAction(models.TextChoices):
    LOADED = "demo.loaded", _("Demo organisation loaded")


@dataclass(frozen=True)
class DemoSize:
    units: int
    people: int


SIZES = {
    "small": DemoSize(units=12, people=250),
    "large": DemoSize(units=400, people=20_000),
}


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class DemoRun:
    """One load of the demo, as every loader's steps see it."""

    size: DemoSize
    # "small", "large", or "<units>-units" for a size given by its figures.
    name: str
    say: Callable[[str], object]

    @property
    def seed(self) -> str:
        """Where each loader's random choices start, so a size is the same every time."""
        return f"wandel-demo-{self.name}"


Step = Callable[[DemoRun], None]


@dataclass(frozen=True)
class DemoLoader:
    """What one app adds to the demo, registered in ``generator.DEMO_LOADERS``.

    The orchestrator runs every loader's ``check`` first (reading and checking its content,
    without writing), then every ``setup``, then every ``load``, each by ``position``
    (org 100, portfolio 200, governance 300; a new app takes the next hundred). ``setup``
    creates what the loaders after it build on (people and accounts; the bodies and their
    meetings); ``load`` adds the rest, through the app's services.
    """

    name: str
    position: int
    check: Step | None = None
    setup: Step | None = None
    load: Step | None = None
    # Whether some of what the loader writes is in the database already: a load that
    # stopped half-way, which only ``wandel demo --reset`` cleans up.
    present: Callable[[], bool] | None = None
