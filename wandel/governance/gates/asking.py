"""Asking the body that gives a gate item to act: one click on the use case's checklist.

The request is recorded (audited, at most one open per use case and item), the holders of
the body's role are notified and see it on their home page, and a request for a steering
decision also puts the use case on the next planned steering meeting's agenda.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wandel.core.actions import user_action
from wandel.core.audit import audit_record
from wandel.core.errors import ConflictError
from wandel.core.models import User
from wandel.core.notifications.services import notify
from wandel.governance.decisions.meeting_queries import next_steering_meeting
from wandel.governance.decisions.meetings import agenda_item_append
from wandel.governance.decisions.models import AgendaItem, AgendaKind
from wandel.governance.decisions.queries import UseCaseRequest
from wandel.governance.gate_requests.models import GateRequest, GateRequestAction
from wandel.governance.gates.check import gate_facts, need_url
from wandel.governance.gates.notifications import GATE_REQUESTED
from wandel.governance.gates.rules import GATED, missing
from wandel.governance.needs import ACTING, Need
from wandel.portfolio.use_cases.models import Stage, UseCase
from wandel.portfolio.use_cases.notifications import holders

NOBODY_GIVES_IT = _("Nobody can give this; it cannot be asked for.")
NOT_MISSING = _("This is no longer missing for the move to “%(stage)s”.")
NOT_A_GATE = _("Only the moves to pilot and to production have gates to ask for.")


@user_action
def gate_request(*, use_case: UseCase, need: str, stage: str, actor: User | None) -> GateRequest:
    """Ask those who give ``need`` for ``use_case``'s move to ``stage``; asking again while
    the first request is open returns that request and tells nobody twice."""
    if stage not in GATED:
        raise ConflictError(NOT_A_GATE, field="stage")
    if need not in ACTING:
        raise ConflictError(NOBODY_GIVES_IT, field="need")
    stored = UseCase.objects.select_for_update(of=("self",)).get(pk=use_case.pk)
    wanted = Need(need)
    if wanted not in missing(gate_facts(stored, stage), stage):
        raise ConflictError(NOT_MISSING % {"stage": Stage(stage).label}, field="need")
    already = GateRequest.objects.filter(
        use_case=stored, need=wanted, settled_at__isnull=True
    ).first()
    if already is not None:
        return already
    request = GateRequest.objects.create(
        use_case=stored, need=wanted, stage=stage, requested_by=actor
    )
    audit_record(
        actor=actor,
        action=GateRequestAction.REQUESTED,
        target=stored,
        changes={"need": wanted.value, "stage": stage},
    )
    if wanted == Need.STEERING_DECISION:
        _put_on_next_agenda(stored, stage, actor)
    notify(
        recipients=holders(ACTING[wanted].role),
        event=GATE_REQUESTED,
        params={
            "person": str(actor) if actor is not None else "Wandel",
            "need": wanted.value,
            "use_case": stored.title,
            "stage": stage,
        },
        url=need_url(wanted, stored, stage),
        actor=actor,
    )
    return request


def _put_on_next_agenda(use_case: UseCase, stage: str, actor: User | None) -> None:
    meeting = next_steering_meeting()
    if meeting is None:
        # No meeting planned yet: the use case waits on the steering page and is put on the
        # agenda when the committee builds it for its next meeting.
        return
    if AgendaItem.objects.filter(meeting=meeting, use_case=use_case).exists():
        return
    agenda_item_append(
        meeting=meeting,
        actor=actor,
        title=use_case.title,
        topic=UseCaseRequest(use_case, "", stage).agenda_topic,
        kind=AgendaKind.USE_CASE,
        use_case=use_case,
    )
