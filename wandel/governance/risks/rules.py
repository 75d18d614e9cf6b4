"""Pure rules of the risk register: the score, its severity band, overdue reviews, and the
geometry of the heat map. No database access; pages, API and exports share them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.governance.risks.models import RiskStatus

__all__ = [
    "SEVERITY_BANDS",
    "SEVERITY_COLOURS",
    "SEVERITY_LEGEND",
    "HeatCell",
    "HeatMap",
    "Severity",
    "SeverityBadge",
    "heat_map_geometry",
    "review_overdue",
    "risk_score",
    "severity",
    "severity_badge",
    "severity_legend",
]


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


# Upper bound (inclusive) of each band of likelihood × impact; critical is everything above.
SEVERITY_BANDS = ((4, Severity.LOW), (9, Severity.MEDIUM), (16, Severity.HIGH))
# Fill and text colour of each band in the heat map (the palette of wandel.css's badges).
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.LOW: ("#dcfce7", "#166534"),
    Severity.MEDIUM: ("#fef3c7", "#92400e"),
    Severity.HIGH: ("#fed7aa", "#9a3412"),
    Severity.CRITICAL: ("#fca5a5", "#7f1d1d"),
}


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each 1–5, so 1–25."""
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError("likelihood and impact run from 1 to 5")
    return likelihood * impact


def severity(score: int) -> Severity:
    for upper, band in SEVERITY_BANDS:
        if score <= upper:
            return band
    return Severity.CRITICAL


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    x: float
    y: float
    size: float
    fill: str
    ink: str
    url: str = ""
    selected: bool = False

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def severity(self) -> Severity:
        return severity(self.score)

    @property
    def centre_x(self) -> float:
        return round(self.x + self.size / 2, 1)

    @property
    def centre_y(self) -> float:
        return round(self.y + self.size / 2, 1)


TOP = 16  # room above the grid; the margin at the left and bottom holds the axes


@dataclass(frozen=True)
class HeatMap:
    size: int
    margin: int
    cell: float
    cells: list[HeatCell]
    ticks: list[dict[str, float]]
    residual: bool
    total: int
    unrated: int = 0
    top: int = TOP

    @property
    def grid(self) -> float:
        return round(5 * self.cell, 1)

    @property
    def bottom(self) -> float:
        return round(self.top + 5 * self.cell, 1)

    @property
    def middle_x(self) -> float:
        return round(self.margin + 2.5 * self.cell, 1)

    @property
    def middle_y(self) -> float:
        return round(self.top + 2.5 * self.cell, 1)


def heat_map_geometry(
    counts: Mapping[tuple[int, int], int], *, residual: bool = False, size: int = 440
) -> HeatMap:
    """A 5 × 5 grid: impact 1–5 left to right, likelihood 1–5 bottom to top.

    ``counts`` maps (likelihood, impact) to the number of risks rated so. Cells are listed
    row by row from the top (likelihood 5) so that the SVG reads like the picture.
    """
    margin = 56
    cell = (size - margin - TOP) / 5
    cells = []
    for likelihood in range(5, 0, -1):
        for impact in range(1, 6):
            fill, ink = SEVERITY_COLOURS[severity(likelihood * impact)]
            cells.append(
                HeatCell(
                    likelihood=likelihood,
                    impact=impact,
                    count=counts.get((likelihood, impact), 0),
                    x=round(margin + (impact - 1) * cell, 1),
                    y=round(TOP + (5 - likelihood) * cell, 1),
                    size=round(cell, 1),
                    fill=fill,
                    ink=ink,
                )
            )
    ticks = [
        {
            "value": v,
            "x": round(margin + (v - 0.5) * cell, 1),
            "y": round(TOP + (5.5 - v) * cell, 1),
        }
        for v in range(1, 6)
    ]
    return HeatMap(
        size=size,
        margin=margin,
        cell=round(cell, 1),
        cells=cells,
        ticks=ticks,
        residual=residual,
        total=sum(counts.values()),
    )


@dataclass(frozen=True)
class SeverityBadge:
    score: int
    severity: Severity
    fill: str
    ink: str


def severity_badge(score: int | None) -> SeverityBadge | None:
    """What a page needs to show a score in its severity's colours."""
    if score is None:
        return None
    band = severity(score)
    fill, ink = SEVERITY_COLOURS[band]
    return SeverityBadge(score, band, fill, ink)


SEVERITY_LEGEND = (
    (Severity.LOW, "1–4"),
    (Severity.MEDIUM, "5–9"),
    (Severity.HIGH, "10–16"),
    (Severity.CRITICAL, "20–25"),
)


def review_overdue(review_on: date, status: str, today: date) -> bool:
    return status != RiskStatus.CLOSED and review_on < today


def severity_legend() -> list[dict[str, Any]]:
    return [
        {
            "severity": band.value,
            "label": band.label,
            "range": scores,
            "fill": SEVERITY_COLOURS[band][0],
            "ink": SEVERITY_COLOURS[band][1],
        }
        for band, scores in SEVERITY_LEGEND
    ]
