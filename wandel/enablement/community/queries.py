"""Reads of the community for pages and the calendar: groups with their member counts,
one group with its members and coming meetings, upcoming events with their free places,
one event with who takes part, and who may manage a group."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.enablement.community.models import (
    Event,
    GroupMembership,
    Registration,
    RegistrationStatus,
    UserGroup,
)
from wandel.org.models import Person

REGISTERED = Q(registrations__status=RegistrationStatus.REGISTERED)


def groups() -> QuerySet[UserGroup]:
    """Every group by name, with how many are members."""
    return UserGroup.objects.annotate(member_count=Count("memberships")).order_by("name")


def group_detail(pk: int) -> UserGroup:
    """A group with its members (organisers first, then by name) in one more query."""
    members = GroupMembership.objects.select_related("person__unit").order_by(
        "-organiser", "person__last_name", "person__first_name", "pk"
    )
    return UserGroup.objects.prefetch_related(Prefetch("memberships", queryset=members)).get(pk=pk)


def _today_start() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def upcoming_events(*, group: UserGroup | None = None) -> QuerySet[Event]:
    """Events from today on (those of today stay until the day is over), soonest first,
    with their group and how many are registered (``taken``)."""
    found = Event.objects.filter(ends_at__gte=_today_start())
    if group is not None:
        found = found.filter(group=group)
    return _with_counts(found.select_related("group")).order_by("starts_at", "pk")


def event_detail(pk: int) -> Event:
    return _with_counts(Event.objects.select_related("group")).get(pk=pk)


def _with_counts(found: QuerySet[Event]) -> QuerySet[Event]:
    return found.annotate(taken=Count("registrations", filter=REGISTERED))


def registered_event_ids(person: Person | None, events: list[Event]) -> set[int]:
    """Which of ``events`` the person is registered for, in one query."""
    if person is None or not events:
        return set()
    return set(
        Registration.objects.filter(
            person=person,
            event__in=[event.pk for event in events],
            status=RegistrationStatus.REGISTERED,
        ).values_list("event_id", flat=True)
    )


def registration_of(event: Event, person: Person | None) -> Registration | None:
    if person is None:
        return None
    return Registration.objects.filter(
        event=event, person=person, status=RegistrationStatus.REGISTERED
    ).first()


def attendees(event: Event) -> list[Registration]:
    """Who is registered, by name."""
    return list(
        Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED)
        .select_related("person__unit")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def membership_of(group: UserGroup, person: Person | None) -> GroupMembership | None:
    if person is None:
        return None
    return GroupMembership.objects.filter(group=group, person=person).first()


def may_manage(user: User, group: UserGroup | None) -> bool:
    """Trainers and admins manage every group and event; a group's organisers manage it and
    its meetings."""
    if user.has_perm(Permission.MANAGE_TRAININGS):
        return True
    person = getattr(user, "person", None)
    if group is None or person is None:
        return False
    return GroupMembership.objects.filter(group=group, person=person, organiser=True).exists()
