from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.roles import Role
from wandel.org.models import (
    Concern,
    Person,
    StakeholderGroup,
    Touchpoint,
    Unit,
)

UNIT_INSIDE_ITSELF = _("A unit cannot sit below itself or one of its own sub-units.")


class DateInput(forms.DateInput):
    input_type = "date"


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("code", "name", "parent")

    def clean_parent(self) -> Unit | None:
        parent: Unit | None = self.cleaned_data.get("parent")
        if parent is None or self.instance.pk is None:
            return parent
        parents = dict(Unit.objects.values_list("pk", "parent_id"))
        current: int | None = parent.pk
        while current is not None:
            if current == self.instance.pk:
                raise forms.ValidationError(UNIT_INSIDE_ITSELF)
            current = parents.get(current)
        return parent


class PersonForm(forms.ModelForm):
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

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        clash = Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another person already has this e-mail address."))
        return email


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


class StakeholderGroupForm(forms.ModelForm):
    class Meta:
        model = StakeholderGroup
        fields = ("name", "description", "power", "interest", "adkar_stage", "units", "contact")
        widgets: dict[str, Any] = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "power": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "interest": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "units": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        assert isinstance(contact, forms.ModelChoiceField)
        contact.queryset = Person.objects.filter(active=True).select_related("unit")


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
