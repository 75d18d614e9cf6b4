from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wandel import __version__
from wandel.core import queries
from wandel.core.permissions import require_permission
from wandel.core.roles import Permission

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The health check is public: name the kind of failure, keep the details in the log.
        logger.error("Health check: the database does not answer: %s", error)
        return JsonResponse(
            {
                "status": "error",
                "database": f"error: {type(error).__name__}",
                "version": __version__,
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"overview": queries.overview(request.user)})


@require_GET
@require_permission(Permission.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    page = Paginator(queries.audit_events(action=action), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "action": action, "actions": queries.audit_actions()},
    )
