"""A person's calendar feed: a secret link a calendar app subscribes to.

Only the SHA-256 digest of the token is stored, like API tokens: whoever reads the database
cannot subscribe to someone's calendar. The link is shown once, when it is made.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CalendarAction", "CalendarFeed"]


class CalendarAction(models.TextChoices):
    FEED_CREATED = "enablement.calendar_feed_created", _("Calendar feed created")
    FEED_REPLACED = "enablement.calendar_feed_replaced", _("Calendar feed replaced")


class CalendarFeed(models.Model):
    person = models.OneToOneField(
        "org.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    digest = models.CharField(_("token digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person_id}"
