"""How a use case is measured: quality requirements, KPIs with their measurements, comments.

Writes (one function per action, called by pages and the API alike) and the read that feeds
the use-case page. ``kpi_progress`` and ``kpi_status`` are pure rules without the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.charts.line import LineChart, line_chart
from wandel.core.models import User
from wandel.core.roles import Permission
from wandel.portfolio.forms_measures import (
    CommentForm,
    KpiForm,
    MeasurementForm,
    RequirementForm,
    RequirementStatusForm,
)
from wandel.portfolio.models import (
    Comment,
    Direction,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
    UseCase,
)
from wandel.portfolio.permissions import can_edit
from wandel.portfolio.services import PortfolioError

COMMENT_MAX_LENGTH = 4000

REQUIREMENT_TEXT_REQUIRED = _("Write down the acceptance criterion.")
UNKNOWN_STATUS = _("“%(status)s” is not a status of a quality requirement.")
EVIDENCE_REQUIRED = _(
    "A requirement that is met or not met needs its evidence: a note and the date it was tested."
)
EVIDENCE_IN_FUTURE = _("The test date cannot lie in the future.")
KPI_NAME_REQUIRED = _("Give the KPI a name and a unit of measure.")
UNKNOWN_DIRECTION = _("“%(direction)s” is not a direction of a KPI.")
TARGET_EQUALS_BASELINE = _("The target must differ from the baseline.")
TARGET_NOT_ABOVE_BASELINE = _(
    "Higher is better for this KPI, so the target must lie above the baseline."
)
TARGET_NOT_BELOW_BASELINE = _(
    "Lower is better for this KPI, so the target must lie below the baseline."
)
TARGET_DATE_NOT_AFTER_BASELINE = _("The target date must come after the baseline date.")
MEASURED_BEFORE_BASELINE = _(
    "A measurement cannot be dated before the KPI's baseline date (%(date)s)."
)
MEASURED_IN_FUTURE = _("A measurement cannot be dated in the future.")
COMMENT_REQUIRED = _("Write a comment first.")
COMMENT_TOO_LONG = _("A comment can be at most %(max)d characters long.")
FIELD_ERROR = _("%(field)s: %(error)s")


REQUIREMENT_AUDITED = (
    "use_case",
    "text",
    "status",
    "evidence_note",
    "evidence_link",
    "evidence_date",
)
KPI_AUDITED = (
    "use_case",
    "name",
    "unit_of_measure",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
)
MEASUREMENT_AUDITED = ("kpi", "measured_on", "value", "note")


class MeasureAction(models.TextChoices):
    """Audit actions of requirements, KPIs, measurements and comments."""

    REQUIREMENT_ADDED = "portfolio.requirement_added", _("Quality requirement added")
    REQUIREMENT_TESTED = "portfolio.requirement_tested", _("Quality requirement result recorded")
    KPI_ADDED = "portfolio.kpi_added", _("KPI added")
    MEASUREMENT_RECORDED = "portfolio.measurement_recorded", _("KPI measurement recorded")
    COMMENT_ADDED = "portfolio.comment_added", _("Comment added")


class MeasuresError(PortfolioError):
    """A requirement, KPI, measurement or comment the rules refuse; the message is for the user."""


# Pure rules --------------------------------------------------------------------------------


class KpiStatus(models.TextChoices):
    REACHED = "reached", _("Target reached")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")


def kpi_progress(
    baseline: Decimal, target: Decimal, latest: Decimal | None, direction: str
) -> Decimal | None:
    """The share of the way from baseline to target that ``latest`` has come.

    0 is the baseline, 1 the target; above 1 the target is beaten, below 0 the KPI got
    worse than its baseline. None without a measurement, or when the target is no
    improvement on the baseline in the KPI's direction (then there is no way to go).
    """
    if latest is None:
        return None
    sign = 1 if direction == Direction.HIGHER else -1
    planned = sign * (target - baseline)
    if planned <= 0:
        return None
    return (sign * (latest - baseline) / planned).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def kpi_status(
    *, progress: Decimal | None, baseline_date: date, target_date: date, measured_on: date
) -> KpiStatus | None:
    """Reached, or on track / behind compared with a straight line from baseline to target."""
    if progress is None:
        return None
    if progress >= 1:
        return KpiStatus.REACHED
    planned_days = (target_date - baseline_date).days
    if planned_days <= 0:
        return KpiStatus.BEHIND
    elapsed = min(max((measured_on - baseline_date).days, 0), planned_days)
    expected = Decimal(elapsed) / Decimal(planned_days)
    return KpiStatus.ON_TRACK if progress >= expected else KpiStatus.BEHIND


# Writes ------------------------------------------------------------------------------------


@user_action
def requirement_add(*, use_case: UseCase, text: str, actor: User | None) -> QualityRequirement:
    """A new acceptance criterion; it starts as not yet tested."""
    requirement = QualityRequirement(use_case=use_case, text=text.strip())
    if not requirement.text:
        raise MeasuresError(REQUIREMENT_TEXT_REQUIRED, field="text")
    _validate(requirement, exclude=["use_case"])
    requirement.save()
    audit_record(
        actor=actor,
        action=MeasureAction.REQUIREMENT_ADDED,
        target=requirement,
        changes=changed_fields({}, snapshot(requirement, REQUIREMENT_AUDITED)),
    )
    return requirement


@user_action
def requirement_update_status(
    *,
    requirement: QualityRequirement,
    status: str,
    evidence_note: str = "",
    evidence_link: str = "",
    evidence_date: date | None = None,
    actor: User | None,
) -> QualityRequirement:
    """Record the result of testing a requirement; met and not met need a note and a date."""
    try:
        status = RequirementStatus(status)
    except ValueError:
        raise MeasuresError(UNKNOWN_STATUS % {"status": status}, field="status") from None
    evidence_note = evidence_note.strip()
    if status != RequirementStatus.NOT_TESTED and (not evidence_note or evidence_date is None):
        raise MeasuresError(EVIDENCE_REQUIRED)
    if evidence_date is not None and evidence_date > timezone.localdate():
        raise MeasuresError(EVIDENCE_IN_FUTURE, field="evidence_date")
    requirement = QualityRequirement.objects.select_for_update().get(pk=requirement.pk)
    before = snapshot(requirement, REQUIREMENT_AUDITED)
    requirement.status = status
    requirement.evidence_note = evidence_note
    requirement.evidence_link = evidence_link.strip()
    requirement.evidence_date = evidence_date
    _validate(requirement, exclude=["use_case"])
    requirement.save(update_fields=["status", "evidence_note", "evidence_link", "evidence_date"])
    changes = changed_fields(before, snapshot(requirement, REQUIREMENT_AUDITED))
    if changes:
        audit_record(
            actor=actor,
            action=MeasureAction.REQUIREMENT_TESTED,
            target=requirement,
            changes=changes,
        )
    return requirement


@user_action
def kpi_add(
    *,
    use_case: UseCase,
    name: str,
    unit_of_measure: str,
    direction: str,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    actor: User | None,
) -> Kpi:
    """A new KPI with the baseline it starts from and the target it should reach by a date."""
    try:
        direction = Direction(direction)
    except ValueError:
        raise MeasuresError(
            UNKNOWN_DIRECTION % {"direction": direction}, field="direction"
        ) from None
    kpi = Kpi(
        use_case=use_case,
        name=name.strip(),
        unit_of_measure=unit_of_measure.strip(),
        direction=direction,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
    )
    if not kpi.name or not kpi.unit_of_measure:
        raise MeasuresError(KPI_NAME_REQUIRED)
    _validate(kpi, exclude=["use_case"])
    if kpi.target_value == kpi.baseline_value:
        raise MeasuresError(TARGET_EQUALS_BASELINE, field="target_value")
    if direction == Direction.HIGHER and kpi.target_value < kpi.baseline_value:
        raise MeasuresError(TARGET_NOT_ABOVE_BASELINE, field="target_value")
    if direction == Direction.LOWER and kpi.target_value > kpi.baseline_value:
        raise MeasuresError(TARGET_NOT_BELOW_BASELINE, field="target_value")
    if kpi.target_date <= kpi.baseline_date:
        raise MeasuresError(TARGET_DATE_NOT_AFTER_BASELINE, field="target_date")
    kpi.save()
    # Read back as stored (two decimal places), so the log shows what the page shows.
    kpi.refresh_from_db()
    audit_record(
        actor=actor,
        action=MeasureAction.KPI_ADDED,
        target=kpi,
        changes=changed_fields({}, snapshot(kpi, KPI_AUDITED)),
    )
    return kpi


@user_action
def measurement_record(
    *, kpi: Kpi, measured_on: date, value: Decimal, note: str = "", actor: User | None
) -> KpiMeasurement:
    """Record the KPI's value on a day; a day that has a value already gets the new one.

    A new note replaces the old one; recording again without a note keeps the old note.
    """
    if measured_on < kpi.baseline_date:
        raise MeasuresError(
            MEASURED_BEFORE_BASELINE
            % {"date": date_format(kpi.baseline_date, "SHORT_DATE_FORMAT")},
            field="measured_on",
        )
    if measured_on > timezone.localdate():
        raise MeasuresError(MEASURED_IN_FUTURE, field="measured_on")
    candidate = KpiMeasurement(kpi=kpi, measured_on=measured_on, value=value, note=note.strip())
    _validate(candidate, exclude=["kpi", "recorded_by"])
    existing = (
        KpiMeasurement.objects.select_for_update()
        .filter(kpi=kpi, measured_on=candidate.measured_on)
        .first()
    )
    before = snapshot(existing, MEASUREMENT_AUDITED) if existing else {}
    measurement = existing or KpiMeasurement(kpi=kpi, measured_on=candidate.measured_on)
    measurement.value = candidate.value
    measurement.recorded_by = actor if actor is not None and actor.pk else None
    if candidate.note or existing is None:
        measurement.note = candidate.note
    measurement.save()
    measurement.refresh_from_db()
    audit_record(
        actor=actor,
        action=MeasureAction.MEASUREMENT_RECORDED,
        target=measurement,
        changes=changed_fields(before, snapshot(measurement, MEASUREMENT_AUDITED)),
    )
    return measurement


@user_action
def comment_add(*, use_case: UseCase, text: str, actor: User | None) -> Comment:
    text = text.strip()
    if not text:
        raise MeasuresError(COMMENT_REQUIRED, field="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise MeasuresError(COMMENT_TOO_LONG % {"max": COMMENT_MAX_LENGTH}, field="text")
    comment = Comment.objects.create(
        use_case=use_case, author=actor if actor is not None and actor.pk else None, text=text
    )
    audit_record(
        actor=actor,
        action=MeasureAction.COMMENT_ADDED,
        target=comment,
        changes=changed_fields({}, snapshot(comment, ["use_case", "text"])),
    )
    return comment


def _validate(instance: models.Model, *, exclude: list[str]) -> None:
    """The model's own field checks (lengths, digits, URLs) as a refusal for the user."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = [
            message if name == NON_FIELD_ERRORS else _field_error(instance, name, message)
            for name, field_messages in error.message_dict.items()
            for message in field_messages
        ]
        raise MeasuresError(" ".join(messages)) from error


def _field_error(instance: models.Model, name: str, message: str) -> str:
    field = instance._meta.get_field(name)
    label = capfirst(getattr(field, "verbose_name", name))
    return str(FIELD_ERROR % {"field": label, "error": message})


# Reads -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiSummary:
    """One KPI as the use-case page shows it."""

    kpi: Kpi
    measurements: list[KpiMeasurement]
    latest: KpiMeasurement | None
    progress: Decimal | None
    status: KpiStatus | None
    chart: LineChart
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
    return KpiSummary(kpi, measurements, latest, progress, status, chart, form)


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
    editable = bool(can_edit(user, use_case))
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


def _status_initial(requirement: QualityRequirement) -> dict[str, Any]:
    return {
        "status": requirement.status,
        "evidence_note": requirement.evidence_note,
        "evidence_link": requirement.evidence_link,
        "evidence_date": requirement.evidence_date or timezone.localdate(),
    }
