"""Office hours for tests: a series made through the service, and the moments of the
hand-worked week the office-hours tests share (Monday 2026-12-07, Berlin winter time)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from tests.support.personas import make_person
from wandel.core.roles import Role
from wandel.feedback.officehours.models import OfficeHourSeries
from wandel.feedback.officehours.services import series_create
from wandel.org.models import Person

# Monday 2026-12-07, 10:00 in Berlin (09:00 UTC).
NOW = "2026-12-07 10:00"
# Tuesday 2026-12-08, 14:00 / 14:15 / 14:30 / 14:45 in Berlin.
TUE_1400 = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)
TUE_1415 = datetime(2026, 12, 8, 13, 15, tzinfo=UTC)
TUE_1430 = datetime(2026, 12, 8, 13, 30, tzinfo=UTC)
TUE_1445 = datetime(2026, 12, 8, 13, 45, tzinfo=UTC)
# The Tuesday after: 2026-12-15, 14:00 in Berlin.
NEXT_TUE_1400 = datetime(2026, 12, 15, 13, 0, tzinfo=UTC)


def make_host(**kwargs: object) -> Person:
    return make_person(roles=(Role.TRAINER,), **kwargs)  # type: ignore[arg-type]


def make_series(
    host: Person | None = None,
    *,
    weekday: int = 1,
    starts: time = time(14),
    ends: time = time(15),
    slot_minutes: int = 15,
    first_date: date = date(2026, 12, 1),
    last_date: date | None = None,
    place: str = "Room 2.01",
    online_url: str = "",
) -> OfficeHourSeries:
    return series_create(
        host=host or make_host(),
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
        first_date=first_date,
        last_date=last_date,
        place=place,
        online_url=online_url,
        actor=None,
    )
