"""Selects written in Python are what Django's templates write, character for character."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from wandel.core.form_renderer import FormRenderer

CHOICES = [
    ("", "---------"),
    ("a", "Plain"),
    ("b&c", 'Quotes " and <tags> & ampersands'),
    (3, mark_safe("<b>Safe</b>")),
    ("Group <1>", [("g1", "In a group"), ("g2", "Also")]),
]


class Everything(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    described = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.Select(
            attrs={"class": "wide", "data-x": 'a"b', "disabled": True, "hidden": False}
        ),
    )


@pytest.mark.parametrize(
    "data",
    [{}, {"one": "b&c", "many": ["a", "g2"], "described": "3"}, {"one": "nothing"}],
    ids=["empty", "chosen", "invalid"],
)
@pytest.mark.parametrize("name", ["one", "many", "described"])
def test_a_select_is_written_as_djangos_templates_write_it(data, name):
    ours = Everything(data=data or None, renderer=FormRenderer())[name].as_widget()
    django = Everything(data=data or None, renderer=DjangoTemplates())[name].as_widget()

    assert ours == django


def test_the_project_renders_forms_with_it(settings):
    assert settings.FORM_RENDERER == "wandel.core.form_renderer.FormRenderer"
    assert isinstance(Everything().renderer, FormRenderer)


def test_a_select_with_other_option_templates_goes_through_the_templates():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    html = Special(choices=[("x", "X")]).render("s", "x", renderer=FormRenderer())

    # Django's input_option template writes a label and an input, not an <option>.
    assert "<option" not in html
    assert 'value="x"' in html
