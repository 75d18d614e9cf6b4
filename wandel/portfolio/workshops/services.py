"""Use-case workshops: planning them, capturing ideas, dot voting and the ranked result.

Writes follow the portfolio's service rules (keyword-only, validate first, one transaction);
the reads that feed the workshop pages and the results export are in ``queries.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wandel.core.actions import require_transaction, user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.collation import name_order
from wandel.core.errors import DomainError, NotPermitted
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.org.models import Person, Unit
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.services import use_case_add
from wandel.portfolio.workshops.models import Vote, Workshop, WorkshopStatus

VOTING_NOT_OPEN = _("Voting is not open for this workshop.")
NOT_A_PARTICIPANT = _("%(person)s is not a participant of this workshop.")
NOT_ON_BEHALF = _(
    "Participants with an account cast their own dots; a facilitator can only record dots "
    "for participants without an account."
)
NOT_THE_FACILITATOR = _(
    "Only the facilitator of this workshop records dots for other participants."
)
FACILITATOR_MOVES = _(
    "Only the facilitator of this workshop opens and closes its vote; change the "
    "facilitator first if they cannot."
)
RANKING_HIDDEN = _("The ranking is shown once voting is closed.")
NOT_AN_IDEA = _("Dots can only go to the ideas of this workshop.")
NEGATIVE_DOTS = _("Dots are counted in whole numbers from zero upwards.")
OVER_LIMIT = ngettext_lazy(
    "Each participant has %(limit)d dot, but this distribution uses %(used)d. Nothing was saved.",
    "Each participant has %(limit)d dots, but this distribution uses %(used)d. Nothing was saved.",
    "limit",
)
CANNOT_OPEN = _("Voting can only be opened for a planned workshop.")
NO_IDEAS = _("Capture at least one idea before opening the vote.")
NO_PARTICIPANTS = _("Add participants before opening the vote.")
CANNOT_CLOSE = _("Only a workshop with open voting can be closed.")
WORKSHOP_CLOSED = _("The workshop is closed; no more ideas can be added.")
ALREADY_AN_IDEA = _("“%(title)s” is already an idea of this workshop.")
VOTERS_REMOVED = _("%(people)s already voted and cannot be removed from the participants.")
LIMIT_BELOW_CAST = _(
    "A participant has already placed %(used)d dots; dots per person cannot go below that."
)

WORKSHOP_FIELDS = frozenset(
    {"title", "held_on", "units", "participants", "agenda", "dots_per_person"}
)
# What the audit log shows of a workshop when it is planned or changed.
AUDITED_FIELDS = (
    "title",
    "held_on",
    "units",
    "participants",
    "agenda",
    "dots_per_person",
    "facilitator",
    "status",
)


class WorkshopAction(models.TextChoices):
    """Audit actions of workshops."""

    PLANNED = "portfolio.workshop_planned", _("Workshop planned")
    CHANGED = "portfolio.workshop_changed", _("Workshop changed")
    IDEA_ADDED = "portfolio.workshop_idea_added", _("Idea added to a workshop")
    VOTING_OPENED = "portfolio.workshop_voting_opened", _("Workshop voting opened")
    VOTING_CLOSED = "portfolio.workshop_voting_closed", _("Workshop voting closed")
    BALLOT_CAST = "portfolio.workshop_ballot_cast", _("Workshop ballot cast")


class WorkshopError(DomainError):
    """A workshop action the rules refuse; the message is meant for the user."""


class RankingHidden(NotPermitted):
    """The ranking asked for while voting is open, by someone other than the facilitator."""


# Rules ---------------------------------------------------------------------------------


def facilitates(*, workshop: Workshop, user: User) -> bool:
    """Whether ``user`` runs this very workshop: holding the workshop permission is not
    enough to act for its participants or to see its dots before the vote is closed."""
    return (
        user.pk is not None
        and workshop.facilitator_id == user.pk
        and user.has_perm(Permission.RUN_WORKSHOPS)
    )


def ranking_visible(*, workshop: Workshop, user: User) -> bool:
    """A visible standing would sway the votes still to come, so while voting is open
    only the facilitator sees it."""
    return workshop.status != WorkshopStatus.VOTING or facilitates(workshop=workshop, user=user)


def _refuse_unless_facilitator(workshop: Workshop, actor: User | None) -> None:
    """Closing the vote shows everyone the ranking, so it is the facilitator's, like the
    ranking itself while voting is open (anyone who runs workshops, for one without a
    facilitator). Changing the facilitator is an audited workshop change."""
    if actor is None or workshop.facilitator_id is None:
        return
    if not facilitates(workshop=workshop, user=actor):
        raise NotPermitted(FACILITATOR_MOVES)


# Writes --------------------------------------------------------------------------------


@user_action
def workshop_create(
    *,
    actor: User | None,
    title: str,
    held_on: date,
    units: Iterable[Unit] = (),
    participants: Iterable[Person] = (),
    agenda: str = "",
    dots_per_person: int = 3,
) -> Workshop:
    """Plan a workshop; whoever creates it facilitates it."""
    workshop = Workshop(
        title=title,
        held_on=held_on,
        agenda=agenda,
        dots_per_person=dots_per_person,
        facilitator=actor if actor is not None and actor.pk else None,
    )
    workshop.full_clean()
    workshop.save()
    workshop.units.set(list(units))
    workshop.participants.set(list(participants))
    audit_record(
        actor=actor,
        action=WorkshopAction.PLANNED,
        target=workshop,
        changes=changed_fields({}, snapshot(workshop, AUDITED_FIELDS)),
    )
    return workshop


@user_action
def workshop_update(*, workshop: Workshop, actor: User | None, **fields: Any) -> Workshop:
    """Change the plan; people who already voted stay, and nobody's dots exceed the limit."""
    unknown = set(fields) - WORKSHOP_FIELDS
    if unknown:
        raise TypeError(f"unknown workshop fields: {sorted(unknown)}")
    stored = _locked(workshop)
    before = snapshot(stored, AUDITED_FIELDS)
    units = fields.pop("units", None)
    participants = fields.pop("participants", None)
    if participants is not None:
        participants = list(participants)
        staying = {person.pk for person in participants}
        leaving_voters = (
            Person.objects.filter(votes__workshop=stored)
            .exclude(pk__in=staying)
            .distinct()
            .order_by(*name_order("last_name", "first_name"))
        )
        names = [person.full_name for person in leaving_voters]
        if names:
            raise WorkshopError(VOTERS_REMOVED % {"people": ", ".join(names)})
    if "dots_per_person" in fields:
        used = _largest_ballot(stored)
        if fields["dots_per_person"] < used:
            raise WorkshopError(LIMIT_BELOW_CAST % {"used": used}, field="dots_per_person")
    for name, value in fields.items():
        setattr(stored, name, value)
    stored.full_clean()
    stored.save()
    if units is not None:
        stored.units.set(list(units))
    if participants is not None:
        stored.participants.set(participants)
    changes = changed_fields(before, snapshot(stored, AUDITED_FIELDS))
    if changes:
        audit_record(actor=actor, action=WorkshopAction.CHANGED, target=stored, changes=changes)
    _copy(stored, workshop)
    return workshop


