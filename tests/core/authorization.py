"""The authorization matrix's slice for core: the overview, the audit log, security events,
notifications, signing in and out, invitations, the admin site's index and the API's own
pages."""

from __future__ import annotations

from tests.support.authorization import (
    PUBLIC,
    SIGNED_IN,
    Operation,
    Page,
    Slice,
    action,
    form,
    view,
)
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "core:home": view(SIGNED_IN),
    "core:healthz": view(PUBLIC),
    "core:audit_log": view(P.VIEW_AUDIT),
    "core:security_events": view(P.VIEW_SECURITY_EVENTS),
    # Everyone signed in may ask; what comes back depends on the source's own permissions.
    "core:pick": view(SIGNED_IN),
    # Everyone has their own notifications; the matrix's notification is nobody's (404).
    "core:notifications": view(SIGNED_IN),
    "core:notification_open": Page(SIGNED_IN, ("POST",), {"POST": 404}),
    "core:notifications_read": action(SIGNED_IN),
    "core:notification_settings": form(SIGNED_IN),
    "core:undelivered": view(P.CONFIGURE),
    # The matrix's delivery does not exist (404); sending one again is tested on its own.
    "core:undelivered_retry": Page(P.CONFIGURE, ("POST",), {"POST": 404}),
    "core:undelivered_retry_all": action(P.CONFIGURE),
    "admin:index": form(P.CONFIGURE),
    "login": form(PUBLIC),
    "logout": action(SIGNED_IN),
    "password_change": form(SIGNED_IN),
    "password_change_done": view(SIGNED_IN),
    "password_reset": form(PUBLIC),
    "password_reset_done": view(PUBLIC),
    "password_reset_confirm": form(PUBLIC),
    "password_reset_complete": view(PUBLIC),
    "invitation_accept": form(PUBLIC),
    "invitation_complete": view(PUBLIC),
    "invitation_send": action(P.MANAGE_ROLES),
    "set_language": form(PUBLIC),
    "^api/": Page(PUBLIC, ("GET", "POST"), {"GET": 404, "POST": 404}),  # the API's JSON 404
    # The API's own pages (ninja): its schema and documentation, and its root (a 404).
    "api:openapi-json": form(PUBLIC),
    "api:openapi-view": form(PUBLIC),
    "api:api-root": Page(PUBLIC, ("GET", "POST"), {"GET": 404, "POST": 404}),
}

API: dict[Operation, str] = {
    ("get", "/api/v1/audit-events"): P.VIEW_AUDIT,
}


SLICE = Slice(PAGES, api=API)
