"""The main navigation comes from the apps' hooks, in the order of their positions, each
entry only for those who may open it; core itself names no app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from wandel.core.registry import Hook

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def nav_labels(client, user) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("core:home")).content.decode()
    nav = page[page.index("<nav") : page.index("</nav>")]
    return [re.sub(r"<[^>]+>", "", link).strip() for link in re.findall(r"<a [^>]*>.*?</a>", nav)]


def test_the_programme_admin_sees_every_entry_in_order(client, personas):
    assert nav_labels(client, personas["admin"]) == [
        "Overview",
        "Portfolio",
        "Workshops",
        "Trainings",
        "Sprints",
        "Surveys",
        "Feedback",
        "Office hours",
        "Governance",
        "Co-determination",
        "Units",
        "People",
        "Stakeholders",
        "Import",
        "Audit log",
        "Security events",
        "Admin",
    ]


def test_the_works_council_sees_what_its_role_opens(client, personas):
    labels = nav_labels(client, personas["council"])

    assert "Co-determination" in labels
    assert "Import" not in labels
    assert "Security events" not in labels


def test_an_employee_sees_no_entry_of_the_committees(client, personas):
    labels = nav_labels(client, personas["employee"])

    assert labels[0] == "Overview"
    assert "Trainings" in labels
    assert "Feedback" in labels
    assert "Office hours" in labels
    assert "Surveys" not in labels
    assert not {"Governance", "Co-determination", "People", "Audit log", "Import"} & set(labels)


def test_core_names_no_app():
    """Apps add their pages to core through hooks; core's code and templates name no URL of
    theirs. (The role table in core/roles.py names their permissions by design.)"""
    url_of_an_app = re.compile(r"""["'](org|portfolio|governance|enablement|demo):[a-z_]""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "wandel" / "core").rglob("*"))
        if path.suffix in {".py", ".html"}
        and "migrations" not in path.parts
        and url_of_an_app.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []


def test_a_hook_keeps_one_of_each_item_in_the_order_registered():
    hook: Hook[str] = Hook("test")

    hook.register("b")
    hook.register("a")
    hook.register("b")

    assert hook.items() == ("b", "a")
    assert len(hook) == 2


def test_a_hook_runs_without_an_item_and_puts_it_back_in_its_place():
    hook: Hook[str] = Hook("test")
    for item in ("a", "b", "c"):
        hook.register(item)

    with hook.without("b"):
        assert list(hook) == ["a", "c"]
    with hook.without("missing"):
        assert list(hook) == ["a", "b", "c"]

    assert list(hook) == ["a", "b", "c"]


def test_register_returns_the_item_so_it_serves_as_a_decorator():
    hook: Hook[object] = Hook("test")

    @hook.register
    def provider() -> None: ...

    hook.unregister("never registered")
    assert hook.items() == (provider,)
    hook.unregister(provider)
    assert hook.items() == ()
