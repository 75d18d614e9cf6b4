from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from wandel.governance.decisions.models import Decision
from wandel.governance.decisions.table import decision_rows_html

register = template.Library()


@register.simple_tag
def decision_rows(decisions: Iterable[Decision]) -> SafeString:
    """The rows of the decision register's table (``governance.decisions.table``)."""
    return decision_rows_html(decisions)
