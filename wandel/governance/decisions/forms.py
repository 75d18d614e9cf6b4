"""Forms of the body, meeting and decision pages; the rules live in
``governance.decisions.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.collation import name_order
from wandel.core.picker import PickerField
from wandel.core.widgets import DateInput
from wandel.governance.decisions.models import (
    AgendaItem,
    AgendaKind,
    Body,
    BodyMembership,
    BodyRole,
    DecisionKind,
    DecisionOutcome,
    GateStage,
    Meeting,
)
from wandel.governance.decisions.services import ConditionInput
from wandel.governance.decisions.subjects import subject_records
from wandel.governance.reviews.ethics.models import EthicsReview
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

SEVERAL = _("Hold Ctrl (⌘ on a Mac) to choose several.")


class TitleChoiceField(forms.ModelChoiceField):
    """Labels from the ``title`` field, so that no label needs another query."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class ReviewChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.use_case.title} ({obj.started_on:%Y-%m-%d})"


def active_people() -> QuerySet[Person]:
    return Person.objects.filter(active=True).order_by(*name_order("last_name", "first_name"))


def _linked_choices(form: forms.Form) -> None:
    """Querysets of the use-case, budget, risk and review pickers the form has."""
    querysets: dict[str, QuerySet[Any]] = {
        "use_case": UseCase.objects.only("pk", "title"),
        "budget_request": subject_records("budget_request")
        .only("pk", "title")
        .order_by("-requested_on", "-pk"),
        "risk": subject_records("risk").only("pk", "title").order_by(Lower("title"), "pk"),
        "ethics_review": EthicsReview.objects.select_related("use_case").order_by(
            "-started_on", "-pk"
        ),
    }
    for name, queryset in querysets.items():
        if name in form.fields:
            choice = form.fields[name]
            assert isinstance(choice, forms.ModelChoiceField)
            choice.queryset = queryset


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ("name", "kind", "description")
        widgets: dict[str, Any] = {"description": forms.Textarea(attrs={"rows": 3})}


class MembershipForm(forms.Form):
    person = PickerField(source="people", label=_("Person"), queryset=Person.objects.none())
    role_in_body = forms.ChoiceField(
        label=_("Role in the body"), choices=BodyRole.choices, initial=BodyRole.MEMBER
    )
    started_on = forms.DateField(
        label=_("Member since"), widget=DateInput, initial=timezone.localdate
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = active_people()


class MembershipEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput, required=False)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ("body", "title", "held_on", "location")
        widgets: dict[str, Any] = {"held_on": DateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)
        body.queryset = Body.objects.order_by("name")
        # Decisions and agenda belong to the body; a held meeting stays where it is.
        body.disabled = self.instance.pk is not None


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    held = forms.BooleanField(
        label=_("The meeting has been held"),
        required=False,
        initial=True,
        help_text=_("Closes the agenda; decisions can still be recorded for the meeting."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = self.fields["attendees"]
        assert isinstance(attendees, forms.ModelMultipleChoiceField)
        members = BodyMembership.objects.filter(body_id=meeting.body_id).values("person_id")
        present = Meeting.attendees.through.objects.filter(meeting_id=meeting.pk)
        # One IN over a UNION: an OR of two IN subqueries reads every person.
        attendees.queryset = (
            Person.objects.filter(pk__in=members.union(present.values("person_id")))
            .select_related("unit")
            .order_by(*name_order("last_name", "first_name"))
        )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaKind.choices, initial=AgendaKind.OTHER)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    use_case = PickerField(
        source="use-cases", label=_("Use case"), queryset=UseCase.objects.none(), required=False
    )
    budget_request = TitleChoiceField(
        label=_("Budget request"),
        queryset=subject_records("budget_request").none(),
        required=False,
    )
    risk = TitleChoiceField(
        label=_("Risk"), queryset=subject_records("risk").none(), required=False
    )
    ethics_review = ReviewChoiceField(
        label=_("Ethics review"), queryset=EthicsReview.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _linked_choices(self)


# Which fields (and, with "#", which parts of the page) each choice uses: the page shows only
# those of the chosen kind and outcome (``data-shown-with``, read by wandel.js; without a
# script every field shows, and the register's rules refuse what does not belong).
SHOWN_WITH = [
    {
        "on": "kind",
        "values": [DecisionKind.PRIORITY, DecisionKind.GATE_APPROVAL, DecisionKind.OTHER],
        "show": ["use_case"],
    },
    {"on": "kind", "values": [DecisionKind.GATE_APPROVAL], "show": ["gate_stage"]},
    {"on": "kind", "values": [DecisionKind.BUDGET], "show": ["budget_request", "approved_amount"]},
    {"on": "kind", "values": [DecisionKind.RISK_ACCEPTANCE], "show": ["risk"]},
    {
        "on": "outcome",
        "values": [DecisionOutcome.APPROVED_WITH_CONDITIONS],
        "show": ["#conditions"],
    },
]


class DecisionForm(forms.Form):
    """What was decided and about what; conditions come in ``ConditionFormSet``."""

    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False
    )
    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.all(), required=False, widget=forms.HiddenInput
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=DateInput, initial=timezone.localdate
    )
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DecisionOutcome.choices)
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))
    use_case = PickerField(
        source="use-cases", label=_("Use case"), queryset=UseCase.objects.none(), required=False
    )
    gate_stage = forms.ChoiceField(
        label=_("Gate"),
        choices=[("", "—"), *GateStage.choices],
        required=False,
        help_text=_("For gate approvals: the stage the use case may move to."),
    )
    budget_request = TitleChoiceField(
        label=_("Budget request"),
        queryset=subject_records("budget_request").none(),
        required=False,
    )
    approved_amount = forms.DecimalField(
        label=_("Approved amount (EUR)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("For approved budget decisions."),
    )
    risk = TitleChoiceField(
        label=_("Risk"), queryset=subject_records("risk").none(), required=False
    )

    # Fields a correction keeps from the decision it supersedes.
    FIXED_IN_CORRECTION = ("kind", "use_case", "budget_request", "risk")

    def __init__(self, *args: Any, correction: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        meeting = self.fields["meeting"]
        assert isinstance(body, forms.ModelChoiceField)
        assert isinstance(meeting, forms.ModelChoiceField)
        body.queryset = Body.objects.order_by("name")
        meeting.queryset = Meeting.objects.order_by("-held_on", "-pk")
        _linked_choices(self)
        if correction:
            for name in self.FIXED_IN_CORRECTION:
                if name in self.fields:
                    self.fields[name].disabled = True


class ConditionForm(forms.Form):
    text = forms.CharField(
        label=_("Condition"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = PickerField(
        source="people", label=_("Owner"), queryset=Person.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = active_people()

    def condition(self) -> ConditionInput:
        data = self.cleaned_data
        return ConditionInput(data.get("text") or "", data.get("owner"), data.get("due_on"))


class BaseConditionFormSet(forms.BaseFormSet):
    def conditions(self) -> list[ConditionInput]:
        # Prefilled rows count as given even when left unchanged.
        return [form.condition() for form in self.forms if getattr(form, "cleaned_data", None)]


ConditionFormSet = forms.formset_factory(
    ConditionForm, formset=BaseConditionFormSet, extra=3, max_num=20, absolute_max=20
)
