"""The risk register: pure rating rules, the writes (one function per action) and the reads
that feed pages, API and exports.

A risk is accepted only by a steering-committee decision. Nothing here sets a risk to
accepted on request; ``risk_sync_acceptance`` derives the status from the effective
(not superseded) risk-acceptance decisions, and the decision register calls it whenever it
records one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wandel.core.audit import audit_record
from wandel.core.models import User
from wandel.core.queries import Figure
from wandel.core.roles import Permission
from wandel.governance.models.risks import (
    DECISION_APPROVING_OUTCOMES,
    DECISION_KIND_RISK_ACCEPTANCE,
    DECISION_REJECTED,
    Mitigation,
    MitigationStatus,
    Risk,
    RiskAction,
    RiskCategory,
    RiskStatus,
)
from wandel.org.models import Person
from wandel.portfolio.models import UseCase

RISK_FIELDS = (
    "use_case",
    "title",
    "description",
    "category",
    "likelihood",
    "impact",
    "owner",
    "residual_likelihood",
    "residual_impact",
    "review_on",
)
MITIGATION_FIELDS = ("text", "status", "owner", "due_on")

RESIDUAL_BOTH = _("Give both residual ratings (likelihood and impact) or neither.")
RESIDUAL_ABOVE_INHERENT = _(
    "Mitigations do not make a risk worse: the residual likelihood and impact cannot be "
    "higher than the ratings before mitigation."
)
CLOSED_RISK = _("This risk is closed; reopen it before changing it.")
ALREADY_CLOSED = _("This risk is closed already.")
NOT_CLOSED = _("Only a closed risk can be reopened.")
ACCEPTANCE_NEEDS_OPEN = _(
    "Only an open risk can be put forward for acceptance; this one is “%(status)s”."
)
ACCEPTANCE_ONLY_BY_DECISION = _(
    "A risk is accepted only by a steering-committee decision, not by changing its status."
)
MITIGATION_TEXT_REQUIRED = _("Describe the mitigation.")
FIELD_ERROR = _("%(field)s: %(error)s")


class RiskError(Exception):
    """A change of the risk register the rules refuse; the message is for the user."""


# Pure rules --------------------------------------------------------------------------------


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


# Upper bound (inclusive) of each band of likelihood × impact; critical is everything above.
SEVERITY_BANDS = ((4, Severity.LOW), (9, Severity.MEDIUM), (16, Severity.HIGH))
# Fill and text colour of each band in the heat map (the palette of wandel.css's badges).
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.LOW: ("#dcfce7", "#166534"),
    Severity.MEDIUM: ("#fef3c7", "#92400e"),
    Severity.HIGH: ("#fed7aa", "#9a3412"),
    Severity.CRITICAL: ("#fca5a5", "#7f1d1d"),
}


def risk_score(likelihood: int, impact: int) -> int:
    """Likelihood × impact, each 1–5, so 1–25."""
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        raise ValueError("likelihood and impact run from 1 to 5")
    return likelihood * impact


def severity(score: int) -> Severity:
    for upper, band in SEVERITY_BANDS:
        if score <= upper:
            return band
    return Severity.CRITICAL


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    x: float
    y: float
    size: float
    fill: str
    ink: str
    url: str = ""
    selected: bool = False

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def severity(self) -> Severity:
        return severity(self.score)

    @property
    def centre_x(self) -> float:
        return round(self.x + self.size / 2, 1)

    @property
    def centre_y(self) -> float:
        return round(self.y + self.size / 2, 1)


TOP = 16  # room above the grid; the margin at the left and bottom holds the axes


@dataclass(frozen=True)
class HeatMap:
    size: int
    margin: int
    cell: float
    cells: list[HeatCell]
    ticks: list[dict[str, float]]
    residual: bool
    total: int
    unrated: int = 0
    top: int = TOP

    @property
    def grid(self) -> float:
        return round(5 * self.cell, 1)

    @property
    def bottom(self) -> float:
        return round(self.top + 5 * self.cell, 1)

    @property
    def middle_x(self) -> float:
        return round(self.margin + 2.5 * self.cell, 1)

    @property
    def middle_y(self) -> float:
        return round(self.top + 2.5 * self.cell, 1)


def heat_map_geometry(
    counts: Mapping[tuple[int, int], int], *, residual: bool = False, size: int = 440
) -> HeatMap:
    """A 5 × 5 grid: impact 1–5 left to right, likelihood 1–5 bottom to top.

    ``counts`` maps (likelihood, impact) to the number of risks rated so. Cells are listed
    row by row from the top (likelihood 5) so that the SVG reads like the picture.
    """
    margin = 56
    cell = (size - margin - TOP) / 5
    cells = []
    for likelihood in range(5, 0, -1):
        for impact in range(1, 6):
            fill, ink = SEVERITY_COLOURS[severity(likelihood * impact)]
            cells.append(
                HeatCell(
                    likelihood=likelihood,
                    impact=impact,
                    count=counts.get((likelihood, impact), 0),
                    x=round(margin + (impact - 1) * cell, 1),
                    y=round(TOP + (5 - likelihood) * cell, 1),
                    size=round(cell, 1),
                    fill=fill,
                    ink=ink,
                )
            )
    ticks = [
        {
            "value": v,
            "x": round(margin + (v - 0.5) * cell, 1),
            "y": round(TOP + (5.5 - v) * cell, 1),
        }
        for v in range(1, 6)
    ]
    return HeatMap(
        size=size,
        margin=margin,
        cell=round(cell, 1),
        cells=cells,
        ticks=ticks,
        residual=residual,
        total=sum(counts.values()),
    )


@dataclass(frozen=True)
class SeverityBadge:
    score: int
    severity: Severity
    fill: str
    ink: str


def severity_badge(score: int | None) -> SeverityBadge | None:
    """What a page needs to show a score in its severity's colours."""
    if score is None:
        return None
    band = severity(score)
    fill, ink = SEVERITY_COLOURS[band]
    return SeverityBadge(score, band, fill, ink)


