"""The results of a survey wave for those allowed to read them (VIEW_SURVEY_RESULTS): the page
with its breakdowns and filters, and the same view as CSV, Excel and PDF. Every look is
audited; a view the anonymity rules refuse says why and shows nothing."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from wandel.core.anonymity import DEFAULT_MIN_GROUP
from wandel.core.charts.bar import bars
from wandel.core.charts.line import LineLabels, line_chart
from wandel.core.errors import act_on_page
from wandel.core.exports import table_download
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.queries import anonymity_floor
from wandel.core.roles import Permission
from wandel.feedback.surveys.models import Survey, SurveyKind, Wave, WaveStatus
from wandel.feedback.surveys.policy import (
    anonymity_floor_confirm,
    anonymity_floor_set,
    current_policy,
)
from wandel.feedback.surveys.results import (
    SCALES,
    Breakdown,
    ResultsRefused,
    WaveResults,
    role_label,
    survey_trend,
    wave_results,
)
from wandel.feedback.surveys.results_report import (
    ADKAR_LABELS,
    adkar_heat,
    adkar_picture,
    results_looked_at,
    results_pdf,
    results_table,
)

FORMATS = ("csv", "xlsx")


def _wave(survey: Survey, number: str | None) -> Wave:
    waves = survey.waves.exclude(status=WaveStatus.PLANNED)
    if number:
        try:
            return get_object_or_404(waves, number=int(number))
        except ValueError:
            raise Http404 from None
    wave = waves.order_by("-number").first()
    if wave is None:
        raise Http404
    return wave


def _view(request: AuthenticatedRequest, survey: Survey) -> tuple[Wave, dict[str, str]]:
    wave = _wave(survey, request.GET.get("wave"))
    view = {
        name: request.GET.get(name, "").strip() for name in ("group_by", "unit", "role", "question")
    }
    return wave, view


@require_GET
@require_permission(Permission.VIEW_SURVEY_RESULTS)
def survey_results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("created_by"), pk=pk)
    wave, view = _view(request, survey)
    wave.survey = survey
    floor = anonymity_floor()
    refused = None
    results: WaveResults | None = None
    try:
        results = wave_results(wave, floor=floor, **view)
    except ResultsRefused as refusal:
        refused = refusal
    if results is not None:
        results_looked_at(actor=request.user, results=results, question=view["question"])
    units: dict[str, str] = {}
    roles: set[str] = set()
    if results is not None or refused is not None:
        # The filters offered: the wave's units and roles, read in one query.
        for unit, label, role in wave.groups.values_list("unit_key", "unit_label", "role_key"):
            units.setdefault(unit, label)
            roles.add(role)
    return render(
        request,
        "feedback/results.html",
        {
            "survey": survey,
            "wave": wave,
            "waves": list(survey.waves.exclude(status=WaveStatus.PLANNED).order_by("number")),
            "view": view,
            "results": results,
            "refused": refused,
            "groups": _with_bars(results) if results is not None else [],
            **_heat(survey, results),
            **_trend(survey, floor),
            "units": [(key, label) for key, label in units.items() if key],
            "roles": [(key, role_label(key)) for key in sorted(roles) if key],
            "breakdowns": _breakdowns(survey),
        },
    )


def _heat(survey: Survey, results: WaveResults | None) -> dict[str, object]:
    if results is None or survey.kind != SurveyKind.ADKAR:
        return {"heat": []}
    heat = adkar_heat(results)
    return {"heat": heat, "heat_picture": adkar_picture(heat), "adkar_labels": ADKAR_LABELS}


def _trend(survey: Survey, floor: int) -> dict[str, object]:
    """The mean of each scaled question, wave by wave: a table, and a line chart per question
    shown in at least two waves (dated by the day each wave closed)."""
    trend = survey_trend(survey, floor=floor)
    questions = [q for q in survey.questions.order_by("position", "pk") if q.kind in SCALES]
    rows = [{"point": p, "means": [p.means.get(q.key) for q in questions]} for p in trend]
    charts = []
    for index, question in enumerate(questions):
        points = [
            (p.wave.closes_on, Decimal(str(p.means[question.key])))
            for p in trend
            if p.means.get(question.key) is not None
        ]
        if len(points) < 2:
            continue
        description = gettext("Mean per wave: %(values)s.") % {
            "values": "; ".join(
                f"{date_format(on, 'SHORT_DATE_FORMAT')} {number_format(value)}"
                for on, value in points
            )
        }
        charts.append(
            {
                "id": f"trend-{index}",
                "chart": line_chart(measurements=points),
                "labels": LineLabels(title=question.text, description=description),
            }
        )
    return {"trend": trend, "trend_rows": rows, "trend_questions": questions, "trends": charts}


def _breakdowns(survey: Survey) -> list[tuple[str, str]]:
    found = [(Breakdown.NONE.value, gettext("Everyone together"))]
    if survey.unit_level:
        found.append((Breakdown.UNIT.value, gettext("By unit")))
    if survey.by_role:
        found.append((Breakdown.ROLE.value, gettext("By role")))
    return found


def _with_bars(results: WaveResults) -> list[dict[str, object]]:
    """Each shown group with a bar per answer option, percentages on one scale."""
    shown = []
    for group in (results.total, *results.groups):
        figures = [
            {
                "figure": figure,
                "bars": bars([(option, option.percent) for option in figure.options], largest=100),
            }
            for figure in group.figures
        ]
        shown.append({"group": group, "figures": figures})
    return shown


def _filename(results: WaveResults) -> str:
    return slugify(f"{results.wave.survey} {gettext('wave')} {results.wave.number}") or "survey"


@require_GET
@require_permission(Permission.VIEW_SURVEY_RESULTS)
def survey_results_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    survey = get_object_or_404(Survey, pk=pk)
    wave, view = _view(request, survey)
    try:
        results = wave_results(wave, floor=anonymity_floor(), **view)
    except ResultsRefused as refusal:
        return HttpResponse(str(refusal), status=400, content_type="text/plain; charset=utf-8")
    results_looked_at(actor=request.user, results=results, fmt=fmt, question=view["question"])
    return table_download(
        results_table(results),
        fmt=fmt,
        filename=_filename(results),
        sheet_title=gettext("Results"),
    )


@require_GET
@require_permission(Permission.VIEW_SURVEY_RESULTS)
def survey_results_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    wave, view = _view(request, survey)
    try:
        results = wave_results(wave, floor=anonymity_floor(), **view)
    except ResultsRefused as refusal:
        return HttpResponse(str(refusal), status=400, content_type="text/plain; charset=utf-8")
    results_looked_at(actor=request.user, results=results, fmt="pdf", question=view["question"])
    person = getattr(request.user, "person", None)
    content = results_pdf(
        results, generated_by=str(person) if person is not None else request.user.get_username()
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(results)}.pdf"'
    return response


@require_GET
@require_permission(Permission.VIEW_SURVEY_RESULTS)
def anonymity_policy(request: AuthenticatedRequest) -> HttpResponse:
    """The minimum group size in force, who set it and whether the works council confirmed
    it; the form to set it for admins, the button to confirm it for the works council."""
    return render(
        request,
        "feedback/anonymity_policy.html",
        {
            "policy": current_policy(),
            "default": DEFAULT_MIN_GROUP,
            "floor": anonymity_floor(),
            "can_set": request.user.has_perm(Permission.CONFIGURE),
            "can_confirm": request.user.has_perm(Permission.MANAGE_CODETERMINATION),
        },
    )


@require_POST
@require_permission(Permission.CONFIGURE)
def anonymity_policy_set(request: AuthenticatedRequest) -> HttpResponse:
    try:
        min_group = int(request.POST.get("min_group", ""))
    except ValueError:
        messages.error(request, gettext("Enter a whole number."))
        return redirect("feedback:anonymity_policy")
    act_on_page(
        request,
        lambda: anonymity_floor_set(min_group=min_group, actor=request.user),
        gettext("The minimum group size is set; the works council is asked to confirm it."),
    )
    return redirect("feedback:anonymity_policy")


@require_POST
@require_permission(Permission.MANAGE_CODETERMINATION)
def anonymity_policy_confirm(request: AuthenticatedRequest) -> HttpResponse:
    act_on_page(
        request,
        lambda: anonymity_floor_confirm(actor=request.user),
        gettext("The minimum group size is confirmed."),
    )
    return redirect("feedback:anonymity_policy")
