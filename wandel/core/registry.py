"""Extension points: how an app adds to core, or to another app, without being named there.

An extension point is a ``Hook`` declared beside the code that reads it (the navigation in
``core.context_processors``, the overview figures in ``core.queries``, audit action labels in
``core.audit``, API routers in ``core.api.registry``, gates in ``portfolio.gates``, links and
sections on a use case's page in ``portfolio.extensions``). Each app registers what it adds
in its own ``hooks.py``, which its ``AppConfig.ready()`` imports; so the lower layer never
imports the higher one, and a new app touches no other app to plug in (docs/architecture.md
lists the hooks).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class Hook[T]:
    """What the apps registered for one extension point, in the order they registered it.

    Registering the same item twice keeps one (``ready()`` may run more than once in tests).
    ``register`` returns the item, so it also serves as a decorator.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []

    def register(self, item: T) -> T:
        if item not in self._items:
            self._items.append(item)
        return item

    def unregister(self, item: T) -> None:
        """Take an item out again (a test's own registration)."""
        if item in self._items:
            self._items.remove(item)

    def items(self) -> tuple[T, ...]:
        return tuple(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __len__(self) -> int:
        return len(self._items)

    @contextmanager
    def without(self, item: T) -> Iterator[None]:
        """Run without one registered item (a test of the code without a gate, say); the
        item returns to its place afterwards."""
        position = self._items.index(item) if item in self._items else None
        if position is not None:
            del self._items[position]
        try:
            yield
        finally:
            if position is not None and item not in self._items:
                self._items.insert(position, item)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._items)} registered>"
