"""How forms are rendered: Django's own form templates, written in Python.

The template engine takes about a tenth of a millisecond per include (a context, the
attributes' loop), so a form or filter offering the 400 units of a large organisation spent
most of its 50 ms in `<option>` templates, and a review checklist of 40 questions spent half
its time on labels and inputs. ``FormRenderer`` writes the templates forms use most — the
select and its options, every `<input>` kind, the textarea and the label — in Python instead,
character for character what Django's templates write (``tests/core/test_form_renderer.py``
holds them side by side for every kind, and fails if the project ever overrides one of these
templates). Everything else, and any select whose options use another template, goes through
the templates as before. ``form_fields_html`` writes the project's own field wrapper
(``core/form_fields.html``: label, widget, help text and errors per field) the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
SELECT = f"{WIDGETS}select.html"
OPTION = f"{WIDGETS}select_option.html"
TEXTAREA = f"{WIDGETS}textarea.html"
# A radio button or checkbox with its label, on its own (a form iterating over a field's
# choices) or as part of the list of them.
CHOICE_OPTIONS = frozenset(
    f"{WIDGETS}{name}.html" for name in ("radio_option", "checkbox_option", "input_option")
)
CHOICE_LISTS = frozenset(f"{WIDGETS}{name}.html" for name in ("radio", "checkbox_select"))
LABEL = "django/forms/label.html"
# Templates that are nothing but ``{% include "django/forms/widgets/input.html" %}`` (and a
# line break, which the renderer strips as it strips every template's output).
INPUT_KINDS = frozenset(
    f"{WIDGETS}{kind}.html"
    for kind in (
        "input",
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


class FormRenderer(DjangoTemplates):
    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        write = _written_in_python(template_name, context)
        if write is not None:
            return write(context)
        return super().render(template_name, context, request)


def _written_in_python(
    template_name: str, context: dict[str, Any]
) -> Callable[[dict[str, Any]], str] | None:
    if template_name == LABEL:
        return label_html
    widget = context.get("widget")
    if widget is None:
        return None
    if template_name in INPUT_KINDS:
        return lambda context: input_html(context["widget"])
    if template_name == TEXTAREA:
        return lambda context: textarea_html(context["widget"])
    if template_name in CHOICE_OPTIONS:
        return lambda context: choice_html(context["widget"]).strip()
    if template_name in CHOICE_LISTS and _plain_options(widget, CHOICE_OPTIONS):
        return lambda context: choice_list_html(context["widget"])
    if template_name == OPTION:
        return lambda context: option_html(context["widget"])
    if template_name == SELECT and _plain_options(widget, {OPTION}):
        return lambda context: select_html(context["widget"])
    return None


def _plain_options(widget: dict[str, Any], templates: Collection[str]) -> bool:
    return all(
        option["template_name"] in templates
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _text(value: Any) -> str:
    """What ``{{ value }}`` and ``{{ value|stringformat:'s' }}`` write for a widget's value."""
    return conditional_escape(str(value))


def attrs_html(attrs: dict[str, Any]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> SafeString:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>"
    )


def textarea_html(widget: dict[str, Any]) -> SafeString:
    text = _text(widget["value"]) if widget["value"] else ""
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<textarea name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>\n{text}</textarea>'
    )


def choice_html(option: dict[str, Any]) -> str:
    """A radio button or checkbox as ``radio_option.html`` writes it when included: the
    input and its line break inside the label, then the line breaks of both templates."""
    html = input_html(option) + "\n"
    if option["wrap_label"]:
        target = option["attrs"].get("id")
        label_for = f' for="{_text(target)}"' if target else ""
        html = f"<label{label_for}>{html} {_text(option['label'])}</label>"
    return html + "\n\n"


def choice_list_html(widget: dict[str, Any]) -> SafeString:
    attrs = widget["attrs"]
    div_id = f' id="{_text(attrs["id"])}"' if attrs.get("id") else ""
    div_class = f' class="{_text(attrs["class"])}"' if attrs.get("class") else ""
    parts = [f"<div{div_id}{div_class}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        parts.extend(f"<div>\n    {choice_html(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return mark_safe("".join(parts))  # noqa: S308 (every value is escaped)


def label_html(context: dict[str, Any]) -> SafeString:
    label = _text(context["label"])
    if not context["use_tag"]:
        return mark_safe(label.strip())  # noqa: S308 (escaped)
    tag = _text(context["tag"])
    return mark_safe(  # noqa: S308 (every value is escaped)
        f"<{tag}{attrs_html(context['attrs'])}>{label}</{tag}>"
    )


def option_html(option: dict[str, Any]) -> str:
    return (
        f'<option value="{_text(option["value"])}"{attrs_html(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    parts = [f'<select name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        parts.extend(f"\n  {option_html(option)}\n" for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def form_fields_html(form: Any) -> SafeString:
    """``core/form_fields.html`` written in Python (see the module): the form's errors, its
    hidden fields, then each visible field with its label, help text and errors, character
    for character as the template wrote them."""
    parts = []
    errors = form.non_field_errors()
    if errors:
        parts.append(f'<div class="errors" role="alert">{conditional_escape(errors)}</div>')
    parts.append("\n")
    parts.extend(conditional_escape(field) for field in form.hidden_fields())
    parts.append("\n")
    for field in form.visible_fields():
        errors = field.errors
        help_text = field.help_text
        parts.append(
            f'\n<div class="field{" has-error" if errors else ""}">\n'
            f"  {conditional_escape(field.label_tag())}\n"
            f"  {conditional_escape(field)}\n  "
        )
        if help_text:
            parts.append(
                f'<small class="help" id="{conditional_escape(field.auto_id)}_helptext">'
                f"{conditional_escape(help_text)}</small>"
            )
        parts.append("\n  ")
        if errors:
            parts.append(f'<div class="errors" role="alert">{conditional_escape(errors)}</div>')
        parts.append("\n</div>\n")
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
