"""Use-case workshops: planning them, capturing ideas, dot voting and the ranked result.

Writes follow the portfolio's service rules (keyword-only, validate first, one transaction);
the reads below them feed the workshop pages and the results export alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.org.models import Person, Unit
from wandel.portfolio.models import UseCase, Vote, Workshop, WorkshopStatus
from wandel.portfolio.services import use_case_submit

VOTING_NOT_OPEN = _("Voting is not open for this workshop.")
NOT_A_PARTICIPANT = _("%(person)s is not a participant of this workshop.")
NOT_ON_BEHALF = _(
    "Participants with an account cast their own dots; a facilitator can only record dots "
    "for participants without an account."
)
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


class WorkshopError(Exception):
    """A workshop action the rules refuse; the message is meant for the user."""


# Writes --------------------------------------------------------------------------------


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
    with transaction.atomic():
        workshop.save()
        workshop.units.set(list(units))
        workshop.participants.set(list(participants))
    return workshop


def workshop_update(*, workshop: Workshop, actor: User | None, **fields: Any) -> Workshop:
    """Change the plan; people who already voted stay, and nobody's dots exceed the limit."""
    unknown = set(fields) - WORKSHOP_FIELDS
    if unknown:
        raise TypeError(f"unknown workshop fields: {sorted(unknown)}")
    units = fields.pop("units", None)
    participants = fields.pop("participants", None)
    if participants is not None:
        participants = list(participants)
        staying = {person.pk for person in participants}
        leaving_voters = (
            Person.objects.filter(votes__workshop=workshop)
            .exclude(pk__in=staying)
            .distinct()
            .order_by("last_name", "first_name")
        )
        names = [person.full_name for person in leaving_voters]
        if names:
            raise WorkshopError(VOTERS_REMOVED % {"people": ", ".join(names)})
    if "dots_per_person" in fields:
        used = _largest_ballot(workshop)
        if fields["dots_per_person"] < used:
            raise WorkshopError(LIMIT_BELOW_CAST % {"used": used})
    for name, value in fields.items():
        setattr(workshop, name, value)
    workshop.full_clean()
    with transaction.atomic():
        workshop.save()
        if units is not None:
            workshop.units.set(list(units))
        if participants is not None:
            workshop.participants.set(participants)
    return workshop


def workshop_idea_capture(*, workshop: Workshop, actor: User | None, **fields: Any) -> UseCase:
    """A new idea raised in the workshop: an audited use case in the idea stage, linked."""
    _refuse_if_closed(workshop)
    with transaction.atomic():
        use_case = use_case_submit(actor=actor, **fields)
        workshop.ideas.add(use_case)
    return use_case


def workshop_idea_add(*, workshop: Workshop, use_case: UseCase, actor: User | None) -> None:
    """Bring an existing use case into the workshop, e.g. to prioritise it against new ones."""
    _refuse_if_closed(workshop)
    if workshop.ideas.filter(pk=use_case.pk).exists():
        raise WorkshopError(ALREADY_AN_IDEA % {"title": use_case.title})
    with transaction.atomic():
        workshop.ideas.add(use_case)


def workshop_open_voting(*, workshop: Workshop, actor: User | None) -> Workshop:
    if workshop.status != WorkshopStatus.PLANNED:
        raise WorkshopError(CANNOT_OPEN)
    if not workshop.ideas.exists():
        raise WorkshopError(NO_IDEAS)
    if not workshop.participants.exists():
        raise WorkshopError(NO_PARTICIPANTS)
    return _move(workshop, WorkshopStatus.PLANNED, WorkshopStatus.VOTING, CANNOT_OPEN)


def workshop_close(*, workshop: Workshop, actor: User | None) -> Workshop:
    return _move(workshop, WorkshopStatus.VOTING, WorkshopStatus.CLOSED, CANNOT_CLOSE)


def votes_cast(*, workshop: Workshop, voter: Person, dots: Mapping[int, int], actor: User) -> int:
    """Replace the voter's whole distribution of dots (use-case id → dots) in one go.

    Ideas left out or given zero carry none of the voter's dots afterwards. Returns the
    number of dots placed.
    """
    if workshop.status != WorkshopStatus.VOTING:
        raise WorkshopError(VOTING_NOT_OPEN)
    if not workshop.participants.filter(pk=voter.pk).exists():
        raise WorkshopError(NOT_A_PARTICIPANT % {"person": voter})
    # A facilitator must not be able to change the vote of someone who can cast their own.
    if voter.user_id != actor.pk and (
        voter.user_id is not None or not actor.has_perm(Permission.RUN_WORKSHOPS)
    ):
        raise WorkshopError(NOT_ON_BEHALF)
    if not set(dots) <= set(workshop.ideas.values_list("pk", flat=True)):
        raise WorkshopError(NOT_AN_IDEA)
    if any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in dots.values()):
        raise WorkshopError(NEGATIVE_DOTS)
    used = sum(dots.values())
    if used > workshop.dots_per_person:
        raise WorkshopError(OVER_LIMIT % {"limit": workshop.dots_per_person, "used": used})
    with transaction.atomic():
        # Taking the row lock serialises this with closing the vote and with a second
        # submission of the same voter (PostgreSQL; SQLite serialises writers anyway).
        status = Workshop.objects.select_for_update().values_list("status", flat=True)
        if status.get(pk=workshop.pk) != WorkshopStatus.VOTING:
            raise WorkshopError(VOTING_NOT_OPEN)
        Vote.objects.filter(workshop=workshop, voter=voter).delete()
        Vote.objects.bulk_create(
            Vote(workshop=workshop, voter=voter, use_case_id=use_case_id, dots=n)
            for use_case_id, n in dots.items()
            if n > 0
        )
    return used


