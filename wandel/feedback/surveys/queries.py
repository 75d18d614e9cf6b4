"""Reads of surveys for their pages and the API, each a fixed number of queries: the list,
one survey with its questions and waves, how many have answered (overall and per reporting
group, a group's rate shown only at the survey's minimum group size). The floor of the
minimum group size is ``core.queries.anonymity_floor``, shared with enablement."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from wandel.core.roles import Role
from wandel.feedback.surveys.models import (
    Participant,
    Question,
    Section,
    Survey,
    Wave,
    WaveGroup,
    WaveStatus,
)

__all__ = [
    "GroupRate",
    "WaveRate",
    "open_for_person",
    "recent_waves",
    "role_label",
    "survey_detail",
    "survey_list",
    "wave_rates",
]


def role_label(key: str) -> str:
    """A reporting group's role as the reader's language names it ("" when not by role)."""
    return str(Role(key).label) if key in Role.values else key


def survey_list() -> QuerySet[Survey]:
    return Survey.objects.annotate(
        wave_count=Count("waves", distinct=True),
        open_waves=Count("waves", filter=Q(waves__status=WaveStatus.OPEN), distinct=True),
        # Waves opened or closed: those with results to look at.
        started_waves=Count("waves", filter=~Q(waves__status=WaveStatus.PLANNED), distinct=True),
    )


def survey_detail(pk: int) -> Survey:
    """A survey with its sections, questions (in order) and waves."""
    return (
        Survey.objects.prefetch_related(
            Prefetch("sections", Section.objects.order_by("position", "pk")),
            Prefetch("questions", Question.objects.order_by("position", "pk")),
            Prefetch("waves", Wave.objects.order_by("number")),
            "target_units",
        )
    ).get(pk=pk)


@dataclass(frozen=True)
class GroupRate:
    unit_label: str
    role_key: str
    population: int
    # None when the group is smaller than the survey's minimum group size.
    answered: int | None

    @property
    def role_label(self) -> str:
        return role_label(self.role_key)

    @property
    def percent(self) -> int | None:
        if self.answered is None or not self.population:
            return None
        return round(100 * self.answered / self.population)


@dataclass(frozen=True)
class WaveRate:
    wave: Wave
    asked: int
    answered: int
    groups: list[GroupRate]

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.asked) if self.asked else None


# How many closed waves a survey's page lists in full; earlier ones are counted, and their
# results are on the results page (a monthly survey would otherwise grow the page, and the
# count of its invitations, without end).
RECENT_CLOSED = 4


def recent_waves(waves: list[Wave]) -> tuple[list[Wave], int]:
    """The waves a survey's page lists (every wave not closed yet and the last
    ``RECENT_CLOSED`` closed ones, by number), and how many earlier closed waves it leaves
    out."""
    closed = [wave for wave in waves if wave.status == WaveStatus.CLOSED]
    left_out = {wave.pk for wave in closed[: max(len(closed) - RECENT_CLOSED, 0)]}
    return [wave for wave in waves if wave.pk not in left_out], len(left_out)


def wave_rates(survey: Survey, waves: list[Wave]) -> list[WaveRate]:
    """How many answered each wave, overall and per reporting group (two queries). A group
    smaller than the survey's minimum group size shows no count: with a handful of people,
    who has answered is too easy to tell."""
    ids = [wave.pk for wave in waves]
    counts: dict[tuple[int, str, str], tuple[int, int]] = {}
    for row in (
        Participant.objects.filter(wave_id__in=ids)
        .values("wave_id", "unit_key", "role_key")
        .annotate(asked=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    ):
        counts[(row["wave_id"], row["unit_key"], row["role_key"])] = (
            row["asked"],
            row["answered"],
        )
    groups: dict[int, list[WaveGroup]] = defaultdict(list)
    for group in WaveGroup.objects.filter(wave_id__in=ids).order_by("unit_label", "role_key"):
        groups[group.wave_id].append(group)
    rates = []
    for wave in waves:
        asked = sum(a for (w, _u, _r), (a, _n) in counts.items() if w == wave.pk)
        answered = sum(n for (w, _u, _r), (_a, n) in counts.items() if w == wave.pk)
        rows = []
        for group in groups[wave.pk]:
            shown = group.population >= survey.min_group
            _asked, done = counts.get((wave.pk, group.unit_key, group.role_key), (0, 0))
            rows.append(
                GroupRate(
                    group.unit_label, group.role_key, group.population, done if shown else None
                )
            )
        rates.append(WaveRate(wave, asked, answered, rows))
    return rates


def open_for_person(person_id: int) -> QuerySet[Participant]:
    """The open waves a person is asked in and has not answered yet."""
    return (
        Participant.objects.filter(
            person_id=person_id, answered=False, wave__status=WaveStatus.OPEN
        )
        .select_related("wave__survey")
        .order_by("wave__closes_on", "pk")
    )
