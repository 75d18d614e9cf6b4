"""Search-as-you-type choosers for large tables (people, use cases, decisions).

A ``<select>`` of 20,000 people makes a page of megabytes. A picker field renders only what
is chosen plus a search input; the browser asks ``/pick/<source>/?q=…`` (``core:pick``) for
the few matching options. Without JavaScript the search input is submitted with the form:
the form comes back invalid, with the matches as radio buttons or check boxes, so that the
person picks one and submits again; nothing typed elsewhere is lost.

An app registers a ``PickerSource`` in ``PICKER_SOURCES`` from its ``pickers.py`` (imported by
its ``hooks.py``); core never names the app. A source says who may see which rows, how a row
is labelled and how a search term narrows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.filters import parse_id
from wandel.core.registry import Hook

# The endpoint and the no-JavaScript search show at most this many matches.
PICK_LIMIT = 20
MAX_TERM_LENGTH = 200
SEARCH_SUFFIX = "__q"

PICK_FROM_MATCHES = _("Choose one of the matches below, or search again.")
NO_MATCHES = _("Nothing matches “%(term)s”; try another search.")


@dataclass(frozen=True)
class PickerSource:
    """What a picker may offer.

    ``rows(user)``: the rows the user may see (an empty queryset when none);
    ``search(queryset, term)``: those of the queryset that match the term, best first;
    ``label(row)``: the text shown for a row (it tells rows with the same name apart).
    """

    name: str
    rows: Callable[[Any], QuerySet[Any]]
    search: Callable[[QuerySet[Any], str], QuerySet[Any]]
    label: Callable[[Any], str]


PICKER_SOURCES: Hook[PickerSource] = Hook("picker sources")


def picker_source(name: str) -> PickerSource | None:
    for source in PICKER_SOURCES:
        if source.name == name:
            return source
    return None


def matches(source: PickerSource, queryset: QuerySet[Any], term: str) -> list[Any]:
    """At most ``PICK_LIMIT`` rows of ``queryset`` that match ``term``."""
    term = term.strip()[:MAX_TERM_LENGTH]
    if not term:
        return []
    return list(source.search(queryset, term)[:PICK_LIMIT])


class Search(str):
    """The value of a picker whose search input was submitted: the term, and what was
    chosen already. The field refuses it, and the widget shows the matches."""

    chosen: tuple[str, ...]

    def __new__(cls, term: str, chosen: Iterable[str] = ()) -> Search:
        value = super().__new__(cls, term)
        value.chosen = tuple(chosen)
        return value


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


class PickerWidget(forms.Widget):
    """The chosen rows as checked radio buttons (check boxes when several may be chosen),
    a search input, and an empty list the script fills with the endpoint's matches."""

    template_name = "core/widgets/picker.html"
    multiple = False

    choices: Any = ()

    @property
    def queryset(self) -> QuerySet[Any] | None:
        """What the field accepts: the field hands its widget its choices (a
        ``ModelChoiceIterator``) whenever its queryset is set, and so also to the copy each
        form makes."""
        return getattr(self.choices, "queryset", None)

    @property
    def source_name(self) -> str:
        return str(getattr(getattr(self.choices, "field", None), "source_name", ""))

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        chosen = self._chosen_from(data, name)
        term = str(data.get(name + SEARCH_SUFFIX, "")).strip()
        if term:
            return Search(term, chosen)
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def _chosen_from(self, data: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if values is None:
            return []
        if isinstance(values, str | int):
            values = [values]
        return [str(value) for value in values if str(value) != ""]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # Unchecked boxes send nothing; an empty picker is a choice, not an omission.
        return False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        source = picker_source(self.source_name)
        term = ""
        found: list[Any] = []
        if isinstance(value, Search):
            term = str(value)
            chosen = list(value.chosen)
            if source is not None and self.queryset is not None:
                found = matches(source, self.queryset, term)
        else:
            chosen = self._as_list(value)
        rows = self._rows(chosen)
        options = [Option(str(row.pk), self._label(source, row), True) for row in rows]
        shown = {option.value for option in options}
        options += [
            Option(str(row.pk), self._label(source, row), False)
            for row in found
            if str(row.pk) not in shown
        ]
        disabled = bool(context["widget"]["attrs"].get("disabled"))
        context["widget"].update(
            {
                "multiple": self.multiple,
                "options": options,
                "searched": term,
                "found": len(found),
                "none_option": not self.multiple and not self.is_required and not disabled,
                "none_checked": not any(option.checked for option in options),
                "url": reverse("core:pick", kwargs={"source": self.source_name}),
                "search_name": name + SEARCH_SUFFIX,
                "disabled": disabled,
            }
        )
        return context

    @staticmethod
    def _as_list(value: Any) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, list | tuple):
            return [str(item) for item in value if item not in (None, "")]
        return [str(value)]

    def _rows(self, chosen: Sequence[str]) -> list[Any]:
        if not chosen or self.queryset is None:
            return []
        # Junk and numbers beyond a database integer (from a query string) name nothing.
        keys = [key for key in map(parse_id, chosen) if key is not None]
        if not keys:
            return []
        # The chosen rows, whatever the form's queryset, so that a row chosen before (say a
        # person who has since left) is still named.
        found = self.queryset.model._default_manager.filter(pk__in=keys)
        rows = {row.pk: row for row in found}
        return [rows[key] for key in keys if key in rows]

    @staticmethod
    def _label(source: PickerSource | None, row: Model) -> str:
        return source.label(row) if source is not None else str(row)


