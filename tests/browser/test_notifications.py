"""Following a notification in a real browser: the bell, the list, the use case it names,
and choosing a daily summary instead of single e-mails."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from wandel.core.models import EmailChoice, NotificationSettings
from wandel.core.roles import Role
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_product_owner_follows_the_bell_to_their_new_use_case(page: Page, live_server):
    owner = make_user(Role.PRODUCT_OWNER, email="owner@example.com")
    steerco = make_user(Role.STEERING_COMMITTEE, email="steerco@example.com")
    use_case = make_use_case(title="Ticket triage")
    product_owner_set(use_case=use_case, person=owner.person, actor=steerco)

    sign_in(page, live_server, "owner@example.com")
    bell = page.get_by_role("link", name="Notifications: 1 unread")
    expect(bell).to_be_visible()
    bell.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    page.get_by_role("button", name="You are now the product owner of “Ticket triage”.").click()

    expect(page).to_have_url(re.compile(rf"/portfolio/{use_case.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ticket triage")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()


def test_a_person_chooses_one_email_a_day(page: Page, live_server):
    person = make_user(email="someone@example.com")
    sign_in(page, live_server, "someone@example.com")

    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Notification settings").click()
    page.get_by_label("One e-mail a day with all new notifications").check()
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".message.success")).to_have_text("Your notification settings are saved.")
    expect(page.get_by_label("One e-mail a day with all new notifications")).to_be_checked()
    assert NotificationSettings.objects.get(user=person).email == EmailChoice.DAILY
