"""End-to-end tests in a real Chromium (Debian's package), driven by Playwright.

Without Chromium the tests are skipped locally with a reason; under CI (CI is set) a
missing browser is an error, so browser tests can never silently disappear there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls
# from the test while the live server answers the browser in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WANDEL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    available = Path(CHROMIUM).exists()
    for item in items:
        if here not in Path(str(item.fspath)).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not available:
            if os.environ.get("CI"):
                item.add_marker(
                    pytest.mark.xfail(
                        reason=f"Chromium missing at {CHROMIUM}", strict=True, run=False
                    )
                )
                raise pytest.UsageError(
                    f"CI is set but Chromium is not installed at {CHROMIUM}; "
                    "install Debian's chromium package (.ci/run does)."
                )
            item.add_marker(pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}
