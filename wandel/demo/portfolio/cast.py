"""Who acts in the demo's portfolio, and what the hand-written and the generated use cases
share: the dates of their moves and measurements, and the rationales of their scores."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wandel.core.models import User
from wandel.core.roles import Role
from wandel.demo.org.accounts import LOGINS
from wandel.demo.org.company import company
from wandel.demo.portfolio.plan import CRITERION_NAMES, VETO, division_of
from wandel.demo.portfolio.specs import wording
from wandel.org.models import Person, RoleAssignment, Unit
from wandel.portfolio.use_cases.models import Criterion


@dataclass
class Cast:
    """Who acts in the demo's portfolio, and the criteria they score against."""

    rng: random.Random
    now: datetime
    users: dict[str, User]
    owners: dict[str, Person]
    staff: dict[str, list[int]]
    units: dict[str, Unit]
    criteria: list[Criterion]

    @classmethod
    def load(cls, rng: random.Random) -> Cast:
        users = {u.email: u for u in User.objects.filter(email__in=[x.email for x in LOGINS])}
        owners = {
            division_of(a.person.unit.code): a.person
            for a in RoleAssignment.objects.current()
            .filter(role=Role.PRODUCT_OWNER)
            .select_related("person__unit", "person__user")
            .order_by("assigned_on", "pk")
        }
        staff: dict[str, list[int]] = defaultdict(list)
        people = Person.objects.filter(active=True, user__isnull=True).order_by("pk")
        for pk, code in people.values_list("pk", "unit__code"):
            staff[division_of(code)].append(pk)
        by_name = {c.name_en: c for c in Criterion.objects.filter(active=True)}
        base_codes = [b.code for b in company().units]
        missing = [name for name in CRITERION_NAMES if name not in by_name]
        if missing:
            raise ValueError(f"The demo scores against the default criteria; missing: {missing}")
        return cls(
            rng=rng,
            now=timezone.now(),
            users=users,
            owners=owners,
            staff=staff,
            units={u.code: u for u in Unit.objects.filter(code__in=base_codes)},
            criteria=[by_name[name] for name in CRITERION_NAMES],
        )

    def ago(self, days: float) -> datetime:
        """A working-hours moment ``days`` before now (never in the future)."""
        moment = self.now - timedelta(days=days)
        return min(self.now, moment.replace(hour=self.rng.randint(8, 16), minute=0))

    def pick_staff(self, divisions: Sequence[str], count: int) -> list[Person]:
        pool = [pk for division in divisions for pk in self.staff[division]]
        chosen = self.rng.sample(pool, min(count, len(pool)))
        people = Person.objects.in_bulk(chosen)
        return [people[pk] for pk in chosen]


def move_days(submitted: int, moves: int) -> list[float]:
    """Days before now of each move: evenly after submission, the last a quarter back."""
    if not moves:
        return []
    last = max(1.0, submitted / 4)
    step = (submitted - last) / moves
    return [submitted - step * (number + 1) for number in range(moves)]


def rationale(criterion: str, value: int, hours: int | None, people: int | None) -> str:
    words = wording()
    low, middle, high = words.rationales[criterion]
    text = low if value <= 2 else middle if value == 3 else high
    if criterion == VETO and value >= 5:
        text = words.veto_rationale
    return text.format(
        hours=hours if hours is not None else words.unknown_figures.hours,
        people=people if people is not None else words.unknown_figures.people,
    )


def monthly(since: date, until: date) -> list[date]:
    dates = []
    day = since + timedelta(days=30)
    while day <= until:
        dates.append(day)
        day += timedelta(days=30)
    return dates


def between(baseline: Decimal, target: Decimal, progress: float) -> Decimal:
    value = baseline + (target - baseline) * Decimal(str(round(progress, 4)))
    return max(value, Decimal(0)).quantize(Decimal("0.1"))
