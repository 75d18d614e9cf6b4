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
from wandel.governance.reviews.codetermination.models import CouncilInvolvement

YES_NO = ((True, _("Yes")), (False, _("No")))


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

    def _post_clean(self) -> None:
        # The service validates and saves; the model's own checks would only repeat its
        # rules with less helpful messages.
        pass
