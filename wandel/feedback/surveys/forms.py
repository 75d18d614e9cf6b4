"""Forms of those who run surveys: a survey from a template, and a wave's dates. The
answering page reads its answers itself (one field per question, named by its key)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import anonymity_floor
from wandel.core.widgets import DateInput
from wandel.feedback.surveys import catalogue
from wandel.feedback.surveys.models import Distribution
from wandel.org.models import Unit

LEVEL_HELP = _(
    "0: not by unit; 1: by the units right below the top of the tree (the divisions); "
    "2: one level further down, and so on."
)


class SurveyCreateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"))
    title_en = forms.CharField(
        label=_("Title (English)"),
        max_length=200,
        required=False,
        help_text=_("Empty: the template's title."),
    )
    title_de = forms.CharField(
        label=_("Title (German)"),
        max_length=200,
        required=False,
        help_text=_("Empty: the template's title."),
    )
    target_units = forms.ModelMultipleChoiceField(
        label=_("Target units"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        help_text=_("Everyone in these units and below; everyone when none is chosen."),
        widget=forms.CheckboxSelectMultiple,
    )
    distribution = forms.ChoiceField(label=_("Distribution"), choices=Distribution.choices)
    min_group = forms.IntegerField(label=_("Minimum group size"), min_value=2, max_value=1000)
    unit_level = forms.IntegerField(
        label=_("Break down by unit level"),
        min_value=0,
        max_value=5,
        initial=1,
        help_text=LEVEL_HELP,
    )
    by_role = forms.BooleanField(label=_("Break down by role"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        german = (get_language() or "").startswith("de")
        fields["template"].choices = [
            (key, spec.title_de if german else spec.title_en)
            for key, spec in catalogue.templates().items()
        ]
        floor = anonymity_floor()
        fields["min_group"].initial = floor
        fields["min_group"].help_text = _("At least %(floor)d.") % {"floor": floor}


class WavePlanForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100, required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput)
