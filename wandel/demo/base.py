"""What every part of the demo loader shares: its audit action, the sizes, and where progress
is written."""

from __future__ import annotations

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
