"""The scoring criteria a new installation starts with; admins change them afterwards.

They are created after every migrate (and after a flush, e.g. ``wandel demo --reset``)
when no criterion exists yet, so an installation is never without a way to score.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

# group, English name, German name, 1 means (en, de), 5 means (en, de), weight, veto_at
CRITERIA = [
    (
        "value",
        "Time saved",
        "Zeitersparnis",
        "Minutes per month",
        "Minuten pro Monat",
        "Many hours per person and month",
        "Viele Stunden pro Person und Monat",
        "3",
        None,
    ),
    (
        "value",
        "Quality gain",
        "Qualitätsgewinn",
        "No noticeable change",
        "Keine spürbare Veränderung",
        "Clearly fewer errors, better answers",
        "Deutlich weniger Fehler, bessere Antworten",
        "2",
        None,
    ),
    (
        "value",
        "Strategic fit",
        "Strategische Passung",
        "Unrelated to our goals",
        "Ohne Bezug zu unseren Zielen",
        "Core to our strategy",
        "Kern unserer Strategie",
        "2",
        None,
    ),
    (
        "value",
        "People helped",
        "Erreichte Personen",
        "A handful of people",
        "Eine Handvoll Personen",
        "Hundreds of people",
        "Hunderte Personen",
        "2",
        None,
    ),
    (
        "feasibility",
        "Data availability",
        "Datenverfügbarkeit",
        "Data missing or scattered",
        "Daten fehlen oder sind verstreut",
        "Clean data at hand",
        "Saubere Daten liegen vor",
        "2",
        None,
    ),
    (
        "feasibility",
        "Technical simplicity",
        "Technische Einfachheit",
        "New territory, research needed",
        "Neuland, Forschung nötig",
        "Standard pattern on our platform",
        "Standardmuster auf unserer Plattform",
        "2",
        None,
    ),
    (
        "feasibility",
        "Integration effort",
        "Integrationsaufwand",
        "Deep changes to several systems",
        "Tiefe Eingriffe in mehrere Systeme",
        "Works on its own",
        "Funktioniert eigenständig",
        "1",
        None,
    ),
    (
        "feasibility",
        "Skills available",
        "Verfügbare Kompetenzen",
        "Nobody knows how",
        "Niemand weiß, wie",
        "Team can do it now",
        "Team kann es sofort umsetzen",
        "1",
        None,
    ),
    (
        "risk",
        "Personal data",
        "Personenbezogene Daten",
        "No personal data",
        "Keine personenbezogenen Daten",
        "Special categories of personal data",
        "Besondere Kategorien personenbezogener Daten",
        "2",
        None,
    ),
    (
        "risk",
        "Impact on employees",
        "Auswirkungen auf Beschäftigte",
        "None",
        "Keine",
        "Evaluates or steers employees",
        "Bewertet oder steuert Beschäftigte",
        "2",
        None,
    ),
    (
        "risk",
        "Consequences of errors",
        "Folgen von Fehlern",
        "Harmless, easy to spot",
        "Harmlos, leicht zu erkennen",
        "Serious harm to people or the company",
        "Ernster Schaden für Menschen oder Unternehmen",
        "2",
        None,
    ),
    (
        "risk",
        "Unacceptable risk (veto)",
        "Unvertretbares Risiko (Veto)",
        "No concerns",
        "Keine Bedenken",
        "Unacceptable: must not be pursued",
        "Unvertretbar: darf nicht verfolgt werden",
        "0",
        5,
    ),
]


def criteria_ensure_defaults(**kwargs: Any) -> None:
    """Create the default criteria, recorded in the audit log as the system's (no actor)."""
    from wandel.core.audit import audit_record
    from wandel.portfolio.use_cases.models import Criterion, PortfolioAction

    with transaction.atomic():
        if Criterion.objects.exists():
            return
        for position, row in enumerate(CRITERIA):
            group, name_en, name_de, low_en, low_de, high_en, high_de, weight, veto = row
            Criterion.objects.create(
                group=group,
                name_en=name_en,
                name_de=name_de,
                low_en=low_en,
                low_de=low_de,
                high_en=high_en,
                high_de=high_de,
                weight=Decimal(weight),
                veto_at=veto,
                position=position,
            )
        audit_record(
            actor=None,
            action=PortfolioAction.CRITERIA_SEEDED,
            changes={
                "created": [
                    {"group": row[0], "name_en": row[1], "weight": row[7], "veto_at": row[8]}
                    for row in CRITERIA
                ]
            },
        )
