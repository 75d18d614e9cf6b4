"""Pages of surveys for those who run them (MANAGE_SURVEYS)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wandel.core.http import AuthenticatedRequest
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission
from wandel.feedback.surveys.models import Survey, WaveStatus


@require_GET
@require_permission(Permission.MANAGE_SURVEYS)
def survey_list(request: AuthenticatedRequest) -> HttpResponse:
    surveys = Survey.objects.annotate(
        wave_count=Count("waves", distinct=True),
        open_waves=Count("waves", filter=Q(waves__status=WaveStatus.OPEN), distinct=True),
    )
    return render(request, "feedback/survey_list.html", {"surveys": list(surveys)})
