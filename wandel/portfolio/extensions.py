"""Links other apps add to a use case's page, without the portfolio importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from wandel.portfolio.models import UseCase


@dataclass(frozen=True)
class DetailLink:
    label: str | Promise
    url: str


LinkProvider = Callable[["UseCase", Any], list[DetailLink]]
_providers: list[LinkProvider] = []


def register_detail_links(provider: LinkProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def detail_links(use_case: UseCase, user: Any) -> list[DetailLink]:
    links: list[DetailLink] = []
    for provider in _providers:
        links.extend(provider(use_case, user))
    return links
