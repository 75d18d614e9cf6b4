"""Geometry of a heat grid, drawn by ``core/charts/heat_grid.html`` (and as a table by
``core/charts/heat_table.html``).

A square grid of ``steps`` × ``steps`` cells: columns 1 to ``steps`` left to right, rows 1
to ``steps`` bottom to top. Each cell shows a count; its colour follows its ``level``, which
the caller computes from the cell (the risk register's severity of likelihood × impact) and
which names the CSS class that colours it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from wandel.core.charts.ticks import Tick

SIZE = 440
MARGIN = 56  # at the left and the bottom, for the axes
TOP = 16  # above the grid
STEPS = 5


class Level(Protocol):
    """What a cell's colour follows; ``css_class`` names the colour (``severity-high``)."""

    @property
    def css_class(self) -> str: ...


@dataclass(frozen=True)
class HeatCell[LevelT: Level]:
    row: int
    column: int
    count: int
    level: LevelT
    x: float
    y: float
    size: float
    url: str = ""
    selected: bool = False
    # The cell's tooltip and its data-* attributes, as the page that shows the grid words
    # and names them (drawn by the ``heat_cells`` tag).
    title: str = ""
    data: tuple[tuple[str, object], ...] = ()

    @property
    def centre_x(self) -> float:
        return round(self.x + self.size / 2, 1)

    @property
    def centre_y(self) -> float:
        return round(self.y + self.size / 2, 1)


@dataclass(frozen=True)
class HeatRow[LevelT: Level]:
    value: int
    cells: tuple[HeatCell[LevelT], ...]


@dataclass(frozen=True)
class HeatGrid[LevelT: Level]:
    size: int
    margin: int
    top: int
    steps: int
    cell: float
    cells: tuple[HeatCell[LevelT], ...]
    ticks: tuple[Tick, ...]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def rows(self) -> tuple[HeatRow[LevelT], ...]:
        """The cells row by row, the top row first, as the picture and its table read."""
        return tuple(
            HeatRow(row, tuple(c for c in self.cells if c.row == row))
            for row in range(self.steps, 0, -1)
        )

    @property
    def linked(self) -> bool:
        return any(cell.url for cell in self.cells)

    @property
    def bottom(self) -> float:
        return round(self.top + self.steps * self.cell, 1)

    @property
    def middle_x(self) -> float:
        return round(self.margin + self.steps / 2 * self.cell, 1)

    @property
    def middle_y(self) -> float:
        return round(self.top + self.steps / 2 * self.cell, 1)

    @property
    def tick_label_x(self) -> int:
        return self.margin - 14

    @property
    def tick_label_y(self) -> float:
        return round(self.bottom + 18, 1)

    @property
    def axis_label_y(self) -> int:
        return self.size - 10


def heat_grid[LevelT: Level](
    counts: Mapping[tuple[int, int], int],
    *,
    level: Callable[[int, int], LevelT],
    steps: int = STEPS,
    size: int = SIZE,
) -> HeatGrid[LevelT]:
    """Cells for ``counts``, which maps (row, column) to a count; a cell not in it counts 0.

    ``level(row, column)`` gives each cell its colour. Cells are listed row by row from the
    top, so that the SVG reads like the picture.
    """
    cell = (size - MARGIN - TOP) / steps
    cells = tuple(
        HeatCell(
            row=row,
            column=column,
            count=counts.get((row, column), 0),
            level=level(row, column),
            x=round(MARGIN + (column - 1) * cell, 1),
            y=round(TOP + (steps - row) * cell, 1),
            size=round(cell, 1),
        )
        for row in range(steps, 0, -1)
        for column in range(1, steps + 1)
    )
    ticks = tuple(
        Tick(v, round(MARGIN + (v - 0.5) * cell, 1), round(TOP + (steps + 0.5 - v) * cell, 1))
        for v in range(1, steps + 1)
    )
    return HeatGrid(size, MARGIN, TOP, steps, round(cell, 1), cells, ticks)
