"""Use-case pages, included at /portfolio/ inside the ``portfolio`` namespace."""

from django.urls import path

from wandel.portfolio.use_cases import views

urlpatterns = [
    path("", views.use_case_list, name="use_case_list"),
    path("export.<str:fmt>", views.use_case_export, name="use_case_export"),
    path("matrix/", views.matrix, name="matrix"),
    path("funnel/", views.funnel, name="funnel"),
    path("new/", views.use_case_create, name="use_case_create"),
    path("similar/", views.use_case_similar, name="use_case_similar"),
    path("criteria/", views.criteria, name="criteria"),
    path("criteria/<id:pk>/", views.criterion_edit, name="criterion_edit"),
    path("<id:pk>/", views.use_case_detail, name="use_case_detail"),
    path("<id:pk>/edit/", views.use_case_edit, name="use_case_edit"),
    path("<id:pk>/score/", views.use_case_score, name="use_case_score"),
    path("<id:pk>/move/", views.use_case_move_view, name="use_case_move"),
    path("<id:pk>/team/", views.use_case_team, name="use_case_team"),
    path("<id:pk>/support/", views.use_case_support_view, name="use_case_support"),
    path("<id:pk>/follow/", views.use_case_follow_view, name="use_case_follow"),
    path(
        "fact-changes/<id:pk>/decision/",
        views.fact_change_decide_view,
        name="fact_change_decide",
    ),
]
