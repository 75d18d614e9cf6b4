from __future__ import annotations

from django import template
from django.utils.functional import Promise

from wandel.core.audit import action_label

register = template.Library()


@register.filter(name="action_label")
def action_label_filter(action: str) -> str | Promise:
    """The translated name of an audit action, or the action itself if no app named it."""
    return action_label(action)
