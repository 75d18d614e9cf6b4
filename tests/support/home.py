"""Reading the home page's "For you" lists back out of its HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from django.http import HttpResponse

_SECTION = re.compile(r'<section class="card todo-list"[^>]*>(.*?)</section>', re.S)
_HEADING = re.compile(r"<h3[^>]*>(.*?)<span class=\"count\">(\d+)</span></h3>", re.S)
_ITEM = re.compile(r"<li( class=\"overdue\")?>\s*<a href=\"([^\"]*)\">(.*?)</a>(.*?)</li>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(unescape(_TAGS.sub("", html)).split())


@dataclass(frozen=True)
class Item:
    text: str
    url: str
    detail: str
    overdue: bool


@dataclass(frozen=True)
class HomeList:
    total: int
    items: list[Item]
    rest: str  # what the list says besides its items: the empty text, "All 7", "and 2 more"


def todo_lists(response: HttpResponse) -> dict[str, HomeList]:
    """Each list of the home page by its heading."""
    lists = {}
    for section in _SECTION.findall(response.content.decode()):
        heading = _HEADING.search(section)
        assert heading is not None, section
        items = [
            Item(_text(text), url, _text(detail), bool(overdue))
            for overdue, url, text, detail in _ITEM.findall(section)
        ]
        rest = _text(_ITEM.sub("", section[heading.end() :]))
        lists[_text(heading.group(1))] = HomeList(int(heading.group(2)), items, rest)
    return lists
