"""Bodies, meetings, the decision register and the steering committee, at /governance/."""

from django.urls import path

from wandel.governance.decisions import meeting_views, views

urlpatterns = [
    path("steering/", views.steering, name="steering"),
    path("steering/waiting/<slug:kind>/", views.steering_waiting, name="steering_waiting"),
    path("bodies/", meeting_views.body_list, name="body_list"),
    path("bodies/new/", meeting_views.body_create, name="body_create"),
    path("bodies/<id:pk>/", meeting_views.body_detail, name="body_detail"),
    path("bodies/<id:pk>/edit/", meeting_views.body_edit, name="body_edit"),
    path("bodies/<id:pk>/members/", meeting_views.membership_add, name="membership_add"),
    path("memberships/<id:pk>/end/", meeting_views.membership_end, name="membership_end"),
    path("meetings/", meeting_views.meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_views.meeting_create, name="meeting_create"),
    path("meetings/<id:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("meetings/<id:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<id:pk>/minutes/", meeting_views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<id:pk>/agenda/", meeting_views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<id:pk>/agenda/build/", meeting_views.agenda_build, name="agenda_build"),
    path("agenda/<id:pk>/delete/", meeting_views.agenda_item_delete, name="agenda_item_delete"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/export.<str:fmt>", views.decision_export, name="decision_export"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<id:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<id:pk>/supersede/", views.decision_supersede, name="decision_supersede"),
    path("conditions/<id:pk>/close/", views.condition_close, name="condition_close"),
]
