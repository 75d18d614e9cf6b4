"""AI-literacy coverage as the evidence of the AI Act obligation "AI literacy" (Art. 4),
shown with it on every use case's classification."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from wandel.core.evidence import Evidence
from wandel.enablement.literacy.queries import organisation_coverage

OBLIGATION = "ai_literacy"


def ai_literacy(obligation_id: str) -> Evidence | None:
    if obligation_id != OBLIGATION:
        return None
    row = organisation_coverage()
    url = reverse("enablement:coverage")
    if row.coverage.percent is None:
        return Evidence(gettext("No learning path requires a training yet."), url)
    light = row.light
    return Evidence(
        gettext(
            "AI-literacy coverage of the organisation: %(percent)s %% (%(covered)s of "
            "%(required)s people with a required training; target %(target)s %%)."
        )
        % {
            "percent": row.coverage.percent,
            "covered": row.coverage.covered,
            "required": row.coverage.required,
            "target": row.target,
        },
        url,
        str(light) if light is not None else "",
    )
