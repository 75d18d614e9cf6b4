from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from wandel.org.models import AdkarStage, StakeholderGroup
from wandel.org.stakeholders import strategy

register = template.Library()


@register.simple_tag
def quadrant(group: StakeholderGroup) -> str | Promise:
    return strategy(power=group.power, interest=group.interest).label


@register.simple_tag
def adkar(stage: str) -> SafeString:
    values = [value for value, _label in AdkarStage.choices]
    return SafeString(
        render_to_string(
            "org/_adkar.html",
            {
                "adkar_stages": AdkarStage.choices,
                "stage": stage,
                "stage_index": values.index(stage) if stage in values else -1,
            },
        )
    )
