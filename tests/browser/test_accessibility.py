"""axe-core (shipped by axe-playwright-python, run inside the real Chromium) finds no serious
or critical accessibility violation on the main pages, filled with records of every kind,
in English and in German."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Page

from tests.support.browser import severe_violations, sign_in
from tests.support.governance import prototype_with_personal_data
from tests.support.matrix import url_for
from tests.support.personas import make_user
from tests.support.world import build_world
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)

# The pages people use most, by name (their objects are the world's).
MAIN_PAGES = (
    "core:home",
    "core:notifications",
    "core:notification_settings",
    "portfolio:use_case_list",
    "portfolio:use_case_create",
    "portfolio:use_case_detail",
    "portfolio:matrix",
    "portfolio:funnel",
    "portfolio:workshop_list",
    "governance:steering",
    "governance:use_case_governance",
    "governance:decision_create",
    "governance:reviews_overview",
    "governance:codetermination_overview",
    "governance:codetermination",
    "governance:risk_list",
    "org:person_list",
    "org:import",
    "enablement:catalogue",
    "enablement:course_detail",
    "enablement:session_detail",
    "enablement:my_path",
    "enablement:coverage",
    "enablement:groups",
    "enablement:events",
    "enablement:event_detail",
    "enablement:sprints",
    "enablement:sprint_detail",
    "enablement:sprint_end",
    "enablement:completion_import",
    "feedback:surveys",
    "feedback:survey_detail",
    "feedback:survey_results",
    "feedback:anonymity_policy",
    "feedback:box",
    "feedback:box_item",
    "feedback:box_post",
    "feedback:office_hours",
    "feedback:office_hours_mine",
    "feedback:office_hours_host",
)
WELCOME = {"en": "Welcome", "de": "Willkommen"}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_main_pages_have_no_serious_accessibility_violations(page: Page, live_server, language):
    world = build_world()
    admin = make_user(Role.ADMIN, email="admin.a11y@example.com")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    prototype = prototype_with_personal_data(admin)
    sign_in(page, live_server, admin.email, welcome=WELCOME[language])

    found = []
    for name in MAIN_PAGES:
        objects = {**world.ids, "use_case": prototype.pk}
        page.goto(live_server.url + url_for(name, objects))
        found += [f"{name}: {violation}" for violation in severe_violations(page)]
    assert not found, "\n".join(found)
