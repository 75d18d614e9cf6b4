"""Tracked items: closing one with a note, and when one is overdue.

The rule is core's; a condition of an ethics approval stands in for every kind of tracked
item (its owner and due date are optional, like the building block's).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.support.clock import frozen
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.actions import OutsideTransaction
from wandel.core.errors import ConflictError
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.core.tracking import (
    ALREADY_CLOSED,
    CLOSED_IN_FUTURE,
    NOTE_REQUIRED,
    AlreadyClosed,
    ClosingRefused,
    item_close,
)
from wandel.governance.reviews.ethics.models import EthicsCondition, EthicsReview

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _clock():
    with frozen("2026-03-10 12:00"):
        yield


@pytest.fixture
def item() -> EthicsCondition:
    review = EthicsReview.objects.create(use_case=make_use_case())
    return EthicsCondition.objects.create(review=review, text="Label the AI's answers")


def stored(item: EthicsCondition) -> tuple[object, ...]:
    row = EthicsCondition.objects.get(pk=item.pk)
    return (row.status, row.closed_on, row.closing_note, row.closed_by)


# Closing ------------------------------------------------------------------------------------


def test_closing_sets_status_date_note_and_who_closed_and_returns_the_changes(item):
    closer = make_user(Role.IT_SECURITY)
    closer.display_name = "Clara Closer"
    closer.save(update_fields=["display_name"])

    changes = item_close(
        item, closing_note="  All agents trained.  ", closed_on=date(2026, 3, 9), actor=closer
    )

    assert stored(item) == ("done", date(2026, 3, 9), "All agents trained.", closer)
    assert changes == {
        "status": {"from": "open", "to": "done"},
        "closed_on": {"from": None, "to": "2026-03-09"},
        "closing_note": {"from": "", "to": "All agents trained."},
        "closed_by": {"from": None, "to": "Clara Closer"},
    }


def test_the_callers_item_shows_what_was_stored(item):
    item_close(item, closing_note="Done.", actor=None)

    assert (item.status, item.closed_on, item.closing_note, item.is_open) == (
        "done",
        TODAY,
        "Done.",
        False,
    )


def test_without_a_date_it_is_closed_today_and_without_an_actor_by_nobody(item):
    item_close(item, closing_note="Done.", actor=None)

    assert stored(item) == ("done", TODAY, "Done.", None)


def test_an_item_in_progress_closes_like_an_open_one(item):
    EthicsCondition.objects.filter(pk=item.pk).update(status="in_progress")

    changes = item_close(item, closing_note="Done.", actor=None)

    assert changes["status"] == {"from": "in_progress", "to": "done"}


def test_a_closed_item_is_not_closed_again(item):
    item_close(item, closing_note="First.", closed_on=date(2026, 3, 1), actor=None)

    with pytest.raises(AlreadyClosed) as refused:
        item_close(item, closing_note="Second.", actor=None)

    assert str(refused.value) == str(ALREADY_CLOSED) == "This has been closed already."
    assert isinstance(refused.value, ConflictError)
    assert stored(item) == ("done", date(2026, 3, 1), "First.", None)


def test_the_lock_sees_a_closing_the_callers_copy_does_not_know_of(item):
    stale = EthicsCondition.objects.get(pk=item.pk)
    item_close(item, closing_note="First.", actor=None)

    with pytest.raises(AlreadyClosed):
        item_close(stale, closing_note="Second.", actor=None)

    assert stored(item)[2] == "First."


@pytest.mark.parametrize("note", ["", " ", "\n\t  "])
def test_a_closing_note_is_required(item, note):
    with pytest.raises(ClosingRefused) as refused:
        item_close(item, closing_note=note, actor=None)

    assert refused.value.errors == {"closing_note": [str(NOTE_REQUIRED)]}
    assert refused.value.status == 400
    assert stored(item) == ("open", None, "", None)


def test_it_cannot_be_closed_tomorrow_but_today(item):
    with pytest.raises(ClosingRefused) as refused:
        item_close(item, closing_note="Done.", closed_on=date(2026, 3, 11), actor=None)

    assert refused.value.errors == {"closed_on": [str(CLOSED_IN_FUTURE)]}
    assert stored(item) == ("open", None, "", None)

    item_close(item, closing_note="Done.", closed_on=TODAY, actor=None)
    assert stored(item)[:2] == ("done", TODAY)


def test_it_cannot_be_closed_before_the_earliest_date_the_domain_allows(item):
    def close(on: date) -> None:
        item_close(
            item, closing_note="Done.", closed_on=on, not_before=date(2026, 3, 1), actor=None
        )

    with pytest.raises(ClosingRefused) as refused:
        close(date(2026, 2, 28))

    assert refused.value.errors == {"closed_on": ["The closing date cannot lie before 2026-03-01."]}
    assert stored(item) == ("open", None, "", None)

    close(date(2026, 3, 1))
    assert stored(item)[:2] == ("done", date(2026, 3, 1))


# Open and overdue ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due_on", "closed_on", "overdue"),
    [
        ("open", date(2026, 3, 10), None, False),  # due today: not yet
        ("open", date(2026, 3, 9), None, True),  # due yesterday
        ("in_progress", date(2026, 3, 9), None, True),
        ("open", date(2026, 3, 11), None, False),
        ("open", None, None, False),  # no due date: never
        ("done", date(2026, 3, 9), date(2026, 3, 10), False),  # closed: never
        ("done", date(2025, 1, 1), date(2026, 3, 1), False),
    ],
)
def test_an_item_is_overdue_only_while_open_after_its_due_date(status, due_on, closed_on, overdue):
    item = EthicsCondition(text="m", status=status, due_on=due_on, closed_on=closed_on)

    assert item.is_overdue is overdue


@pytest.mark.parametrize(
    ("status", "is_open"), [("open", True), ("in_progress", True), ("done", False)]
)
def test_an_item_is_open_until_it_is_done(status, is_open):
    assert EthicsCondition(text="m", status=status).is_open is is_open


def test_overdue_follows_the_day_in_berlin():
    item = EthicsCondition(text="m", due_on=date(2026, 3, 9))

    with frozen("2026-03-09 23:59"):
        assert not item.is_overdue
    with frozen("2026-03-10 00:00"):
        assert item.is_overdue


def test_only_the_closing_fields_are_saved(item):
    item.text = "Changed in memory, never saved"

    item_close(item, closing_note="Done.", actor=None)

    assert EthicsCondition.objects.get(pk=item.pk).text == "Label the AI's answers"


def test_an_actor_without_an_account_row_is_recorded_as_nobody(item):
    item_close(item, closing_note="Done.", actor=User(email="system@example.com"))

    assert stored(item) == ("done", TODAY, "Done.", None)


def test_an_item_reads_as_the_first_80_characters_of_its_text(item):
    item.text = "x" * 79 + "yz"

    assert str(item) == "x" * 79 + "y"


@pytest.mark.django_db(transaction=True)
def test_closing_runs_only_inside_the_domains_action():
    review = EthicsReview.objects.create(use_case=make_use_case())
    item = EthicsCondition.objects.create(review=review, text="Label the AI's answers")

    with pytest.raises(OutsideTransaction) as refused:
        item_close(item, closing_note="Done.", actor=None)

    assert str(refused.value) == (
        "Closing a tracked item must run inside the transaction of a user action."
    )
    assert stored(item) == ("open", None, "", None)
