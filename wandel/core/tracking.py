"""Tracked items: something a person owns, due by a date, and closed with a note.

A condition of a decision, a condition of an ethics approval and a mitigation of a risk are
all the same thing to follow up: a text, an optional due date, a status, and once it is done
the date, the note that says how, and who closed it. ``TrackedItem`` holds those fields and
``item_close`` is the one way to close such an item; the domain's service adds its own checks
(the decision's date, a completed review …) and writes its own audit event with the changes
``item_close`` returns.

The owner is not here: people live in ``org``, which core must not name, so each concrete
model declares its own ``owner`` (required or not, and with its own related name).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import require_transaction
from wandel.core.audit import changed_fields, snapshot
from wandel.core.errors import ConflictError, DomainError
from wandel.core.models import User
from wandel.core.widgets import DateInput

__all__ = [
    "ALREADY_CLOSED",
    "CLOSED_IN_FUTURE",
    "CLOSED_TOO_EARLY",
    "CLOSING_FIELDS",
    "NOTE_REQUIRED",
    "AlreadyClosed",
    "ClosingForm",
    "ClosingRefused",
    "TrackedItem",
    "TrackedStatus",
    "close_on_page",
    "item_close",
]

ALREADY_CLOSED = _("This has been closed already.")
NOTE_REQUIRED = _("Say in the closing note how it was done.")
CLOSED_IN_FUTURE = _("The closing date cannot lie in the future.")
CLOSED_TOO_EARLY = _("The closing date cannot lie before %(date)s.")

# What closing changes, as the audit event shows it.
CLOSING_FIELDS = ("status", "closed_on", "closing_note", "closed_by")


class TrackedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TrackedItem(models.Model):
    """An item followed up until someone closes it with a note (see the module's docstring).

    Concrete models declare ``owner`` and may redeclare ``text`` or ``due_on`` (a condition
    of a decision is always due by a date); their ``Meta`` derives from ``TrackedItem.Meta``
    to keep the constraint that a done item has its closing date, and only a done one.
    """

    text = models.TextField(_("description"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrackedStatus.choices, default=TrackedStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    Q(status=TrackedStatus.DONE, closed_on__isnull=False)
                    | (~Q(status=TrackedStatus.DONE) & Q(closed_on__isnull=True))
                ),
                name="%(app_label)s_%(class)s_closed_on_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status != TrackedStatus.DONE

    @property
    def is_overdue(self) -> bool:
        """Open after its due date; an item due today is not overdue yet."""
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()


class ClosingRefused(DomainError):
    """A closing the rules refuse: no note, or a date that cannot be."""


class AlreadyClosed(ConflictError):
    """The item is closed already (perhaps by someone else a moment ago)."""


def item_close(
    item: TrackedItem,
    *,
    closing_note: str,
    closed_on: date | None = None,
    actor: User | None,
    not_before: date | None = None,
) -> dict[str, Any]:
    """Close ``item`` as done on ``closed_on`` (today if not given) with a note, and return
    the changed fields before and after for the caller's audit event.

    A building block of the domain's own close action: it runs inside that action's
    transaction and locks the item's row, so two people closing at once cannot both succeed.
    ``not_before`` is the earliest date the domain allows (a condition is not met before its
    decision). Only the closing fields are saved; ``item`` itself shows them afterwards.
    """
    require_transaction("Closing a tracked item")
    stored = type(item)._default_manager.select_for_update().get(pk=item.pk)
    if not stored.is_open:
        raise AlreadyClosed(ALREADY_CLOSED)
    note = closing_note.strip()
    if not note:
        raise ClosingRefused(NOTE_REQUIRED, field="closing_note")
    today = timezone.localdate()
    closed_on = closed_on or today
    if closed_on > today:
        raise ClosingRefused(CLOSED_IN_FUTURE, field="closed_on")
    if not_before is not None and closed_on < not_before:
        raise ClosingRefused(CLOSED_TOO_EARLY % {"date": not_before.isoformat()}, field="closed_on")
    before = snapshot(stored, CLOSING_FIELDS)
    item.status = TrackedStatus.DONE
    item.closed_on = closed_on
    item.closing_note = note
    item.closed_by = actor if actor is not None and actor.pk else None
    item.save(update_fields=list(CLOSING_FIELDS))
    return changed_fields(before, snapshot(item, CLOSING_FIELDS))


class ClosingForm(forms.Form):
    """What a page posts to close an item. Both fields may be left empty: ``item_close``
    refuses a missing note and takes today for a missing date, in the words the API uses."""

    closing_note = forms.CharField(
        label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    closed_on = forms.DateField(
        label=_("Closed on"), required=False, widget=DateInput, help_text=_("Today if left empty.")
    )


def close_on_page(request: HttpRequest, close: Callable[..., object], done: str) -> None:
    """Read the ``ClosingForm`` a page posted, call ``close(closing_note=…, closed_on=…)``
    (the domain's close action) and tell the user how it went."""
    form = ClosingForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
        return
    try:
        close(**form.cleaned_data)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
