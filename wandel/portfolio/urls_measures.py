"""Quality requirements, KPIs, measurements and comments of a use case.

Included by ``portfolio/urls.py`` inside the ``portfolio`` namespace, so no ``app_name``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.portfolio.views import measures

urlpatterns: list[URLPattern] = [
    path("<int:pk>/comments/", measures.comment_create, name="comment_create"),
    path("<int:pk>/requirements/", measures.requirement_create, name="requirement_create"),
    path("requirements/<int:pk>/", measures.requirement_update, name="requirement_update"),
    path("<int:pk>/kpis/", measures.kpi_create, name="kpi_create"),
    path("kpis/<int:pk>/measurements/", measures.measurement_create, name="measurement_create"),
]
