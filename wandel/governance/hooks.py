"""What governance adds to the extension points (see ``core.registry``): its pages in the
navigation, its gate on the lifecycle, its link on a use case's page, its figures, audit
actions and API routers, and what besides use cases waits for the steering committee."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wandel.core.api.registry import API_ROUTERS, Mounted
from wandel.core.audit import AUDIT_ACTIONS
from wandel.core.context_processors import NAVIGATION, NavEntry
from wandel.core.models import User
from wandel.core.notifications.events import NOTIFICATION_EVENTS
from wandel.core.queries import OVERVIEW_FIGURES
from wandel.core.reminders import REMINDERS
from wandel.core.roles import Permission
from wandel.core.todos import HOME_TODOS
from wandel.governance import follow_up_events, todos
from wandel.governance.ai_act import api as ai_act_api
from wandel.governance.ai_act.models import AiActAction
from wandel.governance.budgets import api as budgets_api
from wandel.governance.budgets.models import BudgetAction
from wandel.governance.budgets.queries import budget_requests_awaiting_decision
from wandel.governance.budgets.queries import overview_figures as budget_figures
from wandel.governance.decisions import api as decisions_api
from wandel.governance.decisions import meeting_api
from wandel.governance.decisions import notifications as decision_notifications
from wandel.governance.decisions.models import AgendaKind, AgendaTopic, DecisionAction
from wandel.governance.decisions.subjects import SUBJECTS, Subject
from wandel.governance.follow_ups import follow_up_reminders, review_reminders
from wandel.governance.gate_requests.models import GateRequestAction
from wandel.governance.gates import api as gates_api
from wandel.governance.gates import notifications as gate_notifications
from wandel.governance.gates.check import GATE_NAME, gate_check
from wandel.governance.gates.rules import GATED
from wandel.governance.gates.section import checklist_section
from wandel.governance.reviews.actions import ReviewAction
from wandel.governance.reviews.codetermination import api as codetermination_api
from wandel.governance.reviews.dpia import api as dpia_api
from wandel.governance.reviews.ethics import api as ethics_api
from wandel.governance.reviews.ethics import notifications as ethics_notifications
from wandel.governance.risks import api as risks_api
from wandel.governance.risks.models import Risk, RiskAction
from wandel.governance.risks.queries import overview_figures as risk_figures
from wandel.governance.risks.queries import risks_awaiting_acceptance
from wandel.governance.risks.services import risk_sync_acceptance
from wandel.portfolio.extensions import DETAIL_LINKS, DETAIL_SECTIONS, DetailLink
from wandel.portfolio.gates import GATES, Gate
from wandel.portfolio.use_cases.models import UseCase

NAVIGATION.register(
    NavEntry(
        _("Governance"),
        "governance:steering",
        "governance:",
        Permission.VIEW_GOVERNANCE,
        position=200,
    )
)
NAVIGATION.register(
    NavEntry(
        _("Co-determination"),
        "governance:codetermination_overview",
        "governance:codetermination",
        Permission.VIEW_CODETERMINATION,
        position=210,
    )
)
for actions in (
    DecisionAction,
    RiskAction,
    BudgetAction,
    ReviewAction,
    AiActAction,
    GateRequestAction,
):
    AUDIT_ACTIONS.register(actions)
for module in (
    meeting_api,
    decisions_api,
    risks_api,
    budgets_api,
    ethics_api,
    dpia_api,
    codetermination_api,
    ai_act_api,
    gates_api,
):
    API_ROUTERS.register(Mounted("/governance", module.router))
OVERVIEW_FIGURES.register(risk_figures)
OVERVIEW_FIGURES.register(budget_figures)
GATES.register(Gate(GATE_NAME, gate_check, guards=GATED))


@DETAIL_LINKS.register
def governance_link(use_case: UseCase, user: Any) -> list[DetailLink]:
    if not user.has_perm(Permission.VIEW_GOVERNANCE):
        return []
    url = reverse("governance:use_case_governance", args=[use_case.pk])
    return [DetailLink(_("Governance"), url)]


def _risk_decided(risk: Risk, actor: User | None) -> None:
    # The risk register derives a risk's status from its decisions in force.
    risk_sync_acceptance(risk=risk, actor=actor)


SUBJECTS.register(
    Subject(
        field="budget_request",
        agenda_kind=AgendaKind.BUDGET,
        heading=_("Budget requests"),
        template="governance/budgets/_waiting.html",
        waiting=budget_requests_awaiting_decision,
        agenda_topic=AgendaTopic.BUDGET_REQUEST,
    )
)
SUBJECTS.register(
    Subject(
        field="risk",
        agenda_kind=AgendaKind.RISK,
        heading=_("Risks to accept"),
        template="governance/risks/_waiting.html",
        waiting=risks_awaiting_acceptance,
        agenda_topic=AgendaTopic.RISK_ACCEPTANCE,
        decided=_risk_decided,
    )
)
for event in (
    *decision_notifications.EVENTS,
    *gate_notifications.EVENTS,
    *ethics_notifications.EVENTS,
    *follow_up_events.EVENTS,
):
    NOTIFICATION_EVENTS.register(event)
REMINDERS.register(follow_up_reminders)
REMINDERS.register(review_reminders)
DETAIL_SECTIONS.register(checklist_section)
for provider in todos.PROVIDERS:
    HOME_TODOS.register(provider)
