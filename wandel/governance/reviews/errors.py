"""What the reviews refuse, for every kind of review."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.errors import DomainError


class ReviewsError(DomainError):
    """A review, check or record the rules refuse; the message is meant for the user."""


UNKNOWN_PERSON = _("There is no person with the ID %(id)s.")
