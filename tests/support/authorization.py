"""The vocabulary of the authorization matrix, and how its per-app slices are found.

Each app's tests hold its slice in ``tests/<app>/authorization.py`` (a module-level
``SLICE``): who may open each of its pages and API operations, written out by hand. The
matrix in ``tests/core/test_authorization_matrix.py`` combines every slice it finds, so a new
app adds its own file and edits no other; a key claimed by two slices fails the test.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wandel.core.roles import Permission

PUBLIC = "public"  # anyone, signed in or not
SIGNED_IN = "signed in"  # every account
NOBODY = "nobody"
# Decisions reserved to whoever holds the data-protection role today; a programme admin,
# who holds every permission, does not take them.
DPO_ROLE = "role: data protection"


class ObjectLevel(str):
    """Declared with a broad permission, decided per object inside the view. The matrix's
    objects have no owner, so only holders of the given permission may act on them."""

    declared: str

    def __new__(cls, effective: str, declared: str = Permission.VIEW_USE_CASES) -> ObjectLevel:
        value = super().__new__(cls, effective)
        value.declared = declared
        return value


@dataclass(frozen=True)
class Page:
    """Who may use a page, with which methods, and any status other than 2xx/3xx that a
    permitted request answers (``statuses``: method → status, each one a documented case)."""

    access: str
    methods: tuple[str, ...]
    statuses: dict[str, int] = field(default_factory=dict)
    # A different access for POST than for GET (the page shows to more than may change it).
    post_access: str | None = None

    def access_for(self, method: str) -> str:
        return self.post_access if method == "POST" and self.post_access else self.access


def view(access: str, **statuses: int) -> Page:
    """Shows something; a POST is answered 405."""
    return Page(access, ("GET",), statuses)


def form(access: str, *, empty: int | None = None, post: str | None = None) -> Page:
    """GET shows the form, POST submits it. ``empty``: the status of the matrix's empty POST
    when it is not the form shown again (200) or a redirect."""
    return Page(access, ("GET", "POST"), {"POST": empty} if empty else {}, post)


def action(access: str, *, empty: int | None = None) -> Page:
    """A button: POST only, GET is answered 405. ``empty`` as for ``form``."""
    return Page(access, ("POST",), {"POST": empty} if empty else {})


Operation = tuple[str, str]  # (method, path), as the walk over the routers names it


def no_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    return {}


@dataclass(frozen=True)
class Slice:
    """One app's part of the matrix.

    ``pages``: URL name (or route, for an unnamed pattern) → ``Page``. ``api``: operation →
    the access it needs. ``api_statuses``: a status other than 2xx/3xx that a permitted API
    request answers, with the reason in a comment. ``post_data``: the form data of a page
    whose empty POST would be refused before the role is checked. ``api_bodies``: valid
    bodies for the world's objects, so that the permission check (not validation) decides.
    """

    pages: Mapping[str, Page]
    api: Mapping[Operation, str] = field(default_factory=dict)
    api_statuses: Mapping[Operation, int] = field(default_factory=dict)
    post_data: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    api_bodies: Callable[[Mapping[str, int]], Mapping[Operation, object]] = no_bodies


def matrix_slices() -> dict[str, Slice]:
    """The ``SLICE`` of every ``tests/<app>/authorization.py``, by app."""
    import tests

    found: dict[str, Slice] = {}
    for info in pkgutil.iter_modules(tests.__path__):
        name = f"tests.{info.name}.authorization"
        if not info.ispkg or info.name == "support" or importlib.util.find_spec(name) is None:
            continue
        found[info.name] = importlib.import_module(name).SLICE
    return found


def combined[K, V](parts: Iterable[Mapping[K, V]]) -> dict[K, V]:
    """One mapping of many; a key in two of them is a mistake of the slices."""
    whole: dict[K, V] = {}
    for part in parts:
        twice = sorted(str(key) for key in part if key in whole)
        if twice:
            raise ValueError(f"claimed by two slices of the matrix: {', '.join(twice)}")
        whole.update(part)
    return whole


def everything(name: str, slices: Iterable[Slice]) -> dict[Any, Any]:
    return combined(getattr(s, name) for s in slices)