def _refuse_if_closed(workshop: Workshop) -> None:
    if workshop.status == WorkshopStatus.CLOSED:
        raise WorkshopError(WORKSHOP_CLOSED)


def _move(workshop: Workshop, source: str, target: str, refusal: object) -> Workshop:
    with transaction.atomic():
        # Conditional update: two facilitators pressing the button at once move it only once.
        moved = Workshop.objects.filter(pk=workshop.pk, status=source).update(status=target)
        if moved != 1:
            raise WorkshopError(refusal)
    workshop.status = target
    return workshop


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


@dataclass(frozen=True)
class RankedIdea:
    rank: int
    use_case: UseCase
    dots: int
    voters: int


def workshop_ranking(workshop: Workshop) -> list[RankedIdea]:
    """The ideas by dots, most first, in one query; ties share a rank and sort by title."""
    in_workshop = Q(votes__workshop=workshop)
    ideas = (
        UseCase.objects.filter(workshops=workshop)
        .select_related("unit")
        .annotate(
            dot_total=Coalesce(Sum("votes__dots", filter=in_workshop), 0),
            voter_total=Count("votes__voter", filter=in_workshop, distinct=True),
        )
        .order_by("-dot_total", Lower("title"), "pk")
    )
    ranking: list[RankedIdea] = []
    for position, idea in enumerate(ideas, start=1):
        tied = ranking and ranking[-1].dots == idea.dot_total
        rank = ranking[-1].rank if tied else position
        ranking.append(RankedIdea(rank, idea, idea.dot_total, idea.voter_total))
    return ranking


def workshops_upcoming() -> QuerySet[Workshop]:
    return _with_counts().filter(held_on__gte=timezone.localdate()).order_by("held_on", "pk")


def workshops_past() -> QuerySet[Workshop]:
    return _with_counts().filter(held_on__lt=timezone.localdate()).order_by("-held_on", "-pk")


def _with_counts() -> QuerySet[Workshop]:
    # Subqueries rather than two Count()s over joins, which would multiply ideas by people.
    return (
        Workshop.objects.select_related("facilitator")
        .prefetch_related("units")
        .annotate(
            idea_count=_count(Workshop.ideas.through.objects.filter(workshop=OuterRef("pk"))),
            participant_count=_count(
                Workshop.participants.through.objects.filter(workshop=OuterRef("pk"))
            ),
        )
    )


def _count(rows: QuerySet[Any]) -> Coalesce:
    counted = rows.order_by().values("workshop").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def workshop_for_page(pk: int) -> Workshop:
    """One workshop with everything its page shows besides the ranking."""
    return (
        Workshop.objects.select_related("facilitator")
        .prefetch_related("units", "participants__unit")
        .get(pk=pk)
    )


def participant_of(*, workshop: Workshop, user: User) -> Person | None:
    """The signed-in user's person, if it takes part in the workshop."""
    return workshop.participants.filter(user_id=user.pk).first()


def stand_ins(workshop: Workshop) -> list[Person]:
    """Participants without an account, for whom the facilitator records dots."""
    return list(workshop.participants.filter(user__isnull=True).order_by("last_name", "first_name"))


def ideas_for_ballot(workshop: Workshop) -> list[UseCase]:
    return list(workshop.ideas.select_related("unit").order_by(Lower("title"), "pk"))


def votes_of(*, workshop: Workshop, voter: Person) -> dict[int, int]:
    return dict(
        Vote.objects.filter(workshop=workshop, voter=voter).values_list("use_case_id", "dots")
    )


def voter_count(workshop: Workshop) -> int:
    return Vote.objects.filter(workshop=workshop).values("voter").distinct().count()


def use_cases_to_add(workshop: Workshop) -> QuerySet[UseCase]:
    return UseCase.objects.exclude(workshops=workshop).only("pk", "title").order_by(Lower("title"))
