"""Pages of trainings: the catalogue and its courses, sessions with enrolment and the waiting
list, the trainer's attendance page (made for a tablet in the room), learning paths, and
recording a completion by hand. Everyone signed in reads and enrols themselves
(VIEW_TRAININGS); trainers keep the catalogue and sessions (MANAGE_TRAININGS)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import DomainError, act_on_page, add_to_form
from wandel.core.http import AuthenticatedRequest
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.enablement.trainings import catalogue, files, queries, services
from wandel.enablement.trainings.forms import (
    CompletionForm,
    CourseFileForm,
    CourseForm,
    GroupEnrolForm,
    PathForm,
    SessionForm,
)
from wandel.enablement.trainings.models import (
    Course,
    CourseFile,
    Enrolment,
    EnrolmentStatus,
    LearningPath,
    TrainingSession,
)
from wandel.org.models import Person


def _person(request: AuthenticatedRequest) -> Person | None:
    return getattr(request.user, "person", None)


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def catalogue_view(request: AuthenticatedRequest) -> HttpResponse:
    manage = request.user.has_perm(Permission.MANAGE_TRAININGS)
    return render(
        request,
        "enablement/catalogue.html",
        {
            "courses": list(queries.courses(include_inactive=manage)),
            "paths": LearningPath.objects.filter(active=True).prefetch_related("courses", "units"),
            "can_manage": manage,
        },
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def course_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _course_page(request, pk, CourseFileForm())


def _course_page(
    request: AuthenticatedRequest, pk: int, file_form: CourseFileForm, status: int = 200
) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.prefetch_related("materials", "files", "target_units"), pk=pk
    )
    upcoming = queries.sessions(upcoming=True).filter(course=course, cancelled=False)
    return render(
        request,
        "enablement/course_detail.html",
        {
            "course": course,
            "sessions": list(upcoming[:20]),
            "can_manage": request.user.has_perm(Permission.MANAGE_TRAININGS),
            "file_form": file_form,
        },
        status=status,
    )


@require_POST
@require_permission(Permission.MANAGE_TRAININGS)
def course_file_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk)
    form = CourseFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            files.course_file_upload(
                course=course,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("File uploaded."))
            return redirect(course)
    return _course_page(request, pk, form, status=400)


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def course_file_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Always an attachment of a neutral type: a course file is never shown in the browser."""
    stored = get_object_or_404(CourseFile, pk=pk)
    try:
        content = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        content,
        as_attachment=True,
        filename=stored.original_name,
        content_type="application/octet-stream",
    )


