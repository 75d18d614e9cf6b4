"""The registry of gate checks that lifecycle moves must pass.

Apps that decide whether a use case may move on (governance: approvals, DPIA, works
council …) register a ``Gate`` in ``GATES`` from their ``hooks.py``; the portfolio never
imports them. A check returns what is missing for the move, each item with a link to where
it can be done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from wandel.core.registry import Hook

if TYPE_CHECKING:
    from wandel.portfolio.use_cases.models import UseCase


@dataclass(frozen=True)
class Missing:
    """Something a move needs, with the page where it is given and the permission that page
    needs: a person without it is not sent there."""

    requirement: str | Promise
    url: str = ""
    permission: str = ""

    def __str__(self) -> str:
        return str(self.requirement)

    def for_user(self, user: Any) -> Missing:
        """This item as ``user`` sees it: without the link when they may not use the page."""
        if self.permission and not user.has_perm(self.permission):
            return Missing(self.requirement)
        return self


GateCheck = Callable[["UseCase", str], list[Missing]]


@dataclass(frozen=True)
class Gate:
    """A named check: what ``check(use_case, stage)`` says is missing for that move.
    ``guards`` names the stages whose move is a gate a use case passes (pilot, production):
    passing or being refused there is news to the people of the use case."""

    name: str
    check: GateCheck
    guards: frozenset[str] = frozenset()


GATES: Hook[Gate] = Hook("gates")


def gate(name: str) -> Gate | None:
    return next((g for g in GATES if g.name == name), None)


@contextmanager
def gate_suspended(name: str) -> Iterator[None]:
    """Run without one registered gate, e.g. to test the lifecycle on its own."""
    found = gate(name)
    if found is None:
        yield
        return
    with GATES.without(found):
        yield


def is_gate(stage: str) -> bool:
    """Whether moving into ``stage`` passes a gate some app guards."""
    return any(stage in registered.guards for registered in GATES)


def gates_missing(use_case: UseCase, to: str) -> list[Missing]:
    missing: list[Missing] = []
    for registered in GATES:
        missing.extend(registered.check(use_case, to))
    return missing
