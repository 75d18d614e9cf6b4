"""Feedback's pages, mounted at /feedback/ in the ``feedback`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.feedback.surveys import results_views as results
from wandel.feedback.surveys import views as surveys

app_name = "feedback"

urlpatterns: list[URLPattern] = [
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/<id:pk>/results/", results.survey_results, name="survey_results"),
    path("surveys/<id:pk>/results.pdf", results.survey_results_pdf, name="survey_results_pdf"),
    path(
        "surveys/<id:pk>/results.<str:fmt>",
        results.survey_results_export,
        name="survey_results_export",
    ),
]
