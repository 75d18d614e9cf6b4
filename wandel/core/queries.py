"""Reads for core's pages. Domain figures come from the apps through their queries modules,
collected by the providers they register in ``OVERVIEW_FIGURES`` (core imports no app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Func, IntegerField, Model, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from wandel.core.anonymity import DEFAULT_MIN_GROUP
from wandel.core.audit import action_label
from wandel.core.filters import QueryFilters, text
from wandel.core.models import AnonymityPolicy, AuditEvent, SecurityEvent, User
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
    list. For pages that show the start of a list with a link to the rest, so that their
    query count does not depend on its length.

    The total rides along as a subquery that counts the same rows without joining or
    sorting them, so the database reads only the first rows through the list's index; a
    window count would join and number every row first (a list grouped by an aggregate has
    no single count to ask for, and gets the window). A distinct list counts its distinct
    rows: what its joins repeat is counted once."""
    if queryset.query.distinct:
        distinct = queryset.model._default_manager.filter(
            pk__in=queryset.order_by().values("pk")
        ).order_by()
        total = distinct.annotate(listing_n=COUNT_ALL).values("listing_n")
        counted = queryset.annotate(listing_total=Subquery(total))
    elif queryset.query.group_by is None:
        total = queryset.order_by().annotate(listing_n=COUNT_ALL).values("listing_n")
        counted = queryset.annotate(listing_total=Subquery(total))
    else:
        counted = queryset.annotate(listing_total=Window(Count("pk")))
    rows: list[T] = list(counted[:limit])
    return Listing(rows, getattr(rows[0], "listing_total") if rows else 0)  # noqa: B009


# COUNT(*) as a plain expression: selected alone, it counts the rows of the whole query.
COUNT_ALL = Func(template="COUNT(*)", output_field=IntegerField())


def count_of(rows: QuerySet[Any], outer: str) -> Coalesce:
    """How many of ``rows`` there are, as an annotation: ``rows`` are filtered by
    ``outer=OuterRef(...)``. A count per row that neither joins nor groups the outer query,
    whose planning grows with every column a GROUP BY must list."""
    counted = rows.order_by().values(outer).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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


def anonymity_floor() -> int:
    """The smallest group any anonymous figure may show (surveys, training evaluations,
    self-assessment averages): the organisation's policy, or ``DEFAULT_MIN_GROUP``."""
    policy = AnonymityPolicy.objects.order_by("pk").values_list("min_group", flat=True).first()
    return policy if policy is not None else DEFAULT_MIN_GROUP
