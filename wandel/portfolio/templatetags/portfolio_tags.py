from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString

from wandel.portfolio.extensions import DetailSection
from wandel.portfolio.use_cases.models import Stage

register = template.Library()

STAGE_TONES = {
    Stage.PRODUCTION: "ok",
    Stage.PILOT: "ok",
    Stage.REJECTED: "bad",
    Stage.RETIRED: "muted",
    Stage.ON_HOLD: "warn",
}


@register.simple_tag
def stage_badge(stage: str) -> SafeString:
    tone = STAGE_TONES.get(Stage(stage), "")
    return format_html('<span class="badge stage {}">{}</span>', tone, Stage(stage).label)


@register.simple_tag(takes_context=True)
def sort_link(context: template.Context, key: str, label: str | Promise) -> SafeString:
    """A column heading that sorts by ``key``, and by its reverse when clicked again."""
    request = context["request"]
    current = request.GET.get("sort", "-total_score")
    params = request.GET.copy()
    params.pop("page", None)
    reverse = key[1:] if key.startswith("-") else f"-{key}"
    params["sort"] = reverse if current == key else key
    marker = ""
    if current == key:
        marker = " ↓" if key.startswith("-") else " ↑"
    elif current == reverse:
        marker = " ↑" if key.startswith("-") else " ↓"
    return format_html('<a href="?{}">{}{}</a>', params.urlencode(), label, marker)


@register.simple_tag(takes_context=True)
def detail_section(context: template.Context, section: DetailSection) -> SafeString:
    """A section of a use case's page (``extensions.DETAIL_SECTIONS``): its template with the
    page's context and the section's own on top, as ``{% include %}`` would."""
    engine = context.template.engine if context.template else template.Engine.get_default()
    included = engine.get_template(section.template)
    with context.push(**section.context):
        return included.render(context)
