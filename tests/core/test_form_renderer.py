"""Widgets and labels written in Python are what Django's templates write, character for
character."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import django
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from wandel.core import form_renderer
from wandel.core.form_renderer import FormRenderer

CHOICES = [
    ("", "---------"),
    ("a", "Plain"),
    ("b&c", 'Quotes " and <tags> & ampersands'),
    (3, mark_safe("<b>Safe</b>")),
    ("Group <1>", [("g1", "In a group"), ("g2", "Also")]),
]


class Everything(forms.Form):
    radio = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "c"})
    )
    flat = forms.ChoiceField(
        choices=[("x", "X"), ("y", "Y & Z")], required=False, widget=forms.RadioSelect
    )
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
    [
        {},
        {
            "one": "b&c",
            "many": ["a", "g2"],
            "described": "3",
            "radio": "g1",
            "boxes": ["b&c", "3"],
            "flat": "y",
        },
        {"one": "nothing", "radio": "nothing"},
    ],
    ids=["empty", "chosen", "invalid"],
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
@pytest.mark.parametrize("name", ["one", "many", "described", "radio", "boxes", "flat"])
def test_selects_radios_and_checkboxes_are_written_as_djangos_templates_write_them(
    data, auto_id, name
):
    def rendered(renderer):
        field = Everything(data=data or None, auto_id=auto_id, renderer=renderer)[name]
        # The whole list, and each choice on its own as a template iterating over it has it.
        return field.as_widget(), [str(choice) for choice in field]

    assert rendered(FormRenderer()) == rendered(DjangoTemplates())


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


class Inputs(forms.Form):
    required_css_class = "needed"

    text = forms.CharField(max_length=20, help_text="Help")
    email = forms.EmailField(required=False, label="E-mail <address>")
    number = forms.DecimalField(required=False, label=mark_safe("<i>Amount</i>"))
    whole = forms.IntegerField(required=False, label="Whole?")
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False)
    url = forms.URLField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    search = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"type": "search", "data-q": 'x"y'})
    )
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    flag = forms.BooleanField(required=False, label="")
    colour = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "color"}))
    phone = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "tel"}))
    upload = forms.FileField(required=False)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "readonly": True, "disabled": False}),
    )


INPUT_DATA = {
    "text": 'Quotes " and <tags> & ampersands',
    "email": "a@example.com",
    "number": "12.50",
    "whole": "x",
    "date": "2026-12-06",
    "when": "2026-12-06 10:00",
    "time": "10:00",
    "url": "https://example.com/?a=1&b=2",
    "secret": "<p>",
    "search": "",
    "hidden": "h&idden",
    "flag": "on",
    "colour": "#ff0000",
    "phone": "+49 30 1234",
    "note": "\nFirst line\n<script>alert(1)</script>",
}
INPUT_INITIAL = {
    "text": mark_safe("<b>safe</b>"),
    "number": Decimal("3.5"),
    "whole": 7,
    "date": datetime.date(2026, 1, 2),
    "when": datetime.datetime(2026, 1, 2, 3, 4),
    "flag": True,
    "note": "",
}


@pytest.mark.parametrize(
    ("data", "initial", "auto_id"),
    [
        (None, None, "id_%s"),
        (INPUT_DATA, None, "id_%s"),
        (None, INPUT_INITIAL, "id_%s"),
        (None, INPUT_INITIAL, False),
    ],
    ids=["empty", "bound", "initial", "without-ids"],
)
@pytest.mark.parametrize("name", list(Inputs.base_fields))
def test_inputs_and_labels_are_written_as_djangos_templates_write_them(
    data, initial, auto_id, name
):
    def rendered(renderer):
        field = Inputs(data=data, initial=initial, auto_id=auto_id, renderer=renderer)[name]
        return (
            field.as_widget(),
            field.label_tag(),
            field.label_tag(attrs={"class": "x", "hidden": True}, label_suffix=":"),
            field.legend_tag(),
            field.label_tag(contents=" spaced "),
        )

    assert rendered(FormRenderer()) == rendered(DjangoTemplates())


def test_the_templates_written_in_python_are_djangos_own():
    """Should the renderer ever look in the project's templates first (Django's
    TemplatesSetting does) and the project override one of these, the Python copy would
    be wrong: this fails then."""
    django_forms = Path(django.__file__).parent / "forms" / "templates"
    names = {
        form_renderer.SELECT,
        form_renderer.OPTION,
        form_renderer.TEXTAREA,
        form_renderer.LABEL,
        *form_renderer.INPUT_KINDS,
        *form_renderer.CHOICE_OPTIONS,
        *form_renderer.CHOICE_LISTS,
    }

    for name in sorted(names):
        origin = Path(FormRenderer().get_template(name).origin.name)
        assert origin.is_relative_to(django_forms), name


def test_none_of_these_reaches_the_template_engine(monkeypatch):
    """The point of it: forms made of these widgets render without a template."""
    engine_renders = []
    monkeypatch.setattr(
        DjangoTemplates, "render", lambda self, name, *args, **kw: engine_renders.append(name)
    )
    form = Everything(data={"radio": "g1"}, renderer=FormRenderer())
    inputs = Inputs(data=INPUT_DATA, renderer=FormRenderer())

    for name in ("one", "many", "described", "radio", "boxes", "flat"):
        form[name].as_widget()
        [str(choice) for choice in form[name]]
    for name in Inputs.base_fields:
        inputs[name].as_widget()
        inputs[name].label_tag()

    # A file field's "currently: … clear" widget is rare enough to keep its template.
    assert engine_renders == ["django/forms/widgets/clearable_file_input.html"]


# What core/form_fields.html was as a template, before the tag wrote it in Python.
FORM_FIELDS_TEMPLATE = """{% load i18n %}{% if form.non_field_errors %}<div class="errors" role="alert">{{ form.non_field_errors }}</div>{% endif %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
{% for field in form.visible_fields %}
<div class="field{% if field.errors %} has-error{% endif %}">
  {{ field.label_tag }}
  {{ field }}
  {% if field.help_text %}<small class="help" id="{{ field.auto_id }}_helptext">{{ field.help_text }}</small>{% endif %}
  {% if field.errors %}<div class="errors" role="alert">{{ field.errors }}</div>{% endif %}
</div>
{% endfor %}
"""  # noqa: E501 (the template as it was, line for line)


class WithEverythingAround(forms.Form):
    title = forms.CharField(help_text='Say "what" & <why>', max_length=10)
    note = forms.CharField(required=False, widget=forms.Textarea)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    other = forms.CharField(widget=forms.HiddenInput, initial="a<b")
    when = forms.DateField(required=False, help_text=mark_safe("<em>safe</em>"))

    def clean(self):
        raise forms.ValidationError("The whole form <is> wrong.")


@pytest.mark.parametrize(
    "data", [None, {"title": "far too long a title", "when": "no date"}, {"title": "ok"}]
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_the_form_fields_tag_writes_what_the_template_wrote(data, auto_id):
    from django.template import Context, Template

    form = WithEverythingAround(data=data, auto_id=auto_id)
    expected = Template(FORM_FIELDS_TEMPLATE).render(Context({"form": form}))
    page = Template("{% include 'core/form_fields.html' %}").render(Context({"form": form}))
    assert page == expected
    if data:
        assert "The whole form &lt;is&gt; wrong." in page
        assert ('class="field has-error"' in page) == ("when" in data)
    assert "Say &quot;what&quot; &amp; &lt;why&gt;" in page
    assert "<em>safe</em>" in page
