"""The authorization matrix's slice for enablement: trainings, sessions, paths, literacy,
self-assessment, evaluation, the LMS import, community, calendar files and co-creation
sprints."""

from __future__ import annotations

from collections.abc import Mapping

from tests.support.authorization import (
    NOBODY,
    PUBLIC,
    ObjectLevel,
    Operation,
    Page,
    Slice,
    action,
    form,
    view,
)
from wandel.core.roles import Permission

P = Permission
# Trainers and admins manage every group and event; a group's organisers (checked per
# object) theirs. The world's group is organised by a person without an account.
ORGANISER = ObjectLevel(P.MANAGE_TRAININGS, declared=P.VIEW_TRAININGS)

# Sprints are run by whoever runs one of their use cases (the product owner, or the portfolio's
# managers); the matrix's sprint is of a use case without an owner, and its team member has
# no account.
RUNS_THE_USE_CASE = ObjectLevel(P.MANAGE_USE_CASES)

PAGES: dict[str, Page] = {
    "enablement:catalogue": view(P.VIEW_TRAININGS),
    "enablement:course_create": form(P.MANAGE_TRAININGS),
    "enablement:course_detail": view(P.VIEW_TRAININGS),
    "enablement:course_edit": form(P.MANAGE_TRAININGS),
    "enablement:course_file_upload": action(P.MANAGE_TRAININGS, empty=400),
    "enablement:course_file_download": view(P.VIEW_TRAININGS),
    "enablement:course_file_remove": action(P.MANAGE_TRAININGS),
    "enablement:path_create": form(P.MANAGE_TRAININGS),
    "enablement:path_edit": form(P.MANAGE_TRAININGS),
    "enablement:sessions": view(P.VIEW_TRAININGS),
    "enablement:session_create": form(P.MANAGE_TRAININGS),
    "enablement:session_detail": view(P.VIEW_TRAININGS),
    "enablement:session_edit": form(P.MANAGE_TRAININGS),
    # Everyone signed in enrols themselves (an account without a person gets 404).
    "enablement:session_enrol": action(P.VIEW_TRAININGS),
    "enablement:session_enrol_group": action(P.MANAGE_TRAININGS, empty=400),
    # The world's session lies ahead: attendance is refused until it has started.
    "enablement:attendance": form(P.MANAGE_TRAININGS, empty=409),
    # One's own enrolment, or any for a trainer; the world's belongs to nobody who signs in.
    "enablement:enrolment_cancel": action(
        ObjectLevel(P.MANAGE_TRAININGS, declared=P.VIEW_TRAININGS)
    ),
    "enablement:session_cancel": action(P.MANAGE_TRAININGS),
    "enablement:completion_create": form(P.MANAGE_TRAININGS),
    "enablement:completion_import": form(P.MANAGE_TRAININGS),
    "enablement:course_assessment": view(P.MANAGE_TRAININGS),
    # A person's own enrolment only, not even a trainer's; the world's belongs to nobody
    # who signs in.
    "enablement:self_assessment": form(ObjectLevel(NOBODY, declared=P.VIEW_TRAININGS)),
    "enablement:evaluate": form(ObjectLevel(NOBODY, declared=P.VIEW_TRAININGS)),
    "enablement:my_path": view(P.VIEW_TRAININGS),
    "enablement:coverage": view(P.VIEW_TRAININGS),
    "enablement:coverage_export": view(P.VIEW_TRAININGS),
    "enablement:coverage_pdf": view(P.VIEW_TRAININGS),
    "enablement:target_set": action(P.MANAGE_TRAININGS),
    "enablement:session_ics": view(P.VIEW_TRAININGS),
    "enablement:groups": view(P.VIEW_TRAININGS),
    "enablement:group_create": form(P.MANAGE_TRAININGS),
    "enablement:group_detail": view(P.VIEW_TRAININGS),
    "enablement:group_edit": form(ORGANISER),
    # Everyone signed in joins and leaves (leaving a group one is not in is refused with a
    # message on the group's page).
    "enablement:group_join": action(P.VIEW_TRAININGS),
    "enablement:group_leave": action(P.VIEW_TRAININGS),
    "enablement:meeting_create": form(ORGANISER),
    "enablement:events": view(P.VIEW_TRAININGS),
    "enablement:event_create": form(P.MANAGE_TRAININGS),
    "enablement:event_detail": view(P.VIEW_TRAININGS),
    "enablement:event_edit": form(ORGANISER),
    "enablement:event_register": action(P.VIEW_TRAININGS),
    "enablement:event_cancel": action(ORGANISER),
    # The world's event lies ahead: attendance is refused until it has started.
    "enablement:event_attendance": form(ORGANISER, empty=409),
    "enablement:event_ics": view(P.VIEW_TRAININGS),
    # One's own registration, or any for whoever manages the event.
    "enablement:registration_cancel": action(ORGANISER),
    # A person's own feed link: shown once when made (POST answers the page, 200).
    "enablement:calendar_feed": form(P.VIEW_TRAININGS),
    # The feed opens by its secret token alone; the matrix's token opens nothing.
    "enablement:feed_ics": view(PUBLIC, GET=404),
    "enablement:sprints": view(P.VIEW_USE_CASES),
    # Planning needs a use case one may run: the matrix's owner persona owns none.
    "enablement:sprint_create": form(RUNS_THE_USE_CASE),
    "enablement:sprint_detail": view(P.VIEW_USE_CASES),
    "enablement:sprint_edit": form(RUNS_THE_USE_CASE),
    # The matrix's sprint runs already: starting it again is refused with a message.
    "enablement:sprint_start": action(RUNS_THE_USE_CASE),
    "enablement:sprint_end": form(RUNS_THE_USE_CASE),
    # The board's buttons: its runners and its team (an empty form returns to the board).
    "enablement:sprint_task_add": action(RUNS_THE_USE_CASE),
    "enablement:sprint_task_move": action(RUNS_THE_USE_CASE),
    "enablement:sprint_note_add": action(RUNS_THE_USE_CASE),
    "enablement:sprint_retro_add": action(RUNS_THE_USE_CASE),
    "enablement:sprint_action_add": action(RUNS_THE_USE_CASE),
    # The world's person owns the action but has no account: only the runners may close it.
    "enablement:sprint_action_close": action(RUNS_THE_USE_CASE),
}

