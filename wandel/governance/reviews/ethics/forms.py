"""Forms of the ethics checklist and ethics reviews.

The forms only shape the input; the rules live in the services, so that the API follows
them too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import PickerField
from wandel.core.widgets import DateInput
from wandel.governance.reviews.ethics.checklist import CHECKLIST_FIELDS
from wandel.governance.reviews.ethics.models import (
    EthicsAnswer,
    EthicsAssessment,
    EthicsChecklistItem,
    EthicsOutcome,
)
from wandel.governance.reviews.ethics.queries import ChecklistRow
from wandel.governance.reviews.ethics.services import AnswerInput
from wandel.org.models import Person


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = EthicsChecklistItem
        fields = CHECKLIST_FIELDS
        widgets: dict[str, Any] = {
            "text_en": forms.Textarea(attrs={"rows": 2}),
            "text_de": forms.Textarea(attrs={"rows": 2}),
            "help_en": forms.Textarea(attrs={"rows": 2}),
            "help_de": forms.Textarea(attrs={"rows": 2}),
        }


ChecklistFormSet = forms.modelformset_factory(
    EthicsChecklistItem, form=ChecklistItemForm, extra=1, can_delete=False
)


class EthicsReviewForm(forms.Form):
    """One assessment and note per checklist item, the reasons and outcome, and optionally
    a new condition, all in one form so that nothing typed is lost between steps."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("— choose when completing —")), *EthicsOutcome.choices],
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the board comes to this outcome; shown to everyone who sees the review."),
    )
    condition_text = forms.CharField(
        label=_("New condition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What must be done for the approval to hold."),
    )
    condition_owner = PickerField(
        source="people",
        label=_("Owner of the condition"),
        queryset=Person.objects.none(),
        required=False,
    )
    condition_due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)

    def __init__(self, *args: Any, rows: list[ChecklistRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows_given = rows
        owner = self.fields["condition_owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = Person.objects.filter(active=True)
        for row in rows:
            answer: EthicsAnswer | None = row.answer
            self.fields[f"assessment_{row.item.pk}"] = forms.ChoiceField(
                label=row.item.text,
                choices=EthicsAssessment.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.assessment if answer else None,
            )
            self.fields[f"note_{row.item.pk}"] = forms.CharField(
                label=_("Note"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "",
            )

    def rows(self) -> list[tuple[ChecklistRow, forms.BoundField, forms.BoundField]]:
        return [
            (row, self[f"assessment_{row.item.pk}"], self[f"note_{row.item.pk}"])
            for row in self.rows_given
        ]

    def answers(self) -> dict[int, AnswerInput]:
        return {
            row.item.pk: AnswerInput(
                self.cleaned_data[f"assessment_{row.item.pk}"],
                self.cleaned_data[f"note_{row.item.pk}"],
            )
            for row in self.rows_given
            if self.cleaned_data.get(f"assessment_{row.item.pk}")
        }

    def new_condition(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not (data["condition_text"] or data["condition_owner"] or data["condition_due_on"]):
            return None
        return {
            "text": data["condition_text"],
            "owner": data["condition_owner"],
            "due_on": data["condition_due_on"],
        }
