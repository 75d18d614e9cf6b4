"""What every part of the demo loader shares: the sizes and where progress is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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
