"""Geometry of bars in proportion to the largest, drawn by ``core/charts/bar.html``.

A bar is its own small SVG beside the label and number the page writes as text (the
funnel's stages), so it is decoration (``aria-hidden``) and the text is its alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

AXIS = 100


@dataclass(frozen=True)
class Bar[T]:
    """``item`` with its ``value``, drawn ``length`` long on an axis ``axis`` long."""

    item: T
    value: int | Decimal
    length: float
    axis: float


def bars[T](
    values: Sequence[tuple[T, int | Decimal]],
    *,
    axis: float = AXIS,
    largest: int | Decimal | None = None,
) -> list[Bar[T]]:
    """A bar per ``(item, value)``, the largest value (or ``largest``, to give several
    lists one scale) filling the axis. Values below zero get no length."""
    top = largest if largest is not None else max((v for _, v in values), default=0)
    scale = float(top) or 1.0
    return [
        Bar(item, value, round(axis * max(float(value), 0.0) / scale, 1), axis)
        for item, value in values
    ]
