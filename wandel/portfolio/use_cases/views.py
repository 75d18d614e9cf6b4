from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce, Concat, Trim, TruncDate
from django.forms import modelformset_factory
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, NotPermitted, add_to_form
from wandel.core.exports import (
    FORMATS,
    ExportColumn,
    Guarded,
    Labelled,
    number_column,
    query_download,
    yes_no,
)
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.org.models import Unit
from wandel.portfolio.extensions import detail_links, detail_sections
from wandel.portfolio.use_cases import queries
from wandel.portfolio.use_cases.fact_changes import (
    fact_change_decide,
    may_decide_fact_changes,
    pending_fact_changes,
)
from wandel.portfolio.use_cases.forms import (
    CriterionForm,
    MoveForm,
    ScoreForm,
    TeamForm,
    UseCaseForm,
)
from wandel.portfolio.use_cases.lifecycle import LifecycleError, MoveRefused, use_case_move
from wandel.portfolio.use_cases.models import Capability, Criterion, FactChange, Stage, UseCase
from wandel.portfolio.use_cases.permissions import (
    can_edit,
    can_move,
    can_run,
    can_score,
    may_support,
)
from wandel.portfolio.use_cases.queries import Filters
from wandel.portfolio.use_cases.scoring import quadrant
from wandel.portfolio.use_cases.services import (
    KEEP,
    USE_CASE_FIELDS,
    PortfolioError,
    ScoreInput,
    criterion_add,
    criterion_update,
    scores_record,
    team_set,
    use_case_submit,
    use_case_update,
)
from wandel.portfolio.use_cases.support import (
    use_case_follow,
    use_case_support,
    use_case_support_withdraw,
)


def _filter_context(filters: Filters) -> dict[str, object]:
    return {
        "filters": filters,
        "stages": Stage.choices,
        "capabilities": Capability.choices,
        "units": Unit.objects.order_by("name").values_list("pk", "name", named=True),
        "owners": queries.owners().only("pk", "first_name", "last_name"),
        "query": filters.query(),
    }


