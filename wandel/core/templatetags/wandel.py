from __future__ import annotations

from typing import Any

from django import template
from django.utils.functional import Promise

from wandel.core.audit import action_label
from wandel.core.tracking import ClosingForm, TrackedItem

register = template.Library()


@register.filter(name="action_label")
def action_label_filter(action: str) -> str | Promise:
    """The translated name of an audit action, or the action itself if no app named it."""
    return action_label(action)


@register.inclusion_tag("core/closing_form.html", takes_context=True)
def closing_form(
    context: template.Context, item: TrackedItem, action: str, button: str
) -> dict[str, Any]:
    """The form that closes ``item`` by posting to ``action``; its fields' ids name the item,
    so a page can show one for each of its items."""
    key = f"close-{item._meta.model_name}-{item.pk}"
    return {
        "csrf_token": context.get("csrf_token"),
        "form": ClosingForm(auto_id=f"{key}-%s"),
        "action": action,
        "button": button,
        "key": key,
    }
