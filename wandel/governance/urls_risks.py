"""The risk register, included at /governance/risks/ inside the ``governance`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.views import risks

urlpatterns: list[URLPattern] = [
    path("", risks.risk_list, name="risk_list"),
    path("export.<str:fmt>", risks.risk_export, name="risk_export"),
    path("new/", risks.risk_create, name="risk_create"),
    path("<id:pk>/", risks.risk_detail, name="risk_detail"),
    path("<id:pk>/edit/", risks.risk_edit, name="risk_edit"),
    path("<id:pk>/mitigations/", risks.mitigation_create, name="mitigation_create"),
    path(
        "<id:pk>/request-acceptance/",
        risks.risk_request_acceptance,
        name="risk_request_acceptance",
    ),
    path("<id:pk>/close/", risks.risk_close, name="risk_close"),
    path("<id:pk>/reopen/", risks.risk_reopen, name="risk_reopen"),
    path("mitigations/<id:pk>/", risks.mitigation_update, name="mitigation_update"),
]
