"""Writes of user groups: creating and changing a group (its organisers included), joining
and leaving. One function per user action, each its own transaction with its audit event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.enablement.community.models import CommunityAction, GroupMembership, UserGroup
from wandel.enablement.trainings.models import Topic
from wandel.org.models import Person

__all__ = [
    "ALREADY_MEMBER",
    "NAME_REQUIRED",
    "NAME_TAKEN",
    "NOT_A_MEMBER",
    "ORGANISER_REQUIRED",
    "PERSON_INACTIVE",
    "UNKNOWN_TOPIC",
    "CommunityConflict",
    "CommunityError",
    "GroupInput",
    "Link",
    "group_create",
    "group_join",
    "group_leave",
    "group_update",
]

NAME_REQUIRED = _("Give the group a name.")
NAME_TAKEN = _("“%(name)s” is taken; give the group another name.")
UNKNOWN_TOPIC = _("“%(value)s” is not a topic.")
ORGANISER_REQUIRED = _("A group needs at least one organiser.")
ALREADY_MEMBER = _("You are already a member of this group.")
NOT_A_MEMBER = _("You are not a member of this group.")
PERSON_INACTIVE = _("%(person)s has left the organisation.")

GROUP_FIELDS = ("name", "description", "topics", "links")


class CommunityError(DomainError):
    """A group, event or registration the rules refuse; the message is for the user."""


class CommunityConflict(ConflictError, CommunityError):
    """Input that is fine in itself but conflicts with the group's or event's state."""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class GroupInput:
    name: str
    organisers: Sequence[Person]
    description: str = ""
    topics: Sequence[str] = ()
    links: Sequence[Link] = ()


@user_action
def group_create(*, data: GroupInput, actor: User | None) -> UserGroup:
    """Found a group; its organisers are its first members."""
    return _save(UserGroup(), data, actor)


@user_action
def group_update(*, group: UserGroup, data: GroupInput, actor: User | None) -> UserGroup:
    """Change a group's words, links and organisers; former organisers stay members."""
    return _save(UserGroup.objects.select_for_update().get(pk=group.pk), data, actor)


@user_action
def group_join(*, group: UserGroup, person: Person, actor: User | None) -> GroupMembership:
    if not person.active:
        raise CommunityError(PERSON_INACTIVE % {"person": person})
    stored = UserGroup.objects.select_for_update().get(pk=group.pk)
    if GroupMembership.objects.filter(group=stored, person=person).exists():
        raise CommunityConflict(ALREADY_MEMBER)
    membership = GroupMembership.objects.create(group=stored, person=person)
    audit_record(
        actor=actor,
        action=CommunityAction.GROUP_JOINED,
        target=stored,
        changes={"person": str(person)},
    )
    return membership


@user_action
def group_leave(*, group: UserGroup, person: Person, actor: User | None) -> None:
    """Leave a group; its last organiser cannot leave (someone else takes over first)."""
    stored = UserGroup.objects.select_for_update().get(pk=group.pk)
    membership = GroupMembership.objects.filter(group=stored, person=person).first()
    if membership is None:
        raise CommunityConflict(NOT_A_MEMBER)
    if (
        membership.organiser
        and not GroupMembership.objects.filter(group=stored, organiser=True)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise CommunityConflict(ORGANISER_REQUIRED)
    membership.delete()
    audit_record(
        actor=actor,
        action=CommunityAction.GROUP_LEFT,
        target=stored,
        changes={"person": str(person)},
    )


def _save(group: UserGroup, data: GroupInput, actor: User | None) -> UserGroup:
    name = data.name.strip()
    if not name:
        raise CommunityError(NAME_REQUIRED, field="name")
    if UserGroup.objects.filter(name__iexact=name).exclude(pk=group.pk).exists():
        raise CommunityConflict(NAME_TAKEN % {"name": name}, field="name")
    for topic in data.topics:
        if topic not in Topic.values:
            raise CommunityError(UNKNOWN_TOPIC % {"value": topic}, field="topics")
    organisers = {person.pk: person for person in data.organisers}
    if not organisers:
        raise CommunityError(ORGANISER_REQUIRED, field="organisers")
    created = group.pk is None
    before = {} if created else snapshot(group, GROUP_FIELDS)
    before_organisers = set() if created else set(_organiser_names(group))
    group.name, group.description = name, data.description.strip()
    group.topics = list(dict.fromkeys(data.topics))
    group.links = [[link.title, link.url] for link in data.links]
    group.save()
    GroupMembership.objects.filter(group=group, organiser=True).exclude(
        person_id__in=organisers
    ).update(organiser=False)
    GroupMembership.objects.filter(group=group, person_id__in=organisers).update(organiser=True)
    known = set(
        GroupMembership.objects.filter(group=group, person_id__in=organisers).values_list(
            "person_id", flat=True
        )
    )
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group, person_id=pk, organiser=True)
        for pk in organisers
        if pk not in known
    )
    changes = changed_fields(before, snapshot(group, GROUP_FIELDS))
    after_organisers = sorted(str(person) for person in organisers.values())
    if set(after_organisers) != before_organisers:
        changes["organisers"] = {"from": sorted(before_organisers), "to": after_organisers}
    if created or changes:
        audit_record(
            actor=actor,
            action=CommunityAction.GROUP_CREATED if created else CommunityAction.GROUP_UPDATED,
            target=group,
            changes=changes,
        )
    return group


def _organiser_names(group: UserGroup) -> list[str]:
    return [
        str(m.person)
        for m in GroupMembership.objects.filter(group=group, organiser=True).select_related(
            "person"
        )
    ]
