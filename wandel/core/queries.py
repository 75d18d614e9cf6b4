"""Reads for core's pages. Domain figures come from the apps through their queries modules,
collected by the overview providers they register (core imports no domain app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from wandel.core.audit import action_label
from wandel.core.models import AuditEvent


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    value: int
    url: str = ""


OverviewProvider = Callable[[Any], list[Figure]]
_overview_providers: list[OverviewProvider] = []


def register_overview(provider: OverviewProvider) -> None:
    _overview_providers.append(provider)


def overview(user: Any) -> list[Figure]:
    figures: list[Figure] = []
    for provider in _overview_providers:
        figures.extend(provider(user))
    return figures


def audit_events(*, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.order_by("-id")
    if action:
        events = events.filter(action=action)
    return events


def audit_actions() -> list[tuple[str, str | Promise]]:
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    return [(a, action_label(a)) for a in actions]