# What the list's table shows of a use case: not its texts (problem, process, benefit ...),
# the bulk of each row on the large demo.
_LIST_SHOWN = (
    "pk",
    "title",
    "personal_data",
    "stage",
    "capability",
    "vetoed",
    "total_score",
    "unit__name",
    "product_owner__first_name",
    "product_owner__last_name",
)


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def use_case_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    page = page_of(queries.use_cases(filters).only(*_LIST_SHOWN), request)
    context = {"page": page, **_filter_context(filters)}
    template = (
        "portfolio/use_case_list.html#results" if request.htmx else ("portfolio/use_case_list.html")
    )
    return render(request, template, context)


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def use_case_export(request: AuthenticatedRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    filters = Filters.from_query(request.GET)
    owner = Concat(
        Coalesce("product_owner__first_name", Value("")),
        Value(" "),
        Coalesce("product_owner__last_name", Value("")),
    )
    yes, no = gettext("yes"), gettext("no")
    columns: list[ExportColumn] = [
        (gettext("ID"), "pk"),
        (gettext("Title"), Guarded("title")),
        (gettext("Stage"), Labelled("stage", Stage)),
        (gettext("Unit"), Guarded("unit__name")),
        (gettext("LLM capability"), Labelled("capability", Capability)),
        (gettext("Product owner"), Guarded(Trim(owner))),
        (gettext("Value"), number_column("value_score", fmt)),
        (gettext("Feasibility"), number_column("feasibility_score", fmt)),
        (gettext("Risk"), number_column("risk_score", fmt)),
        (gettext("Total score"), number_column("total_score", fmt)),
        (gettext("Vetoed"), yes_no("vetoed", yes, no)),
        (gettext("Personal data"), yes_no("personal_data", yes, no)),
        (gettext("People helped"), "people_helped"),
        (
            gettext("Submitted"),
            Cast(TruncDate("created_at", tzinfo=timezone.get_current_timezone()), CharField()),
        ),
    ]
    return query_download(
        queries.use_cases(filters),
        columns,
        fmt=fmt,
        filename=f"wandel-use-cases-{timezone.localdate().isoformat()}",
        sheet_title=gettext("Use cases"),
    )


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def matrix(request: AuthenticatedRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    table = queries.matrix_table(filters)
    return render(
        request,
        "portfolio/matrix.html",
        {
            "chart": queries.matrix(filters, scored=table.total),
            "table": table,
            "unscored": queries.unscored_count(filters),
            **_filter_context(filters),
        },
    )


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def funnel(request: AuthenticatedRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    main, side = queries.funnel(filters)
    return render(
        request,
        "portfolio/funnel.html",
        {"steps": main, "side": side, **_filter_context(filters)},
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.SUBMIT_IDEAS)
def use_case_create(request: AuthenticatedRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    # The idea most likely comes from the person's own unit.
    form = UseCaseForm(request.POST or None, initial={"unit": person.unit_id if person else None})
    if request.method == "POST" and form.is_valid():
        use_case = use_case_submit(
            actor=request.user, **{f: form.cleaned_data[f] for f in USE_CASE_FIELDS}
        )
        messages.success(request, gettext("Thank you! Your idea has been submitted."))
        return redirect(use_case)
    return render(request, "portfolio/use_case_form.html", {"form": form, "use_case": None})


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def use_case_similar(request: AuthenticatedRequest) -> HttpResponse:
    exclude = request.GET.get("exclude")
    similar = queries.similar_to(
        request.GET.get("title", ""),
        exclude=int(exclude) if exclude and exclude.isdigit() else None,
    )
    supportable = {use_case.pk for use_case in similar if may_support(request.user, use_case)}
    return render(
        request, "portfolio/_similar.html", {"similar": similar, "supportable": supportable}
    )


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def use_case_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "portfolio/use_case_detail.html", _detail_context(request, pk))


def _detail_context(request: AuthenticatedRequest, pk: int, **extra: object) -> dict[str, object]:
    try:
        use_case = queries.use_case_detail(pk)
    except UseCase.DoesNotExist:
        raise Http404 from None
    user = request.user
    context: dict[str, object] = {
        "use_case": use_case,
        "scores": queries.scores_by_criterion(use_case),
        "quadrant": quadrant(value=use_case.value_score, feasibility=use_case.feasibility_score),
        "move_form": MoveForm(use_case=use_case, user=user),
        "can_edit": can_edit(user, use_case),
        "can_run": can_run(user, use_case),
        "support": queries.support_of(use_case, user),
        "can_score": can_score(user),
        "can_move": any(can_move(user, use_case, s) for s in Stage),
        "fact_changes": list(pending_fact_changes(use_case).select_related("requested_by")),
        "can_decide_facts": may_decide_fact_changes(user),
        "extra_links": detail_links(use_case, user),
        "sections": detail_sections(use_case, user),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def use_case_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase, pk=pk)
    if not can_edit(request.user, use_case):
        raise PermissionDenied
    form = UseCaseForm(request.POST or None, instance=use_case)
    if request.method == "POST" and form.is_valid():
        try:
            use_case_update(
                use_case=use_case,
                actor=request.user,
                **{f: form.cleaned_data[f] for f in USE_CASE_FIELDS},
            )
        except NotPermitted:
            raise PermissionDenied from None
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Use case saved."))
            if pending_fact_changes(use_case).filter(requested_by=request.user).exists():
                messages.warning(request, str(AWAITS_CONFIRMATION))
            return redirect(use_case)
    return render(request, "portfolio/use_case_form.html", {"form": form, "use_case": use_case})


@require_http_methods(["GET", "POST"])
@require_permission(Permission.SCORE_USE_CASES)
def use_case_score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase, pk=pk)
    criteria = list(Criterion.objects.filter(active=True))
    stored = {s.criterion_id: s for s in use_case.scores.all()}
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=stored)
    if request.method == "POST" and form.is_valid():
        given = {
            pk: ScoreInput(value, rationale) for pk, (value, rationale) in form.given().items()
        }
        try:
            scores_record(use_case=use_case, scores=given, actor=request.user)
        except PortfolioError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Scores saved."))
            return redirect(use_case)
    return render(request, "portfolio/use_case_score.html", {"form": form, "use_case": use_case})


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def use_case_move_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase, pk=pk)
    form = MoveForm(request.POST, use_case=use_case, user=request.user)
    to = request.POST.get("to", "")
    if to in Stage.values and not can_move(request.user, use_case, to):
        raise PermissionDenied
    if form.is_valid():
        try:
            use_case_move(
                use_case=use_case,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except NotPermitted:
            raise PermissionDenied from None
        except LifecycleError as error:
            form.add_error("to", str(error))
        except MoveRefused as refused:
            # Links only to the pages this person may use: the others are asked below.
            missing = [item.for_user(request.user) for item in refused.missing]
            context = _detail_context(request, pk, move_form=form, refused=missing)
            return render(request, "portfolio/use_case_detail.html", context, status=409)
        else:
            messages.success(
                request,
                gettext("Moved to “%(stage)s”.") % {"stage": Stage(form.cleaned_data["to"]).label},
            )
            return redirect(use_case)
    context = _detail_context(request, pk, move_form=form)
    return render(request, "portfolio/use_case_detail.html", context, status=400)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def use_case_team(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase.objects.select_related("product_owner"), pk=pk)
    if not can_run(request.user, use_case):
        raise PermissionDenied
    may_change_owner = request.user.has_perm(Permission.MANAGE_USE_CASES)
    form = TeamForm(
        request.POST or None,
        may_change_owner=may_change_owner,
        initial={
            "product_owner": use_case.product_owner,
            "team": use_case.team.all(),
            "linked_units": use_case.linked_units.all(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            team_set(
                use_case=use_case,
                team=form.cleaned_data["team"],
                linked_units=form.cleaned_data["linked_units"],
                product_owner=form.cleaned_data["product_owner"] if may_change_owner else KEEP,
                actor=request.user,
            )
        except NotPermitted:
            raise PermissionDenied from None
        except PortfolioError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Team saved."))
            return redirect(use_case)
    return render(request, "portfolio/use_case_team.html", {"form": form, "use_case": use_case})


AWAITS_CONFIRMATION = gettext_lazy(
    "The change of “personal data involved” awaits the data-protection officer's "
    "confirmation; until then the use case keeps its DPIA and ethics gates."
)


@require_POST
@require_permission(Permission.RUN_DPIA)
def fact_change_decide_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The data-protection officer confirms or rejects a pending change of a gate fact."""
    change = get_object_or_404(FactChange, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        return HttpResponseBadRequest(gettext("Choose confirm or reject."))
    try:
        fact_change_decide(
            change=change,
            confirm=decision == "confirm",
            actor=request.user,
            note=request.POST.get("note", "")[:1000],
        )
    except NotPermitted:
        raise PermissionDenied from None
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Change confirmed.") if decision == "confirm" else gettext("Change rejected."),
        )
    return redirect(change.use_case)


CriterionWeights = modelformset_factory(
    Criterion, fields=("weight", "veto_at", "active"), extra=0, can_delete=False
)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.CONFIGURE_SCORING)
def criteria(request: AuthenticatedRequest) -> HttpResponse:
    formset = CriterionWeights(
        request.POST if request.POST.get("action") == "weights" else None,
        queryset=Criterion.objects.all(),
        prefix="weights",
    )
    new = CriterionForm(request.POST if request.POST.get("action") == "add" else None, prefix="new")
    if request.method == "POST" and request.POST.get("action") == "weights" and formset.is_valid():
        changed = 0
        for form in formset.forms:
            if form.has_changed():
                criterion_update(
                    criterion=form.instance,
                    actor=request.user,
                    **{name: form.cleaned_data[name] for name in form.changed_data},
                )
                changed += 1
        messages.success(
            request,
            gettext("%(count)d criteria changed; the portfolio is re-ranked.") % {"count": changed},
        )
        return redirect("portfolio:criteria")
    if request.method == "POST" and request.POST.get("action") == "add" and new.is_valid():
        criterion_add(actor=request.user, **new.cleaned_data)
        messages.success(request, gettext("Criterion added."))
        return redirect("portfolio:criteria")
    return render(request, "portfolio/criteria.html", {"formset": formset, "new": new})


@require_http_methods(["GET", "POST"])
@require_permission(Permission.CONFIGURE_SCORING)
def criterion_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion, pk=pk)
    form = CriterionForm(request.POST or None, instance=Criterion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        criterion_update(
            criterion=criterion,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )
        messages.success(request, gettext("Criterion saved."))
        return redirect("portfolio:criteria")
    return render(request, "portfolio/criterion_form.html", {"form": form, "criterion": criterion})


@require_POST
@require_permission(Permission.SUBMIT_IDEAS)
def use_case_support_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The "+1" button and taking it back (``withdraw``); back to the page it was pressed on."""
    use_case = get_object_or_404(UseCase, pk=pk)
    try:
        if request.POST.get("withdraw"):
            use_case_support_withdraw(use_case=use_case, actor=request.user)
            messages.success(request, gettext("Your support is withdrawn."))
        else:
            use_case_support(use_case=use_case, actor=request.user)
            messages.success(
                request,
                gettext("Thank you for your support. You are told when “%(title)s” moves.")
                % {"title": use_case.title},
            )
    except DomainError as error:
        messages.error(request, str(error))
    return redirect(f"{use_case.get_absolute_url()}#support")


@require_POST
@require_permission(Permission.VIEW_USE_CASES)
def use_case_follow_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    use_case = get_object_or_404(UseCase, pk=pk)
    follow = not request.POST.get("stop")
    use_case_follow(use_case=use_case, actor=request.user, follow=follow)
    if follow:
        messages.success(
            request, gettext("You are told when “%(title)s” moves.") % {"title": use_case.title}
        )
    else:
        messages.success(
            request, gettext("You no longer follow “%(title)s”.") % {"title": use_case.title}
        )
    return redirect(f"{use_case.get_absolute_url()}#support")
