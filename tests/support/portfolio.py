"""Small factories for portfolio tests."""

from __future__ import annotations

import itertools
from typing import Any

from tests.support.personas import make_unit
from wandel.core.models import User
from wandel.portfolio.use_cases.models import Capability, Criterion, UseCase
from wandel.portfolio.use_cases.services import ScoreInput, scores_record, use_case_submit

_counter = itertools.count(1)


def make_use_case(*, actor: User | None = None, **fields: Any) -> UseCase:
    number = next(_counter)
    defaults: dict[str, Any] = {
        "title": f"Use case {number}",
        "problem": "Answers take too long.",
        "process": "Customer support",
        "unit": fields.pop("unit", None) or make_unit(),
        "expected_benefit": "20 hours per month",
        "data_involved": "Support tickets",
        "personal_data": False,
        "capability": Capability.GENERATION,
    }
    return use_case_submit(actor=actor, **{**defaults, **fields})


def score_all(
    use_case: UseCase, value: int = 4, *, actor: User | None = None, **by_name: int
) -> UseCase:
    """Score every active criterion (risk criteria low unless given by English name)."""
    scores = {}
    for criterion in Criterion.objects.filter(active=True):
        given = by_name.get(criterion.name_en)
        if given is None:
            given = 1 if criterion.group == "risk" else value
        scores[criterion.pk] = ScoreInput(given, f"Rationale for {criterion.name_en}")
    return scores_record(use_case=use_case, scores=scores, actor=actor)
