"""The risk register, included at /governance/risks/ inside the ``governance`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.governance.risks import views

urlpatterns: list[URLPattern] = [
    path("", views.risk_list, name="risk_list"),
    path("export.<str:fmt>", views.risk_export, name="risk_export"),
    path("new/", views.risk_create, name="risk_create"),
    path("<id:pk>/", views.risk_detail, name="risk_detail"),
    path("<id:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("<id:pk>/mitigations/", views.mitigation_create, name="mitigation_create"),
    path(
        "<id:pk>/request-acceptance/",
        views.risk_request_acceptance,
        name="risk_request_acceptance",
    ),
    path("<id:pk>/close/", views.risk_close, name="risk_close"),
    path("<id:pk>/reopen/", views.risk_reopen, name="risk_reopen"),
    path("mitigations/<id:pk>/", views.mitigation_update, name="mitigation_update"),
    path("mitigations/<id:pk>/close/", views.mitigation_close, name="mitigation_close"),
]
