"""Fixtures of core's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.notifications import MOVED
from wandel.core.notifications.events import NOTIFICATION_EVENTS


@pytest.fixture
def test_event() -> Iterator[None]:
    """The tests' own notification event, registered as an app would register one."""
    NOTIFICATION_EVENTS.register(MOVED)
    yield
    NOTIFICATION_EVENTS.unregister(MOVED)
