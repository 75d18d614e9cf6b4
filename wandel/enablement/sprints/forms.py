"""Forms of sprints: planning and changing one, the board's small forms (a task, its move,
a daily note, a retro entry, a retro action) and ending it.

The forms check types and lengths; the rules (a sprint ends after it starts, a closed board
takes nothing new …) live in the services, so every caller is refused in the same words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import PickerMultipleField
from wandel.core.widgets import DateInput
from wandel.enablement.sprints.models import (
    DemoOutcome,
    RetroKind,
    Sprint,
    TaskColumn,
    default_end,
)
from wandel.enablement.sprints.permissions import runnable_use_cases
from wandel.enablement.sprints.services import SprintInput
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase

TEAM_HELP = _(
    "An interdisciplinary team: people from at least two units, and someone from IT "
    "(the IT & security role)."
)


class SprintForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    use_cases = PickerMultipleField(
        source="use-cases", label=_("Use cases"), queryset=UseCase.objects.none()
    )
    team = PickerMultipleField(
        source="people",
        label=_("Team"),
        queryset=Person.objects.none(),
        required=False,
        help_text=TEAM_HELP,
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=DateInput,
        required=False,
        help_text=_("Two weeks after the start if left empty."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["use_cases"].queryset = runnable_use_cases(user)
        fields["team"].queryset = Person.objects.filter(active=True)

    @staticmethod
    def initial_of(sprint: Sprint) -> dict[str, Any]:
        return {
            "title": sprint.title,
            "goal": sprint.goal,
            "use_cases": [u.pk for u in sprint.use_cases.all()],
            "team": [p.pk for p in sprint.team.all()],
            "starts_on": sprint.starts_on,
            "ends_on": sprint.ends_on,
        }

    def sprint_input(self) -> SprintInput:
        data = self.cleaned_data
        return SprintInput(
            title=data["title"],
            goal=data["goal"],
            use_cases=list(data["use_cases"]),
            team=list(data["team"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"] or default_end(data["starts_on"]),
        )


def people_of(sprint: Sprint) -> QuerySet[Person]:
    """Who may own a task or a retro action: the team, and the use cases' product owners."""
    return (
        Person.objects.filter(Q(sprints=sprint) | Q(owned_use_cases__sprints=sprint))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, sprint: Sprint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["assignee"].queryset = people_of(sprint)


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=TaskColumn.choices)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Daily note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RetroForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RetroKind.choices)
    text = forms.CharField(label=_("Retro entry"), max_length=500)


class RetroActionForm(forms.Form):
    text = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Person.objects.none())
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)

    def __init__(self, *args: Any, sprint: Sprint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner"].queryset = people_of(sprint)


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Demo outcome"), choices=DemoOutcome.choices, widget=forms.RadioSelect
    )
    prototype_url = forms.URLField(label=_("Prototype link"), max_length=500, required=False)
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    to_prototype = forms.BooleanField(
        label=_("Move the linked use cases to the prototype stage"),
        required=False,
        help_text=_(
            "Through the lifecycle, with its gates: a use case whose gate is not passed "
            "stays where it is, and the sprint ends all the same."
        ),
    )
