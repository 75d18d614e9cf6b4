"""What other apps and the portfolio's own sub-domains add to a use case's page, without the
use cases importing them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from wandel.core.registry import Hook

if TYPE_CHECKING:
    from wandel.portfolio.use_cases.models import UseCase


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


@dataclass(frozen=True)
class DetailSection:
    """A section below the use case on its page: ``template`` is included with the page's
    context and ``context`` on top of it."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


SectionProvider = Callable[["UseCase", Any], DetailSection]
DETAIL_SECTIONS: Hook[SectionProvider] = Hook("use-case detail sections")
"""Functions of a use case and a user that give a section of its page, in the order
registered (the measures: quality requirements, KPIs and comments)."""


def detail_sections(use_case: UseCase, user: Any) -> list[DetailSection]:
    return [provider(use_case, user) for provider in DETAIL_SECTIONS]
