"""Audit actions of ethics reviews, DPIAs and works-council involvement."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ReviewAction",
]


class ReviewAction(models.TextChoices):
    """Audit actions of ethics reviews, DPIAs and works-council involvement."""

    CHECKLIST_CHANGED = "governance.ethics_checklist_changed", _("Ethics checklist changed")
    CHECKLIST_SEEDED = "governance.checklist_seeded", _("Default ethics checklist created")
    ETHICS_STARTED = "governance.ethics_review_started", _("Ethics review started")
    ETHICS_SAVED = "governance.ethics_review_saved", _("Ethics review saved")
    ETHICS_COMPLETED = "governance.ethics_review_completed", _("Ethics review completed")
    CONDITION_ADDED = "governance.ethics_condition_added", _("Ethics condition added")
    CONDITION_REMOVED = "governance.ethics_condition_removed", _("Ethics condition removed")
    CONDITION_CLOSED = "governance.ethics_condition_closed", _("Ethics condition closed")
    DPIA_CHECKED = "governance.dpia_checked", _("DPIA threshold checked")
    DPIA_SAVED = "governance.dpia_saved", _("DPIA saved")
    DPIA_COMPLETED = "governance.dpia_completed", _("DPIA completed and signed off")
    DPIA_REOPENED = "governance.dpia_reopened", _("DPIA reopened")
    COUNCIL_ASSESSED = "governance.council_assessed", _("Co-determination assessed")
    COUNCIL_UPDATED = "governance.council_updated", _("Works-council involvement updated")
