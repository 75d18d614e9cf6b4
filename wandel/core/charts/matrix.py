"""Geometry of a labelled matrix (groups × measures, e.g. the ADKAR profile of each unit),
drawn by ``core/charts/matrix.html``: a cell per value, coloured by the level the caller
gives it, and a withheld value as an empty, hatched cell. The page puts the same figures in
a table, which is the picture's text alternative."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

LABEL_WIDTH = 200
CELL_WIDTH = 96
CELL_HEIGHT = 30
HEADER = 28


@dataclass(frozen=True)
class MatrixCell:
    x: int
    y: int
    value: float | None
    level: str

    @property
    def text_x(self) -> int:
        return self.x + CELL_WIDTH // 2

    @property
    def text_y(self) -> int:
        return self.y + CELL_HEIGHT // 2 + 5


@dataclass(frozen=True)
class MatrixRow:
    label: str
    y: int
    cells: tuple[MatrixCell, ...]

    @property
    def text_y(self) -> int:
        return self.y + CELL_HEIGHT // 2 + 5


@dataclass(frozen=True)
class Matrix:
    columns: tuple[tuple[str, int], ...]
    rows: tuple[MatrixRow, ...]
    width: int
    height: int
    cell_width: int = CELL_WIDTH
    cell_height: int = CELL_HEIGHT


def matrix(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    columns: Sequence[str],
    *,
    level: Callable[[float], str],
) -> Matrix:
    """A row per ``(label, values)``, a column per name in ``columns``; ``level(value)``
    names the CSS class of a cell's colour; None is a withheld value."""
    drawn = []
    for index, (label, values) in enumerate(rows):
        y = HEADER + index * CELL_HEIGHT
        cells = tuple(
            MatrixCell(
                LABEL_WIDTH + column * CELL_WIDTH,
                y,
                value,
                level(value) if value is not None else "withheld",
            )
            for column, value in enumerate(values)
        )
        drawn.append(MatrixRow(label, y, cells))
    heads = tuple(
        (name, LABEL_WIDTH + column * CELL_WIDTH + CELL_WIDTH // 2)
        for column, name in enumerate(columns)
    )
    return Matrix(
        heads,
        tuple(drawn),
        LABEL_WIDTH + len(columns) * CELL_WIDTH,
        HEADER + len(rows) * CELL_HEIGHT,
    )
