"""Forms of the works council's involvement in a use case.

The forms only shape the input; the rules live in the services, so that the API follows
them too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.widgets import DateInput
from wandel.governance.reviews.codetermination.models import AgreementStatus, CouncilInvolvement

YES_NO = ((True, _("Yes")), (False, _("No")))
FOLLOWS_FROM_ANSWER = _("As the answer above implies (in negotiation if yes, not needed if no)")


def _yes(value: object) -> bool:
    return value in (True, "True", "true", "1")


class CouncilInvolvementForm(forms.ModelForm):
    monitoring_capable = forms.TypedChoiceField(
        label=capfirst(CouncilInvolvement._meta.get_field("monitoring_capable").verbose_name),
        help_text=CouncilInvolvement._meta.get_field("monitoring_capable").help_text,
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = CouncilInvolvement
        fields = (
            "monitoring_capable",
            "information_given_on",
            "consultation_notes",
            "agreement_status",
            "agreement_reference",
            "agreement_clauses",
        )
        widgets: dict[str, Any] = {
            "information_given_on": DateInput,
            "consultation_notes": forms.Textarea(attrs={"rows": 4}),
            "agreement_clauses": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # A first assessment is the council's own answer: nothing is chosen for it. The
            # works agreement's state follows from the answer unless given (the service).
            status = self.fields["agreement_status"]
            status.required = False
            status.choices = [("", FOLLOWS_FROM_ANSWER), *AgreementStatus.choices]  # type: ignore[attr-defined]
            self.initial["agreement_status"] = ""
            self.initial.pop("monitoring_capable", None)

    def clean_agreement_status(self) -> str | None:
        return self.cleaned_data.get("agreement_status") or None

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own checks would only repeat its
        # rules with less helpful messages.
        pass
