"""Feedback's pages, mounted at /feedback/ in the ``feedback`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.feedback.surveys import views as surveys

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/waves/new/", surveys.wave_plan, name="wave_plan"),
    path("waves/<int:pk>/open/", surveys.wave_open, name="wave_open"),
    path("waves/<int:pk>/close/", surveys.wave_close, name="wave_close"),
    path("waves/<int:pk>/invite/", surveys.wave_invite, name="wave_invite"),
    path("waves/<int:pk>/remind/", surveys.wave_remind, name="wave_remind"),
    path("answer/done/", surveys.answer_done, name="answer_done"),
    path("answer/<str:token>/", surveys.answer, name="answer"),
]
