"""Choosing a person in a picker with the keyboard alone, in a real browser: type, move with
the arrow keys, Enter chooses, Escape closes; the form sends what was chosen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role
from wandel.portfolio.use_cases.models import UseCase

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_is_chosen_with_the_keyboard(page: Page, live_server):
    make_user(Role.ADMIN, email="admin@example.com")
    anna = make_person(first_name="Anna", last_name="Arndt", email="anna@example.com")
    anke = make_person(first_name="Anke", last_name="Arnold", email="anke@example.com")
    make_person(first_name="Ben", last_name="Brandt", email="ben@example.com")
    use_case = make_use_case(title="Angebotsassistent")
    sign_in(page, live_server, "admin@example.com")

    page.goto(f"{live_server.url}/portfolio/{use_case.pk}/team/")
    search = page.get_by_role("combobox", name="Team members")
    search.press_sequentially("arn")
    listbox = page.locator("#id_team_listbox")
    expect(listbox.get_by_role("option")).to_have_text(
        ["Anna Arndt (anna@example.com)", "Anke Arnold (anke@example.com)"]
    )
    expect(search).to_have_attribute("aria-expanded", "true")
    search.press("ArrowDown")
    search.press("ArrowDown")
    expect(listbox.get_by_role("option", name="Anke Arnold")).to_have_attribute(
        "aria-selected", "true"
    )
    search.press("ArrowUp")
    search.press("Enter")
    expect(page.get_by_role("checkbox", name="Anna Arndt (anna@example.com)")).to_be_checked()
    expect(search).to_have_value("")
    expect(listbox).to_be_hidden()

    search.press_sequentially("anke")
    expect(listbox.get_by_role("option")).to_have_text(["Anke Arnold (anke@example.com)"])
    search.press("Escape")
    expect(listbox).to_be_hidden()
    search.press("ArrowDown")
    expect(listbox.get_by_role("option")).to_have_count(1)
    search.press("Enter")
    expect(page.get_by_role("checkbox", name="Anke Arnold (anke@example.com)")).to_be_checked()

    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message.success")).to_be_visible()
    team = UseCase.objects.get(pk=use_case.pk).team.order_by("last_name")
    assert list(team) == [anna, anke]
