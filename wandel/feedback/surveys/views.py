"""Pages of surveys: those who run them (MANAGE_SURVEYS) list, create and run waves; anyone
with a survey's link answers it, signed in or not."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.feedback.surveys import queries, services
from wandel.feedback.surveys.answering import (
    DRAFT_COOKIE,
    AlreadyAnswered,
    Ticket,
    UnknownToken,
    WaveNotOpen,
    draft_for,
    ticket_for,
)
from wandel.feedback.surveys.forms import SurveyCreateForm, WavePlanForm
from wandel.feedback.surveys.models import (
    Distribution,
    Question,
    QuestionKind,
    Survey,
    Wave,
    WaveGroup,
    WaveStatus,
)
from wandel.feedback.surveys.rules import SCALES

# How long the browser keeps a draft's key.
DRAFT_DAYS = 60
# The draft cookie is sent to the answering pages only.
DRAFT_PATH = "/feedback/answer/"


@require_GET
@require_permission(Permission.VIEW_SURVEY_RESULTS)
def survey_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every survey with a way to its results; those who manage surveys also open them."""
    return render(
        request,
        "feedback/survey_list.html",
        {
            "surveys": list(queries.survey_list()),
            "can_manage": request.user.has_perm(Permission.MANAGE_SURVEYS),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_SURVEYS)
def survey_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                template=data["template"],
                title_en=data["title_en"],
                title_de=data["title_de"],
                target_units=data["target_units"],
                distribution=data["distribution"],
                min_group=data["min_group"],
                unit_level=data["unit_level"],
                by_role=data["by_role"],
                actor=request.user,
            )
        except DomainError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, gettext("Survey created; plan its first wave."))
            return redirect("feedback:survey_detail", pk=survey.pk)
    return render(request, "feedback/survey_form.html", {"form": form})


@require_GET
@require_permission(Permission.MANAGE_SURVEYS)
def survey_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        survey = queries.survey_detail(pk)
    except Survey.DoesNotExist:
        raise Http404 from None
    waves, earlier = queries.recent_waves(list(survey.waves.all()))
    sections = _sections(list(survey.sections.all()), list(survey.questions.all()))
    return render(
        request,
        "feedback/survey_detail.html",
        {
            "survey": survey,
            "sections": sections,
            "rates": queries.wave_rates(survey, waves),
            "earlier": earlier,
            "by_link": survey.distribution == Distribution.LINK,
            "site": request.build_absolute_uri("/")[:-1],
            "can_see_results": request.user.has_perm(Permission.VIEW_SURVEY_RESULTS),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_SURVEYS)
def wave_plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    form = WavePlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_plan(survey=survey, actor=request.user, **form.cleaned_data)
        except DomainError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, gettext("Wave planned."))
            return redirect("feedback:survey_detail", pk=survey.pk)
    return render(request, "feedback/wave_form.html", {"form": form, "survey": survey})


def _wave_action(request: AuthenticatedRequest, pk: int, call: Any, done: str) -> HttpResponse:
    wave = get_object_or_404(Wave, pk=pk)
    act_on_page(request, lambda: call(wave=wave, actor=request.user), done)
    return redirect("feedback:survey_detail", pk=wave.survey_id)


@require_POST
@require_permission(Permission.MANAGE_SURVEYS)
def wave_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _wave_action(request, pk, services.wave_open, gettext("Wave opened."))


@require_POST
@require_permission(Permission.MANAGE_SURVEYS)
def wave_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _wave_action(request, pk, services.wave_close, gettext("Wave closed."))


@require_POST
@require_permission(Permission.MANAGE_SURVEYS)
def wave_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _wave_action(request, pk, services.invitations_send, gettext("Invitations sent."))


@require_POST
@require_permission(Permission.MANAGE_SURVEYS)
def wave_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _wave_action(
        request,
        pk,
        services.reminders_send,
        gettext("Reminders sent to those who have not answered."),
    )


# Answering ---------------------------------------------------------------------------------


def _sections(sections: list[Any], questions: list[Question]) -> list[tuple[Any, list[Question]]]:
    """The questions in their sections, in order (questions without a section first)."""
    grouped: list[tuple[Any, list[Question]]] = [(None, [])]
    by_pk: dict[int, list[Question]] = {section.pk: [] for section in sections}
    for question in questions:
        if question.section_id in by_pk:
            by_pk[question.section_id].append(question)
        else:
            grouped[0][1].append(question)
    grouped.extend((section, by_pk[section.pk]) for section in sections)
    return [(section, items) for section, items in grouped if items]


