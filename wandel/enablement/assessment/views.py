"""Pages of self-assessment and evaluation: a person rates themselves on their own enrolment
(before the session, and after it once marked present) and evaluates a session they
attended; trainers see a course's averages. A person's enrolment is theirs alone: not even a
trainer opens another's self-assessment or evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from wandel.core.errors import DomainError, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.queries import anonymity_floor
from wandel.core.roles import Permission
from wandel.enablement.assessment import queries, rules, services
from wandel.enablement.assessment.forms import EvaluationForm, SelfAssessmentForm
from wandel.enablement.assessment.models import Phase
from wandel.enablement.trainings.models import Course, Enrolment
from wandel.org.models import Person


def _own(request: AuthenticatedRequest, pk: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.select_related("session__course"), pk=pk)
    person: Person | None = getattr(request.user, "person", None)
    if person is None or enrolment.person_id != person.pk:
        raise PermissionDenied
    return enrolment


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def self_assessment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = _own(request, pk)
    session = enrolment.session
    phase = rules.assessment_phase(
        starts_at=session.starts_at,
        status=enrolment.status,
        attended=enrolment.attended,
        now=timezone.now(),
    )
    form = None
    if phase is not None:
        form = SelfAssessmentForm(
            request.POST or None,
            topics=queries.course_topics(session.course),
            initial=queries.my_levels(enrolment)[phase],
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.self_assessment_save(
                    enrolment=enrolment, levels=form.levels(), actor=request.user
                )
            except DomainError as error:
                add_to_form(form, error)
            else:
                messages.success(request, gettext("Your self-assessment is saved."))
                return redirect(session)
    status = 200
    if request.method == "POST":
        status = 409 if form is None else 400
    return render(
        request,
        "enablement/self_assessment.html",
        {"form": form, "session": session, "before": phase == Phase.BEFORE},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.VIEW_TRAININGS)
def evaluate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = _own(request, pk)
    session = enrolment.session
    may = enrolment.status == "enrolled" and rules.may_evaluate(
        ends_at=session.ends_at,
        attended=enrolment.attended,
        evaluated=enrolment.evaluated,
        now=timezone.now(),
    )
    form = EvaluationForm(request.POST or None) if may else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.session_evaluate(
                enrolment=enrolment, answers=form.cleaned_data, actor=request.user
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Thank you: your evaluation was counted."))
            return redirect(session)
    status = 200
    if request.method == "POST":
        status = 409 if form is None else 400
    return render(
        request,
        "enablement/evaluation_form.html",
        {
            "form": form,
            "session": session,
            "evaluated": enrolment.evaluated,
            "days": rules.EVALUATION_DAYS,
        },
        status=status,
    )


@require_GET
@require_permission(Permission.MANAGE_TRAININGS)
def course_assessment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk)
    return render(
        request,
        "enablement/course_assessment.html",
        {"course": course, "rows": queries.course_averages(course), "minimum": anonymity_floor()},
    )
