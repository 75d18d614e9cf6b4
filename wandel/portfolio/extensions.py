"""Links other apps add to a use case's page, without the portfolio importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from wandel.core.registry import Hook

if TYPE_CHECKING:
    from wandel.portfolio.models import UseCase


@dataclass(frozen=True)
class DetailLink:
    label: str | Promise
    url: str


LinkProvider = Callable[["UseCase", Any], list[DetailLink]]
DETAIL_LINKS: Hook[LinkProvider] = Hook("use-case detail links")
"""Functions of a use case and a user that give the links an app adds to its page."""


def detail_links(use_case: UseCase, user: Any) -> list[DetailLink]:
    links: list[DetailLink] = []
    for provider in DETAIL_LINKS:
        links.extend(provider(use_case, user))
    return links
