"""In a real Chromium: the Content-Security-Policy blocks nothing Wandel needs, and a new
account's invitation takes the person to their first sign-in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.support.browser import sign_in
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pages_break_no_rule_of_the_content_security_policy(page: Page, live_server):
    make_user(Role.ADMIN, email="admin@example.com")
    use_case = make_use_case(title="Ticket summaries")
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    sign_in(page, live_server, "admin@example.com")
    for path in (
        "/",
        "/org/people/",
        "/portfolio/",
        "/portfolio/funnel/",
        "/governance/risks/",
        f"/governance/ai-act/{use_case.pk}/",
        "/security/",
        "/api/v1/docs",
        "/admin/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")

    assert violations == []


def test_a_new_person_follows_the_invitation_and_signs_in(page: Page, live_server, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    make_user(Role.ADMIN, email="admin@example.com")
    person = make_person(account=False, email="nora.neu@example.com", first_name="Nora")
    sign_in(page, live_server, "admin@example.com")

    page.goto(f"{live_server.url}/org/people/{person.pk}/")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".message.success")).to_contain_text("An invitation")
    expect(page.get_by_text("Invited; no password set yet")).to_be_visible()
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[0].body).group(0)

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    page.fill("input[name=new_password1]", "Noras own passphrase 2026")
    page.fill("input[name=new_password2]", "Noras own passphrase 2026")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password saved")
    page.get_by_role("link", name="Sign in").last.click()
    page.fill("input[name=username]", "nora.neu@example.com")
    page.fill("input[name=password]", "Noras own passphrase 2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
