"""Small factories for the community's tests: groups and events made through the services,
as a trainer or organiser would make them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from wandel.enablement.community.groups import GroupInput, Link, group_create
from wandel.enablement.community.models import Event, UserGroup
from wandel.enablement.community.services import event_schedule
from wandel.org.models import Person


def make_group(
    name: str = "Prompting circle Sales",
    *,
    organisers: Sequence[Person],
    topics: Sequence[str] = ("prompting",),
    links: Sequence[Link] = (),
) -> UserGroup:
    return group_create(
        data=GroupInput(
            name=name,
            description="We share prompts that work for offers.",
            topics=topics,
            links=links,
            organisers=organisers,
        ),
        actor=None,
    )


def make_event(
    title: str = "GenAI meetup",
    *,
    in_days: float = 3,
    capacity: int | None = 20,
    group: UserGroup | None = None,
    place: str = "Canteen",
) -> Event:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=in_days)
    return event_schedule(
        title=title,
        kind="group_meeting" if group else "meetup",
        group=group,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1, minutes=30),
        place=place,
        capacity=capacity,
        actor=None,
    )


def event_started(event: Event, hours_ago: float = 1) -> Event:
    """Move an event into the past (its start ``hours_ago``), as time would."""
    starts = timezone.now() - datetime.timedelta(hours=hours_ago)
    Event.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    event.refresh_from_db()
    return event
