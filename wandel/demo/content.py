"""The demo's content files: TOML read into the frozen dataclasses the loaders use.

Each loader keeps what the demo company says and does (its units, use cases, decisions …)
in ``<loader>/data/*.toml`` and the code that loads it beside. ``load`` reads a file into
the dataclass it describes, field by field and with the field's type (texts, whole numbers,
choices such as ``Stage``, nested entries), and refuses it at the first thing wrong, with
an error that names the file, the entry and the field:
``use_cases.toml: use_cases[3] (“Angebotsentwürfe im Vertrieb”).stage: …``. Each loader
reads its files in its ``check`` step, so a wrong file stops the demo before anything is
written.

TOML has no null: a field whose type allows ``None`` is left out to say "none". A check
beyond the type is written into the type with ``Annotated[str, check]``, where ``check``
raises ``ValueError`` with its reason.
"""

from __future__ import annotations

import dataclasses
import enum
import tomllib
import types
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

# Keys whose value names an entry in an error message, in this order of preference.
NAMING_KEYS = ("title", "name", "email", "code", "subject")


class ContentError(Exception):
    """A content file of the demo that cannot be used; the message says where and why."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        super().__init__(f"{path.name}: {where}: {problem}" if where else f"{path.name}: {problem}")


class _Invalid(Exception):
    """One value that does not fit; ``where`` grows on the way out to the file's top."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def load[T](path: Path, kind: type[T]) -> T:
    """The file at ``path`` as a ``kind``, or ContentError naming the first thing wrong."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except OSError as error:
        raise ContentError(path, "", f"cannot be read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, "", f"is not valid TOML: {error}") from None
    try:
        return _convert(kind, data, "")
    except _Invalid as invalid:
        raise ContentError(path, invalid.where, invalid.problem) from None


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = get_origin(kind)
    if origin is Annotated:
        base, *checks = get_args(kind)
        converted = _convert(base, value, where)
        for check in checks:
            try:
                check(converted)
            except ValueError as error:
                raise _Invalid(where, str(error)) from None
        return converted
    if origin in (Union, types.UnionType):
        return _one_of(get_args(kind), value, where)
    if origin is Literal:
        if value not in get_args(kind):
            raise _Invalid(where, f"{_shown(value)} is not one of {_listed(get_args(kind))}")
        return value
    if origin is tuple or origin is list:
        return _sequence(kind, value, where)
    if origin is dict or origin is Mapping:
        key_kind, value_kind = get_args(kind)
        table = _expect(dict, value, where, "a table")
        return {
            _key(key_kind, key, where): _convert(value_kind, item, _at(where, str(key)))
            for key, item in table.items()
        }
    if dataclasses.is_dataclass(kind):
        return _entry(kind, value, where)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _choice(kind, value, where)
    return _scalar(kind, value, where)


def _one_of(kinds: tuple[Any, ...], value: Any, where: str) -> Any:
    problems = []
    for kind in kinds:
        if kind is type(None):
            continue
        try:
            return _convert(kind, value, where)
        except _Invalid as invalid:
            problems.append(invalid)
    if len(problems) == 1:
        raise problems[0]
    raise _Invalid(where, " or ".join(dict.fromkeys(p.problem for p in problems)))


def _sequence(kind: Any, value: Any, where: str) -> Any:
    items = _expect(list, value, where, "a list")
    args = get_args(kind)
    if get_origin(kind) is list or (len(args) == 2 and args[1] is Ellipsis):
        converted = [
            _convert(args[0], item, _index(where, n, item)) for n, item in enumerate(items)
        ]
        return converted if get_origin(kind) is list else tuple(converted)
    if len(items) != len(args):
        raise _Invalid(where, f"must be a list of {len(args)} values, not {len(items)}")
    pairs = enumerate(zip(args, items, strict=True))
    return tuple(_convert(of, item, f"{where}[{n}]") for n, (of, item) in pairs)


def _entry(kind: Any, value: Any, where: str) -> Any:
    table = _expect(dict, value, where, "a table")
    fields = {f.name: f for f in dataclasses.fields(kind) if f.init}
    unknown = [key for key in table if key not in fields]
    if unknown:
        raise _Invalid(_at(where, unknown[0]), f"is not a field here (known: {_listed(fields)})")
    hints = _hints(kind)
    values = {}
    for name, described in fields.items():
        if name in table:
            values[name] = _convert(hints[name], table[name], _at(where, name))
        elif described.default is dataclasses.MISSING and (
            described.default_factory is dataclasses.MISSING
        ):
            if not _allows_none(hints[name]):
                raise _Invalid(_at(where, name), "is missing")
            values[name] = None
    try:
        return kind(**values)
    except ValueError as error:
        raise _Invalid(where, str(error)) from None


def _choice(kind: type[enum.Enum], value: Any, where: str) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = [member.value for member in kind]
        raise _Invalid(where, f"{_shown(value)} is not one of {_listed(allowed)}") from None


def _scalar(kind: Any, value: Any, where: str) -> Any:
    if kind not in _NAMES:
        raise TypeError(f"{where}: a content file cannot hold a {kind!r}")
    # Python's true and false are whole numbers too; a file's are not.
    if isinstance(value, bool) != (kind is bool):
        raise _Invalid(where, f"must be {_NAMES[kind]}, not {_shown(value)}")
    if kind is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, kind):
        raise _Invalid(where, f"must be {_NAMES[kind]}, not {_shown(value)}")
    return value


_NAMES: dict[type, str] = {
    str: "a text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


def _key(kind: Any, key: str, where: str) -> Any:
    """A table's key as the mapping's key type (TOML's keys are always texts)."""
    if kind is int:
        try:
            return int(key)
        except ValueError:
            raise _Invalid(_at(where, key), "must be a whole number") from None
    return _convert(kind, key, _at(where, key))


def _expect[V](kind: type[V], value: Any, where: str, name: str) -> V:
    if not isinstance(value, kind):
        raise _Invalid(where, f"must be {name}, not {_shown(value)}")
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind, include_extras=True)


def _allows_none(kind: Any) -> bool:
    if get_origin(kind) is Annotated:
        return _allows_none(get_args(kind)[0])
    return get_origin(kind) in (Union, types.UnionType) and type(None) in get_args(kind)


def _at(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _index(where: str, number: int, item: Any) -> str:
    """``use_cases[3] (“Angebotsentwürfe im Vertrieb”)``: the position, and the entry's name
    where it has one, so the entry is found in the file either way."""
    label = f"{where}[{number}]"
    if isinstance(item, dict):
        name = next((item[key] for key in NAMING_KEYS if isinstance(item.get(key), str)), None)
        if name:
            label += f" (“{name}”)"
    return label


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}…"


def _listed(values: Any) -> str:
    return ", ".join(repr(value) if value == "" else str(value) for value in values)


def unique(names: Iterable[str]) -> None:
    """For a ``__post_init__``: ValueError naming the first name given twice."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValueError(f"“{name}” is given twice")
        seen.add(name)