@require_POST
@require_permission(Permission.MANAGE_TRAININGS)
def course_file_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stored = get_object_or_404(CourseFile.objects.select_related("course"), pk=pk)
    course = stored.course
    files.course_file_remove(course_file=stored, actor=request.user)
    messages.success(request, gettext("File removed."))
    return redirect(course)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def course_create(request: AuthenticatedRequest) -> HttpResponse:
    return _course_form(request, None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def course_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _course_form(request, get_object_or_404(Course, pk=pk))


def _course_form(request: AuthenticatedRequest, course: Course | None) -> HttpResponse:
    initial = CourseForm.initial_of(course) if course else {"active": True}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if course is None:
                course = catalogue.course_create(data=form.course_input(), actor=request.user)
            else:
                course = catalogue.course_update(
                    course=course, data=form.course_input(), actor=request.user
                )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Course “%(course)s” saved.") % {"course": course})
            return redirect(course)
    return render(
        request,
        "enablement/course_form.html",
        {"form": form, "course": course},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def session_list(request: AuthenticatedRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    page = page_of(queries.sessions(upcoming=not past), request)
    return render(
        request,
        "enablement/session_list.html",
        {
            "page": page,
            "past": past,
            "can_manage": request.user.has_perm(Permission.MANAGE_TRAININGS),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def session_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SessionForm(request.POST or None, initial={"course": request.GET.get("course")})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_schedule(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Session scheduled."))
            return redirect(session)
    return render(
        request,
        "enablement/session_form.html",
        {"form": form, "session": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def session_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "course"}
        try:
            services.session_update(session=session, actor=request.user, **data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Session saved."))
            return redirect(session)
    return render(
        request,
        "enablement/session_form.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


@require_GET
@require_permission(Permission.VIEW_TRAININGS)
def session_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "enablement/session_detail.html", _session_context(request, pk))


def _session_context(
    request: AuthenticatedRequest, pk: int, *, group_form: GroupEnrolForm | None = None
) -> dict[str, object]:
    try:
        session = queries.session_detail(pk)
    except TrainingSession.DoesNotExist:
        raise Http404 from None
    manage = request.user.has_perm(Permission.MANAGE_TRAININGS)
    mine = queries.enrolment_of(session, _person(request))
    now = timezone.now()
    return {
        "session": session,
        "mine": mine,
        "position": queries.waiting_position(mine)
        if mine and mine.status == EnrolmentStatus.WAITING
        else None,
        "free": max(session.capacity - session.taken, 0),  # type: ignore[attr-defined]
        "open": not session.cancelled and session.ends_at > now,
        "started": session.starts_at <= now,
        "can_enrol": _person(request) is not None,
        "can_manage": manage,
        "roster": queries.roster(session) if manage else None,
        "group_form": group_form or (GroupEnrolForm(auto_id="group_%s") if manage else None),
    }


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def session_enrol(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    person = _person(request)
    if person is None:
        raise Http404
    try:
        enrolment = services.enrol(session=session, person=person, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            messages.success(request, gettext("You are enrolled."))
        else:
            messages.info(
                request,
                gettext(
                    "The session is full: you are on the waiting list "
                    "and will be told when a seat is free."
                ),
            )
    return redirect(session)


@require_POST
@require_permission(Permission.MANAGE_TRAININGS)
def session_enrol_group(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    form = GroupEnrolForm(request.POST, auto_id="group_%s")
    if form.is_valid():
        try:
            result = services.enrol_group(
                session=session, people=list(form.cleaned_data["people"]), actor=request.user
            )
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                gettext(
                    "%(enrolled)d enrolled, %(waiting)d on the waiting list, "
                    "%(already)d already in."
                )
                % {
                    "enrolled": len(result.enrolled),
                    "waiting": len(result.waiting),
                    "already": len(result.already),
                },
            )
            return redirect(f"{session.get_absolute_url()}#roster")
    context = _session_context(request, pk, group_form=form)
    return render(request, "enablement/session_detail.html", context, status=400)


@require_POST
@require_permission(Permission.VIEW_TRAININGS)
def enrolment_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    enrolment = get_object_or_404(Enrolment.objects.select_related("session"), pk=pk)
    own = enrolment.person_id == getattr(_person(request), "pk", None)
    if not own and not request.user.has_perm(Permission.MANAGE_TRAININGS):
        raise PermissionDenied
    act_on_page(
        request,
        partial(services.enrolment_cancel, enrolment=enrolment, actor=request.user),
        gettext("Enrolment cancelled."),
    )
    return redirect(enrolment.session)


@require_POST
@require_permission(Permission.MANAGE_TRAININGS)
def session_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession, pk=pk)
    services.session_cancel(session=session, actor=request.user)
    messages.success(request, gettext("Session cancelled; everyone enrolled was told."))
    return redirect(session)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.select_related("course"), pk=pk)
    error = ""
    if request.method == "POST":
        present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]
        try:
            taken = services.attendance_take(session=session, present=present, actor=request.user)
        except DomainError as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved: %(present)d present, %(absent)d absent.",
                    "Attendance saved: %(present)d present, %(absent)d absent.",
                    taken.present,
                )
                % {"present": taken.present, "absent": taken.absent},
            )
            return redirect(session)
    return render(
        request,
        "enablement/attendance.html",
        {"session": session, "roster": queries.roster(session), "error": error},
        status=409 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def path_create(request: AuthenticatedRequest) -> HttpResponse:
    return _path_form(request, None)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def path_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _path_form(request, get_object_or_404(LearningPath, pk=pk))


def _path_form(request: AuthenticatedRequest, path: LearningPath | None) -> HttpResponse:
    initial = (
        PathForm.initial_of(path)
        if path
        else {"starts_on": timezone.localdate(), "complete_within_days": 90, "active": True}
    )
    form = PathForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if path is None:
                path = catalogue.path_create(data=form.path_input(), actor=request.user)
            else:
                path = catalogue.path_update(path=path, data=form.path_input(), actor=request.user)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Learning path “%(path)s” saved.") % {"path": path})
            return redirect("enablement:catalogue")
    return render(
        request,
        "enablement/path_form.html",
        {"form": form, "path": path},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def completion_create(request: AuthenticatedRequest) -> HttpResponse:
    initial = {"completed_on": timezone.localdate(), "course": request.GET.get("course")}
    form = CompletionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.completion_record(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Completion recorded."))
            return redirect(form.cleaned_data["course"])
    return render(
        request,
        "enablement/completion_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
