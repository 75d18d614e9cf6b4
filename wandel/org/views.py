from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wandel.core.errors import add_to_form
from wandel.core.filters import parse_id
from wandel.core.http import AuthenticatedRequest
from wandel.core.invitations import InvitationError, invitation_send
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission, Role
from wandel.org import queries, services
from wandel.org.forms import (
    ConcernForm,
    ImportForm,
    PersonForm,
    RoleAssignForm,
    StakeholderGroupForm,
    TouchpointForm,
    UnitForm,
)
from wandel.org.import_templates import KINDS, template_csv, template_xlsx
from wandel.org.imports import (
    PEOPLE_COLUMNS,
    UNIT_COLUMNS,
    ImportRejected,
    people_import,
    units_import,
)
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Unit
from wandel.org.services import OrgError, account_create

# Units ---------------------------------------------------------------------------------


@require_GET
@require_permission(Permission.VIEW_UNITS)
def unit_list(request: AuthenticatedRequest) -> HttpResponse:
    page = page_of(queries.UnitTree(), request)
    return render(request, "org/unit_list.html", {"page": page, "nodes": page.object_list})


@require_GET
@require_permission(Permission.VIEW_UNITS)
def unit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=pk)
    context: dict[str, object] = {
        "unit": unit,
        "path": queries.unit_path(unit),
        "children": unit.children.order_by("name"),
    }
    if request.user.has_perm(Permission.VIEW_PEOPLE):
        people = queries.people(queries.PeopleFilters(unit=unit.code))
        context["page"] = page_of(people, request)
    return render(request, "org/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_PEOPLE)
def unit_create(request: AuthenticatedRequest) -> HttpResponse:
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Unit “%(unit)s” created.") % {"unit": unit})
            return redirect(unit)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": gettext("New unit"), "cancel": reverse("org:unit_list")},
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_PEOPLE)
def unit_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_update(unit=unit, actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Unit “%(unit)s” saved.") % {"unit": unit})
            return redirect(unit)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": unit.name, "cancel": unit.get_absolute_url()},
    )


# People --------------------------------------------------------------------------------


@require_GET
@require_permission(Permission.VIEW_PEOPLE)
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = queries.PeopleFilters.from_query(request.GET)
    page = page_of(queries.people(filters), request)
    context = {
        "page": page,
        "filters": filters,
        "presences": queries.Presence.choices,
        "units": Unit.objects.order_by("name").values_list("pk", "code", "name", named=True),
    }
    template = "org/person_list.html#results" if request.htmx else "org/person_list.html"
    return render(request, template, context)


@require_GET
@require_permission(Permission.VIEW_PEOPLE)
def person_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    return render(request, "org/person_detail.html", _person_context(request, person))


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_PEOPLE)
def person_create(request: AuthenticatedRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("%(person)s added.") % {"person": person})
            return redirect(person)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": gettext("New person"), "cancel": reverse("org:person_list")},
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_PEOPLE)
def person_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(person=person, actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("%(person)s saved.") % {"person": person})
            return redirect(person)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": person.full_name, "cancel": person.get_absolute_url()},
    )


@require_POST
@require_permission(Permission.MANAGE_ROLES)
def person_role_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        try:
            services.role_assign(
                person=person,
                role=Role(form.cleaned_data["role"]),
                actor=request.user,
                assigned_on=form.cleaned_data["assigned_on"],
                note=form.cleaned_data["note"],
            )
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Role assigned."))
            return redirect(person)
    context = _person_context(request, person)
    context["role_form"] = form
    return render(request, "org/person_detail.html", context, status=400)


@require_POST
@require_permission(Permission.MANAGE_ROLES)
def role_end_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(RoleAssignment.objects.select_related("person"), pk=pk)
    try:
        services.role_end(assignment=assignment, actor=request.user)
    except OrgError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Role ended."))
    return redirect(assignment.person)


@require_POST
@require_permission(Permission.MANAGE_ROLES)
def person_account_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person_or_404(pk)
    try:
        user = account_create(person=person, actor=request.user)
    except OrgError as error:
        messages.error(request, str(error))
        return redirect(person)
    try:
        invitation_send(user=user, actor=request.user, site_url=request.build_absolute_uri("/"))
    except InvitationError:
        # The account stays; the person page offers to send the invitation again.
        messages.warning(
            request,
            gettext(
                "The account for %(email)s was created, but the invitation could not be sent: "
                "the mail server did not accept it. Send it again from this page once e-mail "
                "works."
            )
            % {"email": person.email},
        )
    else:
        messages.success(
            request,
            gettext("Account created. An invitation to set a password was sent to %(email)s.")
            % {"email": person.email},
        )
    return redirect(person)


def _person_or_404(pk: int) -> Person:
    try:
        return queries.person_detail(pk)
    except Person.DoesNotExist:
        raise Http404 from None


def _person_context(request: AuthenticatedRequest, person: Person) -> dict[str, object]:
    return {
        "person": person,
        "roles": queries.role_history(person),
        "path": queries.unit_path(person.unit),
        "role_form": RoleAssignForm(),
        "can_manage_roles": request.user.has_perm(Permission.MANAGE_ROLES),
        "can_edit": request.user.has_perm(Permission.MANAGE_PEOPLE),
    }


