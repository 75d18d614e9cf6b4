"""The authorization matrix's slice for enablement: trainings, sessions, paths, literacy,
self-assessment, evaluation and the LMS import."""

from __future__ import annotations

from tests.support.authorization import NOBODY, ObjectLevel, Page, Slice, action, form, view
from wandel.core.roles import Permission

P = Permission

PAGES: dict[str, Page] = {
    "enablement:catalogue": view(P.VIEW_TRAININGS),
    "enablement:course_create": form(P.MANAGE_TRAININGS),
    "enablement:course_detail": view(P.VIEW_TRAININGS),
    "enablement:course_edit": form(P.MANAGE_TRAININGS),
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
}

SLICE = Slice(PAGES)
