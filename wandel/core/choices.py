"""Form fields that choose among records by name, read as plain rows.

A form choosing a unit offers all 400 units of a large organisation. Django's model choice
fields build a model instance per option to ask it for its label: half of a person form's
time. These read ``(pk, name)`` pairs instead, for models whose name is what ``str()`` says
of them (``tests/core/test_choices.py`` renders both side by side). Validation is Django's:
the chosen value is still looked up in the field's queryset.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class NameChoiceIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class NameChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = NameChoiceIterator


class NameMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    iterator = NameChoiceIterator
