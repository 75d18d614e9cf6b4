"""Forms of the self-assessment (one scale per topic of the course) and of the session
evaluation (four short questions). The rules live in ``services`` and ``rules``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.enablement.assessment import rules
from wandel.enablement.assessment.models import EvaluationQuestion


class SelfAssessmentForm(forms.Form):
    """One 1–5 scale per topic of the course, named by the topic."""

    def __init__(self, *args: Any, topics: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for topic, label in topics:
            self.fields[topic] = forms.TypedChoiceField(
                label=label,
                choices=rules.LEVELS,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def levels(self) -> dict[str, int]:
        return dict(self.cleaned_data)


class EvaluationForm(forms.Form):
    overall = forms.ChoiceField(
        label=EvaluationQuestion.OVERALL.label,
        choices=rules.SCALE,
        widget=forms.RadioSelect,
    )
    useful = forms.ChoiceField(
        label=EvaluationQuestion.USEFUL.label,
        choices=rules.SCALE,
        widget=forms.RadioSelect,
    )
    pace = forms.ChoiceField(
        label=EvaluationQuestion.PACE.label, choices=rules.PACE, widget=forms.RadioSelect
    )
    recommend = forms.ChoiceField(
        label=EvaluationQuestion.RECOMMEND.label,
        choices=rules.YES_NO,
        widget=forms.RadioSelect,
        help_text=_("Your answers are only counted, never stored with your name."),
    )
