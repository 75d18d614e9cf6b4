"""Feedback's pages, mounted at /feedback/ in the ``feedback`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.feedback.box import urls as box
from wandel.feedback.surveys import views as surveys

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("surveys/", surveys.survey_list, name="surveys"),
    *box.urlpatterns,
]
