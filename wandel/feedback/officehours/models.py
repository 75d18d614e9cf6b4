"""Office hours: a programme member (the host) offers a recurring hour, e.g. Tuesdays
14:00–15:00 in 15-minute bookings, and people book one of its slots with a topic.

Slots are not stored: they follow from the series by ``rules.series_slots``, and a slot is
free while no booked booking starts at it. A booking keeps its start as an aware moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.feedback.officehours.rules import Pattern

__all__ = [
    "Booking",
    "BookingStatus",
    "OfficeHourSeries",
    "OfficeHoursAction",
    "Weekday",
]


class OfficeHoursAction(models.TextChoices):
    """Audit actions of office hours."""

    SERIES_CREATED = "feedback.office_hours_created", _("Office hours created")
    SERIES_UPDATED = "feedback.office_hours_updated", _("Office hours changed")
    SERIES_ENDED = "feedback.office_hours_ended", _("Office hours ended")
    BOOKED = "feedback.office_hours_booked", _("Office-hour slot booked")
    BOOKING_CANCELLED = "feedback.office_hours_cancelled", _("Office-hour booking cancelled")
    BOOKING_RESCHEDULED = (
        "feedback.office_hours_rescheduled",
        _("Office-hour booking moved to another slot"),
    )
    BOOKING_NOTED = "feedback.office_hours_noted", _("Host notes on a booking changed")


class Weekday(models.IntegerChoices):
    """As ``date.weekday()`` counts them."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OfficeHourSeries(models.Model):
    """A recurring office hour of one host: every ``weekday`` from ``starts`` to ``ends``
    (Berlin wall-clock time), cut into bookings of ``slot_minutes``."""

    # A person, as trainers of sessions are: hosting is something a programme member does,
    # whether or not they hold an account today.
    host = models.ForeignKey(
        "org.Person", verbose_name=_("host"), on_delete=models.PROTECT, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per booking"), validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("video link"), max_length=500, blank=True)
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("office-hour series")
        verbose_name_plural = _("office-hour series")
        ordering = ("weekday", "starts", "pk")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends__gt=F("starts")), name="feedback_office_hours_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return _("%(weekday)s %(starts)s–%(ends)s with %(host)s") % {
            "weekday": self.get_weekday_display(),
            "starts": self.starts.strftime("%H:%M"),
            "ends": self.ends.strftime("%H:%M"),
            "host": self.host,
        }

    @property
    def pattern(self) -> Pattern:
        return Pattern(
            weekday=self.weekday,
            starts=self.starts,
            ends=self.ends,
            slot_minutes=self.slot_minutes,
            first_date=self.first_date,
            last_date=self.last_date,
        )


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    """One person's slot of a series, with what they want to talk about."""

    series = models.ForeignKey(
        OfficeHourSeries,
        verbose_name=_("office hours"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    starts_at = models.DateTimeField(_("starts"))
    person = models.ForeignKey(
        "org.Person", verbose_name=_("booked by"), on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    # For the host (and those who host office hours) only; never shown to the booker.
    host_notes = models.TextField(_("host notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("office-hour booking")
        verbose_name_plural = _("office-hour bookings")
        ordering = ("starts_at", "pk")
        indexes: ClassVar = [models.Index(fields=["starts_at"], name="feedback_booking_start")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["series", "starts_at"],
                condition=Q(status="booked"),
                name="feedback_one_booking_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        """Needs the series loaded."""
        return self.starts_at + timedelta(minutes=self.series.slot_minutes)
