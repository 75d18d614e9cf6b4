"""EU AI Act pages, mounted at /governance/ai-act/ in the ``governance`` namespace."""

from django.urls import path

from wandel.governance.ai_act import views

urlpatterns = [
    path("", views.ai_act_overview, name="ai_act_overview"),
    path("<id:pk>/", views.classification, name="classification"),
    path(
        "classifications/<id:pk>/confirm/",
        views.obligation_confirm,
        name="obligation_confirm",
    ),
    path(
        "classifications/<id:pk>/decision/",
        views.classification_decide,
        name="classification_decide",
    ),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
]
