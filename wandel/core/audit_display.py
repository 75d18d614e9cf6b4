"""The audit log in words: an event's stored changes (keys and plain values, see
``core.audit``) shown as "field: old → new", in the reader's language at the time it is
read. Field names come from the changed model's fields, choice values are shown as their
labels, yes/no, dates and numbers as the reader writes them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Keys whose values are choices of another field of the model: a move's "from" and "to".
_VALUES_OF = {"from": ("stage", "status"), "to": ("stage", "status")}
# Keys many events share that are no field of the changed record.
_LABELS = {
    "from": gettext_lazy("from"),
    "to": gettext_lazy("to"),
    "reason": gettext_lazy("reason"),
    "note": gettext_lazy("note"),
    "file": gettext_lazy("file"),
}


@dataclass(frozen=True)
class Change:
    label: str
    text: str


def readable_changes(target_type: str, changes: Mapping[str, Any]) -> list[Change]:
    """Each stored change of an event on a ``target_type`` (``app.Model``) in words."""
    model = _model(target_type)
    shown = []
    for key, value in changes.items():
        field = _field(model, key)
        if isinstance(value, Mapping) and set(value) == {"from", "to"}:
            text = f"{_value(field, value['from'])} → {_value(field, value['to'])}"
        else:
            text = _value(field, value)
        shown.append(Change(_label(field, key), text))
    return shown


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for name in (key, *_VALUES_OF.get(key, ())):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field) and (name == key or field.choices):
            return field
    return None


def _label(field: models.Field[Any, Any] | None, key: str) -> str:
    if key in _LABELS:
        return str(capfirst(_LABELS[key]))
    if field is not None and field.name == key:
        return str(capfirst(field.verbose_name))
    return capfirst(key.replace("_", " "))


def _value(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(_value(field, item) for item in value) or "—"
    if isinstance(value, Mapping):
        return "; ".join(
            f"{capfirst(str(k).replace('_', ' '))}: {_value(None, v)}" for k, v in value.items()
        )
    if isinstance(value, int | float):
        return number_format(value)
    text = str(value)
    if field is not None and field.choices:
        labels = {str(choice): label for choice, label in field.flatchoices}
        if text in labels:
            return str(labels[text])
    if _ISO_DATE.match(text):
        try:
            return date_format(date.fromisoformat(text), "SHORT_DATE_FORMAT")
        except ValueError:
            return text
    return text
