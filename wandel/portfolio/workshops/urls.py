"""Workshop pages, included at /portfolio/workshops/ inside the ``portfolio`` namespace."""

from django.urls import path

from wandel.portfolio.workshops import views

urlpatterns = [
    path("", views.workshop_list, name="workshop_list"),
    path("new/", views.workshop_create, name="workshop_create"),
    path("<id:pk>/", views.workshop_detail, name="workshop_detail"),
    path("<id:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path("<id:pk>/ideas/", views.workshop_idea_create, name="workshop_idea_create"),
    path("<id:pk>/ideas/add/", views.workshop_idea_add, name="workshop_idea_add"),
    path("<id:pk>/status/", views.workshop_status, name="workshop_status"),
    path("<id:pk>/vote/", views.workshop_vote, name="workshop_vote"),
    path(
        "<id:pk>/results.<str:fmt>",
        views.workshop_results_export,
        name="workshop_results_export",
    ),
]
