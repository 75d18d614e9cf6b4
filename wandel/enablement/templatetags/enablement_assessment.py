"""The session page's part of self-assessment and evaluation, as a tag: trainings' page
shows it without importing the assessment package (which builds on trainings)."""

from __future__ import annotations

from typing import Any

from django import template

from wandel.enablement.assessment.queries import session_panel
from wandel.enablement.trainings.models import Enrolment, TrainingSession

register = template.Library()


@register.inclusion_tag("enablement/_session_assessment.html")
def session_assessment(
    session: TrainingSession, mine: Enrolment | None, manage: bool
) -> dict[str, Any]:
    return {"assessment": session_panel(session, mine, manage=bool(manage)), "mine": mine}
