"""One transaction per user action.

A *user action* is the service function a view, an API endpoint, a command or the demo
loader calls for one thing a person does ("move a use case", "record a decision"). It owns
the outermost transaction, so the change, its audit event and anything scheduled with
``transaction.on_commit`` are written together or not at all. ``durable=True`` makes sure no
caller wraps two actions into one by accident: nesting them raises at once.

Building blocks that actions share (refreshing cached scores, writing an audit event) do not
open transactions of their own; they call ``require_transaction`` so that calling one outside
an action fails loudly instead of committing half a change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.db import connection, transaction


class OutsideTransaction(RuntimeError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} must run inside the transaction of a user action.")


def user_action[**P, R](function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` as one user action in its own, outermost transaction."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(durable=True):
            return function(*args, **kwargs)

    wrapper.user_action = True  # type: ignore[attr-defined]
    return wrapper


def require_transaction(what: str) -> None:
    """Refuse to run ``what`` outside a transaction (see the module's docstring)."""
    if not connection.in_atomic_block:
        raise OutsideTransaction(what)