@user_action
def workshop_idea_capture(*, workshop: Workshop, actor: User | None, **fields: Any) -> UseCase:
    """A new idea raised in the workshop: an audited use case in the idea stage, linked."""
    stored = _locked(workshop)
    _refuse_if_closed(stored)
    use_case = use_case_add(actor=actor, **fields)
    _link_idea(stored, use_case, actor)
    return use_case


@user_action
def workshop_idea_add(*, workshop: Workshop, use_case: UseCase, actor: User | None) -> None:
    """Bring an existing use case into the workshop, e.g. to prioritise it against new ones."""
    stored = _locked(workshop)
    _refuse_if_closed(stored)
    if stored.ideas.filter(pk=use_case.pk).exists():
        raise WorkshopError(ALREADY_AN_IDEA % {"title": use_case.title})
    _link_idea(stored, use_case, actor)


@user_action
def workshop_open_voting(*, workshop: Workshop, actor: User | None) -> Workshop:
    stored = _locked(workshop)
    _refuse_unless_facilitator(stored, actor)
    if stored.status != WorkshopStatus.PLANNED:
        raise WorkshopError(CANNOT_OPEN)
    if not stored.ideas.exists():
        raise WorkshopError(NO_IDEAS)
    if not stored.participants.exists():
        raise WorkshopError(NO_PARTICIPANTS)
    _move(stored, WorkshopStatus.VOTING, WorkshopAction.VOTING_OPENED, actor)
    workshop.status = stored.status
    return workshop


