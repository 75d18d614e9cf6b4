"""No English on German pages: every page Wandel has, shown to a German programme admin with
records of every kind, holds none of the English texts its catalogue translates.

A text marked for translation but worded too early (``gettext`` at import time instead of
``gettext_lazy``), passed through unmarked, or whose German was lost shows up here as the
English original on the German page.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.test import Client

from tests.support.matrix import page_names, url_for
from tests.support.personas import make_user
from tests.support.world import build_world
from wandel.core.roles import Role

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).parents[2] / "wandel/locale/de/LC_MESSAGES/django.po"
# Not the interface's words: scripts, styles, drawings, and what a form holds for editing
# (the ethics checklist, say, is edited in both languages).
_HIDDEN = re.compile(r"<(script|style|svg|textarea)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SHOWN_ATTRIBUTES = re.compile(r'\b(?:placeholder|title|aria-label|alt)="([^"]*)"')


def english_texts() -> list[str]:
    """The catalogue's English texts that are unmistakably English on a page: three words or
    more, no placeholders, a German translation that differs, and not quoted in any German
    text (the German names the law "KI-Verordnung (EU AI Act)")."""
    entries = list(polib.pofile(str(CATALOGUE)))
    german = " ".join(entry.msgstr for entry in entries)
    texts = []
    for entry in entries:
        text = entry.msgid
        if entry.msgid_plural or "%" in text or "{" in text or len(text.split()) < 3:
            continue
        if entry.msgstr and entry.msgstr != text and text not in german:
            texts.append(text)
    return texts


def shown_text(html: str) -> str:
    """What a reader sees or hears of a page: its text and its labelling attributes."""
    visible = _TAG.sub(" ", _HIDDEN.sub(" ", html))
    labels = " ".join(_SHOWN_ATTRIBUTES.findall(html))
    return " ".join(unescape(f"{visible} {labels}").split())


def test_the_check_finds_english_on_a_german_page():
    assert "Sign out" not in english_texts()  # two words: too likely in a name or a title
    assert "Nothing from governance is needed for this move." in english_texts()
    assert shown_text('<p title="Mark all as read">Hallo <b>Welt</b></p>') == (
        "Hallo Welt Mark all as read"
    )


def test_no_german_page_shows_english(settings):
    world = build_world()
    admin = make_user(Role.ADMIN)
    admin.language = "de"
    admin.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    client.force_login(admin)
    texts = english_texts()
    found = []
    checked = 0
    for name in sorted(page_names()):
        response = client.get(url_for(name, world.ids))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        page = shown_text(response.content.decode())
        found += [f"{name}: “{text}”" for text in texts if text in page]
    assert checked > 70, f"only {checked} pages were checked"
    assert not found, "\n".join(found)
