"""Reads for core's pages. Domain figures come from the apps through their queries modules,
collected by the providers they register in ``OVERVIEW_FIGURES`` (core imports no app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, QuerySet, Window
from django.utils.functional import Promise

from wandel.core.audit import action_label
from wandel.core.filters import QueryFilters, text
from wandel.core.models import AuditEvent, SecurityEvent, User
from wandel.core.registry import Hook


@dataclass(frozen=True)
class Figure:
    label: str | Promise
    value: int
    url: str = ""


@dataclass(frozen=True)
class Listing[T]:
    """The first rows of a list and how many there are in all."""

    rows: list[T]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def first_rows[T: Model](queryset: QuerySet[T], limit: int) -> Listing[T]:
    """The first ``limit`` rows of ``queryset`` and its total in one query, however long the
    list: the total rides along as a window count. For pages that show the start of a list
    with a link to the rest, so that their query count does not depend on its length."""
    rows: list[T] = list(queryset.annotate(listing_total=Window(Count("pk")))[:limit])
    return Listing(rows, getattr(rows[0], "listing_total") if rows else 0)  # noqa: B009


OverviewProvider = Callable[[Any], list[Figure]]
OVERVIEW_FIGURES: Hook[OverviewProvider] = Hook("overview figures")
"""Functions of a user that give an app's figures for the overview page."""


def overview(user: Any) -> list[Figure]:
    figures: list[Figure] = []
    for provider in OVERVIEW_FIGURES:
        figures.extend(provider(user))
    return figures


@dataclass(frozen=True)
class AuditFilters(QueryFilters):
    """The filters of the audit log, the same on the page and in the API: an action, and
    the object an event is about (its type such as ``org.Person``, and its id)."""

    action: str = text(100)
    target_type: str = text(100)
    target_id: str = text(64)


def audit_events(filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Newest first."""
    events = AuditEvent.objects.order_by("-id")
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.target_id:
        events = events.filter(target_id=filters.target_id)
    return events


def audit_actions() -> list[tuple[str, str | Promise]]:
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    return [(a, action_label(a)) for a in actions]


def security_events(*, kind: str = "") -> QuerySet[SecurityEvent]:
    """Security events, newest first, one row per event: the page never sums them up per
    person (see ``core.security.events``)."""
    events = SecurityEvent.objects.order_by("-at", "-id")
    if kind:
        events = events.filter(kind=kind)
    return events


def break_glass_accounts() -> QuerySet[User]:
    """Active superusers: they have the programme admin's rights without holding the role."""
    return User.objects.filter(is_superuser=True, is_active=True).order_by("email")
