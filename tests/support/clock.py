"""The clock in tests: fixed moments in the app's time zone, and the whole suite on another day.

Tests that depend on the date freeze the clock with `time_machine` (its `time_machine`
fixture, or `frozen(...)` here) or pass `today` in. To find tests that still depend on the
real date, run the suite as if it were another day:

    WANDEL_TEST_TODAY=2026-05-01 .venv/bin/pytest tests/governance

The plugin (loaded by tests/conftest.py) then starts the whole session at that day, noon in
Berlin, with the clock ticking; a test that passes today and fails then depends on today.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

BERLIN = ZoneInfo("Europe/Berlin")
ENV_VAR = "WANDEL_TEST_TODAY"


def berlin(moment: str) -> datetime:
    """An aware moment written as Berlin wall-clock time, e.g. berlin("2026-03-29 00:30")."""
    return datetime.fromisoformat(moment).replace(tzinfo=BERLIN)


def frozen(moment: datetime | str) -> time_machine.travel:
    """Freeze the clock at a moment (an aware datetime, or Berlin wall-clock text)."""
    return time_machine.travel(berlin(moment) if isinstance(moment, str) else moment, tick=False)


@pytest.fixture(scope="session", autouse=True)
def _suite_day() -> Iterator[None]:
    day = os.environ.get(ENV_VAR)
    if not day:
        yield
        return
    with time_machine.travel(datetime.combine(date.fromisoformat(day), time(12), BERLIN)):
        yield
