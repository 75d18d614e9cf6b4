"""The demo company's trainings: the catalogue and learning paths through the services, a
year of sessions with their attendance and the completions they left, e-learning
completions from the LMS, and the next weeks' sessions with enrolments and a waiting list.

The catalogue, the paths, the target and the coming sessions are made by the trainer
through the services, so they are audited as in real use. The year behind is written in
bulk (sessions, enrolments, completions; 40,000 completions for the large demo), as the
portfolio's generated use cases are: a past that happened before Wandel kept records.

How far each division has got is set in the content file: a person is covered with their
division's share, so the literacy report shows green, amber and red divisions against the
target. Of those not covered, some let their safe-use training run out and the others never
did one of their courses. People joined the company over the years, a few in the last
weeks (their path is still due).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.enablement.community import load_community
from wandel.demo.enablement.specs import community, trainings
from wandel.demo.org.accounts import EMPLOYEE, OWNER, TRAINER
from wandel.demo.portfolio.plan import division_of
from wandel.enablement.literacy.services import literacy_target_set
from wandel.enablement.trainings.catalogue import (
    CourseInput,
    Material,
    PathInput,
    course_create,
    path_create,
)
from wandel.enablement.trainings.models import (
    Completion,
    CompletionSource,
    Course,
    CourseFormat,
    Enrolment,
    EnrolmentStatus,
    TrainingSession,
)
from wandel.enablement.trainings.services import enrol, session_schedule
from wandel.org.models import Person, RoleAssignment, Unit

BATCH = 2000
# Seats of a past session; its attendees are those who completed the course that day.
SEATS = 16
SAFE_USE = "Sicherer Umgang mit dem Firmen-Assistenten"
ROOMS = ("Schulungsraum 1", "Schulungsraum 2", "Werk 2, Besprechungsraum Eiche", "Kantine Ost")
# Share of people who also took a course no path requires of them.
OPTIONAL_SHARE = 0.12
# Share of people who joined in the last weeks.
NEW_JOINERS = 0.03


def check_enablement(run: DemoRun) -> None:
    trainings()
    community()


def enablement_present() -> bool:
    return Course.objects.exists()


@dataclass
class Member:
    person_id: int
    division: str
    joined: date
    roles: set[str] = field(default_factory=set)


def load_enablement(run: DemoRun) -> None:
    rng = random.Random(f"{run.seed}-enablement")
    today = timezone.localdate()
    trainer = User.objects.get(email=TRAINER)
    courses = _catalogue(trainer)
    members = _members(rng, today)
    run.say(f"Trainings: {len(courses)} courses, a year of sessions for {len(members)} people")
    done = _history(rng, today, members, _required(courses), courses)
    _write_history(rng, done, courses, trainer, [m.person_id for m in members])
    _coming_sessions(today, courses, trainer)
    load_community(run)


def _catalogue(trainer: User) -> dict[str, Course]:
    data = trainings()
    codes = {code for path in data.paths for code in path.units}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    courses: dict[str, Course] = {}
    for spec in data.courses:
        courses[spec.title] = course_create(
            data=CourseInput(
                title=spec.title,
                description=spec.description,
                topics=list(spec.topics),
                level=spec.level,
                format=spec.format,
                duration_minutes=spec.duration_minutes,
                validity_months=spec.validity_months,
                target_roles=list(spec.target_roles),
                materials=[_material(line) for line in spec.materials],
            ),
            actor=trainer,
        )
    for path in data.paths:
        path_create(
            data=PathInput(
                name=path.name,
                description=path.description,
                courses=[courses[title] for title in path.courses],
                roles=list(path.roles),
                units=[units[code] for code in path.units],
                starts_on=data.starts_on,
                complete_within_days=path.complete_within_days,
            ),
            actor=trainer,
        )
    literacy_target_set(target_percent=data.target_percent, actor=trainer)
    return courses


def _material(line: str) -> Material:
    title, url = line.rsplit(" ", 1)
    return Material(title=title.strip(), url=url)


def _members(rng: random.Random, today: date) -> list[Member]:
    """Everyone active, with the day they joined: over the last years, a few just now. The
    day is written to the person (``created_at``), which the literacy rules read."""
    members: dict[int, Member] = {}
    for pk, code in (
        Person.objects.filter(active=True).order_by("pk").values_list("pk", "unit__code")
    ):
        new = rng.random() < NEW_JOINERS
        days = rng.randint(5, 50) if new else rng.randint(700, 4000)
        members[pk] = Member(pk, division_of(code), today - timedelta(days=days))
    for person_id, role in RoleAssignment.objects.current().values_list("person_id", "role"):
        if person_id in members:
            members[person_id].roles.add(role)
    _write_joined(members.values())
    return list(members.values())


def _write_joined(members: Iterable[Member]) -> None:
    by_day: dict[date, list[int]] = defaultdict(list)
    for member in members:
        by_day[member.joined].append(member.person_id)
    zone = timezone.get_current_timezone()
    for day, ids in by_day.items():
        moment = datetime.combine(day, time(8), tzinfo=zone)
        Person.objects.filter(pk__in=ids).update(created_at=moment)


@dataclass(frozen=True)
class Required:
    """Which courses a path requires of whom: everyone, a role's holders, a unit's people."""

    course: Course
    roles: frozenset[str]
    divisions: frozenset[str]

    def applies(self, member: Member) -> bool:
        if self.roles and not self.roles & member.roles:
            return False
        return not self.divisions or member.division in self.divisions


def _required(courses: dict[str, Course]) -> list[Required]:
    data = trainings()
    return [
        Required(courses[title], frozenset(path.roles), frozenset(path.units))
        for path in data.paths
        for title in path.courses
    ]


def _history(
    rng: random.Random,
    today: date,
    members: list[Member],
    required: list[Required],
    courses: dict[str, Course],
) -> dict[int, list[tuple[int, date]]]:
    """Completions by course id: (person id, day), as each person's division's share says."""
    content = trainings()
    done: dict[int, list[tuple[int, date]]] = defaultdict(list)
    optional = [c for c in courses.values() if c.format != CourseFormat.E_LEARNING]
    for member in members:
        mine = [r.course for r in required if r.applies(member)]
        covered = rng.random() < content.coverage.get(member.division, 0.8)
        tenure = (today - member.joined).days
        if tenure < 60:
            # New: some did their first course already, the rest is still due.
            mine = mine[:1] if covered else []
        missing: Course | None = None
        lapsed = False
        if not covered and mine:
            lapsed = rng.random() < content.expired and mine[0].title == SAFE_USE
            missing = None if lapsed else rng.choice(mine)
        for course in mine:
            if course == missing:
                continue
            if lapsed and course.title == SAFE_USE:
                ago = rng.randint(370, 520)  # a year and more: it ran out
            else:
                longest = 30 * (course.validity_months or 20) - 25
                ago = rng.randint(5, max(6, min(longest, tenure - 1)))
            done[course.pk].append((member.person_id, today - timedelta(days=ago)))
        if rng.random() < OPTIONAL_SHARE:
            course = rng.choice(optional)
            if course not in mine:
                ago = rng.randint(5, min(360, max(6, tenure - 1)))
                done[course.pk].append((member.person_id, today - timedelta(days=ago)))
    return done


def _write_history(
    rng: random.Random,
    done: dict[int, list[tuple[int, date]]],
    courses: dict[str, Course],
    trainer: User,
    everyone: list[int],
) -> None:
    """E-learning from the LMS; every other course in sessions of ``SEATS``, the people who
    completed it that day attending (and one or two who did not come)."""
    by_pk = {course.pk: course for course in courses.values()}
    trainer_person = Person.objects.filter(user=trainer).first()
    zone = timezone.get_current_timezone()
    completions: list[Completion] = []
    for course_pk, rows in done.items():
        course = by_pk[course_pk]
        if course.format == CourseFormat.E_LEARNING:
            completions += [
                Completion(
                    person_id=person_id,
                    course=course,
                    completed_on=day,
                    source=CompletionSource.LMS,
                )
                for person_id, day in rows
            ]
            continue
        rows.sort(key=lambda row: row[1])
        for start in range(0, len(rows), SEATS):
            group = rows[start : start + SEATS]
            day = _weekday(group[-1][1])
            starts = datetime.combine(day, time(rng.choice((9, 13))), tzinfo=zone)
            session = TrainingSession.objects.create(
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=course.duration_minutes),
                place=rng.choice(ROOMS),
                trainer=trainer_person,
                capacity=SEATS + 2,
                attendance_taken_at=starts + timedelta(minutes=course.duration_minutes),
            )
            present = [person_id for person_id, _ in group]
            absent = [pk for pk in rng.sample(everyone, 2) if pk not in present]
            absent = absent[: rng.randint(0, 2)] if len(group) >= 8 else []
            seated = [
                Enrolment(
                    session=session,
                    person_id=person_id,
                    status=EnrolmentStatus.ENROLLED,
                    attended=person_id not in absent,
                    enrolled_at=starts - timedelta(days=14),
                )
                for person_id in present + absent
            ]
            Enrolment.objects.bulk_create(seated, batch_size=BATCH)
            completions += [
                Completion(
                    person_id=person_id,
                    course=course,
                    completed_on=day,
                    source=CompletionSource.SESSION,
                    session=session,
                    recorded_by=trainer,
                )
                for person_id, _ in group
            ]
    Completion.objects.bulk_create(completions, batch_size=BATCH, ignore_conflicts=True)


def _weekday(day: date) -> date:
    """The Friday before a Saturday or Sunday: trainings are held on working days."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _coming_sessions(today: date, courses: dict[str, Course], trainer: User) -> None:
    """The next weeks, as the trainer scheduled them; the employee enrolled in one, and the
    safe-use workshop after next full, with a waiting list."""
    trainer_person = Person.objects.get(user=trainer)
    zone = timezone.get_current_timezone()
    plan = [
        (SAFE_USE, 6, 9, 12, ROOMS[0]),
        (SAFE_USE, 20, 13, 12, ROOMS[2]),
        ("Prompting-Grundlagen", 9, 9, 16, ROOMS[1]),
        ("Retrieval und Leitplanken", 13, 9, 10, ROOMS[1]),
        ("Nutzen von Use Cases messen", 16, 13, 12, ROOMS[0]),
        ("KI-Sprechstunde", 3, 14, 30, ""),
        ("KI-Sprechstunde", 17, 14, 30, ""),
        ("Co-Creation-Sprints moderieren", 27, 9, 12, ROOMS[3]),
    ]
    sessions = []
    for title, days, hour, seats, room in plan:
        course = courses[title]
        starts = datetime.combine(_weekday(today + timedelta(days=days)), time(hour), zone)
        sessions.append(
            session_schedule(
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=course.duration_minutes),
                capacity=seats,
                place=room,
                online_url="" if room else "https://meet.example.com/ki-sprechstunde",
                trainer=trainer_person,
                actor=trainer,
            )
        )
    employee = Person.objects.get(user__email=EMPLOYEE)
    owner = Person.objects.get(user__email=OWNER)
    enrol(session=sessions[2], person=employee, actor=employee.user)
    enrol(session=sessions[4], person=owner, actor=owner.user)
    # The workshop after next fills up: twelve seats, two on the waiting list.
    full = sessions[1]
    due = (
        Person.objects.filter(active=True, user__isnull=True)
        .exclude(pk__in=Completion.objects.filter(course=full.course).values("person_id"))
        .order_by("pk")[: full.capacity + 2]
    )
    for person in due:
        enrol(session=full, person=person, actor=trainer)
