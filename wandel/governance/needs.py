"""What a gate can need before a use case moves on, and who acts on each need.

The rules (``gates.rules``) decide which needs a move has; this module names them and says
which role gives each one, with which permission, so that a person who cannot give it
themselves can ask those who can.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wandel.core.roles import Permission, Role


class Need(models.TextChoices):
    NOT_PROHIBITED = (
        "not_prohibited",
        _("The use case is a prohibited practice (EU AI Act Art. 5) and can never move on."),
    )
    CLASSIFICATION = "classification", _("An EU AI Act classification")
    STEERING_DECISION = "steering_decision", _("A steering-committee gate decision for this stage")
    ETHICS_REVIEW = "ethics_review", _("An ethics review with a positive outcome")
    DPIA_CHECK = "dpia_check", _("A DPIA threshold check")
    DPIA = "dpia", _("A completed and signed-off DPIA")
    COUNCIL_ASSESSMENT = "council_assessment", _("A works-council co-determination assessment")
    COUNCIL_AGREEMENT = "council_agreement", _("An agreement with the works council")
    HIGH_RISK_OBLIGATIONS = (
        "high_risk_obligations",
        _("Every obligation of the high-risk classification confirmed"),
    )


@dataclass(frozen=True)
class Acting:
    """Who gives a need: the role asked, the permission of the page where it is given, how
    the checklist names them, and what the button that asks them says."""

    role: Role
    permission: Permission
    who: str | Promise
    ask: str | Promise


ACTING: dict[Need, Acting] = {
    Need.CLASSIFICATION: Acting(
        Role.DATA_PROTECTION,
        Permission.CLASSIFY_AI_ACT,
        _("the product owner or the data-protection officer"),
        _("Ask the data-protection officer to classify it"),
    ),
    Need.HIGH_RISK_OBLIGATIONS: Acting(
        Role.DATA_PROTECTION,
        Permission.CLASSIFY_AI_ACT,
        _("the product owner or the data-protection officer"),
        _("Ask the data-protection officer to confirm the obligations"),
    ),
    Need.STEERING_DECISION: Acting(
        Role.STEERING_COMMITTEE,
        Permission.DECIDE,
        _("the steering committee"),
        _("Put it on the steering committee's agenda"),
    ),
    Need.ETHICS_REVIEW: Acting(
        Role.ETHICS_BOARD,
        Permission.REVIEW_ETHICS,
        _("the ethics board"),
        _("Ask the ethics board for a review"),
    ),
    Need.DPIA_CHECK: Acting(
        Role.DATA_PROTECTION,
        Permission.RUN_DPIA,
        _("the data-protection officer"),
        _("Ask the data-protection officer for a DPIA check"),
    ),
    Need.DPIA: Acting(
        Role.DATA_PROTECTION,
        Permission.RUN_DPIA,
        _("the data-protection officer"),
        _("Ask the data-protection officer to complete the DPIA"),
    ),
    Need.COUNCIL_ASSESSMENT: Acting(
        Role.WORKS_COUNCIL,
        Permission.MANAGE_CODETERMINATION,
        _("the works council"),
        _("Ask the works council for its assessment"),
    ),
    Need.COUNCIL_AGREEMENT: Acting(
        Role.WORKS_COUNCIL,
        Permission.MANAGE_CODETERMINATION,
        _("the works council"),
        _("Ask the works council to conclude the agreement"),
    ),
}
"""Every need someone can give; a prohibited practice (``NOT_PROHIBITED``) nobody can."""


def needs_of(roles: set[str] | frozenset[str]) -> list[Need]:
    """The needs the holders of ``roles`` give: what they are asked for."""
    return [need for need, acting in ACTING.items() if acting.role in roles]
