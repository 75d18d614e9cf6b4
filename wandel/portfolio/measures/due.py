"""KPI measurements that are due: a KPI with a schedule (``Kpi.measure_every``) of a use case
in pilot or production is due a number of days after its last value (or its baseline date,
before the first). The product owner sees them on the home page and is reminded once per
due date by ``wandel remind``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.core.reminders import already_reminded
from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.org.models import Person
from wandel.portfolio.measures.models import Kpi
from wandel.portfolio.measures.rules import measurement_due
from wandel.portfolio.use_cases.models import Stage
from wandel.portfolio.use_cases.notifications import account_of

LIVE = (Stage.PILOT, Stage.PRODUCTION)
# How far ahead the home page lists the measurements coming due.
AHEAD = timedelta(days=7)

KPI_DUE = NotificationEvent(
    key="portfolio.kpi_due",
    label=_("A KPI of a use case you own is due to be measured"),
    message=_("“%(kpi)s” of “%(use_case)s” is due to be measured (since %(due)s)."),
    dates=("due",),
)
EVENTS = (KPI_DUE,)


@dataclass(frozen=True)
class DueKpi:
    kpi: Kpi
    due: date

    @property
    def url(self) -> str:
        return f"{self.kpi.use_case.get_absolute_url()}#kpi-{self.kpi.pk}"


def kpis_due(by: date, owner: Person | None = None) -> list[DueKpi]:
    """The scheduled KPIs of live use cases whose next value is due on or before ``by`` (of
    ``owner``'s use cases only, when given), the longest due first."""
    kpis = (
        Kpi.objects.filter(use_case__stage__in=LIVE, measure_every__isnull=False)
        .select_related("use_case__product_owner__user")
        .annotate(last_measured=Max("measurements__measured_on"))
    )
    if owner is not None:
        kpis = kpis.filter(use_case__product_owner=owner)
    due = []
    for kpi in kpis:
        assert kpi.measure_every is not None  # the query asks for a schedule
        on = measurement_due(kpi.last_measured or kpi.baseline_date, kpi.measure_every)
        if on <= by:
            due.append(DueKpi(kpi, on))
    return sorted(due, key=lambda item: (item.due, item.kpi.pk))


def kpi_todos(user: Any) -> ToDoList | None:
    """A product owner's KPI measurements due now or within a week."""
    person = getattr(user, "person", None)
    if person is None:
        return None
    due = kpis_due(timezone.localdate() + AHEAD, owner=person)
    if not due:
        return None
    return ToDoList(
        heading=_("KPI measurements due"),
        items=[ToDo(item.kpi.name, item.url, item.kpi.use_case.title, item.due) for item in due][
            :FIRST
        ],
        total=len(due),
        position=60,
    )


@user_action
def kpi_reminders(today: date) -> int:
    """Tell the product owner of each KPI due today or earlier, once per due date."""
    already = already_reminded(KPI_DUE)
    told = 0
    for item in kpis_due(today):
        owner = account_of(item.kpi.use_case.product_owner)
        params = {
            "kpi": item.kpi.name,
            "use_case": item.kpi.use_case.title,
            "item": f"kpi:{item.kpi.pk}",
            "due": item.due.isoformat(),
        }
        if (KPI_DUE.key, params["item"], params["due"]) in already:
            continue
        told += len(notify(recipients=[owner], event=KPI_DUE, params=params, url=item.url))
    return told
