"""The steering page stays small however much waits: the first 25 of each list, a link to
all of them, and a page that lists all of them, page by page, for governance readers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.governance import at_stage, condition, make_body, record
from tests.support.personas import make_person, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.governance.budgets.models import BudgetRequest
from wandel.governance.decisions.meetings import meeting_create
from wandel.governance.decisions.models import AgendaItem, AgendaKind, BodyKind, DecisionOutcome
from wandel.portfolio.use_cases.models import Stage

pytestmark = pytest.mark.django_db

STEERING = "/governance/steering/"
ALL_USE_CASES = "/governance/steering/waiting/use-cases/"
ALL_BUDGETS = "/governance/steering/waiting/budget-request/"
ALL_OVERDUE = "/governance/steering/waiting/overdue-conditions/"


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def waiting_use_cases(count: int, start: int = 0) -> None:
    """``count`` use cases waiting for approval, and as many budget requests (of a use case
    that waits for nothing, so each title shows once)."""
    funded = at_stage(Stage.IDEA, title="Funded idea")
    for n in range(start, start + count):
        at_stage(Stage.ASSESSED, title=f"Pending {n:02}")
        BudgetRequest.objects.create(
            use_case=funded,
            title=f"Funds {n:02}",
            amount_requested=Decimal("100.00"),
            justification="Needed.",
        )


def test_the_steering_page_shows_10_of_each_list_and_links_to_all(steerco):
    waiting_use_cases(12)
    page = logged_in(steerco).get(STEERING).content.decode()
    assert page.count("Pending ") == 10
    assert page.count("Funds ") == 10
    assert "<strong>24</strong>" in page  # open requests: all of them, not those shown
    assert f'<a href="{ALL_USE_CASES}">Show all 12 use cases waiting</a>' in page
    assert f'<a href="{ALL_BUDGETS}">Show all 12 waiting</a>' in page


def test_a_short_list_has_no_link_to_more(steerco):
    waiting_use_cases(3)
    page = logged_in(steerco).get(STEERING).content.decode()
    assert page.count("Pending ") == 3
    assert "Show all" not in page


def test_the_full_list_pages_through_everything_waiting(steerco):
    waiting_use_cases(30)
    client = logged_in(steerco)
    first = client.get(ALL_USE_CASES).content.decode()
    assert "30 in all" in first
    assert first.count("Pending ") == 25
    assert "Page 1 of 2" in first
    second = client.get(ALL_USE_CASES + "?page=2").content.decode()
    assert second.count("Pending ") == 5
    assert "Pending 29" in second
    budgets = client.get(ALL_BUDGETS).content.decode()
    assert budgets.count("Funds ") == 25
    assert "Record decision" in budgets


def test_overdue_conditions_are_limited_with_a_link_to_all(steerco):
    steering = make_body(BodyKind.STEERING_COMMITTEE, "AI steering committee")
    owner = make_person()
    record(
        steerco,
        steering,
        decided_on=datetime.date(2024, 1, 10),
        outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
        conditions=[condition(owner, datetime.date(2024, 3, 1), f"Duty {n:02}") for n in range(26)],
    )
    client = logged_in(steerco)
    page = client.get(STEERING).content.decode()
    assert page.count("Duty ") == 10
    assert "<strong>26</strong>" in page
    assert f'<a href="{ALL_OVERDUE}">Show all 26 overdue conditions</a>' in page
    assert client.get(ALL_OVERDUE).content.decode().count("Duty ") == 25
    assert client.get(ALL_OVERDUE + "?page=2").content.decode().count("Duty ") == 1


def test_readers_see_the_full_list_without_buttons_and_others_are_refused(steerco):
    waiting_use_cases(1)
    ethics = logged_in(make_user(Role.ETHICS_BOARD)).get(ALL_BUDGETS)
    assert ethics.status_code == 200
    assert "Funds 00" in ethics.content.decode()
    assert "Record decision" not in ethics.content.decode()
    assert logged_in(make_user(Role.EMPLOYEE)).get(ALL_BUDGETS).status_code == 403
    assert logged_in(steerco).get("/governance/steering/waiting/nothing/").status_code == 404


def test_the_german_link_names_the_count():
    waiting_use_cases(26)
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    page = client.get(STEERING).content.decode()
    assert "Alle 26 wartenden Anwendungsfälle anzeigen" in page


@pytest.mark.parametrize(("url", "start"), [(STEERING, 4), (ALL_USE_CASES, 10)])
def test_the_steering_pages_take_the_same_queries_however_much_waits(steerco, url, start):
    waiting_use_cases(start)

    def grow() -> None:
        waiting_use_cases(20, start=start)

    assert_queries_do_not_grow(logged_in(steerco), url, grow=grow, shows="Pending ")


def test_the_next_meetings_agenda_shows_10_items_and_links_to_the_meeting(steerco):
    steering = make_body(BodyKind.STEERING_COMMITTEE, "AI steering committee")
    meeting = meeting_create(
        actor=None, body=steering, held_on=timezone.localdate(), title="Next SteerCo"
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=f"Topic {n:02}", kind=AgendaKind.OTHER)
        for n in range(1, 13)
    )
    page = logged_in(steerco).get(STEERING).content.decode()
    assert page.count("Topic ") == 10
    assert "Topic 10" in page
    assert "Topic 11" not in page
    link = reverse("governance:meeting_detail", args=[meeting.pk])
    assert f'<a href="{link}">2 more items on the meeting\'s agenda</a>' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans")
def test_an_index_serves_the_waiting_use_cases_in_their_order():
    from wandel.governance.decisions.queries import use_cases_waiting

    waiting_use_cases(3)
    sql, params = use_cases_waiting()[:10].query.sql_with_params()
    with connection.cursor() as cursor:
        # Too few rows for the planner to prefer an index on its own: it is only asked
        # whether the index can give the rows in the list's order, without a sort.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "portfolio_usecase_waiting" in plan
    assert "Sort" not in plan


def test_the_steering_page_takes_the_same_queries_however_many_conditions_it_lists(steerco):
    # The signed-in member's own conditions and the overdue ones, each with its owner,
    # decision, body and use case: read with the list, not one by one.
    steering = make_body(BodyKind.STEERING_COMMITTEE, "AI steering committee")
    own = steerco.person
    overdue = datetime.date(2024, 3, 1)

    def conditions(first: int, count: int) -> None:
        record(
            steerco,
            steering,
            decided_on=datetime.date(2024, 1, 10),
            outcome=DecisionOutcome.APPROVED_WITH_CONDITIONS,
            conditions=[
                *(condition(own, text=f"Own duty {n:02}") for n in range(first, first + count)),
                *(
                    condition(make_person(), overdue, f"Late duty {n:02}")
                    for n in range(first, first + count)
                ),
            ],
        )

    conditions(0, 1)
    assert_queries_do_not_grow(
        logged_in(steerco), STEERING, grow=lambda: conditions(1, 4), shows=" duty "
    )
