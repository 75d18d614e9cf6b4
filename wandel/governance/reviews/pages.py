"""What the review pages of the three sub-domains share."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from wandel.portfolio.use_cases.models import UseCase


def use_case_or_404(pk: int) -> UseCase:
    return get_object_or_404(UseCase.objects.select_related("unit"), pk=pk)
