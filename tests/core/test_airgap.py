"""Air-gap ready: nothing in templates, styles or rendered pages loads from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import wandel

PACKAGE = Path(wandel.__file__).parent
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//""", re.IGNORECASE)
CSS_EXTERNAL = re.compile(r"""(?:@import|url\()\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_no_template_loads_anything_from_another_host():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.html")
        if EXTERNAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_stylesheet_imports_fonts_or_images_from_another_host():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.css")
        if CSS_EXTERNAL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/accounts/login/",
        "/org/units/",
        "/org/people/",
        "/org/stakeholders/",
        "/org/import/",
        "/audit/",
        "/api/v1/docs",
        "/admin/",
    ],
)
def test_rendered_pages_reference_only_this_server(admin_client, url):
    page = admin_client.get(url).content.decode()
    assert not EXTERNAL.search(page), url
