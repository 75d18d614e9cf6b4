"""Who may answer a wave, from the token in the answering URL, and the respondent's draft.

A token is either a wave's anonymous link (``Wave.link_token``, shared with the target
group) or a personal invitation, stored only as its SHA-256 digest on the participant. The
answer never learns which: the ticket carries the participant only so that the service can
mark them answered; the response copies their reporting group and nothing else.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wandel.core.errors import ConflictError, DomainError
from wandel.feedback.surveys.models import (
    Distribution,
    Draft,
    Participant,
    Wave,
    WaveStatus,
)
from wandel.org.models import Person

__all__ = [
    "ALREADY_ANSWERED",
    "DRAFT_COOKIE",
    "WAVE_NOT_OPEN",
    "AlreadyAnswered",
    "Ticket",
    "UnknownToken",
    "WaveNotOpen",
    "digest",
    "draft_for",
    "new_token",
    "ticket_for",
]

# The cookie holding the respondent's draft key, one per wave (``<prefix><wave id>``).
DRAFT_COOKIE = "wandel_survey_draft_"

ALREADY_ANSWERED = _("This survey has already been answered with this invitation.")
WAVE_NOT_OPEN = _("This survey is not open for answers.")


class UnknownToken(DomainError):
    """No wave or invitation has this token (the page answers 404)."""

    status = 404


class WaveNotOpen(DomainError):
    status = 410


class AlreadyAnswered(ConflictError):
    pass


def new_token() -> str:
    return secrets.token_urlsafe(24)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Ticket:
    """Leave to answer ``wave``: through an invitation (``participant``) or the anonymous
    link (``participant`` is the signed-in person's row when they are in the target group,
    so that they answer once)."""

    wave: Wave
    participant: Participant | None
    via_link: bool
    token: str

    @property
    def chooses_group(self) -> bool:
        """Whether the respondent picks their reporting group: only through the link and
        not matched to a participant."""
        return self.participant is None


def ticket_for(token: str, person: Person | None = None) -> Ticket:
    """The ticket of ``token`` for ``person`` (the signed-in one, if any); refuses an
    unknown token, a wave not open and an answered invitation."""
    wave = (
        Wave.objects.select_related("survey")
        .filter(link_token=token, survey__distribution=Distribution.LINK)
        .first()
        if token
        else None
    )
    participant: Participant | None
    if wave is not None:
        participant = (
            Participant.objects.filter(wave=wave, person=person).first()
            if person is not None
            else None
        )
        via_link = True
    else:
        participant = (
            Participant.objects.select_related("wave__survey")
            .filter(token_digest=digest(token))
            .first()
            if token
            else None
        )
        if participant is None:
            raise UnknownToken(_("This survey link is not valid."))
        wave, via_link = participant.wave, False
    if wave.status != WaveStatus.OPEN:
        raise WaveNotOpen(WAVE_NOT_OPEN)
    if participant is not None and participant.answered:
        raise AlreadyAnswered(ALREADY_ANSWERED)
    return Ticket(wave, participant, via_link, token)


def draft_for(wave: Wave, key: str | None) -> Draft | None:
    if not key:
        return None
    return Draft.objects.filter(wave=wave, key_digest=digest(key)).first()
