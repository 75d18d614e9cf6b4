"""What the authorization matrix and the audit-on-every-write test share: the walk over every
URL pattern and every API operation, sample URLs for them, and a fingerprint of the database.

The walk reads the URL resolver and the ninja path views behind it, never the OpenAPI
document, so an unnamed pattern or an operation hidden from the schema (``include_in_schema=
False``) is seen like any other. Expectations are not kept here: each test writes its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from ninja.operation import Operation, PathView

# The API's namespace; its ninja operations are walked as operations, not as pages.
API_NAMESPACE = "api"


@dataclass(frozen=True)
class Route:
    """One URL pattern: ``key`` is its ``namespace:name``, or its route when it has no name."""

    key: str
    route: str
    callback: Callable[..., Any]
    named: bool


def walk_routes(urlconf: str | object | None = None) -> Iterator[Route]:
    """Every URL pattern of the resolver, named or not, with its full route."""
    yield from _walk(get_resolver(urlconf), "", "")


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            key = f"{namespace}{pattern.name}" if pattern.name else route
            yield Route(key, route, pattern.callback, bool(pattern.name))


def path_view_of(callback: Callable[..., Any]) -> PathView | None:
    """The ninja PathView behind an API URL pattern (its view closes over it), if any."""
    for cell in getattr(callback, "__closure__", None) or ():
        contents = cell.cell_contents
        if isinstance(contents, PathView):
            return contents
    return None


def page_routes(urlconf: str | object | None = None) -> dict[str, Route]:
    """Every pattern that is not a ninja operation: pages, redirects, the admin, the API's
    own documentation pages and its 404 catch-all."""
    return {r.key: r for r in walk_routes(urlconf) if path_view_of(r.callback) is None}


_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


def api_operations(urlconf: str | object | None = None) -> dict[tuple[str, str], Operation]:
    """Every API operation as ``(method, "/api/v1/…/{param}")``, schema-hidden ones included."""
    found: dict[tuple[str, str], Operation] = {}
    for route in walk_routes(urlconf):
        view = path_view_of(route.callback)
        if view is None:
            continue
        path = "/" + _CONVERTER.sub(r"{\1}", route.route)
        for operation in view.operations:
            for method in operation.methods:
                found[(method.lower(), path)] = operation
    return found


def page_names(urlconf: str | object | None = None) -> set[str]:
    """The names of every named page of Wandel's own (not the admin site's, not the API's
    schema and documentation pages)."""
    return {
        key
        for key, r in page_routes(urlconf).items()
        if r.named and not key.startswith(("admin:", f"{API_NAMESPACE}:"))
    }


# Sample URLs -----------------------------------------------------------------------------

# Which object of the world fills the ``pk`` of each governance page.
GOVERNANCE_OBJECTS = {
    "use_case_governance": "use_case",
    "gate_request": "use_case",
    "body_detail": "body",
    "body_edit": "body",
    "membership_add": "body",
    "membership_end": "membership",
    "meeting_detail": "meeting",
    "meeting_edit": "meeting",
    "meeting_minutes": "meeting",
    "agenda_item_create": "meeting",
    "agenda_build": "meeting",
    "agenda_item_delete": "agenda_item",
    "decision_detail": "decision",
    "decision_supersede": "decision",
    "condition_close": "decision_condition",
    "risk_detail": "risk",
    "risk_edit": "risk",
    "mitigation_create": "risk",
    "mitigation_update": "mitigation",
    "mitigation_close": "mitigation",
    "risk_request_acceptance": "risk",
    "risk_close": "risk",
    "risk_reopen": "risk",
    "budget_detail": "budget_request",
    "spend_create": "budget_request",
    "ethics_review_create": "use_case",
    "ethics_review": "ethics_review",
    "ethics_condition_close": "ethics_condition",
    "dpia_check": "use_case",
    "dpia": "use_case",
    "codetermination": "use_case",
    "classification": "use_case",
    "obligation_confirm": "classification",
    "classification_decide": "classification",
}

# Pages of the other apps whose ``pk`` is an object of the world.
PAGE_OBJECTS = {
    "org:unit_detail": "unit",
    "org:unit_edit": "unit",
    "org:person_detail": "person",
    "org:person_edit": "person",
    "org:person_role_assign": "person",
    "org:person_account_create": "person",
    "org:role_end": "assignment",
    "org:stakeholder_detail": "group",
    "org:stakeholder_edit": "group",
    "org:concern_create": "group",
    "org:concern_respond": "concern",
    "org:touchpoint_create": "group",
    "portfolio:criterion_edit": "criterion",
    "portfolio:use_case_detail": "use_case",
    "portfolio:use_case_edit": "use_case",
    "portfolio:use_case_score": "use_case",
    "portfolio:use_case_move": "use_case",
    "portfolio:use_case_team": "use_case",
    "portfolio:use_case_support": "use_case",
    "portfolio:use_case_follow": "use_case",
    "portfolio:fact_change_decide": "fact_change",
    "portfolio:comment_create": "use_case",
    "portfolio:requirement_create": "use_case",
    "portfolio:requirement_update": "requirement",
    "portfolio:kpi_create": "use_case",
    "portfolio:measurement_create": "kpi",
    "portfolio:workshop_edit": "workshop",
    "portfolio:workshop_detail": "workshop",
    "portfolio:workshop_idea_create": "workshop",
    "portfolio:workshop_idea_add": "workshop",
    "portfolio:workshop_status": "workshop",
    "portfolio:workshop_vote": "workshop",
    "portfolio:workshop_results_export": "workshop",
    "invitation_send": "account",
    "enablement:course_detail": "course",
    "enablement:course_edit": "course",
    "enablement:course_file_upload": "course",
    "enablement:course_file_download": "course_file",
    "enablement:course_file_remove": "course_file",
    "enablement:path_edit": "path",
    "enablement:session_detail": "session",
    "enablement:session_edit": "session",
    "enablement:session_enrol": "session",
    "enablement:session_enrol_group": "session",
    "enablement:session_cancel": "session",
    "enablement:attendance": "session",
    "enablement:enrolment_cancel": "enrolment",
    "enablement:course_assessment": "course",
    "enablement:self_assessment": "enrolment",
    "enablement:evaluate": "enrolment",
    "enablement:session_ics": "session",
    "enablement:group_detail": "user_group",
    "enablement:group_edit": "user_group",
    "enablement:group_join": "user_group",
    "enablement:group_leave": "user_group",
    "enablement:meeting_create": "user_group",
    "enablement:event_detail": "event",
    "enablement:event_edit": "event",
    "enablement:event_register": "event",
    "enablement:event_cancel": "event",
    "enablement:event_attendance": "event",
    "enablement:event_ics": "event",
    "enablement:registration_cancel": "registration",
    "enablement:sprint_detail": "sprint",
    "enablement:sprint_edit": "sprint",
    "enablement:sprint_start": "sprint",
    "enablement:sprint_end": "sprint",
    "enablement:sprint_task_add": "sprint",
    "enablement:sprint_note_add": "sprint",
    "enablement:sprint_retro_add": "sprint",
    "enablement:sprint_action_add": "sprint",
    "enablement:sprint_task_move": "sprint_task",
    "enablement:sprint_action_close": "retro_action",
    "feedback:survey_results": "survey",
    "feedback:survey_results_pdf": "survey",
    "feedback:survey_results_export": "survey",
    "feedback:office_hours_book": "office_hours",
    "feedback:office_hours_cancel": "office_hours_booking",
    "feedback:office_hours_reschedule": "office_hours_booking",
    "feedback:office_hours_ics": "office_hours_booking",
    "feedback:office_hours_note": "office_hours_booking",
    "feedback:office_hours_series_edit": "office_hours",
    "feedback:office_hours_series_end": "office_hours",
    "feedback:box_item": "feedback_item",
    "feedback:box_support": "feedback_item",
    "feedback:box_unsupport": "feedback_item",
    "feedback:box_answer": "feedback_item",
    "feedback:box_status": "feedback_item",
    "feedback:box_promote": "feedback_item",
    "feedback:survey_detail": "survey",
    "feedback:wave_plan": "survey",
    "feedback:wave_open": "wave",
    "feedback:wave_close": "wave",
    "feedback:wave_invite": "wave",
    "feedback:wave_remind": "wave",
    **{f"governance:{name}": key for name, key in GOVERNANCE_OBJECTS.items()},
}

OTHER_KWARGS: dict[str, dict[str, object]] = {
    "org:import_template": {"kind": "people", "fmt": "csv"},
    "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "invitation_accept": {"uidb64": "MQ", "token": "set-password"},
    "portfolio:use_case_export": {"fmt": "csv"},
    "governance:decision_export": {"fmt": "csv"},
    "governance:risk_export": {"fmt": "csv"},
    "enablement:coverage_export": {"fmt": "csv"},
    "governance:steering_waiting": {"kind": "use-cases"},
    "portfolio:workshop_results_export": {"fmt": "csv"},
    "admin:view_on_site": {"content_type_id": "1", "object_id": "1"},
    "admin:app_list": {"app_label": "org"},
    "core:pick": {"source": "people"},
    "core:notification_open": {"pk": 999_999},
    "core:undelivered_retry": {"pk": 999_999},
    "enablement:feed_ics": {"token": "no-such-feed-token"},
    "feedback:survey_results_export": {"fmt": "csv"},
    "feedback:answer": {"token": "no-such-survey-token"},
}

# Unnamed patterns cannot be reversed: where their route has parameters or is a regular
# expression, the sample URL is written out here.
UNNAMED_URLS = {
    "^api/": "/api/no-such-endpoint",
    "admin/(?P<url>.*)$": "/admin/no-such-page/",
}

_ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def url_for(key: str, objects: Mapping[str, int] | Any) -> str:
    """A URL for the page ``key`` (a name, or the route of an unnamed pattern) whose objects
    are the world's (``objects.get(key, 1)``)."""
    if key in UNNAMED_URLS:
        return UNNAMED_URLS[key]
    if "/" in key:  # names never hold a slash; routes (but the root's) do
        # An unnamed pattern: its route, with every parameter the object id 1.
        return "/" + _ROUTE_PARAMETER.sub("1", key)
    if key.startswith("admin:") and key.endswith(("_history", "_delete", "_change")):
        if key == "admin:password_change":
            return reverse(key)
        return reverse(key, kwargs={"object_id": "1"})
    if key in PAGE_OBJECTS:
        kwargs: dict[str, object] = {"pk": objects.get(PAGE_OBJECTS[key], 1)}
        kwargs.update(OTHER_KWARGS.get(key, {}))
        return reverse(key, kwargs=kwargs)
    return reverse(key, kwargs=OTHER_KWARGS.get(key))


