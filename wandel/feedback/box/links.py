"""The link a use case's page gets to the feedback it came from
(``portfolio.extensions.DETAIL_LINKS``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.portfolio.extensions import DetailLink
from wandel.portfolio.use_cases.models import UseCase


def use_case_feedback(use_case: UseCase, user: Any) -> list[DetailLink]:
    """Always shown, so the page asks no query for it: the filtered list says when there is
    no feedback behind the use case."""
    url = reverse("feedback:box")
    return [DetailLink(_("Feedback and ideas behind it"), f"{url}?use_case={use_case.pk}")]
