"""What the gates need to know about a use case, as plain values.

Each governance sub-domain answers one of these for a use case (decisions.gate_approved,
reviews.ethics_passed / dpia_state / codetermination_state, ai_act.classification_state);
``rules`` turns them into what is still missing. No database access here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskClass(models.TextChoices):
    PROHIBITED = "prohibited", _("Prohibited practice (Art. 5)")
    HIGH = "high", _("High-risk (Annex III)")
    TRANSPARENCY = "transparency", _("Transparency obligations (Art. 50)")
    MINIMAL = "minimal", _("Minimal risk")


@dataclass(frozen=True)
class ClassificationState:
    classified: bool = False
    risk_class: str | None = None
    employee_impact: bool = False
    unconfirmed_obligations: tuple[str, ...] = ()


@dataclass(frozen=True)
class DpiaState:
    checked: bool = False
    required: bool = False
    completed: bool = False


@dataclass(frozen=True)
class CodeterminationState:
    assessed: bool = False
    required: bool = False
    agreed: bool = False


@dataclass(frozen=True)
class GateFacts:
    personal_data: bool
    classification: ClassificationState
    dpia: DpiaState
    council: CodeterminationState
    steering_approved: bool = False
    ethics_passed: bool = False
