"""A wave's results as files and pictures, from ``results.wave_results`` only: the table for
CSV and Excel, the PDF, the ADKAR heat map; and the audit event of every look at results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.charts.matrix import Matrix, matrix
from wandel.core.models import User
from wandel.feedback.surveys.models import SurveyAction
from wandel.feedback.surveys.results import WaveResults
from wandel.feedback.surveys.rules import adkar_barrier

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "feedback" / "results_pdf.css"


# The five elements of ADKAR, by the question keys of the ADKAR template, in order.
ADKAR_KEYS = ("awareness", "desire", "knowledge", "ability", "reinforcement")
ADKAR_LABELS = (_("Awareness"), _("Desire"), _("Knowledge"), _("Ability"), _("Reinforcement"))
ADKAR_STRONG = 4


@dataclass(frozen=True)
class HeatRow:
    label: str
    n: int | None
    # The mean of each element, None where withheld.
    means: list[float | None]

    @property
    def cells(self) -> list[tuple[float | None, str]]:
        return [(m, adkar_level(m) if m is not None else "withheld") for m in self.means]


def adkar_level(mean: float) -> str:
    """The colour of an element's mean: a mean of 3 or lower is a barrier point (ADKAR), 4
    or more strong, what lies between middling."""
    if adkar_barrier(mean):
        return "barrier"
    return "strong" if mean >= ADKAR_STRONG else "middling"


def adkar_picture(heat: list[HeatRow]) -> Matrix:
    return matrix(
        [(row.label, row.means) for row in heat],
        [str(label) for label in ADKAR_LABELS],
        level=adkar_level,
    )


def adkar_heat(results: WaveResults) -> list[HeatRow]:
    """The ADKAR profile per group of a breakdown (groups × the five elements), with the whole
    view's profile first; withheld groups and figures stay withheld."""
    rows = []
    for group in (results.total, *results.groups):
        means: list[float | None] = []
        for key in ADKAR_KEYS:
            figure = group.figure(key)
            means.append(figure.mean if figure is not None else None)
        rows.append(HeatRow(group.label, group.n, means))
    return rows


@user_action
def results_looked_at(
    *, actor: User, results: WaveResults, fmt: str = "page", question: str = ""
) -> None:
    """Record who looked at which wave with which breakdown and filters, on a page or in an
    export: the works council can see how results were used."""
    action = (
        SurveyAction.RESULTS_VIEWED if fmt in ("page", "api") else SurveyAction.RESULTS_EXPORTED
    )
    audit_record(
        actor=actor,
        action=action,
        target=results.wave.survey,
        changes={
            "wave": results.wave.number,
            "group_by": str(results.group_by),
            "unit": results.unit,
            "role": results.role,
            "question": question,
            "format": fmt,
        },
    )


def results_table(results: WaveResults) -> list[list[object]]:
    """The view as rows for CSV and Excel: one row per group, question and answer option,
    the same figures the page shows and nothing the page withholds."""
    rows: list[list[object]] = [
        [
            str(_("Survey")),
            str(_("Wave")),
            str(_("Group")),
            str(_("Responses")),
            str(_("Question")),
            str(_("Answered")),
            str(_("Mean")),
            str(_("Answer")),
            str(_("Count")),
            str(_("Percent")),
        ]
    ]
    survey = str(results.wave.survey)
    wave = str(results.wave)
    withheld = str(_("too few responses"))
    for group in (results.total, *results.groups):
        if group.suppressed:
            rows.append([survey, wave, group.label, withheld, "", "", "", "", "", ""])
            continue
        for figure in group.figures:
            if figure.suppressed:
                answered: object = str(_("too few answers"))
                rows.append([survey, wave, group.label, group.n, figure.text, answered])
                rows[-1].extend(["", "", "", ""])
                continue
            if not figure.options:
                rows.append(
                    [
                        survey,
                        wave,
                        group.label,
                        group.n,
                        figure.text,
                        figure.answered,
                        "",
                        "",
                        "",
                        "",
                    ]
                )
            for option in figure.options:
                rows.append(
                    [
                        survey,
                        wave,
                        group.label,
                        group.n,
                        figure.text,
                        figure.answered,
                        "" if figure.mean is None else figure.mean,
                        option.label,
                        option.count,
                        option.percent,
                    ]
                )
    return rows


def results_pdf(results: WaveResults, *, generated_by: str) -> bytes:
    """The view as a PDF, drawn by WeasyPrint from a template; it fetches nothing."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "feedback/results_pdf.html",
        {"results": results, "heat": adkar_heat(results), "generated_by": generated_by},
    )
    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf(
        stylesheets=[CSS(filename=STYLESHEET, url_fetcher=_fetch_nothing)]
    )


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"survey results fetch nothing ({url})")
