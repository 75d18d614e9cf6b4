"""Feedback's pages, mounted at /feedback/ in the ``feedback`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.feedback.box import urls as box
from wandel.feedback.officehours import views as hours
from wandel.feedback.surveys import results_views as results
from wandel.feedback.surveys import views as surveys

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/<id:pk>/results/", results.survey_results, name="survey_results"),
    path("anonymity/", results.anonymity_policy, name="anonymity_policy"),
    path("anonymity/set/", results.anonymity_policy_set, name="anonymity_policy_set"),
    path("anonymity/confirm/", results.anonymity_policy_confirm, name="anonymity_policy_confirm"),
    path("surveys/<id:pk>/results.pdf", results.survey_results_pdf, name="survey_results_pdf"),
    path(
        "surveys/<id:pk>/results.<str:fmt>",
        results.survey_results_export,
        name="survey_results_export",
    ),
    path("office-hours/", hours.office_hours, name="office_hours"),
    path("office-hours/<id:pk>/book/", hours.office_hours_book, name="office_hours_book"),
    path("office-hours/mine/", hours.office_hours_mine, name="office_hours_mine"),
    path(
        "office-hours/bookings/<id:pk>/cancel/",
        hours.office_hours_cancel,
        name="office_hours_cancel",
    ),
    path(
        "office-hours/bookings/<id:pk>/move/",
        hours.office_hours_reschedule,
        name="office_hours_reschedule",
    ),
    path(
        "office-hours/bookings/<id:pk>/calendar.ics",
        hours.office_hours_ics,
        name="office_hours_ics",
    ),
    path("office-hours/host/", hours.office_hours_host, name="office_hours_host"),
    path("office-hours/bookings/<id:pk>/note/", hours.office_hours_note, name="office_hours_note"),
    path(
        "office-hours/series/new/",
        hours.office_hours_series_create,
        name="office_hours_series_create",
    ),
    path(
        "office-hours/series/<id:pk>/edit/",
        hours.office_hours_series_edit,
        name="office_hours_series_edit",
    ),
    path(
        "office-hours/series/<id:pk>/end/",
        hours.office_hours_series_end,
        name="office_hours_series_end",
    ),
    *box.urlpatterns,
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<id:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<id:pk>/waves/new/", surveys.wave_plan, name="wave_plan"),
    path("waves/<id:pk>/open/", surveys.wave_open, name="wave_open"),
    path("waves/<id:pk>/close/", surveys.wave_close, name="wave_close"),
    path("waves/<id:pk>/invite/", surveys.wave_invite, name="wave_invite"),
    path("waves/<id:pk>/remind/", surveys.wave_remind, name="wave_remind"),
    path("answer/done/", surveys.answer_done, name="answer_done"),
    path("answer/<str:token>/", surveys.answer, name="answer"),
]
