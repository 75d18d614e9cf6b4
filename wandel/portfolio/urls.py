from django.urls import include, path

from wandel.portfolio.views import use_cases

app_name = "portfolio"

urlpatterns = [
    path("", use_cases.use_case_list, name="use_case_list"),
    path("export.<str:fmt>", use_cases.use_case_export, name="use_case_export"),
    path("matrix/", use_cases.matrix, name="matrix"),
    path("funnel/", use_cases.funnel, name="funnel"),
    path("new/", use_cases.use_case_create, name="use_case_create"),
    path("similar/", use_cases.use_case_similar, name="use_case_similar"),
    path("criteria/", use_cases.criteria, name="criteria"),
    path("criteria/<id:pk>/", use_cases.criterion_edit, name="criterion_edit"),
    path("<id:pk>/", use_cases.use_case_detail, name="use_case_detail"),
    path("<id:pk>/edit/", use_cases.use_case_edit, name="use_case_edit"),
    path("<id:pk>/score/", use_cases.use_case_score, name="use_case_score"),
    path("<id:pk>/move/", use_cases.use_case_move_view, name="use_case_move"),
    path("<id:pk>/team/", use_cases.use_case_team, name="use_case_team"),
    path(
        "fact-changes/<id:pk>/decision/",
        use_cases.fact_change_decide_view,
        name="fact_change_decide",
    ),
    path("", include("wandel.portfolio.urls_measures")),
    path("workshops/", include("wandel.portfolio.urls_workshops")),
]
