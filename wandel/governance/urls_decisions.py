"""Bodies, meetings, the decision register and the steering committee, at /governance/."""

from django.urls import path

from wandel.governance.views import decisions

urlpatterns = [
    path("steering/", decisions.steering, name="steering"),
    path("bodies/", decisions.body_list, name="body_list"),
    path("bodies/new/", decisions.body_create, name="body_create"),
    path("bodies/<id:pk>/", decisions.body_detail, name="body_detail"),
    path("bodies/<id:pk>/edit/", decisions.body_edit, name="body_edit"),
    path("bodies/<id:pk>/members/", decisions.membership_add, name="membership_add"),
    path("memberships/<id:pk>/end/", decisions.membership_end, name="membership_end"),
    path("meetings/", decisions.meeting_list, name="meeting_list"),
    path("meetings/new/", decisions.meeting_create, name="meeting_create"),
    path("meetings/<id:pk>/", decisions.meeting_detail, name="meeting_detail"),
    path("meetings/<id:pk>/edit/", decisions.meeting_edit, name="meeting_edit"),
    path("meetings/<id:pk>/minutes/", decisions.meeting_minutes, name="meeting_minutes"),
    path("meetings/<id:pk>/agenda/", decisions.agenda_item_create, name="agenda_item_create"),
    path("meetings/<id:pk>/agenda/build/", decisions.agenda_build, name="agenda_build"),
    path("agenda/<id:pk>/delete/", decisions.agenda_item_delete, name="agenda_item_delete"),
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/export.<str:fmt>", decisions.decision_export, name="decision_export"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<id:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<id:pk>/supersede/", decisions.decision_supersede, name="decision_supersede"),
    path("conditions/<id:pk>/close/", decisions.condition_close, name="condition_close"),
]
