"""The demo company's feedback as data: its surveys, with each division's response rate
and profile and the pulse survey's comments (``data/surveys.toml``); the feedback and idea
box (``data/box.toml``); the office hours (``data/officehours.toml``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from functools import cache
from pathlib import Path
from typing import Annotated

from wandel.demo.content import load, unique
from wandel.demo.org.accounts import LoginEmail
from wandel.feedback.box.models import FeedbackCategory, FeedbackKind, FeedbackStatus
from wandel.portfolio.use_cases.models import Capability

DATA = Path(__file__).resolve().parent / "data"
ADKAR_QUESTIONS = 5
PULSE_QUESTIONS = 5  # trust, usefulness, workload, worries (1–5) and recommend (0–10)


def is_share(value: float) -> None:
    if not 0 <= value <= 1:
        raise ValueError(f"{value} is not a share between 0 and 1")


def is_clock(text: str) -> None:
    time.fromisoformat(text)  # ValueError names what is wrong


@dataclass(frozen=True)
class AdkarWave:
    label: str
    opens_in_days: int
    closes_in_days: int
    # Added to every mean of a division's profile in this wave.
    shift: float = 0.0


@dataclass(frozen=True)
class PulseWaves:
    closed_label: str
    closed_opens_in_days: int
    closed_closes_in_days: int
    open_label: str
    open_opens_in_days: int
    open_closes_in_days: int
    open_answers: int


@dataclass(frozen=True)
class Division:
    code: str
    rate: Annotated[float, is_share]
    adkar: tuple[float, ...]
    pulse: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.adkar) != ADKAR_QUESTIONS or len(self.pulse) != PULSE_QUESTIONS:
            raise ValueError(f"{self.code}: five ADKAR means and five pulse means, please")


@dataclass(frozen=True)
class Comments:
    share: Annotated[float, is_share]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Surveys:
    adkar_title: str
    pulse_title: str
    adkar_waves: tuple[AdkarWave, ...]
    pulse_waves: PulseWaves
    divisions: tuple[Division, ...]
    pulse_comments: Comments

    def __post_init__(self) -> None:
        unique(division.code for division in self.divisions)

    def division(self, code: str) -> Division | None:
        return next((d for d in self.divisions if d.code == code), None)


@dataclass(frozen=True)
class ItemSpec:
    kind: FeedbackKind
    category: FeedbackCategory
    title: str
    text: str
    status: FeedbackStatus
    supporters: int
    # A demo login; anonymous when left out.
    author: LoginEmail | None = None
    answer: str = ""
    promote: bool = False
    promote_unit: str = ""
    promote_capability: Capability = Capability.OTHER
    promote_problem: str = ""
    promote_process: str = ""
    promote_benefit: str = ""
    promote_data: str = ""


@dataclass(frozen=True)
class Box:
    answered_by: LoginEmail
    items: tuple[ItemSpec, ...]

    def __post_init__(self) -> None:
        unique(item.title for item in self.items)
        for status in FeedbackStatus:
            if not any(item.status == status for item in self.items):
                raise ValueError(f"no item has the status “{status}”")


@dataclass(frozen=True)
class BookingSpec:
    week: int
    slot: int
    topic: str
    # A demo login; drawn from the staff when left out.
    person: LoginEmail | None = None


@dataclass(frozen=True)
class SeriesSpec:
    host: LoginEmail
    weekday: int
    starts: Annotated[str, is_clock]
    ends: Annotated[str, is_clock]
    slot_minutes: int
    place: str = ""
    online_url: str = ""
    bookings: tuple[BookingSpec, ...] = ()


@dataclass(frozen=True)
class OfficeHours:
    series: tuple[SeriesSpec, ...]


@cache
def surveys() -> Surveys:
    return load(DATA / "surveys.toml", Surveys)


@cache
def box() -> Box:
    return load(DATA / "box.toml", Box)


@cache
def office_hours() -> OfficeHours:
    return load(DATA / "officehours.toml", OfficeHours)
