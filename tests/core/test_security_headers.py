"""The headers that keep a browser from running what Wandel did not serve, and from caching
what a signed-in person sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import wandel
from tests.support.api import bearer

pytestmark = pytest.mark.django_db

TEMPLATES = sorted(Path(wandel.__file__).parent.glob("**/templates/**/*.html"))


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_pages_carry_a_content_security_policy_without_inline_or_eval(client, admin_client):
    for response in (client.get("/accounts/login/"), admin_client.get("/")):
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        header = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in header
        assert "unsafe-eval" not in header


def test_every_answer_carries_a_permissions_policy(client):
    for response in (client.get("/accounts/login/"), client.get("/api/v1/units")):
        policy = response.headers["Permissions-Policy"]
        assert "camera=()" in policy
        assert "microphone=()" in policy
        assert "geolocation=()" in policy


def test_pages_for_signed_in_people_are_not_stored(admin_client):
    for path in ("/", "/org/people/", "/audit/"):
        response = admin_client.get(path)
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"], path


def test_api_answers_are_not_stored(employee):
    anonymous = Client().get("/api/v1/units")
    signed = Client(headers=bearer(employee)).get("/api/v1/units")

    assert anonymous.status_code == 401
    assert signed.status_code == 200
    for response in (anonymous, signed):
        assert "no-store" in response.headers["Cache-Control"]


def test_templates_have_no_inline_script_or_style():
    inline = re.compile(
        r"""\sstyle\s*=|<style|<script(?![^>]*\ssrc=)|\son[a-z]+\s*=|hx-on|javascript:""",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(Path(wandel.__file__).parent)}: {match.group(0)}"
        for path in TEMPLATES
        for match in inline.finditer(path.read_text())
    ]
    assert TEMPLATES
    assert not offenders, "\n".join(offenders)


def test_no_htmx_trigger_needs_eval():
    """An event filter (``change[target.checked]``) is JavaScript that htmx evaluates, which
    the policy forbids; ``from:input[type=checkbox]`` is only a CSS selector."""
    offenders = []
    for path in TEMPLATES:
        for trigger in re.findall(r'hx-trigger="([^"]*)"', path.read_text()):
            for spec in trigger.split(","):
                event = spec.strip().split(" ")[0]
                if "[" in event:
                    offenders.append(f"{path.name}: {spec.strip()}")
    assert not offenders, "\n".join(offenders)


def test_rendered_pages_have_no_inline_style(admin_client):
    for path in ("/", "/portfolio/funnel/", "/governance/risks/", "/security/"):
        html = admin_client.get(path).content.decode()
        assert not re.search(r"\sstyle\s*=|<style", html), path