@user_action
def workshop_close(*, workshop: Workshop, actor: User | None) -> Workshop:
    stored = _locked(workshop)
    _refuse_unless_facilitator(stored, actor)
    if stored.status != WorkshopStatus.VOTING:
        raise WorkshopError(CANNOT_CLOSE)
    _move(stored, WorkshopStatus.CLOSED, WorkshopAction.VOTING_CLOSED, actor)
    workshop.status = stored.status
    return workshop


@user_action
def votes_cast(*, workshop: Workshop, voter: Person, dots: Mapping[int, int], actor: User) -> int:
    """Replace the voter's whole distribution of dots (use-case id → dots) in one go.

    Ideas left out or given zero carry none of the voter's dots afterwards. Returns the
    number of dots placed.
    """
    # The row lock serialises this with closing the vote and with a second submission of
    # the same voter (PostgreSQL; SQLite serialises writers anyway).
    stored = _locked(workshop)
    if stored.status != WorkshopStatus.VOTING:
        raise WorkshopError(VOTING_NOT_OPEN)
    if not stored.participants.filter(pk=voter.pk).exists():
        raise WorkshopError(NOT_A_PARTICIPANT % {"person": voter})
    if voter.user_id != actor.pk:
        # Nobody changes the vote of someone who can cast their own; for those without an
        # account, only the workshop's facilitator records dots.
        if voter.user_id is not None:
            raise WorkshopError(NOT_ON_BEHALF)
        if not facilitates(workshop=stored, user=actor):
            raise WorkshopError(NOT_THE_FACILITATOR)
    titles = dict(stored.ideas.values_list("pk", "title"))
    if not set(dots) <= set(titles):
        raise WorkshopError(NOT_AN_IDEA)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in dots.values()):
        raise WorkshopError(NEGATIVE_DOTS)
    used = sum(dots.values())
    if used > stored.dots_per_person:
        raise WorkshopError(OVER_LIMIT % {"limit": stored.dots_per_person, "used": used})
    before = votes_of(workshop=stored, voter=voter)
    Vote.objects.filter(workshop=stored, voter=voter).delete()
    Vote.objects.bulk_create(
        Vote(workshop=stored, voter=voter, use_case_id=use_case_id, dots=n)
        for use_case_id, n in dots.items()
        if n > 0
    )
    after = {pk: n for pk, n in dots.items() if n > 0}
    audit_record(
        actor=actor,
        action=WorkshopAction.BALLOT_CAST,
        target=stored,
        changes={
            "voter": str(voter),
            "stand_in": voter.user_id != actor.pk,
            "dots": {"from": _by_title(before, titles), "to": _by_title(after, titles)},
        },
    )
    return used


def _locked(workshop: Workshop) -> Workshop:
    require_transaction("Changing a workshop")
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def _copy(source: Workshop, target: Workshop) -> None:
    """Give the caller's object the stored values (it may be the one a form is bound to)."""
    if source is not target:
        for name in ("title", "held_on", "agenda", "dots_per_person", "status"):
            setattr(target, name, getattr(source, name))


def _link_idea(workshop: Workshop, use_case: UseCase, actor: User | None) -> None:
    before = snapshot(workshop, ["ideas"])
    workshop.ideas.add(use_case)
    audit_record(
        actor=actor,
        action=WorkshopAction.IDEA_ADDED,
        target=workshop,
        changes=changed_fields(before, snapshot(workshop, ["ideas"])),
    )


def _by_title(dots: Mapping[int, int], titles: Mapping[int, str]) -> dict[str, int]:
    return {titles[pk]: n for pk, n in sorted(dots.items(), key=lambda item: titles[item[0]])}


def _refuse_if_closed(workshop: Workshop) -> None:
    if workshop.status == WorkshopStatus.CLOSED:
        raise WorkshopError(WORKSHOP_CLOSED)


def _move(workshop: Workshop, target: str, action: str, actor: User | None) -> None:
    before = snapshot(workshop, ["status"])
    workshop.status = target
    workshop.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=action,
        target=workshop,
        changes=changed_fields(before, snapshot(workshop, ["status"])),
    )


def _largest_ballot(workshop: Workshop) -> int:
    totals = (
        Vote.objects.filter(workshop=workshop)
        .values("voter")
        .annotate(total=Sum("dots"))
        .order_by("-total")
        .values_list("total", flat=True)
    )
    return totals.first() or 0


# Reads ---------------------------------------------------------------------------------


def votes_of(*, workshop: Workshop, voter: Person) -> dict[int, int]:
    return dict(
        Vote.objects.filter(workshop=workshop, voter=voter).values_list("use_case_id", "dots")
    )
