"""How a use case is measured: quality requirements, KPIs with their measurements, comments.

One function per action, called by pages and the API alike. The section of the use-case
page reads through ``queries.py``; ``rules.py`` holds the pure rules of a KPI's progress.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record, changed_fields, snapshot
from wandel.core.models import User
from wandel.portfolio.measures.models import (
    Cadence,
    Comment,
    Direction,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.services import PortfolioError

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
    "measure_every",
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
    measure_every: int | None = Cadence.MONTHLY,
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
        measure_every=measure_every,
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
