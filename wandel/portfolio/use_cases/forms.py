from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.choices import NameChoiceField, NameMultipleChoiceField
from wandel.core.picker import PickerField, PickerMultipleField
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.lifecycle import allowed_moves
from wandel.portfolio.use_cases.models import Criterion, Stage, UseCase
from wandel.portfolio.use_cases.permissions import can_move
from wandel.portfolio.use_cases.queries import owners
from wandel.portfolio.use_cases.services import USE_CASE_FIELDS

PERSONAL_DATA_HELP = _(
    "Tick this if it works with anything about people who can be identified: names, e-mail "
    "addresses, customer or employee records, tickets or chats that name someone. Unsure? "
    "Tick it; the data-protection officer checks."
)
CAPABILITY_HELP = _(
    "What the AI mainly does for you. Unsure? Choose “Other”; the portfolio team sorts it."
)


class UseCaseForm(forms.ModelForm):
    required_css_class = "required"

    class Meta:
        model = UseCase
        fields = USE_CASE_FIELDS
        field_classes: dict[str, Any] = {"unit": NameChoiceField}
        widgets: dict[str, Any] = {
            "problem": forms.Textarea(attrs={"rows": 3}),
            "expected_benefit": forms.Textarea(attrs={"rows": 2}),
            "data_involved": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        self.fields["personal_data"].help_text = PERSONAL_DATA_HELP
        self.fields["capability"].help_text = CAPABILITY_HELP


class MoveForm(forms.Form):
    """Offers the moves the lifecycle allows; any stage is accepted so that the lifecycle,
    not the form, explains why a move is not possible."""

    to = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, use_case: UseCase, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].widget.choices = [
            (s.value, s.label)
            for s in allowed_moves(use_case.stage, use_case.paused_from)
            if can_move(user, use_case, s)
        ]


class TeamForm(forms.Form):
    product_owner = PickerField(
        source="product-owners",
        label=_("Product owner"),
        queryset=Person.objects.none(),
        required=False,
    )
    team = PickerMultipleField(
        source="people", label=_("Team members"), queryset=Person.objects.none(), required=False
    )
    linked_units = NameMultipleChoiceField(
        label=_("Linked units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, may_change_owner: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["product_owner"]
        team = self.fields["team"]
        units = self.fields["linked_units"]
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelMultipleChoiceField)
        assert isinstance(units, forms.ModelMultipleChoiceField)
        owner.queryset = owners()
        owner.disabled = not may_change_owner
        team.queryset = Person.objects.filter(active=True)
        units.queryset = Unit.objects.order_by("name")


class ScoreForm(forms.Form):
    """One score (1–5) and a rationale per active criterion."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], initial_scores: dict[int, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            stored = initial_scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                choices=[(i, str(i)) for i in range(1, 6)],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=stored.value if stored else None,
            )
            self.fields[f"rationale_{criterion.pk}"] = forms.CharField(
                label=_("Rationale"),
                max_length=500,
                required=False,
                initial=stored.rationale if stored else "",
            )

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.pk}"], self[f"rationale_{c.pk}"]) for c in self.criteria]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for criterion in self.criteria:
            score = data.get(f"score_{criterion.pk}")
            rationale = (data.get(f"rationale_{criterion.pk}") or "").strip()
            if score and not rationale:
                self.add_error(
                    f"rationale_{criterion.pk}", _("Give a short rationale for this score.")
                )
        return data

    def given(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"rationale_{c.pk}"])
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.pk}")
        }


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = (
            "group",
            "name_en",
            "name_de",
            "low_en",
            "low_de",
            "high_en",
            "high_de",
            "weight",
            "veto_at",
            "active",
        )
