"""Forms for quality requirements, KPIs, measurements and comments of a use case.

The forms only check types and lengths; the rules (evidence for a result, a target that
differs from the baseline, no measurement before the baseline …) live in ``measures.py``
so that pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.widgets import DateInput
from wandel.portfolio.measures.models import (
    Comment,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)


class RequirementForm(forms.ModelForm):
    class Meta:
        model = QualityRequirement
        fields = ("text",)
        help_texts = {
            "text": _(
                "What the outputs must achieve, e.g. “≥ 90 % of answers rated correct on the "
                "50-question test set” or “no personal data in generated text”."
            )
        }


class RequirementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Result"), choices=RequirementStatus.choices)
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How it was tested and what came out. Needed for “met” and “not met”."),
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=200, assume_scheme="https"
    )
    evidence_date = forms.DateField(label=_("Tested on"), required=False, widget=DateInput)


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = (
            "name",
            "unit_of_measure",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "measure_every",
        )
        widgets: dict[str, Any] = {"baseline_date": DateInput, "target_date": DateInput}
        help_texts = {
            "name": _("E.g. “Average handling time of a support ticket”."),
            "unit_of_measure": _("E.g. minutes, %, tickets per day."),
        }


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = KpiMeasurement
        fields = ("measured_on", "value", "note")
        widgets: dict[str, Any] = {"measured_on": DateInput}
        help_texts = {
            "measured_on": _("One value per day: recording a day again replaces its value.")
        }


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("text",)
        widgets: dict[str, Any] = {"text": forms.Textarea(attrs={"rows": 3})}
