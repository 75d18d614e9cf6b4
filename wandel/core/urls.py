from django.urls import path

from wandel.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_log, name="audit_log"),
    path("pick/<slug:source>/", views.pick, name="pick"),
    path("security/", views.security_events, name="security_events"),
]