SEVERITY_LEGEND = (
    (Severity.LOW, "1–4"),
    (Severity.MEDIUM, "5–9"),
    (Severity.HIGH, "10–16"),
    (Severity.CRITICAL, "20–25"),
)


def review_overdue(review_on: date, status: str, today: date) -> bool:
    return status != RiskStatus.CLOSED and review_on < today


# Decisions ---------------------------------------------------------------------------------


def _decisions() -> QuerySet[Any]:
    # The decision register is another sub-domain; reached through the app registry so
    # that neither models module imports the other.
    return apps.get_model("governance", "Decision").objects.all()


def _effective_acceptance_decisions(risk: Risk) -> QuerySet[Any]:
    return _decisions().filter(
        risk=risk, kind=DECISION_KIND_RISK_ACCEPTANCE, superseded_by__isnull=True
    )


def risk_accepted(risk: Risk) -> bool:
    """Whether an effective decision accepts the risk (approved, or with conditions)."""
    return (
        _effective_acceptance_decisions(risk)
        .filter(outcome__in=DECISION_APPROVING_OUTCOMES)
        .exists()
    )


# Writes ------------------------------------------------------------------------------------


def risk_record(*, actor: User | None, **fields: Any) -> Risk:
    """A new entry of the register; it starts open."""
    _known(fields, RISK_FIELDS)
    risk = Risk(recorded_by=actor, status=RiskStatus.OPEN, **fields)
    _check(risk)
    with transaction.atomic():
        risk.save()
        audit_record(
            actor=actor,
            action=RiskAction.RECORDED,
            target=risk,
            changes={
                "title": risk.title,
                "category": risk.category,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "residual_likelihood": risk.residual_likelihood,
                "residual_impact": risk.residual_impact,
                "owner": risk.owner.email,
                "use_case": risk.use_case_id,
                "review_on": risk.review_on,
            },
        )
    return risk