def api_url(path: str, objects: Mapping[str, int] | Any) -> str:
    """``path`` with each ``{parameter}`` replaced by the id of the world's object."""
    url = path
    for parameter, key in API_OBJECTS.items():
        url = url.replace(parameter, str(objects[key]))
    if "{condition_id}" in url:
        key = "ethics_condition" if "ethics-conditions" in url else "decision_condition"
        url = url.replace("{condition_id}", str(objects[key]))
    return url


# Path parameters of the API and which object of the world fills them.
API_OBJECTS = {
    "{survey_id}": "survey",
    "{unit_id}": "unit",
    "{person_id}": "person",
    "{assignment_id}": "assignment",
    "{group_id}": "group",
    "{concern_id}": "concern",
    "{use_case_id}": "use_case",
    "{kpi_id}": "kpi",
    "{requirement_id}": "requirement",
    "{workshop_id}": "workshop",
    "{body_id}": "body",
    "{membership_id}": "membership",
    "{meeting_id}": "meeting",
    "{item_id}": "agenda_item",
    "{mitigation_id}": "mitigation",
    "{decision_id}": "decision",
    "{risk_id}": "risk",
    "{request_id}": "budget_request",
    "{review_id}": "ethics_review",
    "{classification_id}": "classification",
    "{change_id}": "fact_change",
    "{course_id}": "course",
    "{path_id}": "path",
    "{session_id}": "session",
    "{enrolment_id}": "enrolment",
    "{event_id}": "event",
    "{registration_id}": "registration",
    "{sprint_id}": "sprint",
    "{task_id}": "sprint_task",
    "{booking_id}": "office_hours_booking",
    "{feedback_id}": "feedback_item",
}


# Nothing changed ----------------------------------------------------------------------------

# Tables a refused request may legitimately write: the session of the signed-in test client.
FINGERPRINT_IGNORES = {"django_session"}


def fingerprint_query() -> str:
    """One query answering the row count of every table (auto-created many-to-many tables
    included), so that a refused request that wrote anything shows up as a changed tuple."""
    quote = connection.ops.quote_name
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        - FINGERPRINT_IGNORES
    )
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (table names from the models)
    return f"SELECT {counts}"


def fingerprint(query: str) -> tuple[int, ...]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return tuple(cursor.fetchone())
