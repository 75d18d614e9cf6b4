"""Signing in and out in a real browser (Playwright), for every browser test to share."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from tests.support.personas import PASSWORD


def sign_in(page: Page, live_server, email: str, welcome: str = "Welcome") -> None:
    """Sign in on the login page with the shared test password; waits for the home page
    (greeting with ``welcome``: "Willkommen" for a German account)."""
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    # Enter submits the form in either language (the button says "Sign in" or "Anmelden").
    page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(welcome)


def sign_out(page: Page) -> None:
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def pick(scope: Page | Locator, label: str, search: str, option: str | None = None) -> None:
    """Choose in a picker (``core.picker``): type ``search`` into the field labelled
    ``label``, then click the match whose text contains ``option`` (else ``search``)."""
    box = scope.get_by_role("combobox", name=label)
    box.fill(search)
    box.page.get_by_role("option", name=option or search).click()
    expect(box).to_have_value("")


def describe_idea(
    page: Page, *, problem: str, process: str, unit: str, benefit: str, data: str, capability: str
) -> None:
    """Fill in the idea form's fields after the title, and submit it."""
    page.get_by_label("Problem today").fill(problem)
    page.get_by_label("Affected process").fill(process)
    page.get_by_label("Unit").select_option(label=unit)
    page.get_by_label("Expected benefit").fill(benefit)
    page.get_by_role("textbox", name="Data involved").fill(data)
    page.get_by_label("LLM capability").select_option(label=capability)
    page.get_by_role("button", name="Submit idea").click()


# The impacts of accessibility violations a page must not have.
SEVERE = {"serious", "critical"}


def severe_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    assert results.response["passes"] or results.response["violations"], "axe did not run"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SEVERE
    ]