def risk_update(*, risk: Risk, actor: User | None, **fields: Any) -> Risk:
    """Change what the register says about a risk; the status has its own actions."""
    if "status" in fields:
        raise RiskError(ACCEPTANCE_ONLY_BY_DECISION)
    _known(fields, RISK_FIELDS)
    with transaction.atomic():
        stored = Risk.objects.select_for_update().get(pk=risk.pk)
        if stored.status == RiskStatus.CLOSED:
            raise RiskError(CLOSED_RISK)
        before = {name: getattr(stored, name) for name in fields}
        for name, value in fields.items():
            setattr(stored, name, value)
        _check(stored)
        changed = {
            name: {"from": _plain(before[name]), "to": _plain(value)}
            for name, value in fields.items()
            if before[name] != value
        }
        if changed:
            stored.save()
            audit_record(actor=actor, action=RiskAction.CHANGED, target=stored, changes=changed)
    return stored


def risk_close(*, risk: Risk, actor: User | None) -> Risk:
    with transaction.atomic():
        stored = Risk.objects.select_for_update().get(pk=risk.pk)
        if stored.status == RiskStatus.CLOSED:
            raise RiskError(ALREADY_CLOSED)
        previous = stored.status
        _set_status(stored, RiskStatus.CLOSED, RiskAction.CLOSED, actor, previous)
    return stored


def risk_reopen(*, risk: Risk, actor: User | None) -> Risk:
    """A closed risk comes back open, or accepted if a decision still accepts it."""
    with transaction.atomic():
        stored = Risk.objects.select_for_update().get(pk=risk.pk)
        if stored.status != RiskStatus.CLOSED:
            raise RiskError(NOT_CLOSED)
        status = RiskStatus.ACCEPTED if risk_accepted(stored) else RiskStatus.OPEN
        _set_status(stored, status, RiskAction.REOPENED, actor, RiskStatus.CLOSED)
    return stored


def risk_request_acceptance(*, risk: Risk, actor: User | None) -> Risk:
    """Put an open risk to the steering committee, which accepts it (or not) by decision."""
    with transaction.atomic():
        stored = Risk.objects.select_for_update().get(pk=risk.pk)
        if stored.status != RiskStatus.OPEN:
            raise RiskError(ACCEPTANCE_NEEDS_OPEN % {"status": RiskStatus(stored.status).label})
        _set_status(
            stored,
            RiskStatus.ACCEPTANCE_REQUESTED,
            RiskAction.ACCEPTANCE_REQUESTED,
            actor,
            RiskStatus.OPEN,
        )
    return stored


def risk_sync_acceptance(*, risk: Risk, actor: User | None = None) -> Risk:
    """Bring the risk's status in line with its effective risk-acceptance decisions.

    Accepted while an effective decision approves it (with or without conditions); when
    that decision is superseded by one that does not, the risk is open again; a rejection
    answers a pending request with "open"; a deferral leaves the request pending. Closed
    risks stay closed. Runs inside the caller's transaction (the decision's), if any.
    """
    with transaction.atomic():
        stored = Risk.objects.select_for_update().get(pk=risk.pk)
        previous = stored.status
        if previous == RiskStatus.CLOSED:
            return stored
        effective = list(
            _effective_acceptance_decisions(stored)
            .order_by("-decided_on", "-pk")
            .values_list("pk", "outcome")
        )
        accepting = [pk for pk, outcome in effective if outcome in DECISION_APPROVING_OUTCOMES]
        latest = effective[0] if effective else None
        if accepting:
            status, action = RiskStatus.ACCEPTED, RiskAction.ACCEPTED
        elif previous == RiskStatus.ACCEPTED:
            status, action = RiskStatus.OPEN, RiskAction.ACCEPTANCE_ENDED
        elif (
            previous == RiskStatus.ACCEPTANCE_REQUESTED
            and latest is not None
            and latest[1] == DECISION_REJECTED
        ):
            status, action = RiskStatus.OPEN, RiskAction.ACCEPTANCE_REFUSED
        else:
            return stored
        if status != previous:
            decision = accepting[0] if accepting else (latest[0] if latest else None)
            _set_status(stored, status, action, actor, previous, decision=decision)
    risk.status = stored.status
    return stored


