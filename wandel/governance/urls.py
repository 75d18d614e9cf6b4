from django.urls import include, path
from django.views.generic import RedirectView

from wandel.governance.gates.views import gate_readiness, gate_request_view, use_case_governance

app_name = "governance"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="governance:steering")),
    path("use-cases/<id:pk>/", use_case_governance, name="use_case_governance"),
    path("use-cases/<id:pk>/gates/ask/", gate_request_view, name="gate_request"),
    path("gates/readiness/", gate_readiness, name="gate_readiness"),
    path("", include("wandel.governance.decisions.urls")),
    path("risks/", include("wandel.governance.risks.urls")),
    path("budgets/", include("wandel.governance.budgets.urls")),
    path("reviews/", include("wandel.governance.reviews.urls")),
    path("ai-act/", include("wandel.governance.ai_act.urls")),
]
