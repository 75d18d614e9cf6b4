"""The gate checklist on a use case's page: what the next gated move needs, who gives each
item, and for the person looking either the page where they give it or a button that asks
those who can."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from wandel.core.roles import Permission
from wandel.governance.gate_requests.models import GateRequest
from wandel.governance.gates.check import gate_facts, need_url
from wandel.governance.gates.rules import met, required
from wandel.governance.needs import ACTING, Need
from wandel.portfolio.extensions import DetailSection
from wandel.portfolio.use_cases.models import Stage, UseCase

# The gated move ahead of each stage: the checklist shown before anyone tries it.
AHEAD = {Stage.APPROVED: Stage.PILOT, Stage.PROTOTYPE: Stage.PILOT, Stage.PILOT: Stage.PRODUCTION}
TEMPLATE = "governance/gates/_checklist.html"


@dataclass(frozen=True)
class ChecklistItem:
    need: Need
    met: bool
    who: str | Promise = ""
    url: str = ""
    """The page where the person looking gives it; empty when they may not."""
    asked: GateRequest | None = None
    """The open request for it, when someone already asked."""

    @property
    def ask(self) -> str | Promise:
        """The label of the button that asks those who give it, when that is the next step."""
        if self.met or self.url or self.asked is not None or self.need not in ACTING:
            return ""
        return ACTING[self.need].ask


@dataclass(frozen=True)
class Checklist:
    stage: Stage
    items: list[ChecklistItem]

    @property
    def ready(self) -> bool:
        return all(item.met for item in self.items)


def checklist(use_case: UseCase, user: Any) -> Checklist | None:
    """The checklist of the gated move ahead of ``use_case``, as ``user`` sees it."""
    stage = AHEAD.get(Stage(use_case.stage))
    if stage is None:
        return None
    facts = gate_facts(use_case, stage)
    asked = {
        request.need: request
        for request in GateRequest.objects.filter(
            use_case=use_case, settled_at__isnull=True
        ).select_related("requested_by")
    }
    items = []
    for need in required(facts, stage):
        acting = ACTING.get(need)
        may_act = acting is not None and user.has_perm(acting.permission)
        items.append(
            ChecklistItem(
                need=need,
                met=met(need, facts),
                who=acting.who if acting is not None else "",
                url=need_url(need, use_case, stage) if may_act else "",
                asked=asked.get(need),
            )
        )
    return Checklist(stage, items)


def checklist_section(use_case: UseCase, user: Any) -> DetailSection:
    """The section of the use-case page (registered in ``governance/hooks.py``); empty for
    those who do not see governance records, and where no gated move lies ahead."""
    if not user.has_perm(Permission.VIEW_GOVERNANCE):
        return DetailSection(TEMPLATE, {"gate": None})
    return DetailSection(TEMPLATE, {"gate": checklist(use_case, user)})
