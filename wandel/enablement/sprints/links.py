"""The link a use case's page gets to its sprints (``portfolio.extensions.DETAIL_LINKS``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.portfolio.extensions import DetailLink
from wandel.portfolio.use_cases.models import UseCase


def use_case_sprints(use_case: UseCase, user: Any) -> list[DetailLink]:
    """Always shown, so the page asks no query for it: the list says when there are none."""
    url = reverse("enablement:sprints")
    return [DetailLink(_("Co-creation sprints"), f"{url}?use_case={use_case.pk}")]
