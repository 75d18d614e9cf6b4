"""The feedback box's pages, under /feedback/box/ in the ``feedback`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.feedback.box import views

urlpatterns: list[URLPattern] = [
    path("box/", views.box, name="box"),
    path("box/you-said-we-did/", views.answers, name="box_answers"),
    path("box/new/", views.item_post, name="box_post"),
    path("box/<id:pk>/", views.item_detail, name="box_item"),
    path("box/<id:pk>/support/", views.item_support, name="box_support"),
    path("box/<id:pk>/unsupport/", views.item_unsupport, name="box_unsupport"),
    path("box/<id:pk>/answer/", views.item_answer, name="box_answer"),
    path("box/<id:pk>/status/", views.item_status, name="box_status"),
    path("box/<id:pk>/promote/", views.item_promote, name="box_promote"),
]
