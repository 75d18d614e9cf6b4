"""Bodies, meetings, the decision register and the steering committee, at /governance/."""

from django.urls import path

from wandel.governance.views import decisions

urlpatterns = [
    path("steering/", decisions.steering, name="steering"),
    path("bodies/", decisions.body_list, name="body_list"),
    path("bodies/new/", decisions.body_create, name="body_create"),
    path("bodies/<int:pk>/", decisions.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", decisions.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/", decisions.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", decisions.membership_end, name="membership_end"),
    path("meetings/", decisions.meeting_list, name="meeting_list"),
    path("meetings/new/", decisions.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", decisions.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", decisions.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", decisions.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/agenda/", decisions.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/agenda/build/", decisions.agenda_build, name="agenda_build"),
    path("agenda/<int:pk>/delete/", decisions.agenda_item_delete, name="agenda_item_delete"),
    path("decisions/", decisions.decision_list, name="decision_list"),
    path("decisions/export.<str:fmt>", decisions.decision_export, name="decision_export"),
    path("decisions/new/", decisions.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/supersede/", decisions.decision_supersede, name="decision_supersede"),
    path("conditions/<int:pk>/close/", decisions.condition_close, name="condition_close"),
]
