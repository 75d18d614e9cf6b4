"""One page per use case with everything governance knows and what each gate still needs."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.ai_act.queries import pending_classification
from wandel.governance.gates.check import gate_facts, need_url
from wandel.governance.gates.rules import GATED, met, required
from wandel.portfolio.use_cases.models import Stage, UseCase


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def use_case_governance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        use_case = UseCase.objects.select_related("unit", "product_owner").get(pk=pk)
    except UseCase.DoesNotExist:
        raise Http404 from None
    gates = []
    for stage in (Stage.PILOT, Stage.PRODUCTION):
        facts = gate_facts(use_case, stage)
        gates.append(
            {
                "stage": stage,
                "items": [
                    {"need": need, "met": met(need, facts), "url": need_url(need, use_case, stage)}
                    for need in required(facts, stage)
                ],
            }
        )
    return render(
        request,
        "governance/use_case.html",
        {
            "use_case": use_case,
            "gates": gates,
            "gated": GATED,
            "pending_classification": pending_classification(use_case),
        },
    )