# Import --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_PEOPLE)
def import_page(request: AuthenticatedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    issues = None
    more_issues = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        people = form.cleaned_data["kind"] == "people"
        try:
            if people:
                report = people_import(
                    content=upload.read(),
                    file_name=upload.name,
                    actor=request.user,
                    invite=form.cleaned_data["invite"],
                )
            else:
                report = units_import(
                    content=upload.read(), file_name=upload.name, actor=request.user
                )
        except ImportRejected as rejected:
            issues = rejected.issues
            more_issues = rejected.more_issues
        else:
            if report.ignored_columns:
                messages.warning(request, report.ignored_summary())
            if report.changed:
                messages.success(request, report.summary())
            else:
                messages.info(
                    request,
                    gettext("%(file)s: nothing to change, everything is already up to date.")
                    % {"file": upload.name},
                )
            return redirect("org:person_list" if people else "org:unit_list")
    return render(
        request,
        "org/import.html",
        {
            "form": form,
            "issues": issues,
            "more_issues": more_issues,
            "people_columns": PEOPLE_COLUMNS,
            "unit_columns": UNIT_COLUMNS,
        },
        status=400 if issues else 200,
    )


@require_GET
@require_permission(Permission.MANAGE_PEOPLE)
def import_template(request: AuthenticatedRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    if fmt == "csv":
        response = HttpResponse(template_csv(kind), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(kind),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="wandel-{kind}.{fmt}"'
    return response


# Stakeholders --------------------------------------------------------------------------


@require_GET
@require_permission(Permission.VIEW_STAKEHOLDERS)
def stakeholder_list(request: AuthenticatedRequest) -> HttpResponse:
    groups = list(queries.stakeholder_groups())
    return render(
        request,
        "org/stakeholder_list.html",
        {
            "groups": groups,
            "grid": queries.power_interest_grid(groups),
            "can_manage": request.user.has_perm(Permission.MANAGE_STAKEHOLDERS),
        },
    )


@require_GET
@require_permission(Permission.VIEW_STAKEHOLDERS)
def stakeholder_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        group = queries.stakeholder_detail(pk)
    except StakeholderGroup.DoesNotExist:
        raise Http404 from None
    return render(request, "org/stakeholder_detail.html", _stakeholder_context(request, group))


def _stakeholder_context(
    request: AuthenticatedRequest, group: StakeholderGroup
) -> dict[str, object]:
    return {
        "group": group,
        "grid": queries.power_interest_grid([group], size=240),
        "concerns": queries.concerns_of(group),
        "touchpoints": queries.touchpoints_of(group),
        "concern_form": ConcernForm(),
        "touchpoint_form": TouchpointForm(),
        "can_manage": request.user.has_perm(Permission.MANAGE_STAKEHOLDERS),
        "can_log": request.user.has_perm(Permission.LOG_ENGAGEMENT),
    }


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_STAKEHOLDERS)
def stakeholder_create(request: AuthenticatedRequest) -> HttpResponse:
    form = StakeholderGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.stakeholder_group_create(actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, gettext("Stakeholder group “%(group)s” created.") % {"group": group}
            )
            return redirect(group)
    return render(
        request,
        "org/form.html",
        {
            "form": form,
            "title": gettext("New stakeholder group"),
            "cancel": reverse("org:stakeholder_list"),
        },
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_STAKEHOLDERS)
def stakeholder_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StakeholderGroup, pk=pk)
    form = StakeholderGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.stakeholder_group_update(
                group=group, actor=request.user, **form.cleaned_data
            )
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request, gettext("Stakeholder group “%(group)s” saved.") % {"group": group}
            )
            return redirect(group)
    return render(
        request,
        "org/form.html",
        {"form": form, "title": group.name, "cancel": group.get_absolute_url()},
    )


@require_POST
@require_permission(Permission.MANAGE_STAKEHOLDERS)
def concern_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StakeholderGroup, pk=pk)
    form = ConcernForm(request.POST)
    if form.is_valid():
        try:
            services.concern_add(group=group, actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Concern recorded."))
            return redirect(group)
    context = _stakeholder_context(request, group)
    context["concern_form"] = form
    return render(request, "org/stakeholder_detail.html", context, status=400)


@require_POST
@require_permission(Permission.MANAGE_STAKEHOLDERS)
def concern_respond(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    concern = get_object_or_404(Concern.objects.select_related("group"), pk=pk)
    try:
        services.concern_answer(
            concern=concern, response=request.POST.get("response", ""), actor=request.user
        )
    except OrgError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("Concern updated."))
    return redirect(concern.group)


@require_POST
@require_permission(Permission.LOG_ENGAGEMENT)
def touchpoint_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(StakeholderGroup, pk=pk)
    form = TouchpointForm(request.POST)
    if form.is_valid():
        try:
            services.touchpoint_record(group=group, actor=request.user, **form.cleaned_data)
        except OrgError as error:
            add_to_form(form, error)
        else:
            messages.success(request, gettext("Touchpoint recorded."))
            return redirect(group)
    context = _stakeholder_context(request, group)
    context["touchpoint_form"] = form
    return render(request, "org/stakeholder_detail.html", context, status=400)


def _int_or_none(value: str | None) -> int | None:
    return parse_id(value)
