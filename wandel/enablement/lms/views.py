"""The trainers' page for importing completions from an LMS export: upload, and either the
summary or every problem with file, line and field."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.enablement.lms import COLUMNS, ImportIssue, ImportRejected, completions_import


class CompletionImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon separated, UTF-8 or Windows-1252) or Excel .xlsx"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


@require_http_methods(["GET", "POST"])
@require_permission(Permission.MANAGE_TRAININGS)
def completion_import_page(request: AuthenticatedRequest) -> HttpResponse:
    form = CompletionImportForm(request.POST or None, request.FILES or None)
    issues: list[ImportIssue] | None = None
    more_issues = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = completions_import(
                content=upload.read(), file_name=upload.name, actor=request.user
            )
        except ImportRejected as rejected:
            issues, more_issues = rejected.issues, rejected.more_issues
        else:
            if report.ignored_columns:
                messages.warning(request, report.ignored_summary())
            if report.changed:
                messages.success(request, report.summary())
            else:
                messages.info(
                    request,
                    gettext("%(file)s: nothing to change, every completion is already known.")
                    % {"file": upload.name},
                )
            return redirect("enablement:completion_import")
    return render(
        request,
        "enablement/completion_import.html",
        {"form": form, "issues": issues, "more_issues": more_issues, "columns": COLUMNS},
        status=400 if issues or form.errors else 200,
    )
