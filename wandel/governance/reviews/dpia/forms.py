"""Forms of the DPIA threshold check and the DPIA.

The forms only shape the input; the rules live in the services, so that the API follows
them too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import as_picker
from wandel.core.widgets import DateInput
from wandel.governance.reviews.dpia.criteria import ALL_CRITERIA, Decision, DpiaCriterion
from wandel.governance.reviews.dpia.models import DPIA_FIELDS, DPIA_SECTIONS, Dpia
from wandel.org.models import Person


class DpiaCheckForm(forms.Form):
    """Yes or no for each WP248 criterion and DSK must-list item, the decision and why."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in ALL_CRITERIA:
            self.fields[criterion.key] = forms.BooleanField(
                label=criterion.title, help_text=criterion.help, required=False
            )
        self.fields["decision"] = forms.ChoiceField(
            label=_("Decision"),
            choices=Decision.choices,
            initial=Decision.RULE,
            required=False,
            widget=forms.RadioSelect,
            help_text=_(
                "Two WP248 criteria require a DPIA “in most cases”: you may document why this "
                "processing is nonetheless not likely to result in a high risk, or why one "
                "criterion is enough. A DSK must-list item always requires a DPIA."
            ),
        )
        self.fields["rationale"] = forms.CharField(
            label=_("Rationale"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Why the criteria apply or not; required for a decision that departs from them."
            ),
        )

    def decision(self) -> str:
        return str(self.cleaned_data.get("decision") or Decision.RULE)

    def rationale(self) -> str:
        return str(self.cleaned_data.get("rationale") or "")

    def criteria(self) -> list[tuple[DpiaCriterion, forms.BoundField]]:
        return [(criterion, self[criterion.key]) for criterion in ALL_CRITERIA]

    def answers(self) -> dict[str, bool]:
        return {criterion.key: bool(self.cleaned_data[criterion.key]) for criterion in ALL_CRITERIA}


class DpiaForm(forms.ModelForm):
    class Meta:
        model = Dpia
        fields = DPIA_FIELDS
        widgets: dict[str, Any] = {
            **{name: forms.Textarea(attrs={"rows": 5}) for name in DPIA_SECTIONS},
            "review_on": DateInput,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["controller"] = as_picker(
            self.fields["controller"], source="people", queryset=Person.objects.filter(active=True)
        )
