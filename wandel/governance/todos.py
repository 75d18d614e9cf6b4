"""What the home page lists from governance: what waits for the works council, the data
protection officer, the ethics board and the steering committee, and the conditions and
mitigations a person owns.

A body's list is shown to those who hold its role today; it is shown empty too ("nothing
waits"), so they know the page is looking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wandel.core.queries import first_rows
from wandel.core.roles import Role
from wandel.core.todos import FIRST, ToDo, ToDoList
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.meeting_queries import next_steering_meeting
from wandel.governance.decisions.models import DecisionCondition
from wandel.governance.decisions.queries import use_case_requests, use_cases_waiting
from wandel.governance.follow_up_events import FollowUpKind, short
from wandel.governance.gate_requests.settle import open_gate_requests
from wandel.governance.gates.check import gate_facts, need_url
from wandel.governance.gates.rules import missing
from wandel.governance.gates.section import AHEAD
from wandel.governance.needs import Need, needs_of
from wandel.governance.reviews.codetermination.queries import (
    CONDITIONS,
    CouncilStatus,
    live_first,
)
from wandel.governance.reviews.dpia.models import Dpia, DpiaStatus
from wandel.governance.reviews.ethics.models import EthicsCondition
from wandel.governance.reviews.queries import (
    CLOSED_STAGES,
    ethics_drafts,
    open_dpias,
    waiting_for_dpia_check,
    waiting_for_ethics_review,
)
from wandel.governance.risks.models import Mitigation, Risk, RiskStatus
from wandel.org.backends import current_roles, holds_role
from wandel.portfolio.use_cases.models import Stage, UseCase


def _about(use_case: UseCase) -> str:
    return f"{Stage(use_case.stage).label} · {use_case.unit.name}"


def asked_of_you(user: Any) -> ToDoList | None:
    """What someone asked the bodies the person belongs to for, from a use case's gate
    checklist: oldest first, each linked to where it is given."""
    needs = needs_of(current_roles(user))
    if not needs:
        return None
    first = first_rows(open_gate_requests(needs), FIRST)
    if not first.total:
        return None
    items = []
    for request in first.rows:
        need = Need(request.need)
        asked = gettext("asked by %(person)s on %(date)s") % {
            "person": request.requested_by or "—",
            "date": date_format(request.requested_at, "SHORT_DATE_FORMAT"),
        }
        items.append(
            ToDo(
                f"{request.use_case.title}: {need.label}",
                need_url(need, request.use_case, request.stage),
                f"{_about(request.use_case)} · {asked}",
            )
        )
    return ToDoList(
        heading=_("Asked of you"),
        items=items,
        total=first.total,
        position=5,
    )


def gates_ahead(user: Any) -> ToDoList | None:
    """The product owner's use cases before a gate, the longest waiting first, each with
    how much the gate still needs (its checklist is on the use case's page)."""
    person = getattr(user, "person", None)
    if person is None:
        return None
    ahead = (
        UseCase.objects.filter(product_owner=person, stage__in=list(AHEAD))
        .select_related("unit")
        .only("pk", "title", "stage", "personal_data", "unit__name")
        .order_by("stage_changed_at", "pk")
    )
    first = first_rows(ahead, FIRST)
    if not first.total:
        return None
    items = []
    for use_case in first.rows:
        stage = AHEAD[Stage(use_case.stage)]
        open_needs = len(missing(gate_facts(use_case, stage), stage))
        if open_needs:
            state = ngettext(
                "%(gate)s gate: %(count)d item missing",
                "%(gate)s gate: %(count)d items missing",
                open_needs,
            ) % {"gate": stage.label, "count": open_needs}
        else:
            state = gettext("%(gate)s gate: ready") % {"gate": stage.label}
        items.append(ToDo(use_case.title, f"{use_case.get_absolute_url()}#gate", state))
    return ToDoList(
        heading=_("Your use cases before a gate"),
        items=items,
        total=first.total,
        more_url=f"{reverse('portfolio:use_case_list')}?owner={person.pk}",
        position=190,
    )


def council_assessments(user: Any) -> ToDoList | None:
    """Use cases the works council has not assessed yet, live ones first."""
    if not holds_role(user, Role.WORKS_COUNCIL):
        return None
    waiting = (
        UseCase.objects.filter(CONDITIONS[CouncilStatus.NOT_ASSESSED])
        .exclude(stage__in=CLOSED_STAGES)
        .select_related("unit")
        .only("pk", "title", "stage", "unit__name")
        .order_by(live_first(), "title", "pk")
    )
    first = first_rows(waiting, FIRST)
    overview = reverse("governance:codetermination_overview")
    return ToDoList(
        heading=_("Waiting for the works council's assessment"),
        items=[
            ToDo(uc.title, reverse("governance:codetermination", args=[uc.pk]), _about(uc))
            for uc in first.rows
        ],
        total=first.total,
        more_url=f"{overview}?status={CouncilStatus.NOT_ASSESSED}",
        position=10,
        empty=_("No use case waits for the works council's assessment."),
    )


def _use_case_list(
    rows: QuerySet[UseCase], heading: Any, url_name: str, empty: Any, position: int
) -> ToDoList:
    first = first_rows(rows, FIRST)
    return ToDoList(
        heading=heading,
        items=[ToDo(uc.title, reverse(url_name, args=[uc.pk]), _about(uc)) for uc in first.rows],
        total=first.total,
        more_url=reverse("governance:reviews_overview"),
        position=position,
        empty=empty,
    )


def dpia_checks(user: Any) -> ToDoList | None:
    if not holds_role(user, Role.DATA_PROTECTION):
        return None
    return _use_case_list(
        waiting_for_dpia_check(),
        _("Use cases with personal data to check for a DPIA"),
        "governance:dpia_check",
        _("No use case waits for a DPIA check."),
        position=20,
    )


def dpias_to_sign_off(user: Any) -> ToDoList | None:
    if not holds_role(user, Role.DATA_PROTECTION):
        return None
    return _use_case_list(
        open_dpias(),
        _("DPIAs to complete and sign off"),
        "governance:dpia",
        _("No DPIA is open."),
        position=21,
    )


def ethics_reviews(user: Any) -> ToDoList | None:
    if not holds_role(user, Role.ETHICS_BOARD):
        return None
    return _use_case_list(
        waiting_for_ethics_review(),
        _("Use cases with personal data waiting for an ethics review"),
        "governance:ethics_review_create",
        _("No use case waits for an ethics review."),
        position=30,
    )


def ethics_reviews_in_progress(user: Any) -> ToDoList | None:
    if not holds_role(user, Role.ETHICS_BOARD):
        return None
    first = first_rows(ethics_drafts(), FIRST)
    if not first.total:
        return None
    return ToDoList(
        heading=_("Ethics reviews in progress"),
        items=[
            ToDo(
                review.use_case.title,
                reverse("governance:ethics_review", args=[review.pk]),
                review.use_case.unit.name,
            )
            for review in first.rows
        ],
        total=first.total,
        more_url=reverse("governance:reviews_overview"),
        position=31,
    )


def steering_requests(user: Any) -> ToDoList | None:
    """Use cases waiting for the steering committee's decision, longest waiting first, and
    the next meeting."""
    if not holds_role(user, Role.STEERING_COMMITTEE):
        return None
    first = first_rows(use_cases_waiting(), FIRST)
    items = [
        ToDo(
            request.use_case.title,
            reverse("governance:use_case_governance", args=[request.use_case.pk]),
            f"{request.label} · {request.use_case.unit.name}",
        )
        for request in use_case_requests(first.rows)
    ]
    meeting = next_steering_meeting()
    if meeting is not None:
        when = date_format(meeting.held_on, "DATE_FORMAT")
        items.insert(
            0,
            ToDo(
                _("Next meeting: %(body)s on %(date)s") % {"body": meeting.body.name, "date": when},
                reverse("governance:meeting_detail", args=[meeting.pk]),
            ),
        )
    return ToDoList(
        heading=_("Waiting for the steering committee"),
        items=items,
        total=first.total + (1 if meeting is not None else 0),
        more_url=reverse("governance:steering"),
        position=40,
        empty=_("No use case waits for a decision and no meeting is planned."),
    )


def _due_first(rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows.exclude(status=TrackedStatus.DONE).order_by("due_on", "pk")


# How far ahead the home page lists the review dates of risks and DPIAs.
REVIEWS_AHEAD = timedelta(days=14)


def follow_ups(user: Any) -> ToDoList | None:
    """The open conditions (of decisions and of ethics approvals) and mitigations the person
    owns, and the reviews of risks they own and DPIAs they are the controller of due within
    two weeks; overdue and soonest due first."""
    person = getattr(user, "person", None)
    if person is None:
        return None
    reviews_by = timezone.localdate() + REVIEWS_AHEAD
    risks = (
        Risk.objects.filter(owner=person, review_on__lte=reviews_by)
        .exclude(status=RiskStatus.CLOSED)
        .order_by("review_on", "pk")
        .only("pk", "title", "review_on")
    )
    dpias = (
        Dpia.objects.filter(
            controller=person, status=DpiaStatus.COMPLETED, review_on__lte=reviews_by
        )
        .exclude(use_case__stage__in=CLOSED_STAGES)
        .select_related("use_case")
        .order_by("review_on", "pk")
        .only("pk", "review_on", "use_case__title")
    )
    kinds: list[tuple[QuerySet[Any], Callable[[Any], ToDo]]] = [
        (
            _due_first(DecisionCondition.objects.filter(owner=person)).only(
                "pk", "text", "due_on", "decision_id"
            ),
            lambda item: ToDo(
                short(item.text),
                reverse("governance:decision_detail", args=[item.decision_id]),
                FollowUpKind.DECISION_CONDITION.label,
                item.due_on,
            ),
        ),
        (
            _due_first(EthicsCondition.objects.filter(owner=person)).only(
                "pk", "text", "due_on", "review_id"
            ),
            lambda item: ToDo(
                short(item.text),
                reverse("governance:ethics_review", args=[item.review_id]),
                FollowUpKind.ETHICS_CONDITION.label,
                item.due_on,
            ),
        ),
        (
            _due_first(Mitigation.objects.filter(owner=person)).only(
                "pk", "text", "due_on", "risk_id"
            ),
            lambda item: ToDo(
                short(item.text),
                reverse("governance:risk_detail", args=[item.risk_id]),
                FollowUpKind.MITIGATION.label,
                item.due_on,
            ),
        ),
        (
            risks,
            lambda risk: ToDo(
                short(risk.title),
                reverse("governance:risk_detail", args=[risk.pk]),
                FollowUpKind.RISK_REVIEW.label,
                risk.review_on,
            ),
        ),
        (
            dpias,
            lambda dpia: ToDo(
                short(dpia.use_case.title),
                reverse("governance:dpia", args=[dpia.use_case_id]),
                FollowUpKind.DPIA_REVIEW.label,
                dpia.review_on,
            ),
        ),
    ]
    items: list[ToDo] = []
    total = 0
    for rows, todo in kinds:
        first = first_rows(rows, FIRST)
        total += first.total
        items += [todo(item) for item in first.rows]
    if not total:
        return None
    items.sort(key=lambda item: (item.due is None, item.due or date.max))
    return ToDoList(
        heading=_("Conditions, mitigations and reviews you own"),
        items=items[:FIRST],
        total=total,
        position=50,
    )


PROVIDERS = (
    asked_of_you,
    gates_ahead,
    council_assessments,
    dpia_checks,
    dpias_to_sign_off,
    ethics_reviews,
    ethics_reviews_in_progress,
    steering_requests,
    follow_ups,
)