E = "/api/v1/enablement"
# In the order the matrix calls them: the session is cancelled and the sprint ended last.
API: dict[Operation, str] = {
    ("get", f"{E}/courses"): P.VIEW_TRAININGS,
    ("post", f"{E}/courses"): P.MANAGE_TRAININGS,
    ("get", f"{E}/courses/{{course_id}}"): P.VIEW_TRAININGS,
    ("patch", f"{E}/courses/{{course_id}}"): P.MANAGE_TRAININGS,
    ("get", f"{E}/paths"): P.VIEW_TRAININGS,
    ("get", f"{E}/paths/{{path_id}}"): P.VIEW_TRAININGS,
    ("get", f"{E}/sessions"): P.VIEW_TRAININGS,
    ("post", f"{E}/sessions"): P.MANAGE_TRAININGS,
    ("get", f"{E}/sessions/{{session_id}}"): P.VIEW_TRAININGS,
    # Everyone signed in enrols themselves (each persona has a person).
    ("post", f"{E}/sessions/{{session_id}}/enrolments"): P.VIEW_TRAININGS,
    ("get", f"{E}/sessions/{{session_id}}/enrolments"): P.MANAGE_TRAININGS,
    # One's own, or any for a trainer; the world's belongs to nobody who signs in.
    ("post", f"{E}/enrolments/{{enrolment_id}}/cancel"): ObjectLevel(
        P.MANAGE_TRAININGS, declared=P.VIEW_TRAININGS
    ),
    ("post", f"{E}/sessions/{{session_id}}/cancel"): P.MANAGE_TRAININGS,
    # Everyone lists their own completions; trainers everyone's.
    ("get", f"{E}/completions"): P.VIEW_TRAININGS,
    ("post", f"{E}/completions"): P.MANAGE_TRAININGS,
    ("get", f"{E}/my-path"): P.VIEW_TRAININGS,
    ("get", f"{E}/literacy"): P.VIEW_TRAININGS,
    ("get", f"{E}/events"): P.VIEW_TRAININGS,
    ("get", f"{E}/events/{{event_id}}"): P.VIEW_TRAININGS,
    ("post", f"{E}/events/{{event_id}}/registrations"): P.VIEW_TRAININGS,
    # One's own, or any for whoever manages the event.
    ("post", f"{E}/registrations/{{registration_id}}/cancel"): ORGANISER,
    ("get", f"{E}/sprints"): P.VIEW_USE_CASES,
    ("get", f"{E}/sprints/{{sprint_id}}"): P.VIEW_USE_CASES,
    ("post", f"{E}/sprints"): RUNS_THE_USE_CASE,
    ("post", f"{E}/sprint-tasks/{{task_id}}/move"): RUNS_THE_USE_CASE,
    ("post", f"{E}/sprints/{{sprint_id}}/end"): RUNS_THE_USE_CASE,
}


def api_bodies(world: Mapping[str, int]) -> dict[Operation, object]:
    """Valid bodies, so that the permission check (not validation) decides."""
    return {
        ("post", f"{E}/courses"): {
            "title": "Matrix API course",
            "description": "d",
            "topics": ["prompting"],
            "duration_minutes": 60,
        },
        ("patch", f"{E}/courses/{{course_id}}"): {"description": "m"},
        ("post", f"{E}/sessions"): {
            "course": world["course"],
            "starts_at": "2030-02-01T09:00:00Z",
            "ends_at": "2030-02-01T11:00:00Z",
            "capacity": 10,
            "place": "m",
        },
        ("post", f"{E}/completions"): {
            "person": world["person"],
            "course": world["course"],
            "completed_on": "2025-01-01",
        },
        ("post", f"{E}/sprints"): {
            "title": "Matrix API sprint",
            "goal": "m",
            "use_cases": [world["use_case"]],
            "starts_on": "2030-03-01",
        },
        ("post", f"{E}/sprint-tasks/{{task_id}}/move"): {"to": "doing"},
        ("post", f"{E}/sprints/{{sprint_id}}/end"): {"outcome": "works"},
    }


SLICE = Slice(PAGES, api=API, api_bodies=api_bodies)