def _raw_answers(request: HttpRequest, questions: list[Question]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for question in questions:
        name = f"q-{question.key}"
        if question.kind == QuestionKind.MULTIPLE:
            raw[question.key] = request.POST.getlist(name)
        else:
            raw[question.key] = request.POST.get(name, "")
    return raw


def _person(request: HttpRequest) -> Any:
    user = request.user
    return getattr(user, "person", None) if user.is_authenticated else None


def _refusal(request: HttpRequest, error: DomainError, status: int) -> HttpResponse:
    return render(request, "feedback/answer_closed.html", {"message": str(error)}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey's questions for the holder of ``token``. Signed in or not; what is answered
    is stored without anything that says who (see ``services``)."""
    try:
        ticket = ticket_for(token, _person(request))
    except UnknownToken:
        raise Http404 from None
    except WaveNotOpen as closed:
        return _refusal(request, closed, 410)
    except AlreadyAnswered as used:
        return _refusal(request, used, 409)
    wave = ticket.wave
    cookie = f"{DRAFT_COOKIE}{wave.pk}"
    draft_key = request.COOKIES.get(cookie)
    questions = list(Question.objects.filter(survey_id=wave.survey_id).order_by("position", "pk"))
    groups = list(WaveGroup.objects.filter(wave=wave)) if ticket.chooses_group else []
    errors: dict[str, list[str]] = {}
    message = ""
    if request.method == "POST":
        raw = _raw_answers(request, questions)
        chosen = request.POST.get("group", "")
        if request.POST.get("save"):
            key = services.draft_save(
                wave=wave, answers={**raw, services.DRAFT_GROUP: chosen}, key=draft_key
            )
            response = render(
                request,
                "feedback/answer.html",
                _answer_context(ticket, questions, groups, raw, chosen, {}, saved=True),
            )
            _keep_draft_key(response, cookie, key, request)
            return response
        unit_key, _bar, role_key = chosen.partition("|")
        try:
            services.response_submit(
                ticket=ticket,
                answers=raw,
                unit_key=unit_key,
                role_key=role_key,
                draft_key=draft_key,
            )
        except (WaveNotOpen, AlreadyAnswered) as refused:
            return _refusal(request, refused, refused.status)
        except DomainError as refused:
            errors, message = refused.errors, str(refused)
        else:
            done = redirect("feedback:answer_done")
            done.delete_cookie(cookie, path=DRAFT_PATH)
            return done
        context = _answer_context(ticket, questions, groups, raw, chosen, errors)
        context["message"] = message
        return render(request, "feedback/answer.html", context, status=400)
    draft = draft_for(wave, draft_key)
    saved = dict(draft.answers) if draft is not None else {}
    chosen = str(saved.pop(services.DRAFT_GROUP, ""))
    return render(
        request,
        "feedback/answer.html",
        _answer_context(ticket, questions, groups, saved, chosen, {}, resumed=draft is not None),
    )


def _keep_draft_key(response: HttpResponse, cookie: str, key: str, request: HttpRequest) -> None:
    response.set_cookie(
        cookie,
        key,
        max_age=DRAFT_DAYS * 24 * 3600,
        path=DRAFT_PATH,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def _answer_context(
    ticket: Ticket,
    questions: list[Question],
    groups: list[WaveGroup],
    values: dict[str, Any],
    chosen: str,
    errors: dict[str, list[str]],
    *,
    saved: bool = False,
    resumed: bool = False,
) -> dict[str, Any]:
    german = (get_language() or "").startswith("de")
    sections = ticket.wave.survey.sections.order_by("position", "pk")
    items = []
    for section, section_questions in _sections(list(sections), questions):
        rows = []
        for question in section_questions:
            value = values.get(question.key, [] if question.kind == QuestionKind.MULTIPLE else "")
            rows.append(
                {
                    "question": question,
                    "name": f"q-{question.key}",
                    "scale": _scale(question.kind),
                    "options": [
                        (str(o["value"]), o["de"] if german else o["en"])
                        for o in question.options or ()
                    ],
                    "value": [str(v) for v in value] if isinstance(value, list) else str(value),
                    "errors": errors.get(question.key, []),
                    "is_text": question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT),
                }
            )
        items.append((section, rows))
    return {
        "survey": ticket.wave.survey,
        "wave": ticket.wave,
        "token": ticket.token,
        "sections": items,
        "groups": [
            (
                f"{group.unit_key}|{group.role_key}",
                " / ".join(
                    part for part in (group.unit_label, queries.role_label(group.role_key)) if part
                ),
            )
            for group in groups
        ],
        "chooses_group": ticket.chooses_group,
        "chosen": chosen,
        "group_errors": errors.get("group", []),
        "saved": saved,
        "resumed": resumed,
        "open": ticket.wave.status == WaveStatus.OPEN,
    }


def _scale(kind: str) -> list[int]:
    if kind not in SCALES:
        return []
    low, high = SCALES[kind]
    return list(range(low, high + 1))


@login_not_required
@require_GET
def answer_done(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/answer_done.html")
