"""Names sorted as people expect them in German and English: Böhm before Busch, Özdemir
among the O, upper and lower case together.

PostgreSQL's ICU root collation (``und-x-icu``) does this; SQLite gets a collation of the
same name when Wandel connects, comparing names without their accents and case first. A
query sorts by ``name_order(...)`` and reads the same on both.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import F, OrderBy
from django.db.models.functions import Collate

NAMES = "und-x-icu"


def name_order(*fields: str) -> list[OrderBy]:
    """``order_by`` arguments that sort ``fields`` as names (the last one, often "pk", as is)."""
    return [Collate(F(name), NAMES).asc() for name in fields]


def name_key(text: str) -> tuple[str, str]:
    """How SQLite compares two names: without accents and case first, then exactly."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.casefold(), text


def _compare(left: str, right: str) -> int:
    a, b = name_key(left), name_key(right)
    return (a > b) - (a < b)


def _register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NAMES, _compare)


def connect() -> None:
    connection_created.connect(_register, dispatch_uid="wandel.core.collation")
