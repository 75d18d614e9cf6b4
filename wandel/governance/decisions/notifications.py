"""What a recorded decision tells the people of the use case it concerns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.governance.decisions.models import Decision, DecisionKind, DecisionOutcome
from wandel.portfolio.use_cases.notifications import account_of

DECISION_RECORDED = NotificationEvent(
    key="governance.decision_recorded",
    label=_("A decision was recorded on a use case you own or submitted"),
    message=_("%(body)s decided on “%(use_case)s” (%(kind)s): %(outcome)s."),
    choices={"kind": DecisionKind, "outcome": DecisionOutcome},
)
EVENTS = (DECISION_RECORDED,)


def recorded(decision: Decision, actor: User | None) -> None:
    use_case = decision.use_case
    if use_case is None:
        return
    notify(
        recipients=[account_of(use_case.product_owner), use_case.submitted_by],
        event=DECISION_RECORDED,
        params={
            "body": decision.body.name,
            "use_case": use_case.title,
            "kind": decision.kind,
            "outcome": decision.outcome,
        },
        url=use_case.get_absolute_url(),
        actor=actor,
    )
