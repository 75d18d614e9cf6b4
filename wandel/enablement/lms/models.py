"""The LMS import keeps no data of its own: it creates completions (``trainings.models``)
with the source "lms". Its audit action is here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LmsAction"]


class LmsAction(models.TextChoices):
    COMPLETIONS_IMPORTED = "enablement.completions_imported", _("Completions imported from the LMS")
