"""Sign-in, password and invitation pages (Django's auth URLs, with Wandel's views)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from wandel.core import account_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", account_views.PasswordChange.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", account_views.PasswordReset.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        account_views.InvitationAccept.as_view(),
        name="invitation_accept",
    ),
    path(
        "invitation/done/",
        account_views.InvitationComplete.as_view(),
        name="invitation_complete",
    ),
    path("<id:pk>/invitation/", account_views.invitation_resend, name="invitation_send"),
]
