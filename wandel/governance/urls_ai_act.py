"""EU AI Act pages, mounted at /governance/ai-act/ in the ``governance`` namespace."""

from django.urls import path

from wandel.governance.views import ai_act

urlpatterns = [
    path("", ai_act.ai_act_overview, name="ai_act_overview"),
    path("<id:pk>/", ai_act.classification, name="classification"),
    path(
        "classifications/<id:pk>/confirm/",
        ai_act.obligation_confirm,
        name="obligation_confirm",
    ),
    path(
        "classifications/<id:pk>/decision/",
        ai_act.classification_decide,
        name="classification_decide",
    ),
    path("questionnaire/", ai_act.questionnaire, name="questionnaire"),
]
