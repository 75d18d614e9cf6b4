"""Evidence another app keeps for an obligation of the AI Act, shown beside it.

Governance lists a use case's obligations; some are met by records governance does not
keep (AI literacy of staff, Art. 4, by the trainings of enablement). An app registers a
provider on ``OBLIGATION_EVIDENCE`` in its ``hooks.py``: a function of the obligation's id
that returns ``Evidence`` for the obligations it keeps records of, None for the others. So
governance shows the evidence without importing the app that keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wandel.core.registry import Hook


@dataclass(frozen=True)
class Evidence:
    """What the records say, in one sentence of the reader's language, and where to see
    them; ``light`` is ``green``, ``amber`` or ``red`` where the records meet, nearly meet
    or miss a target, empty where there is none."""

    text: str
    url: str
    light: str = ""


EvidenceProvider = Callable[[str], Evidence | None]

OBLIGATION_EVIDENCE: Hook[EvidenceProvider] = Hook("obligation evidence")


def evidence_for(obligation_ids: Iterable[str]) -> dict[str, list[Evidence]]:
    """The evidence each provider has for each obligation, in the order they registered."""
    found: dict[str, list[Evidence]] = {}
    for obligation_id in obligation_ids:
        for provider in OBLIGATION_EVIDENCE:
            evidence = provider(obligation_id)
            if evidence is not None:
                found.setdefault(obligation_id, []).append(evidence)
    return found
