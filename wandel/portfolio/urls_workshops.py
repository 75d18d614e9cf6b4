"""Workshop pages, included at /portfolio/workshops/ inside the ``portfolio`` namespace."""

from django.urls import path

from wandel.portfolio.views import workshops

urlpatterns = [
    path("", workshops.workshop_list, name="workshop_list"),
    path("new/", workshops.workshop_create, name="workshop_create"),
    path("<id:pk>/", workshops.workshop_detail, name="workshop_detail"),
    path("<id:pk>/edit/", workshops.workshop_edit, name="workshop_edit"),
    path("<id:pk>/ideas/", workshops.workshop_idea_create, name="workshop_idea_create"),
    path("<id:pk>/ideas/add/", workshops.workshop_idea_add, name="workshop_idea_add"),
    path("<id:pk>/status/", workshops.workshop_status, name="workshop_status"),
    path("<id:pk>/vote/", workshops.workshop_vote, name="workshop_vote"),
    path(
        "<id:pk>/results.<str:fmt>",
        workshops.workshop_results_export,
        name="workshop_results_export",
    ),
]
