from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from wandel import __version__
from wandel.core import queries
from wandel.core.api.errors import NOT_FOUND, error_body
from wandel.core.models import SecurityEventKind
from wandel.core.paging import page_of
from wandel.core.permissions import require_permission
from wandel.core.picker import matches, picker_source, render_matches
from wandel.core.roles import Permission
from wandel.core.todos import for_you

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


@login_not_required
@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any path under /api/ that no endpoint matches: the API's 404, not the HTML page."""
    return JsonResponse(error_body(NOT_FOUND), status=404)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {"for_you": for_you(request.user), "overview": queries.overview(request.user)}
    return render(request, "core/home.html", context)


@require_GET
@require_permission(Permission.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    filters = queries.AuditFilters.from_query(request.GET)
    page = page_of(queries.audit_events(filters), request)
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "action": filters.action, "actions": queries.audit_actions()},
    )


@require_GET
@require_permission(Permission.VIEW_SECURITY_EVENTS)
def security_events(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    if kind not in SecurityEventKind.values:
        kind = ""
    events = queries.security_events(kind=kind)
    page = page_of(events, request)
    return render(
        request,
        "core/security_events.html",
        {
            "page": page,
            "kind": kind,
            "kinds": SecurityEventKind.choices,
            "retention_days": settings.SECURITY_EVENT_DAYS,
            "break_glass": queries.break_glass_accounts(),
        },
    )


@require_GET
def pick(request: HttpRequest, source: str) -> HttpResponse:
    """The options of a picker that match ``q``: an HTML fragment of ``role=option`` items,
    only rows the signed-in user may see (see ``core.picker``)."""
    found = picker_source(source)
    if found is None:
        raise Http404
    rows = matches(found, found.rows(request.user), request.GET.get("q", ""))
    return HttpResponse(render_matches(found, rows))
