"""One page per use case with everything governance knows and what each gate still needs."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from wandel.core.errors import DomainError
from wandel.core.filters import parse_id
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.governance.ai_act.queries import pending_classification
from wandel.governance.gates.asking import gate_request
from wandel.governance.gates.check import gate_facts, need_url
from wandel.governance.gates.rules import GATED, met, required
from wandel.governance.needs import ACTING, Need
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
                    {
                        "need": need,
                        "met": met(need, facts),
                        # Only where the reader may give it; the use case's own page asks.
                        "url": need_url(need, use_case, stage)
                        if need in ACTING and request.user.has_perm(ACTING[need].permission)
                        else "",
                    }
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


@require_POST
@require_permission(Permission.VIEW_GOVERNANCE)
def gate_request_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The checklist's "ask" button: the request is recorded and the body told, and the
    person is back on the use case's page with what happened in view."""
    use_case = get_object_or_404(UseCase, pk=pk)
    need = request.POST.get("need", "")
    stage = request.POST.get("stage", "")
    try:
        gate_request(use_case=use_case, need=need, stage=stage, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Asked %(who)s. They are notified and see it on their home page.")
            % {"who": ACTING[Need(need)].who},
        )
    return redirect(f"{use_case.get_absolute_url()}#gate")


@require_GET
@require_permission(Permission.VIEW_GOVERNANCE)
def gate_readiness(request: AuthenticatedRequest) -> HttpResponse:
    """What a gate still needs, for the decision form while a gate approval is recorded
    (``?kind=gate_approval&use_case=…&gate_stage=pilot``); empty until all are chosen."""
    use_case_id = parse_id(request.GET.get("use_case"))
    stage = request.GET.get("gate_stage", "")
    use_case = UseCase.objects.filter(pk=use_case_id).first() if use_case_id else None
    items = []
    gate_approval = request.GET.get("kind") == "gate_approval"
    if use_case is not None and stage in GATED and gate_approval:
        facts = gate_facts(use_case, stage)
        items = [{"need": need, "met": met(need, facts)} for need in required(facts, stage)]
    return render(
        request,
        "governance/gates/_readiness.html",
        {"use_case": use_case, "stage": Stage(stage) if items else None, "items": items},
    )
