"""Whether a sprint team is interdisciplinary, as a pure function over its members.

A co-creation sprint brings the business and IT together: its team should come from at least
two units, and someone from IT should take part. Units carry no kind in Wandel, so "from IT"
means holding the IT & security role (``Role.IT_SECURITY``) today; that is also who runs the
platform the prototype will live on. The check warns and never refuses: a sprint may start
with the team it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["MIN_UNITS", "Member", "TeamWarning", "team_warnings"]

# The fewest units an interdisciplinary team comes from.
MIN_UNITS = 2


class TeamWarning(models.TextChoices):
    FEW_UNITS = "few_units", _("The team comes from fewer than two units.")
    NO_IT = "no_it", _("Nobody from IT (the IT & security role) takes part.")


@dataclass(frozen=True)
class Member:
    """What the check needs to know of a team member."""

    unit_id: int
    it: bool


def team_warnings(members: Iterable[Member]) -> list[TeamWarning]:
    """What makes the team not interdisciplinary, in a fixed order; empty when it is."""
    team = list(members)
    warnings = []
    if len({member.unit_id for member in team}) < MIN_UNITS:
        warnings.append(TeamWarning.FEW_UNITS)
    if not any(member.it for member in team):
        warnings.append(TeamWarning.NO_IT)
    return warnings
