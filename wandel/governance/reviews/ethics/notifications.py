"""What a completed ethics review tells the use case's people and those who asked for it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.models import User
from wandel.core.notifications.events import NotificationEvent
from wandel.core.notifications.services import notify
from wandel.governance.gate_requests.models import GateRequest
from wandel.governance.needs import Need
from wandel.governance.reviews.ethics.models import EthicsOutcome, EthicsReview
from wandel.portfolio.use_cases.notifications import account_of

ETHICS_COMPLETED = NotificationEvent(
    key="governance.ethics_review_completed",
    label=_("The ethics board completed a review you own, asked for or submitted"),
    message=_("The ethics board completed its review of “%(use_case)s”: %(outcome)s."),
    choices={"outcome": EthicsOutcome},
)
EVENTS = (ETHICS_COMPLETED,)


def completed(review: EthicsReview, actor: User | None) -> None:
    use_case = review.use_case
    asked = User.objects.filter(
        pk__in=GateRequest.objects.filter(use_case=use_case, need=Need.ETHICS_REVIEW).values(
            "requested_by"
        )
    )
    notify(
        recipients=[account_of(use_case.product_owner), use_case.submitted_by, *asked],
        event=ETHICS_COMPLETED,
        params={"use_case": use_case.title, "outcome": review.outcome},
        url=use_case.get_absolute_url(),
        actor=actor,
    )
