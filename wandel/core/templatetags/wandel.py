from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils.formats import localize, number_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from wandel.core.audit import action_label
from wandel.core.audit_display import Change, readable_changes
from wandel.core.charts.heat import HeatCell
from wandel.core.charts.line import LineChart, LineLabels, line_chart_svg
from wandel.core.charts.scatter import Cluster
from wandel.core.form_renderer import form_fields_html
from wandel.core.models import AuditEvent
from wandel.core.tracking import ClosingForm, TrackedItem

register = template.Library()


@register.filter(name="action_label")
def action_label_filter(action: str) -> str | Promise:
    """The translated name of an audit action, or the action itself if no app named it."""
    return action_label(action)


@register.filter
def money(amount: Any, places: int = 2) -> str:
    """An amount in euros as the reader writes it: 22.000,00 € in German, €22,000.00 in
    English; empty for no amount."""
    if amount is None or amount == "":
        return ""
    # Rounded half up first: Django's number_format cuts the digits it does not show.
    rounded = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    number = number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)
    return gettext("€%(amount)s") % {"amount": number}


@register.filter(name="readable_changes")
def readable_changes_filter(event: AuditEvent) -> list[Change]:
    """An audit event's changes in words, in the reader's language (``core.audit_display``)."""
    return readable_changes(event.target_type, event.changes or {})


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


@register.simple_tag
def options(choices: Iterable[Any], selected: object, value: str, label: str) -> SafeString:
    """The ``<option>``s of a filter's select, one per object, its ``value`` and ``label``
    attributes written out and the one equal to ``selected`` selected. Written in Python:
    a template loop over the 400 units of a large organisation took half the page's time."""
    parts = []
    for choice in choices:
        key = getattr(choice, value)
        chosen = " selected" if key == selected else ""
        # html.escape is what Django's escape calls, without a SafeString per call.
        parts.append(
            f'<option value="{html.escape(str(key))}"{chosen}>'
            f"{html.escape(str(getattr(choice, label)))}</option>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (values and labels are escaped)


@register.simple_tag
def chart_clusters(clusters: Iterable[Cluster]) -> SafeString:
    """The circles of a clustered scatter chart (``core/charts/scatter.html``), each with its
    tooltip and count. Written in Python: a template loop over a hundred clusters, with a
    translated tooltip each, took most of the matrix's time."""
    return mark_safe(  # noqa: S308 (the tooltip and class are escaped, the rest are numbers)
        "".join(
            f'<g class="cluster"><title>{conditional_escape(c.title)}</title>'
            f'<circle cx="{c.x}" cy="{c.y}" r="{c.r}" class="{conditional_escape(c.css_class)}"/>'
            f'<text x="{c.x}" y="{c.y}" class="cluster-count" dominant-baseline="central">'
            f"{c.count}</text></g>"
            for c in clusters
        )
    )


@register.simple_tag
def line_chart(chart: LineChart, chart_id: str, labels: LineLabels) -> SafeString:
    """A line chart over time (``core.charts.line``) as an SVG image."""
    return line_chart_svg(chart, chart_id, labels)


@register.simple_tag
def form_fields(form: Any) -> SafeString:
    """A form's fields with their labels, help texts and errors (``core/form_fields.html``)."""
    return form_fields_html(form)


@register.simple_tag
def heat_cells(cells: Iterable[HeatCell[Any]]) -> SafeString:
    """The cells of a heat grid (``core/charts/heat_grid.html``): a link or a group each,
    with its tooltip, data attributes, square and count. Written in Python, as the
    clusters above: a template block per cell cost more than the rest of the grid."""
    parts = []
    for cell in cells:
        selected = " selected" if cell.selected else ""
        if cell.url:
            current = ' aria-current="true"' if cell.selected else ""
            parts.append(f'<a href="{html.escape(cell.url)}"{current}')
        else:
            parts.append("<g")
        data = "".join(
            f' data-{html.escape(name)}="{html.escape(str(value))}"' for name, value in cell.data
        )
        parts.append(
            f' class="heat-cell {html.escape(cell.level.css_class)}{selected}"{data}'
            f' data-count="{cell.count}">'
            f"<title>{html.escape(cell.title)}</title>"
            f'<rect x="{cell.x}" y="{cell.y}" width="{cell.size}" height="{cell.size}"/>'
        )
        if cell.count:
            parts.append(
                f'<text x="{cell.centre_x}" y="{cell.centre_y}" dominant-baseline="central">'
                f"{localize(cell.count, use_l10n=True)}</text>"
            )
        parts.append("</a>" if cell.url else "</g>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
