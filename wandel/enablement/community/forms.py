"""Forms of user groups, community events and attendance. The forms check types and
lengths; the rules live in the services (``groups``, ``services``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wandel.core.picker import as_picker
from wandel.core.widgets import DateTimeInput
from wandel.enablement.community.groups import GroupInput, Link
from wandel.enablement.community.models import Event, EventKind, UserGroup
from wandel.enablement.trainings.models import Topic
from wandel.org.models import Person

LINKS_HELP = _("One per line: a title, a space and the link, e.g. “Prompt library https://…”.")
LINK_WITHOUT_URL = _("Line %(line)d: end it with a link that starts with https://.")


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    links = forms.CharField(
        label=_("Shared links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINKS_HELP,
    )
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"), queryset=Person.objects.filter(active=True)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["organisers"] = as_picker(fields["organisers"], source="people")

    def clean_links(self) -> list[Link]:
        found = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            title, _space, url = line.rpartition(" ")
            if not url.startswith(("https://", "http://")):
                raise forms.ValidationError(LINK_WITHOUT_URL, params={"line": number})
            found.append(Link(title.strip() or url, url))
        return found

    def group_input(self) -> GroupInput:
        data = self.cleaned_data
        return GroupInput(
            name=data["name"],
            description=data["description"],
            topics=data["topics"],
            links=data["links"],
            organisers=list(data["organisers"]),
        )

    @classmethod
    def initial_of(cls, group: UserGroup) -> dict[str, Any]:
        return {
            "name": group.name,
            "description": group.description,
            "topics": group.topics,
            "links": "\n".join(f"{title} {url}" for title, url in group.links),
            "organisers": [m.person for m in group.memberships.all() if m.organiser],
        }


class EventForm(forms.ModelForm):
    """A meetup or external format (trainers), or a group's meeting (its organisers: the
    kind and group are then fixed and not shown)."""

    class Meta:
        model = Event
        fields = (
            "title",
            "description",
            "kind",
            "group",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
        )
        widgets: dict[str, Any] = {
            "starts_at": DateTimeInput,
            "ends_at": DateTimeInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, group: UserGroup | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        if group is not None:
            del fields["kind"], fields["group"]
        else:
            fields["group"].queryset = UserGroup.objects.order_by("name")
        self.fixed_group = group

    def event_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if self.fixed_group is not None:
            data["kind"], data["group"] = EventKind.GROUP_MEETING, self.fixed_group
        data["description"] = data.get("description") or ""
        return data
