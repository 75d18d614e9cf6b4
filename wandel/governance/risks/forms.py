"""Forms of the risk register.

The forms check types and lengths; the rules (residual ratings both or neither and not above
the inherent ones …) live in ``risks/services.py`` so that pages and the API refuse the same
things with the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms

from wandel.core.picker import as_picker
from wandel.core.tracking import TrackedStatus
from wandel.core.widgets import DateInput
from wandel.governance.risks.models import Mitigation, Risk
from wandel.governance.risks.services import RISK_FIELDS
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

RATING_CHOICES = [("", "—"), *((str(n), str(n)) for n in range(1, 6))]


def _people() -> Any:
    return Person.objects.filter(active=True)


class RiskForm(forms.ModelForm):
    class Meta:
        model = Risk
        fields = RISK_FIELDS
        widgets: dict[str, Any] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "likelihood": forms.Select(choices=RATING_CHOICES),
            "impact": forms.Select(choices=RATING_CHOICES),
            "residual_likelihood": forms.Select(choices=RATING_CHOICES),
            "residual_impact": forms.Select(choices=RATING_CHOICES),
            "review_on": DateInput,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["use_case"] = as_picker(
            fields["use_case"], source="use-cases", queryset=UseCase.objects.all()
        )
        fields["owner"] = as_picker(fields["owner"], source="people", queryset=_people())


# A mitigation becomes done only by closing it with a note (``mitigation_close``).
OPEN_STATUSES = [
    (value, label) for value, label in TrackedStatus.choices if value != TrackedStatus.DONE
]


class MitigationForm(forms.ModelForm):
    class Meta:
        model = Mitigation
        fields = ("text", "status", "owner", "due_on")
        widgets: dict[str, Any] = {"due_on": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner"] = as_picker(fields["owner"], source="people", queryset=_people())
        fields["status"].choices = OPEN_STATUSES


class MitigationStatusForm(forms.ModelForm):
    class Meta:
        model = Mitigation
        fields = ("status",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["status"].choices = OPEN_STATUSES
