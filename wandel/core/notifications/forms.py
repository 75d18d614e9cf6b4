from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.models import EmailChoice


class SettingsForm(forms.Form):
    email = forms.ChoiceField(
        label=_("E-mail"), choices=EmailChoice.choices, widget=forms.RadioSelect
    )
    by_email = forms.MultipleChoiceField(
        label=_("Which notifications also come by e-mail"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every notification is shown in Wandel; untick those you do not want by e-mail."
        ),
    )

    def __init__(self, *args: Any, events: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = events
        cast(forms.MultipleChoiceField, self.fields["by_email"]).choices = events

    def muted(self) -> list[str]:
        wanted = set(self.cleaned_data["by_email"])
        return [key for key, _label in self.events if key not in wanted]
