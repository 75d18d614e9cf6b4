"""What the workshop pages, the API and the overview read: lists, the ranking, ballots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.collation import name_order
from wandel.core.models import User
from wandel.core.queries import Figure, count_of
from wandel.core.roles import Permission
from wandel.org.models import Person
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.workshops.models import Vote, Workshop, WorkshopStatus
from wandel.portfolio.workshops.services import RANKING_HIDDEN, RankingHidden, ranking_visible


def overview_figures(user: Any) -> list[Figure]:
    """The workshops waiting for the user's dots: participants find them on the overview,
    as they cannot see the facilitators' workshop list."""
    if not user.has_perm(Permission.VIEW_USE_CASES):
        return []
    voting = Workshop.objects.filter(participants__user_id=user.pk, status=WorkshopStatus.VOTING)
    first = voting.order_by("held_on").values_list("pk", flat=True).first()
    if first is None:
        return []
    return [
        Figure(
            _("Workshops open for your vote"),
            voting.count(),
            reverse("portfolio:workshop_vote", args=[first]),
        )
    ]


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


def workshop_ranking_for(*, workshop: Workshop, user: User) -> list[RankedIdea]:
    """The ranking for someone who may see it now (see ``ranking_visible``)."""
    if not ranking_visible(workshop=workshop, user=user):
        raise RankingHidden(RANKING_HIDDEN)
    return workshop_ranking(workshop)


def workshops_all() -> QuerySet[Workshop]:
    """Every workshop, latest date first (the API's list; the pages split it in two)."""
    return (
        Workshop.objects.select_related("facilitator")
        .prefetch_related("units")
        .order_by("-held_on", "-pk")
    )


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
            idea_count=count_of(
                Workshop.ideas.through.objects.filter(workshop=OuterRef("pk")), "workshop"
            ),
            participant_count=count_of(
                Workshop.participants.through.objects.filter(workshop=OuterRef("pk")), "workshop"
            ),
        )
    )


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
    return list(
        workshop.participants.filter(user__isnull=True).order_by(
            *name_order("last_name", "first_name")
        )
    )


def ideas_for_ballot(workshop: Workshop) -> list[UseCase]:
    return list(workshop.ideas.select_related("unit").order_by(Lower("title"), "pk"))


def voter_count(workshop: Workshop) -> int:
    return Vote.objects.filter(workshop=workshop).values("voter").distinct().count()


def use_cases_to_add(workshop: Workshop) -> QuerySet[UseCase]:
    return UseCase.objects.exclude(workshops=workshop).only("pk", "title").order_by(Lower("title"))
