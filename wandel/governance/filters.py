"""Reading the governance registers' filters from a query string.

The decision register, the risk register and budget requests each parse their filters from
the query string with these, on the page, in its export and in the API alike, so a filter
means the same everywhere. The API documents and validates the same parameters first; a
value it accepts is read here the same way (a flag the API takes as true is true here).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

# What the API's boolean parameters accept as true (pydantic's words for it).
TRUE = frozenset({"1", "true", "on", "yes", "t", "y"})


def parse_flag(value: str | None) -> bool:
    return (value or "").strip().lower() in TRUE


def parse_choice(value: str | None, choices: Iterable[str], default: str = "") -> str:
    """``value`` if it is one of ``choices``, else ``default``."""
    return value if value is not None and value in set(choices) else default


def parse_date(value: str | None) -> date | None:
    """An ISO date (``YYYY-MM-DD``), or None for anything else."""
    if not value or len(value) > 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
