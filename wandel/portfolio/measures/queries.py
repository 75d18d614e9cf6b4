"""The read that feeds the measures section of a use case's page, and one KPI as it shows it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Prefetch
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from wandel.core.charts.line import LineChart, LineLabels, line_chart
from wandel.core.roles import Permission
from wandel.portfolio.extensions import DetailSection
from wandel.portfolio.measures.forms import (
    CommentForm,
    KpiForm,
    MeasurementForm,
    RequirementForm,
    RequirementStatusForm,
)
from wandel.portfolio.measures.models import (
    Comment,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.measures.rules import KpiStatus, kpi_progress, kpi_status
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.permissions import can_run


@dataclass(frozen=True)
class KpiSummary:
    """One KPI as the use-case page shows it."""

    kpi: Kpi
    measurements: list[KpiMeasurement]
    latest: KpiMeasurement | None
    progress: Decimal | None
    status: KpiStatus | None
    chart: LineChart
    labels: LineLabels
    form: MeasurementForm

    @property
    def progress_percent(self) -> int | None:
        if self.progress is None:
            return None
        return int((self.progress * 100).to_integral_value(ROUND_HALF_UP))


def kpi_summary(kpi: Kpi, measurements: list[KpiMeasurement]) -> KpiSummary:
    latest = measurements[-1] if measurements else None
    progress = kpi_progress(
        kpi.baseline_value,
        kpi.target_value,
        latest.value if latest else None,
        kpi.direction,
    )
    status = (
        kpi_status(
            progress=progress,
            baseline_date=kpi.baseline_date,
            target_date=kpi.target_date,
            measured_on=latest.measured_on,
        )
        if latest
        else None
    )
    chart = line_chart(
        measurements=[(m.measured_on, m.value) for m in measurements],
        baseline=(kpi.baseline_date, kpi.baseline_value),
        target=(kpi.target_date, kpi.target_value),
    )
    form = MeasurementForm(auto_id=f"kpi{kpi.pk}_%s", initial={"measured_on": timezone.localdate()})
    labels = chart_labels(kpi, measurements)
    return KpiSummary(kpi, measurements, latest, progress, status, chart, labels, form)


def chart_labels(kpi: Kpi, measurements: list[KpiMeasurement]) -> LineLabels:
    """The words of a KPI's chart in the active language: its title, a description that
    says what the chart shows (for screen readers), and the labels of baseline and target."""
    short = "SHORT_DATE_FORMAT"
    baseline, target = floatformat(kpi.baseline_value, "-2"), floatformat(kpi.target_value, "-2")
    description = gettext(
        "Baseline %(baseline)s %(unit)s on %(since)s, target %(target)s %(unit)s by %(by)s."
    ) % {
        "baseline": baseline,
        "target": target,
        "unit": kpi.unit_of_measure,
        "since": date_format(kpi.baseline_date, short),
        "by": date_format(kpi.target_date, short),
    }
    if measurements:
        latest = measurements[-1]
        count = len(measurements)
        described = ngettext(
            "%(counter)s measurement, latest %(latest)s %(unit)s on %(on)s.",
            "%(counter)s measurements, latest %(latest)s %(unit)s on %(on)s.",
            count,
        ) % {
            "counter": count,
            "latest": floatformat(latest.value, "-2"),
            "unit": kpi.unit_of_measure,
            "on": date_format(latest.measured_on, short),
        }
    else:
        described = gettext("No measurements yet.")
    return LineLabels(
        title=gettext("%(name)s over time") % {"name": kpi.name},
        description=f"{description} {described}",
        baseline=gettext("Baseline %(value)s") % {"value": baseline},
        target=gettext("Target %(value)s") % {"value": target},
        unit=kpi.unit_of_measure,
    )


def measures_context(*, use_case: UseCase, user: Any) -> dict[str, Any]:
    """Everything ``portfolio/_measures.html`` shows, in the same few queries however much
    there is: requirements, KPIs with measurements and charts, comments, and the forms the
    user may use."""
    requirements = list(QualityRequirement.objects.filter(use_case=use_case))
    kpis = Kpi.objects.filter(use_case=use_case).prefetch_related(
        Prefetch("measurements", queryset=KpiMeasurement.objects.order_by("measured_on", "pk"))
    )
    comments = list(
        Comment.objects.filter(use_case=use_case)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    editable = bool(can_run(user, use_case))
    counts = {status: 0 for status in RequirementStatus}
    for requirement in requirements:
        counts[RequirementStatus(requirement.status)] += 1
    return {
        "requirements": [
            (r, RequirementStatusForm(auto_id=f"req{r.pk}_%s", initial=_status_initial(r)))
            for r in requirements
        ],
        "requirements_met": counts[RequirementStatus.MET],
        "requirements_not_met": counts[RequirementStatus.NOT_MET],
        "requirements_untested": counts[RequirementStatus.NOT_TESTED],
        "kpis": [kpi_summary(kpi, list(kpi.measurements.all())) for kpi in kpis],
        "comments": comments,
        "can_edit_measures": editable,
        "can_comment": bool(user.has_perm(Permission.SUBMIT_IDEAS)),
        "requirement_form": RequirementForm(auto_id="new_requirement_%s"),
        "kpi_form": KpiForm(auto_id="new_kpi_%s"),
        "comment_form": CommentForm(auto_id="new_comment_%s"),
    }


def measures_section(use_case: UseCase, user: Any) -> DetailSection:
    """The measures' section of the use-case page (registered in ``portfolio/hooks.py``)."""
    return DetailSection("portfolio/_measures.html", measures_context(use_case=use_case, user=user))


def _status_initial(requirement: QualityRequirement) -> dict[str, Any]:
    return {
        "status": requirement.status,
        "evidence_note": requirement.evidence_note,
        "evidence_link": requirement.evidence_link,
        "evidence_date": requirement.evidence_date or timezone.localdate(),
    }
