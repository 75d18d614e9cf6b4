"""Workflows a person clicks through, in a real browser against a live Wandel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.personas import PASSWORD, make_person, make_user
from wandel.core.roles import Role
from wandel.org.models import Person, RoleAssignment, StakeholderGroup, Unit

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = (
    "employee_id;email;first_name;last_name;unit_code;unit_name;parent_unit_code\n"
    "501;greta.gruen@example.com;Greta;Grün;PR;Produktion;\n"
    "502;hakan.hoff@example.com;Hakan;Hoff;QM;Qualitätsmanagement;PR\n"
)


def test_sign_in_and_switch_the_language(page: Page, live_server):
    make_user(email="someone@example.com")
    sign_in(page, live_server, "someone@example.com")

    page.get_by_role("button", name="DE").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Willkommen")
    expect(page.locator("html")).to_have_attribute("lang", "de")

    page.get_by_role("button", name="EN").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_the_sign_in_page_can_be_switched_to_german_before_signing_in(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="DE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")


def test_import_people_through_the_page_and_see_them_listed(
    page: Page, live_server, tmp_path: Path
):
    make_user(Role.ADMIN, email="admin@example.com")
    sign_in(page, live_server, "admin@example.com")
    file = tmp_path / "hr-export.csv"
    file.write_text(PEOPLE, encoding="utf-8")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.set_input_files("input[type=file]", str(file))
    page.get_by_role("button", name="Import").click()

    expect(page).to_have_url(re.compile(r"/org/people/"))
    expect(page.locator(".message.success")).to_contain_text("2 people created")
    expect(page.get_by_role("link", name="Grün, Greta")).to_be_visible()
    page.fill("input[name=q]", "Hoff")
    expect(page.get_by_role("link", name="Grün, Greta")).to_be_hidden()
    expect(page.get_by_role("link", name="Hoff, Hakan")).to_be_visible()
    assert Unit.objects.get(code="QM").parent.code == "PR"


def test_a_broken_file_shows_every_problem_and_imports_nothing(
    page: Page, live_server, tmp_path: Path
):
    make_user(Role.ADMIN, email="admin@example.com")
    sign_in(page, live_server, "admin@example.com")
    file = tmp_path / "hr-export.csv"
    file.write_text(
        PEOPLE.replace("hakan.hoff@example.com", "hakan.hoff").replace(";PR\n", ";XX\n")
    )

    page.goto(f"{live_server.url}/org/import/")
    page.set_input_files("input[type=file]", str(file))
    page.get_by_role("button", name="Import").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The file has 2 problems; nothing was imported.")
    expect(alert).to_contain_text("hr-export.csv, line 3, field “email”")
    expect(alert).to_contain_text("hr-export.csv, line 3, field “parent_unit_code”")
    assert not Person.objects.filter(employee_id__in=["501", "502"]).exists()


def test_filter_people_by_unit_and_status_and_mark_someone_as_left(page: Page, live_server):
    make_user(Role.ADMIN, email="admin@example.com")
    production = Unit.objects.create(code="PR", name="Produktion")
    quality = Unit.objects.create(code="QM", name="Qualitätsmanagement", parent=production)
    greta = make_person(first_name="Greta", last_name="Grün", unit=production, account=False)
    make_person(first_name="Hakan", last_name="Hoff", unit=quality, account=False)
    sign_in(page, live_server, "admin@example.com")

    page.goto(f"{live_server.url}/org/people/")
    page.get_by_label("Unit").select_option(label="Qualitätsmanagement")
    expect(page.get_by_role("link", name="Grün, Greta")).to_be_hidden()
    expect(page.get_by_role("link", name="Hoff, Hakan")).to_be_visible()
    expect(page).to_have_url(re.compile(r"unit=QM"))

    page.goto(f"{live_server.url}/org/people/{greta.pk}/edit/")
    page.get_by_label("Active").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message.success")).to_contain_text("Greta Grün saved.")

    page.goto(f"{live_server.url}/org/people/")
    expect(page.get_by_role("link", name="Grün, Greta")).to_be_hidden()
    page.get_by_label("Status").select_option(label="Left the organisation")
    expect(page.get_by_role("link", name="Grün, Greta")).to_be_visible()
    expect(page.get_by_role("link", name="Hoff, Hakan")).to_be_hidden()
    assert not Person.objects.get(pk=greta.pk).active


def test_assign_and_end_a_role_on_the_person_page(page: Page, live_server):
    make_user(Role.ADMIN, email="admin@example.com")
    person = make_person(first_name="Paula", last_name="Produkt")
    sign_in(page, live_server, "admin@example.com")

    page.goto(f"{live_server.url}/org/people/{person.pk}/")
    page.get_by_label("Role").select_option(label="Product owner")
    page.get_by_role("button", name="Assign").click()

    expect(page.locator(".message.success")).to_have_text("Role assigned.")
    page.get_by_role("button", name="End role Product owner").click()
    expect(page.locator(".message.success")).to_have_text("Role ended.")
    assert RoleAssignment.objects.get(person=person).ended_on is not None


def test_map_a_stakeholder_group_and_log_a_touchpoint(page: Page, live_server):
    make_user(Role.ADMIN, email="admin@example.com")
    sign_in(page, live_server, "admin@example.com")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stakeholders").click()
    page.get_by_role("link", name="New stakeholder group").click()
    page.get_by_label("Name").fill("Betriebsrat")
    page.get_by_label("Power").fill("5")
    page.get_by_label("Interest").fill("4")
    page.get_by_label("ADKAR stage").select_option(label="Desire")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Betriebsrat")
    expect(page.get_by_text("Manage closely").first).to_be_visible()
    page.get_by_label("Concern").fill("Fear of performance monitoring through usage logs")
    page.get_by_role("button", name="Add concern").click()
    expect(page.locator(".concern")).to_contain_text("performance monitoring")

    page.get_by_text("Record a touchpoint").click()
    page.get_by_label("Kind").select_option(label="Meeting")
    page.get_by_label("Summary").fill(
        "Presented the usage dashboard: aggregates only, groups of 5+"
    )
    page.get_by_role("button", name="Record touchpoint").click()
    expect(page.locator(".touchpoint")).to_contain_text("aggregates only")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stakeholders").click()
    expect(page.locator("svg.grid-chart a")).to_have_count(1)
    assert StakeholderGroup.objects.get().touchpoints.count() == 1


def test_sign_in_and_reach_the_content_with_the_keyboard_only(page: Page, live_server):
    make_user(email="keys@example.com")
    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.locator("input[name=username]")).to_be_focused()
    page.keyboard.type("keys@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