def mitigation_add(
    *,
    risk: Risk,
    text: str,
    status: str = MitigationStatus.PLANNED,
    owner: Person | None = None,
    due_on: date | None = None,
    actor: User | None,
) -> Mitigation:
    mitigation = Mitigation(risk=risk, text=text.strip(), status=status, owner=owner, due_on=due_on)
    if not mitigation.text:
        raise RiskError(MITIGATION_TEXT_REQUIRED)
    _validate(mitigation, exclude=["risk"])
    with transaction.atomic():
        if Risk.objects.select_for_update().get(pk=risk.pk).status == RiskStatus.CLOSED:
            raise RiskError(CLOSED_RISK)
        mitigation.save()
        audit_record(
            actor=actor,
            action=RiskAction.MITIGATION_ADDED,
            target=risk,
            changes={
                "mitigation": mitigation.pk,
                "text": mitigation.text,
                "status": mitigation.status,
                "owner": owner.email if owner else None,
                "due_on": due_on,
            },
        )
    return mitigation


def mitigation_update(*, mitigation: Mitigation, actor: User | None, **fields: Any) -> Mitigation:
    _known(fields, MITIGATION_FIELDS)
    if "text" in fields:
        fields["text"] = fields["text"].strip()
        if not fields["text"]:
            raise RiskError(MITIGATION_TEXT_REQUIRED)
    with transaction.atomic():
        stored = Mitigation.objects.select_for_update().select_related("risk").get(pk=mitigation.pk)
        if stored.risk.status == RiskStatus.CLOSED:
            raise RiskError(CLOSED_RISK)
        before = {name: getattr(stored, name) for name in fields}
        for name, value in fields.items():
            setattr(stored, name, value)
        _validate(stored, exclude=["risk"])
        changed = {
            name: {"from": _plain(before[name]), "to": _plain(value)}
            for name, value in fields.items()
            if before[name] != value
        }
        if changed:
            stored.save()
            audit_record(
                actor=actor,
                action=RiskAction.MITIGATION_CHANGED,
                target=stored.risk,
                changes={"mitigation": stored.pk, **changed},
            )
    return stored


def _set_status(
    risk: Risk,
    status: str,
    action: str,
    actor: User | None,
    previous: str,
    *,
    decision: int | None = None,
) -> None:
    risk.status = status
    risk.save(update_fields=["status", "updated_at"])
    changes: dict[str, Any] = {"from": previous, "to": status}
    if decision is not None:
        changes["decision"] = decision
    audit_record(actor=actor, action=action, target=risk, changes=changes)


