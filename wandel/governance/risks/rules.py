"""Pure rules of the risk register: the score, its severity band and overdue reviews. No
database access; pages, API and exports share them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from wandel.governance.risks.models import RiskStatus

__all__ = [
    "SEVERITY_BANDS",
    "SEVERITY_LEGEND",
    "Severity",
    "SeverityBadge",
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
class SeverityBadge:
    """A score in its severity band; ``css_class`` gives it the band's colours (wandel.css)."""

    score: int
    severity: Severity

    @property
    def css_class(self) -> str:
        return f"severity-{self.severity.value}"


def severity_badge(score: int | None) -> SeverityBadge | None:
    """What a page needs to show a score in its severity's colours."""
    if score is None:
        return None
    return SeverityBadge(score, severity(score))


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
        }
        for band, scores in SEVERITY_LEGEND
    ]
