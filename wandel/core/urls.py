from django.urls import path

from wandel.core import views
from wandel.core.notifications import views as notifications

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.audit_log, name="audit_log"),
    path("pick/<slug:source>/", views.pick, name="pick"),
    path("security/", views.security_events, name="security_events"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("notifications/undelivered/", notifications.undelivered, name="undelivered"),
    path(
        "notifications/undelivered/<int:pk>/retry/",
        notifications.undelivered_retry,
        name="undelivered_retry",
    ),
    path(
        "notifications/undelivered/retry/",
        notifications.undelivered_retry_all,
        name="undelivered_retry_all",
    ),
]
