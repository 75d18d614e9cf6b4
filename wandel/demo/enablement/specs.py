"""The demo company's trainings as data (``data/trainings.toml``): the catalogue, the
learning paths, the literacy target and how far each division has got; and its community
and co-creation sprints (``data/community.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

from wandel.demo.content import load, unique
from wandel.demo.org.accounts import LoginEmail
from wandel.demo.portfolio.specs import is_hand_written
from wandel.enablement.community.models import EventKind
from wandel.enablement.sprints.models import DemoOutcome
from wandel.enablement.trainings.models import CourseFormat, CourseLevel, Topic

DATA = Path(__file__).resolve().parent / "data"
UseCaseTitle = Annotated[str, is_hand_written]


def is_share(value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{value} is not a share between 0 and 1")


def is_day(text: str) -> None:
    date.fromisoformat(text)  # ValueError names what is wrong


def is_material(line: str) -> None:
    if " " not in line.strip() or not line.rsplit(" ", 1)[1].startswith("https://"):
        raise ValueError(f"“{line}” is not a title followed by an https:// address")


@dataclass(frozen=True)
class CourseSpec:
    title: str
    description: str
    topics: tuple[Topic, ...]
    level: CourseLevel
    format: CourseFormat
    duration_minutes: int
    validity_months: int | None = None
    target_roles: tuple[str, ...] = ()
    materials: tuple[Annotated[str, is_material], ...] = ()


@dataclass(frozen=True)
class PathSpec:
    name: str
    description: str
    courses: tuple[str, ...]
    complete_within_days: int
    roles: tuple[str, ...] = ()
    # Codes of the units (with the units below them) the path is for.
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trainings:
    target_percent: int
    # An ISO day (TOML dates are not read by the demo's content loader).
    paths_start: Annotated[str, is_day]
    coverage: dict[str, Annotated[float, is_share]]
    courses: tuple[CourseSpec, ...]
    paths: tuple[PathSpec, ...]
    # Of those not covered, the share whose safe-use training ran out (the rest never did one).
    expired: Annotated[float, is_share] = 0.4

    @property
    def starts_on(self) -> date:
        return date.fromisoformat(self.paths_start)

    def __post_init__(self) -> None:
        unique(course.title for course in self.courses)
        unique(path.name for path in self.paths)
        titles = {course.title for course in self.courses}
        for path in self.paths:
            for title in path.courses:
                if title not in titles:
                    raise ValueError(f"the path “{path.name}” names an unknown course “{title}”")


@cache
def trainings() -> Trainings:
    return load(DATA / "trainings.toml", Trainings)


@dataclass(frozen=True)
class GroupSpec:
    name: str
    description: str
    topics: tuple[Topic, ...]
    links: tuple[Annotated[str, is_material], ...]
    organisers: tuple[LoginEmail, ...]
    # Members are drawn from these divisions' staff, this many.
    divisions: tuple[str, ...]
    members: int
    meeting_in_days: int
    meeting_title: str


@dataclass(frozen=True)
class EventSpec:
    title: str
    kind: EventKind
    description: str
    in_days: int
    place: str
    registered: int
    capacity: int | None = None


@dataclass(frozen=True)
class SprintSpec:
    title: str
    goal: str
    # The hand-written use case the sprint is for.
    use_case: UseCaseTitle
    team: tuple[LoginEmail, ...]
    divisions: tuple[str, ...]
    starts_in_days: int
    outcome: DemoOutcome | None = None
    lessons: str = ""
    retro_well: tuple[str, ...] = ()
    retro_improve: tuple[str, ...] = ()
    action: str = ""
    action_owner: LoginEmail | None = None
    action_due_in_days: int = 14
    tasks_done: tuple[str, ...] = ()
    tasks_doing: tuple[str, ...] = ()
    tasks_todo: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Community:
    groups: tuple[GroupSpec, ...]
    events: tuple[EventSpec, ...]
    sprints: tuple[SprintSpec, ...]

    def __post_init__(self) -> None:
        unique(group.name for group in self.groups)
        unique(sprint.title for sprint in self.sprints)


@cache
def community() -> Community:
    return load(DATA / "community.toml", Community)
