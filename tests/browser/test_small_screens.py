"""On a phone (390 px wide, in a real Chromium) no main page scrolls sideways, and the
navigation folds into a menu that opens and closes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import sign_in
from tests.support.governance import prototype_with_personal_data
from tests.support.matrix import url_for
from tests.support.personas import make_user
from tests.support.world import build_world
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
PAGES = (
    "core:home",
    "core:notifications",
    "core:audit_log",
    "portfolio:use_case_list",
    "portfolio:use_case_create",
    "portfolio:use_case_detail",
    "portfolio:matrix",
    "portfolio:funnel",
    "governance:steering",
    "governance:use_case_governance",
    "governance:decision_create",
    "governance:decision_list",
    "governance:reviews_overview",
    "governance:codetermination_overview",
    "governance:risk_list",
    "governance:budget_overview",
    "org:person_list",
    "org:unit_list",
)


def test_no_main_page_scrolls_sideways_on_a_phone(page: Page, live_server):
    world = build_world()
    admin = make_user(Role.ADMIN, email="admin.phone@example.com")
    prototype = prototype_with_personal_data(admin)
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, admin.email)

    too_wide = []
    for name in PAGES:
        page.goto(live_server.url + url_for(name, {**world.ids, "use_case": prototype.pk}))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{name}: {width} px")
    assert not too_wide, "\n".join(too_wide)


def test_the_navigation_folds_into_a_menu_on_a_phone(page: Page, live_server):
    make_user(Role.ADMIN, email="admin.menu@example.com")
    sign_in(page, live_server, "admin.menu@example.com")
    navigation = page.get_by_role("navigation", name="Main")
    menu = navigation.get_by_role("button", name="Menu")
    portfolio = navigation.get_by_role("link", name="Portfolio")
    expect(menu).to_be_hidden()
    expect(portfolio).to_be_visible()

    page.set_viewport_size(PHONE)
    expect(portfolio).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    portfolio.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Use-case portfolio")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio")
    ).to_be_hidden()
