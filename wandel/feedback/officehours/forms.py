"""Forms of office hours. The forms check types and lengths; the rules live in the
services and ``rules``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.widgets import DateInput
from wandel.feedback.officehours.models import OfficeHourSeries, Weekday

NO_FREE_SLOT = _("No slot is free at the moment; look again later.")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class SeriesForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TimeField(label=_("From"), widget=TimeInput())
    ends = forms.TimeField(label=_("Until"), widget=TimeInput())
    slot_minutes = forms.IntegerField(
        label=_("Minutes per booking"), min_value=5, max_value=240, initial=15
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Video link"), max_length=500, required=False)
    first_date = forms.DateField(label=_("First date"), widget=DateInput())
    last_date = forms.DateField(
        label=_("Last date"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: until the hours are ended."),
    )

    @classmethod
    def initial_of(cls, series: OfficeHourSeries) -> dict[str, object]:
        return {name: getattr(series, name) for name in cls.base_fields}

    def series_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def slot_value(moment: datetime) -> str:
    """A slot as a form sends it back: its moment in UTC."""
    return moment.astimezone(UTC).isoformat()


def slot_label(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'DATE_FORMAT')}, {local:%H:%M}"


class SlotField(forms.TypedChoiceField):
    def __init__(self, slots: Sequence[datetime], **kwargs: Any) -> None:
        super().__init__(
            choices=[(slot_value(s), slot_label(s)) for s in slots],
            coerce=datetime.fromisoformat,
            **kwargs,
        )


class BookingForm(forms.Form):
    """A free slot of one series (the one in the link preselected) and the topic."""

    def __init__(self, *args: Any, slots: Sequence[datetime], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_at"] = SlotField(slots, label=_("Slot"))
        self.fields["topic"] = forms.CharField(
            label=_("Topic"),
            max_length=300,
            help_text=_("What you would like to talk about, so the host can prepare."),
        )
        if not slots:
            self.fields["starts_at"].help_text = NO_FREE_SLOT


class RescheduleForm(forms.Form):
    def __init__(self, *args: Any, slots: Sequence[datetime], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_at"] = SlotField(slots, label=_("New slot"))
        if not slots:
            self.fields["starts_at"].help_text = NO_FREE_SLOT


class NoteForm(forms.Form):
    host_notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
