"""Pages of use-case workshops: plan, capture ideas, dot voting, ranked result and export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import NotPermitted
from wandel.core.exports import FORMATS, table_download
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.org.models import Person
from wandel.portfolio.workshops import queries, services
from wandel.portfolio.workshops.forms import (
    IDEA_PREFIX,
    BallotForm,
    IdeaAddForm,
    IdeaCaptureForm,
    WorkshopForm,
    dots_placed,
)
from wandel.portfolio.workshops.models import Workshop, WorkshopStatus
from wandel.portfolio.workshops.queries import RankedIdea
from wandel.portfolio.workshops.services import RankingHidden, WorkshopError


@require_GET
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_list(request: AuthenticatedRequest) -> HttpResponse:
    past = page_of(queries.workshops_past(), request)
    return render(
        request,
        "portfolio/workshop_list.html",
        {"upcoming": queries.workshops_upcoming(), "page": past},
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_create(request: AuthenticatedRequest) -> HttpResponse:
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(actor=request.user, **form.cleaned_data)
        except WorkshopError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, gettext("Workshop “%(workshop)s” planned.") % {"workshop": workshop}
            )
            return redirect(workshop)
    return _form_page(request, form, gettext("New workshop"), reverse("portfolio:workshop_list"))


@require_http_methods(["GET", "POST"])
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    title, url = workshop.title, workshop.get_absolute_url()
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(workshop=workshop, actor=request.user, **form.cleaned_data)
        except WorkshopError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, gettext("Workshop “%(workshop)s” saved.") % {"workshop": workshop}
            )
            return redirect(workshop)
    return _form_page(request, form, title, url)


def _form_page(
    request: AuthenticatedRequest, form: WorkshopForm, title: str, cancel: str
) -> HttpResponse:
    status = 400 if form.errors else 200
    return render(
        request,
        "portfolio/workshop_form.html",
        {"form": form, "title": title, "cancel": cancel},
        status=status,
    )


@require_GET
@require_permission(Permission.VIEW_USE_CASES)
def workshop_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(pk)
    return render(request, "portfolio/workshop_detail.html", _detail_context(request, workshop))


@require_POST
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_idea_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(pk)
    form = IdeaCaptureForm(request.POST)
    if form.is_valid():
        try:
            idea = services.workshop_idea_capture(
                workshop=workshop, actor=request.user, **form.cleaned_data
            )
        except WorkshopError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, gettext("Idea “%(idea)s” captured.") % {"idea": idea})
            return redirect(workshop)
    context = _detail_context(request, workshop)
    context["idea_form"] = form
    return render(request, "portfolio/workshop_detail.html", context, status=400)


@require_POST
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_idea_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(pk)
    form = IdeaAddForm(request.POST, choices=queries.use_cases_to_add(workshop))
    if not form.is_valid():
        # The page again with the form's errors: without JavaScript, the use-case search
        # arrives here and its matches are shown to choose from.
        context = _detail_context(request, workshop)
        context["add_form"] = form
        return render(request, "portfolio/workshop_detail.html", context, status=400)
    use_case = form.cleaned_data["use_case"]
    try:
        services.workshop_idea_add(workshop=workshop, use_case=use_case, actor=request.user)
    except WorkshopError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, gettext("“%(idea)s” added to the workshop.") % {"idea": use_case.title}
        )
    return redirect(workshop)


@require_POST
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    target = request.POST.get("to")
    try:
        if target == WorkshopStatus.VOTING:
            services.workshop_open_voting(workshop=workshop, actor=request.user)
            messages.success(request, gettext("Voting is open."))
        elif target == WorkshopStatus.CLOSED:
            services.workshop_close(workshop=workshop, actor=request.user)
            messages.success(request, gettext("Voting is closed; the ranking is final."))
        else:
            messages.error(request, gettext("Unknown workshop status."))
    except NotPermitted:
        raise PermissionDenied from None
    except WorkshopError as error:
        messages.error(request, str(error))
    return redirect(workshop)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_USE_CASES)
def workshop_vote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    workshop = get_object_or_404(Workshop, pk=pk)
    facilitates = services.facilitates(workshop=workshop, user=request.user)
    own = queries.participant_of(workshop=workshop, user=request.user)
    if own is None and not facilitates:
        raise PermissionDenied
    stand_ins = queries.stand_ins(workshop) if facilitates else []
    voter = _chosen_voter(request, own, stand_ins)
    limit = workshop.dots_per_person
    if request.htmx and "preview" in request.GET:
        return render(
            request,
            "portfolio/workshop_vote.html#tally",
            {"used": dots_placed(request.GET), "limit": limit},
        )
    context: dict[str, object] = {
        "workshop": workshop,
        "voter": voter,
        "own": own,
        "stand_ins": stand_ins,
        "limit": limit,
        "is_open": workshop.status == WorkshopStatus.VOTING,
    }
    if voter is None:
        # A facilitator who takes no part first chooses whose dots to record.
        if request.method == "POST":
            raise Http404
        return render(request, "portfolio/workshop_vote.html", context)
    current = services.votes_of(workshop=workshop, voter=voter)
    form = BallotForm(
        request.POST or None,
        ideas=queries.ideas_for_ballot(workshop),
        limit=limit,
        initial={f"{IDEA_PREFIX}{pk}": dots for pk, dots in current.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            used = services.votes_cast(
                workshop=workshop, voter=voter, dots=form.dots(), actor=request.user
            )
        except WorkshopError as error:
            form.add_error(None, str(error))
        else:
            return _after_vote(request, workshop, voter, own, used)
    context["form"] = form
    context["used"] = dots_placed(form.data) if form.is_bound else sum(current.values())
    return render(
        request, "portfolio/workshop_vote.html", context, status=400 if form.errors else 200
    )


def _chosen_voter(
    request: AuthenticatedRequest, own: Person | None, stand_ins: list[Person]
) -> Person | None:
    requested = request.POST.get("voter") or request.GET.get("voter")
    if not requested:
        return own
    if own is not None and requested == str(own.pk):
        return own
    for person in stand_ins:
        if requested == str(person.pk):
            return person
    if not stand_ins:
        # Only the facilitator records dots for others (``stand_ins`` is theirs alone).
        raise PermissionDenied
    raise Http404


def _after_vote(
    request: AuthenticatedRequest,
    workshop: Workshop,
    voter: Person,
    own: Person | None,
    used: int,
) -> HttpResponse:
    if voter == own:
        messages.success(
            request,
            gettext("Your dots are saved (%(used)d of %(limit)d).")
            % {"used": used, "limit": workshop.dots_per_person},
        )
        return redirect(workshop)
    messages.success(
        request,
        gettext("Dots of %(person)s saved (%(used)d of %(limit)d).")
        % {"person": voter, "used": used, "limit": workshop.dots_per_person},
    )
    return redirect("portfolio:workshop_vote", pk=workshop.pk)


@require_GET
@require_permission(Permission.RUN_WORKSHOPS)
def workshop_results_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        ranking = queries.workshop_ranking_for(workshop=workshop, user=request.user)
    except RankingHidden:
        raise PermissionDenied from None
    return table_download(
        _results_rows(ranking),
        fmt=fmt,
        filename=f"workshop-{workshop.pk}-{workshop.held_on:%Y-%m-%d}-results",
        sheet_title=gettext("Ranking"),
    )


def _results_rows(ranking: list[RankedIdea]) -> list[list[object]]:
    header: list[object] = [
        gettext("Rank"),
        gettext("Title"),
        gettext("Unit"),
        gettext("Stage"),
        gettext("Dots"),
        gettext("Voters"),
    ]
    rows = [
        [
            entry.rank,
            entry.use_case.title,
            entry.use_case.unit.name,
            entry.use_case.get_stage_display(),
            entry.dots,
            entry.voters,
        ]
        for entry in ranking
    ]
    return [header, *rows]


def _workshop_or_404(pk: int) -> Workshop:
    try:
        return queries.workshop_for_page(pk)
    except Workshop.DoesNotExist:
        raise Http404 from None


def _detail_context(request: AuthenticatedRequest, workshop: Workshop) -> dict[str, object]:
    runs = request.user.has_perm(Permission.RUN_WORKSHOPS)
    # The prefetched participants answer this without another query.
    own = next((p for p in workshop.participants.all() if p.user_id == request.user.pk), None)
    if own is None and not runs:
        raise PermissionDenied
    is_open = workshop.status != WorkshopStatus.CLOSED
    facilitates = services.facilitates(workshop=workshop, user=request.user)
    visible = services.ranking_visible(workshop=workshop, user=request.user)
    return {
        "workshop": workshop,
        "ranking": queries.workshop_ranking(workshop) if visible else None,
        "ideas": None if visible else queries.ideas_for_ballot(workshop),
        "voter_count": queries.voter_count(workshop),
        "runs": runs,
        "facilitates": facilitates,
        "moves_vote": runs and (workshop.facilitator_id is None or facilitates),
        "own": own,
        "stand_ins": facilitates and any(p.user_id is None for p in workshop.participants.all()),
        "idea_form": IdeaCaptureForm(initial={"unit": _first_unit(workshop)})
        if runs and is_open
        else None,
        "add_form": IdeaAddForm(choices=queries.use_cases_to_add(workshop))
        if runs and is_open
        else None,
    }


def _first_unit(workshop: Workshop) -> int | None:
    units = list(workshop.units.all())
    return units[0].pk if units else None
