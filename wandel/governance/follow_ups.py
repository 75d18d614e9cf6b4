"""The daily reminders (registered on ``core.reminders``) of conditions and mitigations,
told to their owners, and of the review dates of risks and DPIAs, told to the risk's owner
and to the DPIA's controller and the data protection officers: once when the date is a week
or less away, and once when it has passed and the item is still open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from wandel.core.actions import user_action
from wandel.core.models import User
from wandel.core.notifications.services import notify
from wandel.core.reminders import already_reminded
from wandel.core.roles import Role
from wandel.core.tracking import TrackedStatus
from wandel.governance.decisions.models import DecisionCondition
from wandel.governance.follow_up_events import (
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    REVIEW_DUE_SOON,
    REVIEW_OVERDUE,
    FollowUpKind,
    reminder_params,
)
from wandel.governance.reviews.dpia.models import Dpia, DpiaStatus
from wandel.governance.reviews.ethics.models import EthicsCondition
from wandel.governance.reviews.queries import CLOSED_STAGES
from wandel.governance.risks.models import Mitigation, Risk, RiskStatus
from wandel.portfolio.use_cases.notifications import account_of, holders

# Each kind: its model, and the page where an item of it is followed up.
FollowUp = DecisionCondition | EthicsCondition | Mitigation
KINDS: tuple[tuple[FollowUpKind, type[FollowUp], Callable[[Any], str]], ...] = (
    (
        FollowUpKind.DECISION_CONDITION,
        DecisionCondition,
        lambda item: reverse("governance:decision_detail", args=[item.decision_id]),
    ),
    (
        FollowUpKind.ETHICS_CONDITION,
        EthicsCondition,
        lambda item: reverse("governance:ethics_review", args=[item.review_id]),
    ),
    (
        FollowUpKind.MITIGATION,
        Mitigation,
        lambda item: reverse("governance:risk_detail", args=[item.risk_id]),
    ),
)


@user_action
def follow_up_reminders(today: date) -> int:
    """Remind the owners of open conditions and mitigations due within ``DUE_SOON_DAYS`` or
    overdue, each date once; returns how many were told."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    already = already_reminded(DUE_SOON, OVERDUE)
    told = 0
    for kind, model, url in KINDS:
        due = (
            model._default_manager.exclude(status=TrackedStatus.DONE)
            .filter(due_on__isnull=False, due_on__lte=soon, owner__user__is_active=True)
            .select_related("owner__user")
        )
        for item in due:
            # Both are there: the query asks for a due date and an owner with an account.
            assert item.due_on is not None
            assert item.owner is not None
            event = OVERDUE if item.due_on < today else DUE_SOON
            params = reminder_params(kind, item.pk, item.text, item.due_on)
            if (event.key, params["item"], params["due"]) in already:
                continue
            told += len(
                notify(recipients=[item.owner.user], event=event, params=params, url=url(item))
            )
    return told


@user_action
def review_reminders(today: date) -> int:
    """Remind those responsible of risk and DPIA reviews due within ``DUE_SOON_DAYS`` or
    overdue, each review date once; returns how many were told. A closed risk and the DPIA
    of a rejected or retired use case are not reviewed any more."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    already = already_reminded(REVIEW_DUE_SOON, REVIEW_OVERDUE)
    due: list[tuple[FollowUpKind, int, str, date, list[User | None], str]] = []
    risks = (
        Risk.objects.exclude(status=RiskStatus.CLOSED)
        .filter(review_on__lte=soon)
        .select_related("owner__user")
        .only("pk", "title", "review_on", "owner__user")
    )
    for risk in risks:
        url = reverse("governance:risk_detail", args=[risk.pk])
        owner = account_of(risk.owner)
        due.append((FollowUpKind.RISK_REVIEW, risk.pk, risk.title, risk.review_on, [owner], url))
    dpias = (
        Dpia.objects.filter(status=DpiaStatus.COMPLETED, review_on__lte=soon)
        .exclude(use_case__stage__in=CLOSED_STAGES)
        .select_related("use_case", "controller__user")
    )
    officers = list(holders(Role.DATA_PROTECTION))
    for dpia in dpias:
        assert dpia.review_on is not None  # the query asks for one
        url = reverse("governance:dpia", args=[dpia.use_case_id])
        people = [account_of(dpia.controller), *officers]
        due.append(
            (FollowUpKind.DPIA_REVIEW, dpia.pk, dpia.use_case.title, dpia.review_on, people, url)
        )
    told = 0
    for kind, pk, text, on, people, url in due:
        event = REVIEW_OVERDUE if on < today else REVIEW_DUE_SOON
        params = reminder_params(kind, pk, text, on)
        if (event.key, params["item"], params["due"]) not in already:
            told += len(notify(recipients=people, event=event, params=params, url=url))
    return told
