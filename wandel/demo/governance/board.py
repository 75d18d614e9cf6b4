"""When things happen in the demo's governance, and who is at the table: the meeting days,
the bodies, logins and meetings of one loading step, and the span in which a use case's
reviews fall."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wandel.core.models import User
from wandel.demo.governance.specs import ETHICS_BOARD, PRODUCT_OWNER, STEERING, bodies
from wandel.demo.org.accounts import ADMIN, LOGINS, STEERCO
from wandel.governance.decisions.models import Body, Meeting
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import Stage, StageChange, UseCase

S = Stage
# Where in the time between a use case's assessment and its gate decision each step falls.
AT = {
    "classified": 0.05,
    "informed": 0.15,
    "council": 0.2,
    "dpia_check": 0.3,
    "ethics_started": 0.35,
    "dpia_signed": 0.6,
    "ethics_completed": 0.7,
    "agreed": 0.8,
    "confirmed": 0.9,
}


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def meeting_dates(
    today: date, *, weekday: int, nth: int, every: int, past: int
) -> tuple[list[date], date]:
    """The last ``past`` meeting days before today, oldest first, and the next one."""
    days = []
    for offset in range(-26, 4):
        month = today.month - 1 + offset
        year, month = today.year + month // 12, month % 12 + 1
        if (month - 1) % every == every - 1:
            days.append(_nth_weekday(year, month, weekday, nth))
    before = [day for day in days if day < today]
    return before[-past:], min(day for day in days if day >= today)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


@dataclass
class Board:
    """The bodies, the demo logins and the meetings, looked up once per step."""

    today: date
    now: datetime
    bodies: dict[str, Body]
    users: dict[str, User]
    # Past meetings of each body, oldest first, and the next one.
    past: dict[str, list[Meeting]]
    upcoming: dict[str, Meeting]

    @classmethod
    def load(cls) -> Board:
        by_key = {
            STEERING: Body.objects.get(name=bodies().steering.name),
            ETHICS_BOARD: Body.objects.get(name=bodies().ethics.name),
        }
        users = {
            u.email: u
            for u in User.objects.filter(email__in=login_emails()).select_related("person")
        }
        today = timezone.localdate()
        past: dict[str, list[Meeting]] = {STEERING: [], ETHICS_BOARD: []}
        upcoming: dict[str, Meeting] = {}
        keys = {body.pk: key for key, body in by_key.items()}
        for meeting in Meeting.objects.filter(body__in=by_key.values()).order_by("held_on"):
            key = keys[meeting.body_id]
            if meeting.held_on < today:
                past[key].append(meeting)
            else:
                upcoming.setdefault(key, meeting)
        return cls(today, timezone.now(), by_key, users, past, upcoming)

    def user(self, who: str, use_case: UseCase | None = None) -> User:
        if who == PRODUCT_OWNER:
            person = use_case.product_owner if use_case is not None else None
            if person is not None and person.user is not None:
                return person.user
            return self.users[ADMIN]
        return self.users[who]

    def person(self, who: str, use_case: UseCase | None = None) -> Person:
        if who == PRODUCT_OWNER:
            if use_case is not None and use_case.product_owner is not None:
                return use_case.product_owner
            return self.users[STEERCO].person
        return self.users[who].person

    def meeting_before(self, body: str, day: date) -> Meeting | None:
        """The body's last meeting on or before ``day``."""
        earlier = [m for m in self.past[body] if m.held_on <= day]
        return earlier[-1] if earlier else None

    def meeting_after(self, body: str, day: date) -> Meeting | None:
        """The body's first meeting held on or after ``day``, if it has been held by now."""
        return next((m for m in self.past[body] if m.held_on >= day), None)

    def meeting(self, body: str, index: int) -> Meeting:
        return self.past[body][index]

    def past_day(self, day: date) -> date:
        """``day``, or yesterday if it is not in the past."""
        return min(day, self.today - timedelta(days=1))


def login_emails() -> list[str]:
    return [login.email for login in LOGINS]


@dataclass(frozen=True)
class Span:
    """From shortly after the use case's assessment until its gate decision (or today)."""

    start: date
    end: date

    def at(self, step: str) -> date:
        days = max(0, (self.end - self.start).days)
        return self.start + timedelta(days=round(days * AT[step]))


def span(use_case: UseCase, end: date) -> Span:
    assessed = (
        StageChange.objects.filter(use_case=use_case, to_stage=S.ASSESSED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    start = (assessed or use_case.created_at).date() + timedelta(days=2)
    return Span(min(start, end), end)
