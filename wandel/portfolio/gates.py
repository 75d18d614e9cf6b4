"""The registry of gate checks that lifecycle moves must pass.

Apps that decide whether a use case may move on (governance: approvals, DPIA, works
council …) register a check at start-up; the portfolio never imports them. A check returns
what is missing for the move, each item with a link to where it can be done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from wandel.portfolio.models import UseCase


@dataclass(frozen=True)
class Missing:
    requirement: str | Promise
    url: str = ""

    def __str__(self) -> str:
        return str(self.requirement)


GateCheck = Callable[["UseCase", str], list[Missing]]

_checks: dict[str, GateCheck] = {}


def register_gate(name: str, check: GateCheck) -> None:
    _checks[name] = check


def unregister_gate(name: str) -> None:
    _checks.pop(name, None)


@contextmanager
def gate_suspended(name: str) -> Iterator[None]:
    """Run without one registered gate, e.g. to test the lifecycle on its own."""
    check = _checks.pop(name, None)
    try:
        yield
    finally:
        if check is not None:
            _checks[name] = check


def gates_missing(use_case: UseCase, to: str) -> list[Missing]:
    missing: list[Missing] = []
    for check in _checks.values():
        missing.extend(check(use_case, to))
    return missing
