"""Forms of courses, learning paths, sessions, group enrolment and attendance.

The forms check types and lengths; the rules (a session ends after it starts, a path has a
course …) live in the services so that pages and the API refuse the same things with the
same words.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import as_picker
from wandel.core.roles import Role
from wandel.core.widgets import DateInput, DateTimeInput
from wandel.enablement.trainings.catalogue import CourseInput, Material, PathInput
from wandel.enablement.trainings.models import (
    Course,
    CourseFormat,
    CourseLevel,
    LearningPath,
    Topic,
    TrainingSession,
)
from wandel.enablement.trainings.services import ENDS_BEFORE_START
from wandel.org.models import Person, Unit

MATERIALS_HELP = _("One per line: a title, a space and the link, e.g. “Slides https://…”.")


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    level = forms.ChoiceField(label=_("Level"), choices=CourseLevel.choices)
    format = forms.ChoiceField(label=_("Format"), choices=CourseFormat.choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=2400
    )
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("After this many months it must be refreshed; empty: it does not expire."),
    )
    target_roles = forms.MultipleChoiceField(
        label=_("For roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: for everyone."),
    )
    target_units = forms.ModelMultipleChoiceField(
        label=_("For units"), queryset=Unit.objects.order_by("name"), required=False
    )
    materials = forms.CharField(
        label=_("Materials"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MATERIALS_HELP,
    )
    active = forms.BooleanField(label=_("In the catalogue"), required=False, initial=True)

    def clean_materials(self) -> list[Material]:
        found = []
        for number, line in enumerate(self.cleaned_data["materials"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            title, _space, url = line.rpartition(" ")
            if not url.startswith(("https://", "http://")):
                raise forms.ValidationError(
                    _("Line %(line)d: end it with a link that starts with https://."),
                    params={"line": number},
                )
            found.append(Material(title.strip(), url))
        return found

    def course_input(self) -> CourseInput:
        data = self.cleaned_data
        return CourseInput(
            title=data["title"],
            description=data["description"],
            topics=data["topics"],
            level=data["level"],
            format=data["format"],
            duration_minutes=data["duration_minutes"],
            validity_months=data["validity_months"],
            target_roles=data["target_roles"],
            target_units=data["target_units"],
            materials=data["materials"],
            active=data["active"],
        )

    @classmethod
    def initial_of(cls, course: Course) -> dict[str, Any]:
        return {
            "title": course.title,
            "description": course.description,
            "topics": course.topics,
            "level": course.level,
            "format": course.format,
            "duration_minutes": course.duration_minutes,
            "validity_months": course.validity_months,
            "target_roles": course.target_roles,
            "target_units": list(course.target_units.all()),
            "materials": "\n".join(f"{m.title} {m.url}" for m in course.materials.all()),
            "active": course.active,
        }


class PathForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses"),
        queryset=Course.objects.filter(active=True).order_by("title"),
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label=_("For roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked, or Employee: for everyone."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("For units"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        help_text=_("Also the units below them. None chosen: every unit."),
    )
    starts_on = forms.DateField(label=_("Required from"), widget=DateInput)
    complete_within_days = forms.IntegerField(
        label=_("Complete within (days)"), min_value=1, max_value=730, initial=90
    )
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def path_input(self) -> PathInput:
        data = self.cleaned_data
        return PathInput(
            name=data["name"],
            description=data["description"],
            courses=list(data["courses"]),
            roles=data["roles"],
            units=data["units"],
            starts_on=data["starts_on"],
            complete_within_days=data["complete_within_days"],
            active=data["active"],
        )

    @classmethod
    def initial_of(cls, path: LearningPath) -> dict[str, Any]:
        return {
            "name": path.name,
            "description": path.description,
            "courses": list(path.courses.all()),
            "roles": path.roles,
            "units": list(path.units.all()),
            "starts_on": path.starts_on,
            "complete_within_days": path.complete_within_days,
            "active": path.active,
        }


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ("course", "starts_at", "ends_at", "place", "online_url", "trainer", "capacity")
        widgets: dict[str, Any] = {"starts_at": DateTimeInput, "ends_at": DateTimeInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["course"].queryset = Course.objects.filter(active=True).order_by("title")
        fields["trainer"] = as_picker(
            fields["trainer"], source="people", queryset=Person.objects.filter(active=True)
        )

    def clean(self) -> dict[str, Any]:
        """The service's words for an end before the start, at the end field, rather than
        the database constraint's name the model's validation would show."""
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", ENDS_BEFORE_START)
        return data


class CourseFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, PowerPoint, Word, Excel, OpenDocument, PNG, JPEG or plain text, up to 10 MB."
        ),
    )


class GroupEnrolForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Person.objects.filter(active=True)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["people"] = as_picker(fields["people"], source="people")


class CompletionForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.filter(active=True))
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.order_by("title"))
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["person"] = as_picker(fields["person"], source="people")
