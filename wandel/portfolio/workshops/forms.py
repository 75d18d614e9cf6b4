"""Forms of the workshop pages; the rules themselves live in ``portfolio.workshops``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wandel.core.choices import NameChoiceField, NameMultipleChoiceField
from wandel.core.picker import PickerField, as_picker
from wandel.core.widgets import DateInput
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.workshops.models import Workshop

IDEA_PREFIX = "idea_"


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ("title", "held_on", "units", "participants", "agenda", "dots_per_person")
        field_classes: dict[str, Any] = {"units": NameMultipleChoiceField}
        widgets: dict[str, Any] = {
            "held_on": DateInput,
            "units": forms.SelectMultiple(attrs={"size": 6}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "dots_per_person": forms.NumberInput(attrs={"min": 1, "max": 20}),
        }
        help_texts: dict[str, Any] = {
            "units": _("Hold Ctrl (⌘ on a Mac) to choose several."),
            "dots_per_person": _("How many dots each participant may place on the ideas."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # People who left stay selectable in a workshop they already took part in.
        current = Q(workshops=self.instance) if self.instance.pk else Q(pk__in=[])
        participants = self.fields["participants"]
        self.fields["participants"] = as_picker(
            participants,
            source="people",
            queryset=Person.objects.filter(Q(active=True) | current).distinct(),
        )


class IdeaCaptureForm(forms.ModelForm):
    class Meta:
        model = UseCase
        fields = (
            "title",
            "problem",
            "process",
            "unit",
            "expected_benefit",
            "data_involved",
            "personal_data",
            "capability",
        )
        field_classes: dict[str, Any] = {"unit": NameChoiceField}
        widgets: dict[str, Any] = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 2}),
            "data_involved": forms.Textarea(attrs={"rows": 2}),
        }


class IdeaAddForm(forms.Form):
    use_case = PickerField(source="use-cases", label=_("Use case"), queryset=UseCase.objects.none())

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_case = self.fields["use_case"]
        assert isinstance(use_case, forms.ModelChoiceField)
        use_case.queryset = choices


class BallotForm(forms.Form):
    """One number input per idea; the limit on the sum is checked by ``votes_cast``."""

    def __init__(self, *args: Any, ideas: Sequence[UseCase], limit: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ideas = ideas
        for idea in ideas:
            self.fields[f"{IDEA_PREFIX}{idea.pk}"] = forms.IntegerField(
                label=idea.title,
                min_value=0,
                initial=0,
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": 0, "max": limit, "class": "dots", "style": "width: 5rem"}
                ),
            )

    def rows(self) -> list[tuple[UseCase, forms.BoundField]]:
        return [(idea, self[f"{IDEA_PREFIX}{idea.pk}"]) for idea in self.ideas]

    def dots(self) -> dict[int, int]:
        return {
            int(name.removeprefix(IDEA_PREFIX)): value or 0
            for name, value in self.cleaned_data.items()
            if name.startswith(IDEA_PREFIX)
        }


def dots_placed(data: Any) -> int:
    """The sum of the dots in a (possibly incomplete) ballot, for the live tally."""
    total = 0
    for name, value in data.items():
        if name.startswith(IDEA_PREFIX):
            try:
                total += max(int(value), 0)
            except (TypeError, ValueError):
                continue
    return total
