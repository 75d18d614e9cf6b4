"""The `options` tag writes a filter's `<option>`s: values, labels escaped, the chosen one."""

from __future__ import annotations

from dataclasses import dataclass

from django.template import Context, Template


@dataclass
class Unit:
    pk: int
    code: str
    name: str


UNITS = [Unit(1, "HR", "People & <Culture>"), Unit(22, "IT", 'IT "Ops"')]


def rendered(selected: object, value: str) -> str:
    template = Template('{% load wandel %}{% options units selected value "name" %}')
    return template.render(Context({"units": UNITS, "selected": selected, "value": value}))


def test_each_object_becomes_an_option_with_its_value_and_escaped_label():
    assert rendered(None, "pk") == (
        '<option value="1">People &amp; &lt;Culture&gt;</option>'
        '<option value="22">IT &quot;Ops&quot;</option>'
    )


def test_the_option_equal_to_the_chosen_value_is_selected():
    assert rendered(22, "pk") == (
        '<option value="1">People &amp; &lt;Culture&gt;</option>'
        '<option value="22" selected>IT &quot;Ops&quot;</option>'
    )
    assert rendered("HR", "code") == (
        '<option value="HR" selected>People &amp; &lt;Culture&gt;</option>'
        '<option value="IT">IT &quot;Ops&quot;</option>'
    )
    assert " selected" not in rendered("22", "pk")