def _known(fields: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _check(risk: Risk) -> None:
    likelihood, impact = risk.residual_likelihood, risk.residual_impact
    if (likelihood is None) != (impact is None):
        raise RiskError(RESIDUAL_BOTH)
    _validate(risk, exclude=["recorded_by"])
    if (
        likelihood is not None
        and impact is not None
        and (likelihood > risk.likelihood or impact > risk.impact)
    ):
        raise RiskError(RESIDUAL_ABOVE_INHERENT)


def _validate(instance: models.Model, *, exclude: list[str]) -> None:
    """The model's own field checks as one refusal that names the fields."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = [
            message if name == NON_FIELD_ERRORS else _field_error(instance, name, message)
            for name, field_messages in error.message_dict.items()
            for message in field_messages
        ]
        raise RiskError(" ".join(messages)) from error


def _field_error(instance: models.Model, name: str, message: str) -> str:
    field = instance._meta.get_field(name)
    label = capfirst(getattr(field, "verbose_name", name))
    return str(FIELD_ERROR % {"field": label, "error": message})


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


# Reads -------------------------------------------------------------------------------------

ACTIVE = ""  # the status filter's default: every risk that is not closed
ALL = "all"
INHERENT = "inherent"
RESIDUAL = "residual"

SORTS: dict[str, tuple[Any, ...]] = {
    "-score": (F("sort_score").desc(), "review_on", "title"),
    "-residual": (F("sort_residual").desc(nulls_last=True), F("sort_score").desc(), "title"),
    "review_on": ("review_on", F("sort_score").desc(), "title"),
    "title": ("title",),
}
SORT_CHOICES = (
    ("-score", _("Highest score first")),
    ("-residual", _("Highest residual score first")),
    ("review_on", _("Next review first")),
    ("title", _("Title")),
)


@dataclass(frozen=True)
class RiskFilters:
    category: str = ""
    status: str = ACTIVE
    use_case: int | None = None
    owner: int | None = None
    overdue: bool = False
    likelihood: int | None = None
    impact: int | None = None
    rating: str = INHERENT
    sort: str = "-score"

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> RiskFilters:
        status = params.get("status", "")
        return cls(
            category=params.get("category", "")
            if params.get("category") in RiskCategory.values
            else "",
            status=status if status in (ALL, *RiskStatus.values) else ACTIVE,
            use_case=_int(params.get("use_case")),
            owner=_int(params.get("owner")),
            overdue=params.get("overdue") in ("1", "true", "on"),
            likelihood=_rating(params.get("likelihood")),
            impact=_rating(params.get("impact")),
            rating=RESIDUAL if params.get("rating") == RESIDUAL else INHERENT,
            sort=params.get("sort", "") if params.get("sort") in SORTS else "-score",
        )

    @property
    def residual(self) -> bool:
        return self.rating == RESIDUAL

    def query(self, **overrides: Any) -> str:
        """These filters (with ``overrides``) as a query string, defaults left out."""
        values = {**asdict(self), **overrides}
        params = {
            "category": values["category"],
            "status": values["status"],
            "use_case": values["use_case"],
            "owner": values["owner"],
            "overdue": "1" if values["overdue"] else "",
            "likelihood": values["likelihood"],
            "impact": values["impact"],
            "rating": values["rating"] if values["rating"] == RESIDUAL else "",
            "sort": values["sort"] if values["sort"] != "-score" else "",
        }
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})


def risks(filters: RiskFilters) -> QuerySet[Risk]:
    today = timezone.localdate()
    result = Risk.objects.select_related("use_case", "owner").annotate(
        sort_score=F("likelihood") * F("impact"),
        sort_residual=F("residual_likelihood") * F("residual_impact"),
    )
    if filters.status == ACTIVE:
        result = result.exclude(status=RiskStatus.CLOSED)
    elif filters.status != ALL:
        result = result.filter(status=filters.status)
    if filters.category:
        result = result.filter(category=filters.category)
    if filters.use_case is not None:
        result = result.filter(use_case_id=filters.use_case)
    if filters.owner is not None:
        result = result.filter(owner_id=filters.owner)
    if filters.overdue:
        result = result.filter(review_on__lt=today).exclude(status=RiskStatus.CLOSED)
    prefix = "residual_" if filters.residual else ""
    if filters.likelihood is not None:
        result = result.filter(**{f"{prefix}likelihood": filters.likelihood})
    if filters.impact is not None:
        result = result.filter(**{f"{prefix}impact": filters.impact})
    return result.order_by(*SORTS[filters.sort], "pk")


@dataclass(frozen=True)
class RiskRow:
    """One risk as lists show it."""

    risk: Risk
    badge: SeverityBadge
    residual_badge: SeverityBadge | None
    overdue: bool


def risk_rows(page: Iterable[Risk]) -> list[RiskRow]:
    today = timezone.localdate()
    return [
        RiskRow(
            risk,
            severity_badge(risk.score),  # type: ignore[arg-type]
            severity_badge(risk.residual_score),
            review_overdue(risk.review_on, risk.status, today),
        )
        for risk in page
    ]


def severity_legend() -> list[dict[str, Any]]:
    return [
        {
            "label": band.label,
            "range": scores,
            "fill": SEVERITY_COLOURS[band][0],
            "ink": SEVERITY_COLOURS[band][1],
        }
        for band, scores in SEVERITY_LEGEND
    ]


def risk_list(filters: RiskFilters) -> QuerySet[Risk]:
    """The list as exports show it: with the mitigations, in one more query."""
    return risks(filters).prefetch_related(
        Prefetch("mitigations", queryset=Mitigation.objects.order_by("pk"))
    )


def heat_map(filters: RiskFilters, *, url: str = "") -> HeatMap:
    """Risks per likelihood × impact cell under ``filters`` (whatever cell is chosen), each
    cell linking to ``url`` filtered to it. One query, or two for residual ratings."""
    everywhere = replace(filters, likelihood=None, impact=None)
    prefix = "residual_" if filters.residual else ""
    rated = risks(everywhere)
    unrated = 0
    if filters.residual:
        unrated = rated.filter(residual_likelihood__isnull=True).count()
        rated = rated.filter(residual_likelihood__isnull=False)
    counts = {
        (likelihood, impact): n
        for likelihood, impact, n in rated.order_by()
        .values_list(f"{prefix}likelihood", f"{prefix}impact")
        .annotate(n=Count("pk"))
    }
    chart = heat_map_geometry(counts, residual=filters.residual)
    cells = [
        replace(
            cell,
            url=f"{url}?{everywhere.query(likelihood=cell.likelihood, impact=cell.impact)}",
            selected=(filters.likelihood, filters.impact) == (cell.likelihood, cell.impact),
        )
        for cell in chart.cells
    ]
    return replace(chart, cells=cells, unrated=unrated)


def risk_detail(pk: int) -> Risk:
    decisions = _decisions().select_related("superseded_by", "body").order_by("-decided_on", "-pk")
    return (
        Risk.objects.select_related("use_case", "owner", "recorded_by")
        .prefetch_related(
            Prefetch("mitigations", queryset=Mitigation.objects.select_related("owner")),
            Prefetch("decisions", queryset=decisions),
        )
        .get(pk=pk)
    )


def risk_owners() -> QuerySet[Person]:
    """People who own at least one risk: the owner filter's choices."""
    return Person.objects.filter(pk__in=Risk.objects.values("owner_id")).order_by(
        "last_name", "first_name"
    )


def risk_use_cases() -> QuerySet[UseCase]:
    """Use cases with at least one risk: the use-case filter's choices."""
    return UseCase.objects.filter(pk__in=Risk.objects.values("use_case_id")).order_by("title")


def risks_awaiting_acceptance() -> QuerySet[Risk]:
    """Risks put to the steering committee for acceptance, oldest request first."""
    return (
        Risk.objects.filter(status=RiskStatus.ACCEPTANCE_REQUESTED)
        .select_related("use_case", "owner")
        .order_by("updated_at", "pk")
    )


def overview_figures(user: Any) -> list[Figure]:
    if not user.has_perm(Permission.VIEW_GOVERNANCE):
        return []
    today = timezone.localdate()
    url = reverse("governance:risk_list")
    counts = Risk.objects.exclude(status=RiskStatus.CLOSED).aggregate(
        active=Count("pk"), overdue=Count("pk", filter=Q(review_on__lt=today))
    )
    return [
        Figure(_("Open risks"), counts["active"], url),
        Figure(_("Risk reviews overdue"), counts["overdue"], f"{url}?overdue=1"),
    ]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _rating(value: str | None) -> int | None:
    number = _int(value)
    return number if number is not None and 1 <= number <= 5 else None
