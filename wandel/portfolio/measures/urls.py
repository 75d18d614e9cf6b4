"""Quality requirements, KPIs, measurements and comments of a use case.

Included by ``portfolio/urls.py`` inside the ``portfolio`` namespace, so no ``app_name``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.portfolio.measures import views

urlpatterns: list[URLPattern] = [
    path("<id:pk>/comments/", views.comment_create, name="comment_create"),
    path("<id:pk>/requirements/", views.requirement_create, name="requirement_create"),
    path("requirements/<id:pk>/", views.requirement_update, name="requirement_update"),
    path("<id:pk>/kpis/", views.kpi_create, name="kpi_create"),
    path("kpis/<id:pk>/measurements/", views.measurement_create, name="measurement_create"),
]
