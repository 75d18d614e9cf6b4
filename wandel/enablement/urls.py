"""Enablement's pages, mounted at /enablement/ in the ``enablement`` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from wandel.enablement.assessment import views as assessment
from wandel.enablement.calendar import views as calendar
from wandel.enablement.community import views as community
from wandel.enablement.literacy import views as literacy
from wandel.enablement.lms import views as lms
from wandel.enablement.sprints import views as sprints
from wandel.enablement.trainings import views as trainings

app_name = "enablement"

urlpatterns: list[URLPattern] = [
    path("", trainings.catalogue_view, name="catalogue"),
    path("courses/new/", trainings.course_create, name="course_create"),
    path("courses/<id:pk>/", trainings.course_detail, name="course_detail"),
    path("courses/<id:pk>/edit/", trainings.course_edit, name="course_edit"),
    path("courses/<id:pk>/files/", trainings.course_file_upload, name="course_file_upload"),
    path("course-files/<id:pk>/", trainings.course_file_download, name="course_file_download"),
    path("course-files/<id:pk>/remove/", trainings.course_file_remove, name="course_file_remove"),
    path("paths/new/", trainings.path_create, name="path_create"),
    path("paths/<id:pk>/edit/", trainings.path_edit, name="path_edit"),
    path("sessions/", trainings.session_list, name="sessions"),
    path("sessions/new/", trainings.session_create, name="session_create"),
    path("sessions/<id:pk>/", trainings.session_detail, name="session_detail"),
    path("sessions/<id:pk>/edit/", trainings.session_edit, name="session_edit"),
    path("sessions/<id:pk>/enrol/", trainings.session_enrol, name="session_enrol"),
    path(
        "sessions/<id:pk>/enrol-group/", trainings.session_enrol_group, name="session_enrol_group"
    ),
    path("sessions/<id:pk>/cancel/", trainings.session_cancel, name="session_cancel"),
    path("sessions/<id:pk>/attendance/", trainings.attendance, name="attendance"),
    path("enrolments/<id:pk>/cancel/", trainings.enrolment_cancel, name="enrolment_cancel"),
    path(
        "courses/<id:pk>/self-assessment/", assessment.course_assessment, name="course_assessment"
    ),
    path("enrolments/<id:pk>/self-assessment/", assessment.self_assessment, name="self_assessment"),
    path("enrolments/<id:pk>/evaluate/", assessment.evaluate, name="evaluate"),
    path("completions/new/", trainings.completion_create, name="completion_create"),
    path("completions/import/", lms.completion_import_page, name="completion_import"),
    path("my-path/", literacy.my_path, name="my_path"),
    path("literacy/", literacy.coverage, name="coverage"),
    path("literacy/report.pdf", literacy.coverage_pdf, name="coverage_pdf"),
    path("literacy/report.<str:fmt>", literacy.coverage_export, name="coverage_export"),
    path("literacy/target/", literacy.target_set, name="target_set"),
    path("sessions/<id:pk>/calendar.ics", calendar.session_ics, name="session_ics"),
    path("groups/", community.group_list, name="groups"),
    path("groups/new/", community.group_create, name="group_create"),
    path("groups/<id:pk>/", community.group_detail, name="group_detail"),
    path("groups/<id:pk>/edit/", community.group_edit, name="group_edit"),
    path("groups/<id:pk>/join/", community.group_join, name="group_join"),
    path("groups/<id:pk>/leave/", community.group_leave, name="group_leave"),
    path("groups/<id:pk>/meetings/new/", community.group_meeting_create, name="meeting_create"),
    path("events/", community.event_list, name="events"),
    path("events/new/", community.event_create, name="event_create"),
    path("events/<id:pk>/", community.event_detail, name="event_detail"),
    path("events/<id:pk>/edit/", community.event_edit, name="event_edit"),
    path("events/<id:pk>/register/", community.event_register, name="event_register"),
    path("events/<id:pk>/cancel/", community.event_cancel, name="event_cancel"),
    path("events/<id:pk>/attendance/", community.event_attendance, name="event_attendance"),
    path("events/<id:pk>/calendar.ics", calendar.event_ics, name="event_ics"),
    path(
        "registrations/<id:pk>/cancel/",
        community.registration_cancel,
        name="registration_cancel",
    ),
    path("calendar/", calendar.calendar_feed, name="calendar_feed"),
    path("calendar/feed/<str:token>.ics", calendar.feed_ics, name="feed_ics"),
    path("sprints/", sprints.sprint_list, name="sprints"),
    path("sprints/new/", sprints.sprint_create, name="sprint_create"),
    path("sprints/<id:pk>/", sprints.sprint_detail, name="sprint_detail"),
    path("sprints/<id:pk>/edit/", sprints.sprint_edit, name="sprint_edit"),
    path("sprints/<id:pk>/start/", sprints.sprint_start, name="sprint_start"),
    path("sprints/<id:pk>/end/", sprints.sprint_end, name="sprint_end"),
    path("sprints/<id:pk>/tasks/", sprints.sprint_task_add, name="sprint_task_add"),
    path("sprints/<id:pk>/notes/", sprints.sprint_note_add, name="sprint_note_add"),
    path("sprints/<id:pk>/retro/", sprints.sprint_retro_add, name="sprint_retro_add"),
    path("sprints/<id:pk>/actions/", sprints.sprint_action_add, name="sprint_action_add"),
    path("sprint-tasks/<id:pk>/move/", sprints.sprint_task_move, name="sprint_task_move"),
    path("sprint-actions/<id:pk>/close/", sprints.sprint_action_close, name="sprint_action_close"),
]
