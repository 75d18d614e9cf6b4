"""Ethics reviews, DPIA threshold check and DPIA, works-council involvement.

Included by ``governance/urls.py`` at /governance/reviews/ inside the ``governance``
namespace, so no ``app_name``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.views import reviews

urlpatterns: list[URLPattern] = [
    path("", reviews.reviews_overview, name="reviews_overview"),
    path("checklist/", reviews.ethics_checklist, name="ethics_checklist"),
    path("use-cases/<id:pk>/ethics/", reviews.ethics_review_create, name="ethics_review_create"),
    path("ethics/<id:pk>/", reviews.ethics_review, name="ethics_review"),
    path(
        "conditions/<id:pk>/close/",
        reviews.ethics_condition_close,
        name="ethics_condition_close",
    ),
    path("use-cases/<id:pk>/dpia-check/", reviews.dpia_check, name="dpia_check"),
    path("use-cases/<id:pk>/dpia/", reviews.dpia, name="dpia"),
    path("use-cases/<id:pk>/codetermination/", reviews.codetermination, name="codetermination"),
    path("codetermination/", reviews.codetermination_overview, name="codetermination_overview"),
]
