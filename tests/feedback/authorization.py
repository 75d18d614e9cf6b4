"""The authorization matrix's slice for feedback: surveys, their results, the feedback box
and office hours."""

from __future__ import annotations

from tests.support.authorization import Page, Slice, view
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "feedback:surveys": view(P.MANAGE_SURVEYS),
}

SLICE = Slice(PAGES)
