"""The portfolio's pages: use cases, their measures and workshops, each from its sub-domain."""

from django.urls import include, path

app_name = "portfolio"

urlpatterns = [
    path("", include("wandel.portfolio.use_cases.urls")),
    path("", include("wandel.portfolio.measures.urls")),
    path("workshops/", include("wandel.portfolio.workshops.urls")),
]