class PickerMultipleWidget(PickerWidget):
    multiple = True


class _Picking(forms.ModelChoiceField):
    """What both picker fields share: the source's labels, and a submitted search refused
    with the matches to choose from."""

    source_name: str

    def label_from_instance(self, obj: Any) -> str:
        source = picker_source(self.source_name)
        return source.label(obj) if source is not None else str(obj)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Search):
            return value
        return super().prepare_value(value)

    def clean(self, value: Any) -> Any:
        self._refuse_search(value, self.queryset)
        return super().clean(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return isinstance(data, Search) or super().has_changed(initial, data)

    def _refuse_search(self, value: Any, queryset: QuerySet[Any] | None) -> None:
        if isinstance(value, Search):
            source = picker_source(self.source_name)
            found = matches(source, queryset, value) if source and queryset is not None else []
            if found:
                raise ValidationError(PICK_FROM_MATCHES, code="pick")
            raise ValidationError(NO_MATCHES, code="no_match", params={"term": str(value)})


class PickerField(_Picking):
    """One row of a large table, chosen by searching ``source`` (see ``PICKER_SOURCES``).

    The queryset given (or set later) is what the form accepts; the source is what the
    search offers."""

    widget: Any = PickerWidget

    def __init__(self, *, source: str, queryset: QuerySet[Any], **kwargs: Any) -> None:
        self.source_name = source
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset=queryset, **kwargs)


class PickerMultipleField(_Picking, forms.ModelMultipleChoiceField):
    """Several rows of a large table, chosen by searching ``source``."""

    widget: Any = PickerMultipleWidget

    def __init__(self, *, source: str, queryset: QuerySet[Any], **kwargs: Any) -> None:
        self.source_name = source
        super().__init__(queryset=queryset, **kwargs)


def as_picker(
    field: forms.Field, *, source: str, queryset: QuerySet[Any] | None = None
) -> PickerField | PickerMultipleField:
    """A picker in place of a model form's generated choice field, with its label, help
    text and requiredness; ``queryset``: what the form accepts (else the field's own)."""
    assert isinstance(field, forms.ModelChoiceField)
    kind = PickerMultipleField if isinstance(field, forms.ModelMultipleChoiceField) else PickerField
    accepted = field.queryset if queryset is None else queryset
    assert accepted is not None
    return kind(
        source=source,
        queryset=accepted,
        label=field.label,
        help_text=field.help_text,
        required=field.required,
        initial=field.initial,
        disabled=field.disabled,
    )


def render_matches(source: PickerSource, rows: Sequence[Any]) -> str:
    """The endpoint's answer: one ``role=option`` item per match."""
    return render_to_string(
        "core/widgets/picker_options.html",
        {"options": [Option(str(row.pk), source.label(row), False) for row in rows]},
    )
