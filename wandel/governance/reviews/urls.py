"""Ethics reviews, DPIA threshold check and DPIA, works-council involvement.

Included by ``governance/urls.py`` at /governance/reviews/ inside the ``governance``
namespace, so no ``app_name``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.reviews import views
from wandel.governance.reviews.codetermination import views as council
from wandel.governance.reviews.dpia import views as dpia
from wandel.governance.reviews.ethics import views as ethics

urlpatterns: list[URLPattern] = [
    path("", views.reviews_overview, name="reviews_overview"),
    path("checklist/", ethics.ethics_checklist, name="ethics_checklist"),
    path("use-cases/<id:pk>/ethics/", ethics.ethics_review_create, name="ethics_review_create"),
    path("ethics/<id:pk>/", ethics.ethics_review, name="ethics_review"),
    path(
        "conditions/<id:pk>/close/",
        ethics.ethics_condition_close,
        name="ethics_condition_close",
    ),
    path("use-cases/<id:pk>/dpia-check/", dpia.dpia_check, name="dpia_check"),
    path("use-cases/<id:pk>/dpia/", dpia.dpia, name="dpia"),
    path("use-cases/<id:pk>/codetermination/", council.codetermination, name="codetermination"),
    path("codetermination/", council.codetermination_overview, name="codetermination_overview"),
]
