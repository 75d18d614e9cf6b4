"""Fields choosing records by name render and validate as Django's model choice fields do,
without a model instance per option."""

from __future__ import annotations

import pytest
from django import forms

from tests.support.personas import make_unit
from wandel.core.choices import NameChoiceField, NameMultipleChoiceField
from wandel.org.models import Unit

pytestmark = pytest.mark.django_db


def _forms(data=None, initial=None):
    class Ours(forms.Form):
        one = NameChoiceField(queryset=Unit.objects.order_by("name"))
        optional = NameChoiceField(queryset=Unit.objects.order_by("name"), required=False)
        many = NameMultipleChoiceField(queryset=Unit.objects.order_by("name"), required=False)

    class Djangos(forms.Form):
        one = forms.ModelChoiceField(queryset=Unit.objects.order_by("name"))
        optional = forms.ModelChoiceField(queryset=Unit.objects.order_by("name"), required=False)
        many = forms.ModelMultipleChoiceField(
            queryset=Unit.objects.order_by("name"), required=False
        )

    return Ours(data=data, initial=initial), Djangos(data=data, initial=initial)


@pytest.fixture
def units():
    return [make_unit(name=name) for name in ("Vertrieb & Service", "<Einkauf>", "Recht")]


def test_the_options_are_djangos_options(units):
    sales, purchasing, law = units
    cases = [
        {},
        {"data": {"one": str(law.pk), "many": [str(sales.pk), str(purchasing.pk)]}},
        {"initial": {"one": sales, "optional": purchasing.pk, "many": [law]}},
    ]
    for case in cases:
        ours, djangos = _forms(**case)
        for name in ("one", "optional", "many"):
            assert ours[name].as_widget() == djangos[name].as_widget()
            assert '<option value="' in ours[name].as_widget()


def test_no_unit_is_built_to_render_the_options(units, django_assert_num_queries, monkeypatch):
    built = []
    original = Unit.from_db
    monkeypatch.setattr(
        Unit, "from_db", classmethod(lambda cls, *a: built.append(1) or original(*a))
    )
    ours, _ = _forms()

    with django_assert_num_queries(1):
        ours["one"].as_widget()

    assert built == []


def test_a_choice_is_validated_against_the_queryset_and_cleans_to_the_record(units):
    sales, _, law = units
    ours, _ = _forms(data={"one": str(sales.pk), "many": [str(law.pk)]})
    assert ours.is_valid(), ours.errors
    assert ours.cleaned_data["one"] == sales
    assert list(ours.cleaned_data["many"]) == [law]

    wrong, _ = _forms(data={"one": "999999"})
    assert not wrong.is_valid()
    assert "one" in wrong.errors


UNIT_FIELDS = [
    ("wandel.org.forms", "UnitForm", "parent"),
    ("wandel.org.forms", "PersonForm", "unit"),
    ("wandel.org.forms", "StakeholderGroupForm", "units"),
    ("wandel.portfolio.use_cases.forms", "UseCaseForm", "unit"),
    ("wandel.portfolio.workshops.forms", "WorkshopForm", "units"),
    ("wandel.portfolio.workshops.forms", "IdeaCaptureForm", "unit"),
]


@pytest.mark.parametrize(("module", "form", "field"), UNIT_FIELDS)
def test_no_form_that_offers_the_units_builds_one_per_option(
    units, monkeypatch, module, form, field
):
    import importlib

    built = []
    original = Unit.from_db
    monkeypatch.setattr(
        Unit, "from_db", classmethod(lambda cls, *a: built.append(1) or original(*a))
    )
    rendered = getattr(importlib.import_module(module), form)()[field].as_widget()

    assert rendered.index("&lt;Einkauf&gt;") < rendered.index("Recht") < rendered.index("Vertrieb")
    assert built == []
