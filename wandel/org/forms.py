from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.choices import NameChoiceField, NameMultipleChoiceField
from wandel.core.picker import as_picker
from wandel.core.roles import Role
from wandel.core.widgets import DateInput
from wandel.org.models import (
    Concern,
    Person,
    StakeholderGroup,
    Touchpoint,
    Unit,
)


class ServiceModelForm(forms.ModelForm):
    """A model form that only renders and parses; the service saves and checks the rules.

    Unique values and constraints are the service's to check: it names the field (e.g. an
    e-mail address another person has), where the database constraint alone could not.
    """

    def validate_unique(self) -> None:
        return None

    def validate_constraints(self) -> None:
        return None


class UnitForm(ServiceModelForm):
    class Meta:
        model = Unit
        fields = ("code", "name", "parent")
        field_classes: dict[str, Any] = {"parent": NameChoiceField}


class PersonForm(ServiceModelForm):
    class Meta:
        model = Person
        fields = (
            "employee_id",
            "first_name",
            "last_name",
            "email",
            "unit",
            "job_title",
            "language",
            "active",
        )
        field_classes: dict[str, Any] = {"unit": NameChoiceField}


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    assigned_on = forms.DateField(label=_("From"), required=False, widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class ImportForm(forms.Form):
    KIND_CHOICES = (("people", _("People (with their units)")), ("units", _("Units only")))

    kind = forms.ChoiceField(
        label=_("What the file contains"), choices=KIND_CHOICES, initial="people"
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon separated, UTF-8 or Windows-1252) or Excel .xlsx"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    invite = forms.BooleanField(
        label=_("Create accounts and send invitations"),
        required=False,
        help_text=_(
            "Everyone in the file who has no account yet gets one, and an e-mail with a link "
            "to set their password. Leavers lose their access as always."
        ),
    )


class StakeholderGroupForm(ServiceModelForm):
    class Meta:
        model = StakeholderGroup
        fields = ("name", "description", "power", "interest", "adkar_stage", "units", "contact")
        field_classes: dict[str, Any] = {"units": NameMultipleChoiceField}
        widgets: dict[str, Any] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "power": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "interest": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "units": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"] = as_picker(
            self.fields["contact"], source="people", queryset=Person.objects.filter(active=True)
        )


class ConcernForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ("text", "raised_on")
        widgets: dict[str, Any] = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "raised_on": DateInput,
        }


class TouchpointForm(forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = ("happened_on", "kind", "summary", "outcome")
        widgets: dict[str, Any] = {
            "happened_on": DateInput,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }
