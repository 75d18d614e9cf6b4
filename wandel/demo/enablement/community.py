"""The demo company's community and co-creation sprints, made through the services as people
would make them: two user groups with members and their next meeting, two events with
registrations, and three sprints of real use cases (two ended with their demo and retro,
one running with its board and daily notes). Dates of what happened are set back
afterwards with plain updates, as the governance demo does."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.enablement.specs import GroupSpec, SprintSpec, community
from wandel.demo.org.accounts import STEERCO
from wandel.demo.portfolio.plan import division_of
from wandel.enablement.community.groups import GroupInput, Link, group_create, group_join
from wandel.enablement.community.models import EventKind
from wandel.enablement.community.services import event_register, event_schedule
from wandel.enablement.sprints.models import RetroKind, Sprint, SprintNote, TaskColumn
from wandel.enablement.sprints.services import (
    SprintInput,
    retro_action_add,
    sprint_create,
    sprint_end,
    sprint_note_add,
    sprint_retro_add,
    sprint_start,
    sprint_task_add,
    sprint_task_move,
)
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase


def load_community(run: DemoRun) -> None:
    content = community()
    rng = random.Random(f"{run.seed}-community")
    staff = _staff()
    for group in content.groups:
        _group(rng, group, staff)
    organiser = User.objects.get(email="trainer@example.com")
    for event in content.events:
        starts = _at(timezone.localdate() + timedelta(days=event.in_days), 17)
        scheduled = event_schedule(
            title=event.title,
            kind=event.kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            description=event.description,
            place=event.place,
            capacity=event.capacity,
            actor=organiser,
        )
        pool = [pk for pks in staff.values() for pk in pks]
        for person in Person.objects.filter(pk__in=rng.sample(pool, event.registered)):
            event_register(event=scheduled, person=person, actor=person.user)
    for sprint in content.sprints:
        _sprint(rng, sprint, staff)


def _staff() -> dict[str, list[int]]:
    staff: dict[str, list[int]] = {}
    people = Person.objects.filter(active=True, user__isnull=True).order_by("pk")
    for pk, code in people.values_list("pk", "unit__code"):
        staff.setdefault(division_of(code), []).append(pk)
    return staff


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _group(rng: random.Random, spec: GroupSpec, staff: dict[str, list[int]]) -> None:
    organisers = list(Person.objects.filter(user__email__in=spec.organisers))
    actor = User.objects.get(email="trainer@example.com")
    group = group_create(
        data=GroupInput(
            name=spec.name,
            organisers=organisers,
            description=spec.description,
            topics=list(spec.topics),
            links=[Link(*line.rsplit(" ", 1)) for line in spec.links],
        ),
        actor=actor,
    )
    pool = [pk for division in spec.divisions for pk in staff.get(division, [])]
    chosen = rng.sample(pool, min(spec.members, len(pool)))
    for person in Person.objects.filter(pk__in=chosen):
        group_join(group=group, person=person, actor=None)
    starts = _at(timezone.localdate() + timedelta(days=spec.meeting_in_days), 12)
    event_schedule(
        title=spec.meeting_title,
        kind=EventKind.GROUP_MEETING,
        group=group,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=45),
        online_url="https://meet.example.com/community",
        actor=organisers[0].user,
    )


def _sprint(rng: random.Random, spec: SprintSpec, staff: dict[str, list[int]]) -> None:
    use_case = UseCase.objects.get(title=spec.use_case)
    # Its product owner runs it, or the steering committee for a use case without one.
    runner = use_case.product_owner
    actor = (
        runner.user
        if runner is not None and runner.user is not None
        else User.objects.get(email=STEERCO)
    )
    team = list(Person.objects.filter(user__email__in=spec.team))
    for division in spec.divisions:
        team += Person.objects.filter(pk__in=rng.sample(staff.get(division, []), 2))
    today = timezone.localdate()
    starts_on = today + timedelta(days=spec.starts_in_days)
    sprint = sprint_create(
        data=SprintInput(
            title=spec.title,
            goal=spec.goal,
            use_cases=[use_case],
            team=team,
            starts_on=starts_on,
        ),
        actor=actor,
    )
    sprint_start(sprint=sprint, actor=actor)
    author = team[0]
    for title in spec.tasks_done + spec.tasks_doing + spec.tasks_todo:
        task = sprint_task_add(sprint=sprint, title=title, assignee=rng.choice(team), actor=actor)
        if title in spec.tasks_doing:
            sprint_task_move(task=task, to=TaskColumn.DOING, actor=actor)
        elif title in spec.tasks_done:
            sprint_task_move(task=task, to=TaskColumn.DOING, actor=actor)
            sprint_task_move(task=task, to=TaskColumn.DONE, actor=actor)
    for n, text in enumerate(spec.notes):
        note = sprint_note_add(sprint=sprint, text=text, author=author, actor=actor)
        SprintNote.objects.filter(pk=note.pk).update(written_on=starts_on + timedelta(days=n + 1))
    for kind, texts in (
        (RetroKind.WENT_WELL, spec.retro_well),
        (RetroKind.TO_IMPROVE, spec.retro_improve),
    ):
        for text in texts:
            sprint_retro_add(sprint=sprint, kind=kind, text=text, author=author, actor=actor)
    if spec.action and spec.action_owner:
        retro_action_add(
            sprint=sprint,
            text=spec.action,
            owner=Person.objects.get(user__email=spec.action_owner),
            due_on=today + timedelta(days=spec.action_due_in_days),
            actor=actor,
        )
    if spec.outcome is not None:
        sprint_end(
            sprint=sprint,
            outcome=spec.outcome,
            prototype_url="https://ki-labor.example.com/prototypen/" + str(use_case.pk),
            lessons_learned=spec.lessons,
            actor=actor,
        )
        ended = _at(starts_on + timedelta(days=14), 15)
        Sprint.objects.filter(pk=sprint.pk).update(ended_at=ended)
