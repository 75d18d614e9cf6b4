"""Forms of budget requests and spending.

The forms check types and lengths; the rules (no spending dated in the future …) live in
``budgets/services.py`` so that pages and the API refuse the same things with the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import as_picker
from wandel.core.widgets import DateInput
from wandel.governance.budgets.models import BudgetRequest, SpendEntry
from wandel.portfolio.use_cases.models import UseCase


class BudgetRequestForm(forms.ModelForm):
    class Meta:
        model = BudgetRequest
        fields = ("use_case", "title", "amount_requested", "justification", "requested_on")
        widgets: dict[str, Any] = {
            "justification": forms.Textarea(attrs={"rows": 3}),
            "requested_on": DateInput,
        }
        help_texts = {
            "title": _("E.g. “GPU hours for the pilot” or “External prompt-engineering coach”.")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["use_case"] = as_picker(
            fields["use_case"], source="use-cases", queryset=UseCase.objects.all()
        )


class SpendForm(forms.ModelForm):
    class Meta:
        model = SpendEntry
        fields = ("spent_on", "amount", "description")
        widgets: dict[str, Any] = {"spent_on": DateInput}
