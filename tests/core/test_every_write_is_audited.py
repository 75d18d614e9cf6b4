"""Every state-changing request appends to the audit log, generated from the URL configuration
and the OpenAPI document.

Each named page is either a write (``PAGE_WRITES``: a request that succeeds for some role),
a session or security page (``SECURITY_PAGES``: recorded as security events, not in the
governance chain), a person's own notifications and follows (``PERSONAL_PAGES``), or
read-only (a POST answers 405). Each POST/PUT/PATCH/DELETE operation of the API is a write
in ``API_WRITES``. A page or an operation added without an entry fails the completeness
tests, so no future write can forget its audit event.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.support.api import bearer
from tests.support.enablement import started
from tests.support.matrix import api_operations, page_names, url_for
from tests.support.personas import PERSONAS, make_person, make_user
from tests.support.world import World, build_world
from wandel.core.models import AuditEvent, DeliveryStatus, EmailDelivery, User

Data = Callable[[World], dict[str, Any]]


def nothing(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Write:
    """A request that succeeds: who sends it, what it sends, and what must be true first."""

    data: Data = nothing
    persona: str = "admin"
    prepare: Callable[[World], None] | None = None
    # API only: a JSON body (the default) or multipart form data.
    multipart: bool = False
    path: dict[str, str] = field(default_factory=dict)
    # Pages only: the URL's keyword arguments, where the object is not the matrix's.
    url_kwargs: Callable[[World], dict[str, Any]] | None = None


# Worked out when a request is built, not at import: the suite may run on another day
# (tests/support/clock.py).
def yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def next_year() -> str:
    return (timezone.localdate() + timedelta(days=365)).isoformat()


def use_case_fields(world: World) -> dict[str, Any]:
    return {
        "title": "An audited idea",
        "problem": "p",
        "process": "p",
        "unit": world["unit"],
        "expected_benefit": "b",
        "data_involved": "d",
        "capability": "chat",
    }


def open_voting(world: World) -> None:
    workshop = world.objects["workshop"]
    workshop.participants.add(world.objects["person"])
    workshop.status = "voting"
    workshop.save()


def csv_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"unit_code,unit_name,parent_code\nAUD,Audited unit,M\n"
    return {"kind": "units", "file": SimpleUploadedFile("units.csv", content)}


def course_fields(title: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": "d",
        "topics": ["prompting"],
        "level": "basic",
        "format": "workshop",
        "duration_minutes": "60",
        "active": "on",
    }


def path_fields(world: World, name: str) -> dict[str, Any]:
    return {
        "name": name,
        "courses": [world["course"]],
        "starts_on": "2026-01-01",
        "complete_within_days": "30",
        "active": "on",
    }


def session_fields(world: World, *, capacity: str) -> dict[str, Any]:
    return {
        "course": world["course"],
        "starts_at": "2030-02-01T09:00",
        "ends_at": "2030-02-01T11:00",
        "place": "Room 1",
        "capacity": capacity,
    }


def event_fields() -> dict[str, Any]:
    return {
        "title": "Audited meetup",
        "starts_at": "2030-02-02T17:00",
        "ends_at": "2030-02-02T18:30",
        "place": "Canteen",
    }


def _employee_joins(world: World) -> None:
    from wandel.enablement.community.groups import group_join

    employee = User.objects.get(email="employee.audit@example.com")
    group_join(group=world.objects["user_group"], person=employee.person, actor=None)


def _event_started(world: World) -> None:
    from wandel.enablement.community.models import Event

    starts = timezone.now() - timedelta(hours=1)
    Event.objects.filter(pk=world["event"]).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )


def sprint_fields(world: World, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "goal": "A prototype",
        "use_cases": [world["use_case"]],
        "team": [world["person"]],
        "starts_on": "2030-01-01",
    }


def _planned(world: World) -> None:
    from wandel.enablement.sprints.models import Sprint

    Sprint.objects.filter(pk=world["sprint"]).update(state="planned")


# Sign-in, sign-out, the language and passwords belong to the person's session; they are
# recorded as security events (tests/core/test_security_events.py), not in the audit chain.
SECURITY_PAGES = {
    "login",
    "logout",
    "set_language",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
    "invitation_complete",
}


def _failed_delivery(world: World) -> Any:
    """An e-mail to the world's account that failed after every attempt."""
    return EmailDelivery.objects.create(
        recipient=world.objects["account"],
        status=DeliveryStatus.FAILED,
        attempts=5,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


# A person's own notifications and e-mail settings change nobody else's records. They are
# not audited: a log of when each person read what would itself watch people.
PERSONAL_PAGES = {
    # Whom a person follows is their own choice of what they are told, like their settings.
    "portfolio:use_case_follow",
    "core:notification_open",
    "core:notifications_read",
    "core:notification_settings",
}

PERSONAL_API = {("put", "/api/v1/use-cases/{use_case_id}/follow")}

PAGE_WRITES: dict[str, Write] = {
    "core:undelivered_retry": Write(url_kwargs=lambda w: {"pk": _failed_delivery(w).pk}),
    "core:undelivered_retry_all": Write(prepare=_failed_delivery),
    "org:unit_create": Write(lambda w: {"code": "AUD", "name": "Audited unit"}),
    "org:unit_edit": Write(lambda w: {"code": "M", "name": "Renamed unit"}),
    "org:person_create": Write(
        lambda w: {
            "employee_id": "AUD1",
            "first_name": "Ada",
            "last_name": "Audit",
            "email": "ada.audit@example.com",
            "unit": w["unit"],
            "language": "de",
            "active": "on",
        }
    ),
    "org:person_edit": Write(
        lambda w: {
            "employee_id": w.objects["person"].employee_id,
            "first_name": "Renamed",
            "last_name": w.objects["person"].last_name,
            "email": w.objects["person"].email,
            "unit": w["unit"],
            "language": "de",
            "active": "on",
        }
    ),
    "org:person_role_assign": Write(lambda w: {"role": "ethics_board"}),
    "org:person_account_create": Write(),
    "invitation_send": Write(
        prepare=lambda w: _give_account(w), url_kwargs=lambda w: {"pk": w["invited"]}
    ),
    "org:role_end": Write(),
    "org:import": Write(csv_upload),
    "org:stakeholder_create": Write(
        lambda w: {"name": "New group", "power": 2, "interest": 4, "adkar_stage": "awareness"}
    ),
    "org:stakeholder_edit": Write(
        lambda w: {"name": "Renamed group", "power": 3, "interest": 3, "adkar_stage": "desire"}
    ),
    "org:concern_create": Write(lambda w: {"text": "A new concern", "raised_on": yesterday()}),
    "org:concern_respond": Write(lambda w: {"response": "We addressed it."}),
    "org:touchpoint_create": Write(
        lambda w: {"happened_on": yesterday(), "kind": "meeting", "summary": "Met them."}
    ),
    "portfolio:use_case_create": Write(use_case_fields, persona="employee"),
    "portfolio:use_case_edit": Write(lambda w: {**use_case_fields(w), "title": "Renamed idea"}),
    "portfolio:use_case_score": Write(
        lambda w: {
            f"score_{w['criterion']}": "3",
            f"rationale_{w['criterion']}": "Because.",
        }
    ),
    "portfolio:use_case_move": Write(lambda w: {"to": "rejected", "reason": "Not now."}),
    "portfolio:use_case_team": Write(lambda w: {"team": [w["person"]]}),
    "portfolio:use_case_support": Write(persona="employee"),
    "portfolio:fact_change_decide": Write(lambda w: {"decision": "reject"}, persona="privacy"),
    "portfolio:criteria": Write(
        lambda w: {
            "action": "add",
            "new-group": "value",
            "new-name_en": "Reach",
            "new-name_de": "Reichweite",
            "new-weight": "1",
            "new-active": "on",
        }
    ),
    "portfolio:criterion_edit": Write(
        lambda w: {
            "group": w.objects["criterion"].group,
            "name_en": "Renamed criterion",
            "name_de": "Umbenanntes Kriterium",
            "weight": "2",
            "active": "on",
        }
    ),
    "portfolio:comment_create": Write(lambda w: {"text": "A comment."}, persona="employee"),
    "portfolio:requirement_create": Write(lambda w: {"text": "Answers cite their source."}),
    "portfolio:requirement_update": Write(
        lambda w: {
            "status": "met",
            "evidence_note": "Tested 50 answers.",
            "evidence_date": yesterday(),
        }
    ),
    "portfolio:kpi_create": Write(
        lambda w: {
            "name": "Handling time",
            "unit_of_measure": "min",
            "direction": "lower",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "5",
            "target_date": "2026-01-01",
        }
    ),
    "portfolio:measurement_create": Write(lambda w: {"measured_on": yesterday(), "value": "8"}),
    "portfolio:workshop_create": Write(
        lambda w: {"title": "New workshop", "held_on": next_year(), "dots_per_person": "3"}
    ),
    "portfolio:workshop_edit": Write(
        lambda w: {"title": "Renamed workshop", "held_on": next_year(), "dots_per_person": "5"}
    ),
    "portfolio:workshop_idea_create": Write(use_case_fields),
    "portfolio:workshop_idea_add": Write(
        lambda w: {"use_case": w.objects["other_use_case"].pk},
        prepare=lambda w: w.add("other_use_case", _another_use_case(w)),
    ),
    "portfolio:workshop_status": Write(
        lambda w: {"to": "voting"},
        prepare=lambda w: w.objects["workshop"].participants.add(w.objects["person"]),
    ),
    "portfolio:workshop_vote": Write(
        lambda w: {"voter": w["person"], f"idea_{w['use_case']}": "2"}, prepare=open_voting
    ),
    "governance:body_create": Write(lambda w: {"name": "Ethics board", "kind": "ethics_board"}),
    "governance:body_edit": Write(
        lambda w: {"name": "Renamed SteerCo", "kind": "steering_committee"}
    ),
    "governance:membership_add": Write(
        lambda w: {
            "person": w.objects["new_member"].pk,
            "role_in_body": "member",
            "started_on": yesterday(),
        },
        prepare=lambda w: w.add("new_member", _another_person(w)),
    ),
    "governance:membership_end": Write(lambda w: {"ended_on": yesterday()}),
    "governance:meeting_create": Write(
        lambda w: {"body": w["body"], "title": "Next meeting", "held_on": next_year()}
    ),
    "governance:meeting_edit": Write(
        lambda w: {"body": w["body"], "title": "Moved meeting", "held_on": next_year()}
    ),
    "governance:meeting_minutes": Write(lambda w: {"minutes": "We met."}),
    "governance:agenda_item_create": Write(lambda w: {"title": "Another item", "kind": "other"}),
    "governance:agenda_build": Write(
        prepare=lambda w: _request_gate_decision(w),
    ),
    "governance:agenda_item_delete": Write(),
    "governance:gate_request": Write(
        lambda w: {"need": "classification", "stage": "pilot"},
        persona="owner",
        url_kwargs=lambda w: {"pk": _another_use_case(w).pk},
    ),
    "governance:decision_create": Write(
        lambda w: {
            "body": w["body"],
            "decided_on": yesterday(),
            "kind": "policy",
            "outcome": "approved",
            "text": "Policy decided.",
            "conditions-TOTAL_FORMS": "0",
            "conditions-INITIAL_FORMS": "0",
        }
    ),
    "governance:decision_supersede": Write(
        lambda w: {
            "body": w["body"],
            "decided_on": yesterday(),
            "kind": "policy",
            "outcome": "approved",
            "text": "Policy corrected.",
            "conditions-TOTAL_FORMS": "0",
            "conditions-INITIAL_FORMS": "0",
        }
    ),
    "governance:condition_close": Write(
        lambda w: {"closing_note": "Done.", "closed_on": yesterday()}
    ),
    "governance:risk_create": Write(
        lambda w: {
            "title": "New risk",
            "description": "d",
            "category": "security",
            "likelihood": "2",
            "impact": "4",
            "owner": w["person"],
            "review_on": next_year(),
        }
    ),
    "governance:risk_edit": Write(
        lambda w: {
            "use_case": w["use_case"],
            "title": "Renamed risk",
            "description": "d",
            "category": "security",
            "likelihood": "3",
            "impact": "3",
            "owner": w["person"],
            "review_on": next_year(),
        }
    ),
    "governance:mitigation_create": Write(lambda w: {"text": "Train people.", "status": "open"}),
    "governance:mitigation_update": Write(lambda w: {"status": "in_progress"}),
    "governance:mitigation_close": Write(lambda w: {"closing_note": "People trained."}),
    "governance:risk_request_acceptance": Write(),
    "governance:risk_close": Write(),
    "governance:risk_reopen": Write(prepare=lambda w: _close_risk(w)),
    "governance:budget_create": Write(
        lambda w: {
            "use_case": w["use_case"],
            "title": "Licences",
            "amount_requested": "1000",
            "justification": "Seats for the pilot.",
            "requested_on": yesterday(),
        }
    ),
    "governance:spend_create": Write(
        lambda w: {"spent_on": yesterday(), "amount": "5", "description": "Licence"}
    ),
    "governance:ethics_checklist": Write(
        lambda w: {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-0-text_en": "Environment: what does it cost in energy?",
            "form-0-text_de": "Umwelt: Was kostet es an Energie?",
            "form-0-position": "99",
            "form-0-active": "on",
        },
        prepare=lambda w: _no_checklist_items(),
    ),
    "governance:ethics_review_create": Write(
        prepare=lambda w: _checklist(),
        url_kwargs=lambda w: {"pk": _another_use_case(w).pk},
    ),
    "governance:ethics_review": Write(lambda w: {"reasons": "Looks fair.", "action": "save"}),
    "governance:ethics_condition_close": Write(
        lambda w: {"closing_note": "Monitoring is live."}, prepare=lambda w: _complete_review(w)
    ),
    "governance:dpia_check": Write(
        lambda w: {"large_scale": "on", "vulnerable_subjects": "on", "rationale": "All staff."}
    ),
    "governance:dpia": Write(lambda w: {**DPIA_SECTIONS, "action": "save"}),
    "governance:codetermination": Write(
        lambda w: {"monitoring_capable": "True", "agreement_status": "in_negotiation"}
    ),
    "governance:classification": Write(lambda w: _classification_form()),
    "governance:obligation_confirm": Write(
        lambda w: {
            "obligation": "art4_ai_literacy",
            "evidence": "Training list.",
            "confirmed_on": yesterday(),
        }
    ),
    "governance:classification_decide": Write(
        lambda w: {"decision": "confirm", "note": "Checked."},
        persona="privacy",
        prepare=lambda w: _classification_pending(w),
    ),
    "enablement:course_create": Write(lambda w: course_fields("Audited course")),
    "enablement:course_edit": Write(lambda w: course_fields("Matrix course, renamed")),
    "enablement:path_create": Write(lambda w: path_fields(w, "Audited path")),
    "enablement:path_edit": Write(lambda w: path_fields(w, "Matrix path, renamed")),
    "enablement:session_create": Write(lambda w: session_fields(w, capacity="10")),
    "enablement:session_edit": Write(lambda w: session_fields(w, capacity="60")),
    "enablement:session_enrol": Write(persona="employee"),
    "enablement:session_enrol_group": Write(
        lambda w: {"people": [w["newcomer"]]},
        persona="trainer",
        prepare=lambda w: w.add("newcomer", make_person(account=False)),
    ),
    "enablement:session_cancel": Write(persona="trainer"),
    "enablement:enrolment_cancel": Write(persona="trainer"),
    "enablement:attendance": Write(
        lambda w: {"present": [w["person"]]},
        persona="trainer",
        prepare=lambda w: started(w.objects["session"]),
    ),
    "enablement:completion_create": Write(
        lambda w: {"person": w["person"], "course": w["course"], "completed_on": yesterday()},
        persona="trainer",
    ),
    "enablement:target_set": Write(lambda w: {"target_percent": "80"}, persona="trainer"),
    "feedback:anonymity_policy_set": Write(lambda w: {"min_group": "6"}),
    "feedback:anonymity_policy_confirm": Write(persona="council"),
    "enablement:completion_import": Write(lambda w: _lms_upload(w), persona="trainer"),
    "enablement:course_file_upload": Write(lambda w: _course_file(), persona="trainer"),
    "enablement:course_file_remove": Write(persona="trainer"),
    "enablement:self_assessment": Write(
        lambda w: {"prompting": "3"},
        persona="employee",
        prepare=lambda w: _employee_enrolled(w),
        url_kwargs=lambda w: {"pk": w["own_enrolment"]},
    ),
    "enablement:evaluate": Write(
        lambda w: {"overall": "4", "useful": "5", "pace": "right", "recommend": "yes"},
        persona="employee",
        prepare=lambda w: _employee_attended(w),
        url_kwargs=lambda w: {"pk": w["own_enrolment"]},
    ),
    "enablement:group_create": Write(
        lambda w: {"name": "Audited group", "organisers": [w["person"]]}, persona="trainer"
    ),
    "enablement:group_edit": Write(
        lambda w: {"name": "Matrix user group, renamed", "organisers": [w["person"]]},
        persona="trainer",
    ),
    "enablement:group_join": Write(persona="employee"),
    "enablement:group_leave": Write(persona="employee", prepare=_employee_joins),
    "enablement:meeting_create": Write(lambda w: event_fields(), persona="trainer"),
    "enablement:event_create": Write(
        lambda w: {**event_fields(), "kind": "meetup"}, persona="trainer"
    ),
    "enablement:event_edit": Write(
        lambda w: {**event_fields(), "kind": "meetup", "capacity": "60"}, persona="trainer"
    ),
    "enablement:event_register": Write(persona="employee"),
    "enablement:event_cancel": Write(persona="trainer"),
    "enablement:event_attendance": Write(
        lambda w: {"present": [w["person"]]}, persona="trainer", prepare=_event_started
    ),
    "enablement:registration_cancel": Write(persona="trainer"),
    "enablement:calendar_feed": Write(persona="employee"),
    "enablement:sprint_create": Write(lambda w: sprint_fields(w, "Audited sprint")),
    "enablement:sprint_edit": Write(lambda w: sprint_fields(w, "Matrix sprint, renamed")),
    "enablement:sprint_start": Write(prepare=lambda w: _planned(w)),
    "enablement:sprint_end": Write(lambda w: {"outcome": "partly"}),
    "enablement:sprint_task_add": Write(lambda w: {"title": "Audited task"}),
    "enablement:sprint_task_move": Write(lambda w: {"to": "doing"}),
    "enablement:sprint_note_add": Write(lambda w: {"text": "Audited note"}),
    "enablement:sprint_retro_add": Write(lambda w: {"kind": "went_well", "text": "Audited"}),
    "enablement:sprint_action_add": Write(
        lambda w: {"text": "Audited action", "owner": w["person"], "due_on": "2030-03-01"}
    ),
    "enablement:sprint_action_close": Write(lambda w: {"closing_note": "Done."}),
    "feedback:office_hours_book": Write(
        lambda w: {"starts_at": _next_monday_slot(14, 0), "topic": "Audited topic"},
        persona="employee",
    ),
    "feedback:office_hours_cancel": Write(persona="trainer"),
    "feedback:office_hours_reschedule": Write(
        lambda w: {"starts_at": _next_monday_slot(14, 15)},
        persona="employee",
        prepare=lambda w: _employee_booked(w),
        url_kwargs=lambda w: {"pk": w["own_booking"]},
    ),
    "feedback:office_hours_note": Write(
        lambda w: {f"{w['office_hours_booking']}-host_notes": "Audited note"}, persona="trainer"
    ),
    "feedback:office_hours_series_create": Write(
        lambda w: _office_hours_fields(), persona="trainer"
    ),
    # The world's series keeps its Monday slots: its booking ahead must stay a slot.
    "feedback:office_hours_series_edit": Write(
        lambda w: {
            **_office_hours_fields(),
            "weekday": "0",
            "starts": "14:00",
            "ends": "15:00",
            "slot_minutes": "15",
            "place": "Audited room",
        },
        persona="trainer",
    ),
    "feedback:office_hours_series_end": Write(persona="trainer"),
    # A named post is audited; an anonymous one writes no event at all (services.item_post
    # says why, tests/feedback/test_box_services.py checks it).
    "feedback:box_post": Write(
        lambda w: {
            "kind": "question",
            "category": "training",
            "title": "Audited question",
            "text": "When is the next course?",
        },
        persona="employee",
    ),
    "feedback:box_support": Write(persona="employee"),
    "feedback:box_unsupport": Write(persona="employee", prepare=lambda w: _employee_supports(w)),
    "feedback:box_answer": Write(lambda w: {"answer": "We will.", "status": "planned"}),
    "feedback:box_status": Write(lambda w: {"status": "in_review"}),
    "feedback:box_promote": Write(use_case_fields),
    "feedback:survey_create": Write(
        lambda w: {
            "template": "pulse_genai",
            "distribution": "link",
            "min_group": "5",
            "unit_level": "1",
        }
    ),
    "feedback:wave_plan": Write(lambda w: {"opens_on": "2030-01-01", "closes_on": "2030-01-31"}),
    "feedback:wave_open": Write(),
    "feedback:wave_close": Write(prepare=lambda w: _open_wave(w)),
    "feedback:wave_invite": Write(prepare=lambda w: _open_wave(w)),
    "feedback:wave_remind": Write(prepare=lambda w: _open_wave(w)),
}


def _open_wave(world: World) -> None:
    from wandel.feedback.surveys.services import wave_open

    wave_open(wave=world.objects["wave"], actor=None)


# Answering a survey writes no audit event, by design (the anonymity invariant of DESIGN.md):
# an event saying who answered, or when, would tie the anonymous responses to people.
ANONYMOUS_PAGES = {"feedback:answer"}
ANONYMOUS_API = {("post", "/api/v1/surveys/{survey_id}/responses")}

MINIMAL_ANSWERS: dict[str, Any] = {
    "ai_system": "yes",
    "role": "deployer",
    "gpai_model": "no",
    "prohibited_practices": ["none"],
    "biometric_use": "no",
    "annex_iii_area": ["none"],
    "annex_i_product": "no",
    "employee_effect": ["none"],
    "per_user_evaluation": "no",
    "interaction": "no",
    "generated_content": ["none"],
}
DPIA_SECTIONS = {
    "description": "Drafts answers.",
    "necessity": "Art. 6(1)(f) GDPR.",
    "risks": "Wrong answers.",
    "measures": "A person checks each answer.",
    "data_subject_views": "The works council was heard.",
    "dpo_opinion": "Acceptable.",
}


def _classification_form() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question, answer in MINIMAL_ANSWERS.items():
        data[f"answer_{question}"] = answer
        data[f"rationale_{question}"] = f"Because of {question}."
    return data


def _checklist() -> None:
    from wandel.governance.reviews.ethics.checklist import checklist_ensure_defaults

    checklist_ensure_defaults()


def _no_checklist_items() -> None:
    from wandel.governance.reviews.ethics.models import EthicsChecklistItem

    EthicsChecklistItem.objects.all().delete()


def _classification_pending(world: World) -> None:
    """The world's classification as one that awaits the data-protection officer."""
    from wandel.governance.ai_act.models import Classification

    Classification.objects.filter(pk=world["classification"]).update(status="pending")


def _complete_review(world: World) -> None:
    from wandel.governance.reviews.ethics.models import EthicsReview

    EthicsReview.objects.filter(pk=world["ethics_review"]).update(
        status="completed",
        outcome="approved_with_conditions",
        reasons="r",
        completed_on=timezone.localdate(),
    )


def _course_file() -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"title": "Audited handout", "file": SimpleUploadedFile("h.pdf", b"%PDF-1.7 x")}


def _lms_upload(world: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    email = world.objects["person"].email
    content = f"person,course,completed_on\n{email},Matrix course,{yesterday()}\n".encode()
    return {"file": SimpleUploadedFile("lms.csv", content)}


def _employee_enrolled(world: World) -> None:
    from wandel.enablement.trainings.models import Enrolment

    employee = User.objects.get(email="employee.audit@example.com")
    world.add(
        "own_enrolment",
        Enrolment.objects.create(
            session=world.objects["session"], person=employee.person, status="enrolled"
        ),
    )


def _employee_attended(world: World) -> None:
    from wandel.enablement.trainings.models import Enrolment

    _employee_enrolled(world)
    started(world.objects["session"], hours_ago=3)
    Enrolment.objects.filter(pk=world["own_enrolment"]).update(attended=True)


def _next_monday_slot(hour: int, minute: int) -> str:
    """A slot of the world's office hours (Mondays 14:00–15:00 in Berlin) on the coming
    Monday (a week ahead on a Monday), as the booking form sends it: in UTC."""
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    today = timezone.localdate()
    monday = today + timedelta(days=(0 - today.weekday()) % 7 or 7)
    wall = datetime.combine(monday, time(hour, minute), tzinfo=ZoneInfo("Europe/Berlin"))
    return wall.astimezone(UTC).isoformat()


def _employee_booked(world: World) -> None:
    from datetime import datetime

    from wandel.feedback.officehours.models import Booking

    employee = User.objects.get(email="employee.audit@example.com")
    world.add(
        "own_booking",
        Booking.objects.create(
            series=world.objects["office_hours"],
            person=employee.person,
            starts_at=datetime.fromisoformat(_next_monday_slot(14, 0)),
            topic="Own topic",
        ),
    )


def _office_hours_fields() -> dict[str, Any]:
    return {
        "weekday": "2",
        "starts": "10:00",
        "ends": "11:00",
        "slot_minutes": "20",
        "place": "Room 1",
        "first_date": next_year(),
    }


def _start_anew(world: World) -> None:
    """The world's review is in progress; a new one starts once it is completed."""
    _checklist()
    _complete_review(world)


def _review_answers() -> list[dict[str, Any]]:
    from wandel.governance.reviews.ethics.models import EthicsChecklistItem

    _checklist()
    return [
        {"item_id": item.pk, "assessment": "no_concern"}
        for item in EthicsChecklistItem.objects.filter(active=True)
    ]


def _give_account(world: World) -> None:
    from wandel.org.services import account_create

    world.add("invited", account_create(person=world.objects["person"], actor=None))


def _another_person(world: World) -> Any:
    from tests.support.personas import make_person

    return make_person(unit=world.objects["unit"], account=False)


def _request_gate_decision(world: World) -> None:
    from wandel.governance.risks.services import risk_request_acceptance

    risk_request_acceptance(risk=world.objects["risk"], actor=None)


def _close_risk(world: World) -> None:
    from wandel.governance.risks.services import risk_close

    risk_close(risk=world.objects["risk"], actor=None)


def _another_use_case(world: World) -> Any:
    from tests.support.portfolio import make_use_case

    return make_use_case(unit=world.objects["unit"])


def _supported_by_employee(world: World) -> None:
    from wandel.portfolio.use_cases.support import use_case_support

    employee = User.objects.get(email="employee.audit@example.com")
    use_case_support(use_case=world.objects["use_case"], actor=employee)


def _employee_supports(world: World) -> None:
    from wandel.feedback.box.services import item_support

    employee = User.objects.get(email="employee.audit@example.com")
    item_support(item=world.objects["feedback_item"], actor=employee)


def file_upload(content: bytes, name: str) -> Data:
    def data(world: World) -> dict[str, Any]:
        from django.core.files.uploadedfile import SimpleUploadedFile

        return {"file": SimpleUploadedFile(name, content)}

    return data


API = "/api/v1"
API_WRITES: dict[tuple[str, str], Write] = {
    ("post", f"{API}/units"): Write(lambda w: {"code": "AUD", "name": "Audited", "parent": "M"}),
    ("patch", f"{API}/units/{{unit_id}}"): Write(
        lambda w: {"name": "Renamed"}, path={"unit_id": "unit"}
    ),
    ("post", f"{API}/people"): Write(
        lambda w: {
            "employee_id": "AUD1",
            "email": "ada.audit@example.com",
            "first_name": "Ada",
            "last_name": "Audit",
            "unit": "M",
        }
    ),
    ("patch", f"{API}/people/{{person_id}}"): Write(
        lambda w: {"first_name": "Renamed"}, path={"person_id": "person"}
    ),
    ("post", f"{API}/people/{{person_id}}/roles"): Write(
        lambda w: {"role": "ethics_board"}, path={"person_id": "person"}
    ),
    ("post", f"{API}/role-assignments/{{assignment_id}}/end"): Write(
        path={"assignment_id": "assignment"}
    ),
    ("post", f"{API}/people/import"): Write(
        file_upload(
            b"employee_id,email,first_name,last_name,unit_code,unit_name\n"
            b"AUD9,new.person@example.com,New,Person,M,Matrix\n",
            "people.csv",
        ),
        multipart=True,
    ),
    ("post", f"{API}/units/import"): Write(
        file_upload(b"unit_code,unit_name,parent_code\nAUD,Audited unit,M\n", "units.csv"),
        multipart=True,
    ),
    ("post", f"{API}/stakeholder-groups"): Write(
        lambda w: {"name": "New group", "power": 2, "interest": 4}
    ),
    ("patch", f"{API}/stakeholder-groups/{{group_id}}"): Write(
        lambda w: {"power": 5}, path={"group_id": "group"}
    ),
    ("post", f"{API}/stakeholder-groups/{{group_id}}/concerns"): Write(
        lambda w: {"text": "A new concern"}, path={"group_id": "group"}
    ),
    ("post", f"{API}/concerns/{{concern_id}}/answer"): Write(
        lambda w: {"response": "Addressed."}, path={"concern_id": "concern"}
    ),
    ("post", f"{API}/stakeholder-groups/{{group_id}}/touchpoints"): Write(
        lambda w: {"kind": "meeting", "summary": "Met them."}, path={"group_id": "group"}
    ),
    ("post", f"{API}/use-cases"): Write(
        lambda w: {**use_case_fields(w), "unit": "M", "personal_data": False},
        persona="employee",
    ),
    ("patch", f"{API}/use-cases/{{use_case_id}}"): Write(
        lambda w: {"title": "Renamed idea"}, path={"use_case_id": "use_case"}
    ),
    ("put", f"{API}/use-cases/{{use_case_id}}/scores"): Write(
        lambda w: [{"criterion_id": w["criterion"], "value": 3, "rationale": "Because."}],
        path={"use_case_id": "use_case"},
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/support"): Write(
        persona="employee", path={"use_case_id": "use_case"}
    ),
    ("delete", f"{API}/use-cases/{{use_case_id}}/support"): Write(
        persona="employee", path={"use_case_id": "use_case"}, prepare=_supported_by_employee
    ),
    ("post", f"{API}/governance/use-cases/{{use_case_id}}/gate-requests"): Write(
        lambda w: {"need": "classification", "stage": "pilot"},
        persona="owner",
        path={"use_case_id": "fresh_use_case"},
        prepare=lambda w: w.add("fresh_use_case", _another_use_case(w)),
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/moves"): Write(
        lambda w: {"to": "rejected", "reason": "Not now."}, path={"use_case_id": "use_case"}
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/fact-changes/{{change_id}}/decision"): Write(
        lambda w: {"confirm": True, "note": "Checked."},
        persona="privacy",
        path={"use_case_id": "use_case", "change_id": "fact_change"},
    ),
    ("post", f"{API}/governance/bodies"): Write(
        lambda w: {"name": "Ethics board", "kind": "ethics_board"}
    ),
    ("patch", f"{API}/governance/bodies/{{body_id}}"): Write(
        lambda w: {"name": "Renamed"}, path={"body_id": "body"}
    ),
    ("post", f"{API}/governance/bodies/{{body_id}}/memberships"): Write(
        lambda w: {"person": w["new_member"]},
        prepare=lambda w: w.add("new_member", _another_person(w)),
        path={"body_id": "body"},
    ),
    ("post", f"{API}/governance/memberships/{{membership_id}}/end"): Write(
        lambda w: {"ended_on": yesterday()}, path={"membership_id": "membership"}
    ),
    ("post", f"{API}/governance/meetings"): Write(
        lambda w: {"body": w["body"], "held_on": next_year(), "title": "Next meeting"}
    ),
    ("patch", f"{API}/governance/meetings/{{meeting_id}}"): Write(
        lambda w: {"title": "Moved meeting"}, path={"meeting_id": "meeting"}
    ),
    ("put", f"{API}/governance/meetings/{{meeting_id}}/minutes"): Write(
        lambda w: {"minutes": "We met.", "held": False}, path={"meeting_id": "meeting"}
    ),
    ("post", f"{API}/governance/meetings/{{meeting_id}}/agenda-items"): Write(
        lambda w: {"title": "Another item"}, path={"meeting_id": "meeting"}
    ),
    ("post", f"{API}/governance/meetings/{{meeting_id}}/agenda/build"): Write(
        prepare=lambda w: _request_gate_decision(w), path={"meeting_id": "meeting"}
    ),
    ("delete", f"{API}/governance/agenda-items/{{item_id}}"): Write(
        path={"item_id": "agenda_item"}
    ),
    ("post", f"{API}/governance/decisions"): Write(
        lambda w: {
            "body": w["body"],
            "decided_on": yesterday(),
            "kind": "policy",
            "text": "Policy decided.",
            "outcome": "approved",
        }
    ),
    ("post", f"{API}/governance/conditions/{{condition_id}}/close"): Write(
        lambda w: {"closing_note": "Done."}, path={"condition_id": "decision_condition"}
    ),
    ("post", f"{API}/governance/risks"): Write(
        lambda w: {
            "title": "New risk",
            "description": "d",
            "category": "security",
            "likelihood": 2,
            "impact": 4,
            "owner": w["person"],
            "review_on": next_year(),
        }
    ),
    ("patch", f"{API}/governance/risks/{{risk_id}}"): Write(
        lambda w: {"title": "Renamed risk"}, path={"risk_id": "risk"}
    ),
    ("post", f"{API}/governance/risks/{{risk_id}}/mitigations"): Write(
        lambda w: {"text": "Train people."}, path={"risk_id": "risk"}
    ),
    ("patch", f"{API}/governance/mitigations/{{mitigation_id}}"): Write(
        lambda w: {"status": "in_progress"}, path={"mitigation_id": "mitigation"}
    ),
    ("post", f"{API}/governance/mitigations/{{mitigation_id}}/close"): Write(
        lambda w: {"closing_note": "People trained."}, path={"mitigation_id": "mitigation"}
    ),
    ("post", f"{API}/governance/budgets/requests"): Write(
        lambda w: {
            "use_case": w["use_case"],
            "title": "Licences",
            "amount_requested": "1000",
            "justification": "Seats for the pilot.",
        }
    ),
    ("post", f"{API}/governance/budgets/requests/{{request_id}}/spend"): Write(
        lambda w: {"spent_on": yesterday(), "amount": "5", "description": "Licence"},
        path={"request_id": "budget_request"},
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/kpis/{{kpi_id}}/measurements"): Write(
        lambda w: {"measured_on": yesterday(), "value": "8"},
        path={"use_case_id": "use_case", "kpi_id": "kpi"},
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/requirements"): Write(
        lambda w: {"text": "Answers cite their source."}, path={"use_case_id": "use_case"}
    ),
    ("patch", f"{API}/use-cases/{{use_case_id}}/requirements/{{requirement_id}}"): Write(
        lambda w: {"status": "met", "evidence_note": "Tested.", "evidence_date": yesterday()},
        path={"use_case_id": "use_case", "requirement_id": "requirement"},
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/kpis"): Write(
        lambda w: {
            "name": "Handling time",
            "unit_of_measure": "min",
            "direction": "lower",
            "baseline_value": "10",
            "baseline_date": "2025-01-01",
            "target_value": "5",
            "target_date": "2026-01-01",
        },
        path={"use_case_id": "use_case"},
    ),
    ("post", f"{API}/use-cases/{{use_case_id}}/comments"): Write(
        lambda w: {"text": "A comment."}, persona="employee", path={"use_case_id": "use_case"}
    ),
    ("post", f"{API}/workshops"): Write(
        lambda w: {"title": "New workshop", "held_on": next_year(), "dots_per_person": 3}
    ),
    ("patch", f"{API}/workshops/{{workshop_id}}"): Write(
        lambda w: {"title": "Renamed workshop"}, path={"workshop_id": "workshop"}
    ),
    ("post", f"{API}/workshops/{{workshop_id}}/ideas"): Write(
        lambda w: {**use_case_fields(w), "unit": "M"}, path={"workshop_id": "workshop"}
    ),
    ("post", f"{API}/workshops/{{workshop_id}}/ideas/link"): Write(
        lambda w: {"use_case": w["other_use_case"]},
        prepare=lambda w: w.add("other_use_case", _another_use_case(w)),
        path={"workshop_id": "workshop"},
    ),
    ("post", f"{API}/workshops/{{workshop_id}}/status"): Write(
        lambda w: {"to": "voting"},
        prepare=lambda w: w.objects["workshop"].participants.add(w.objects["person"]),
        path={"workshop_id": "workshop"},
    ),
    ("put", f"{API}/workshops/{{workshop_id}}/ballot"): Write(
        lambda w: {"voter": w["person"], "dots": [{"use_case": w["use_case"], "dots": 2}]},
        prepare=open_voting,
        path={"workshop_id": "workshop"},
    ),
    ("post", f"{API}/governance/ai-act/classifications"): Write(
        lambda w: {
            "use_case": w["use_case"],
            "answers": MINIMAL_ANSWERS,
            "rationales": {q: "Because." for q in MINIMAL_ANSWERS},
        }
    ),
    ("post", f"{API}/governance/ai-act/classifications/{{classification_id}}/confirmations"): Write(
        lambda w: {"obligation_id": "art4_ai_literacy", "evidence": "Training list."},
        path={"classification_id": "classification"},
    ),
    ("post", f"{API}/governance/ai-act/classifications/{{classification_id}}/decision"): Write(
        lambda w: {"confirm": False, "note": "Not convinced."},
        persona="privacy",
        path={"classification_id": "classification"},
        prepare=lambda w: _classification_pending(w),
    ),
    ("post", f"{API}/governance/ethics-conditions/{{condition_id}}/close"): Write(
        lambda w: {"closing_note": "Monitoring is live."},
        path={"condition_id": "ethics_condition"},
        prepare=lambda w: _complete_review(w),
    ),
    ("post", f"{API}/governance/ethics-reviews/{{review_id}}/complete"): Write(
        lambda w: {
            "outcome": "approved_with_conditions",
            "reasons": "Fair enough.",
            "answers": _review_answers(),
        },
        path={"review_id": "ethics_review"},
    ),
    ("post", f"{API}/governance/use-cases/{{use_case_id}}/dpia-check"): Write(
        lambda w: {"answers": {"large_scale": True}, "rationale": "All staff."},
        path={"use_case_id": "use_case"},
    ),
    ("post", f"{API}/governance/use-cases/{{use_case_id}}/ethics-reviews"): Write(
        lambda w: {"reasons": "Starting."},
        path={"use_case_id": "use_case"},
        prepare=lambda w: _start_anew(w),
    ),
    ("put", f"{API}/governance/use-cases/{{use_case_id}}/council-involvement"): Write(
        lambda w: {
            "monitoring_capable": True,
            "information_given_on": None,
            "consultation_notes": "",
            "agreement_status": None,
            "agreement_reference": "",
            "agreement_clauses": "",
        },
        path={"use_case_id": "use_case"},
    ),
    ("patch", f"{API}/governance/use-cases/{{use_case_id}}/council-involvement"): Write(
        lambda w: {"monitoring_capable": True}, path={"use_case_id": "use_case"}
    ),
    ("patch", f"{API}/governance/use-cases/{{use_case_id}}/dpia"): Write(
        lambda w: {"risks": "Wrong answers."}, path={"use_case_id": "use_case"}
    ),
    ("post", f"{API}/enablement/courses"): Write(
        lambda w: {
            "title": "Audited API course",
            "description": "d",
            "topics": ["prompting"],
            "duration_minutes": 60,
        }
    ),
    ("patch", f"{API}/enablement/courses/{{course_id}}"): Write(
        lambda w: {"title": "Renamed course"}, path={"course_id": "course"}
    ),
    ("post", f"{API}/enablement/sessions"): Write(
        lambda w: {
            "course": w["course"],
            "starts_at": f"{next_year()}T09:00:00+01:00",
            "ends_at": f"{next_year()}T11:00:00+01:00",
            "capacity": 10,
            "place": "Room 1",
        }
    ),
    ("post", f"{API}/enablement/sessions/{{session_id}}/cancel"): Write(
        path={"session_id": "session"}
    ),
    ("post", f"{API}/enablement/sessions/{{session_id}}/enrolments"): Write(
        persona="employee", path={"session_id": "session"}
    ),
    ("post", f"{API}/enablement/enrolments/{{enrolment_id}}/cancel"): Write(
        persona="trainer", path={"enrolment_id": "enrolment"}
    ),
    ("post", f"{API}/enablement/completions"): Write(
        lambda w: {"person": w["person"], "course": w["course"], "completed_on": yesterday()},
        persona="trainer",
    ),
    ("post", f"{API}/enablement/events/{{event_id}}/registrations"): Write(
        persona="employee", path={"event_id": "event"}
    ),
    ("post", f"{API}/enablement/registrations/{{registration_id}}/cancel"): Write(
        persona="trainer", path={"registration_id": "registration"}
    ),
    ("post", f"{API}/feedback/office-hours/bookings"): Write(
        lambda w: {
            "series": w["office_hours"],
            "starts_at": _next_monday_slot(14, 0),
            "topic": "Audited topic",
        },
        persona="employee",
    ),
    ("post", f"{API}/feedback/office-hours/bookings/{{booking_id}}/cancel"): Write(
        persona="trainer", path={"booking_id": "office_hours_booking"}
    ),
    ("post", f"{API}/enablement/sprints"): Write(
        lambda w: {
            "title": "Audited API sprint",
            "goal": "A prototype",
            "use_cases": [w["use_case"]],
            "team": [w["person"]],
            "starts_on": next_year(),
        }
    ),
    ("post", f"{API}/enablement/sprint-tasks/{{task_id}}/move"): Write(
        lambda w: {"to": "done"}, path={"task_id": "sprint_task"}
    ),
    ("post", f"{API}/enablement/sprints/{{sprint_id}}/end"): Write(
        lambda w: {"outcome": "works", "to_prototype": True}, path={"sprint_id": "sprint"}
    ),
    ("post", f"{API}/feedback/items"): Write(
        lambda w: {"kind": "idea", "title": "Audited idea", "text": "Draft minutes."},
        persona="employee",
    ),
    ("post", f"{API}/feedback/items/{{feedback_id}}/support"): Write(
        persona="employee", path={"feedback_id": "feedback_item"}
    ),
    ("delete", f"{API}/feedback/items/{{feedback_id}}/support"): Write(
        persona="employee", path={"feedback_id": "feedback_item"}, prepare=_employee_supports
    ),
    ("put", f"{API}/governance/use-cases/{{use_case_id}}/dpia"): Write(
        lambda w: {
            **DPIA_SECTIONS,
            "controller": None,
            "residual_risk_high": False,
            "prior_consultation": "",
            "review_on": None,
            "status": "draft",
        },
        path={"use_case_id": "use_case"},
    ),
}


# Completeness ---------------------------------------------------------------------------


def test_every_page_is_a_write_a_security_page_or_read_only(admin_client):
    world = build_world()
    unclassified = []
    for name in sorted(page_names()):
        if (
            name in PAGE_WRITES
            or name in SECURITY_PAGES
            or name in PERSONAL_PAGES | ANONYMOUS_PAGES
        ):
            continue
        response = admin_client.post(url_for(name, world.ids))
        if response.status_code != 405:
            unclassified.append(f"{name} answers POST with {response.status_code}")
    assert not unclassified, "\n".join(unclassified)


def test_every_state_changing_api_operation_is_in_the_table():
    # From the routers, not the OpenAPI document: an operation hidden from the schema counts.
    writes = {
        (method, path)
        for method, path in api_operations()
        if method in {"post", "put", "patch", "delete"}
    }
    assert sorted(writes - set(API_WRITES) - PERSONAL_API - ANONYMOUS_API) == []
    assert sorted((set(API_WRITES) | PERSONAL_API | ANONYMOUS_API) - writes) == []


# Each write -----------------------------------------------------------------------------


def persona_user(name: str) -> User:
    return make_user(*PERSONAS[name], email=f"{name}.audit@example.com")


@pytest.mark.parametrize("name", sorted(PAGE_WRITES))
def test_each_page_write_appends_an_audit_event(name, db):
    write = PAGE_WRITES[name]
    user = persona_user(write.persona)
    world = build_world(facilitator=user)
    if write.prepare is not None:
        write.prepare(world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    before = AuditEvent.objects.count()

    if write.url_kwargs is not None:
        url = reverse(name, kwargs=write.url_kwargs(world))
    else:
        url = url_for(name, world.ids)
    response = client.post(url, write.data(world))

    assert response.status_code in (200, 302), (name, response.status_code)
    assert AuditEvent.objects.count() > before, f"{name} changed state without an audit event"


@pytest.mark.parametrize(("method", "path"), sorted(API_WRITES))
def test_each_api_write_appends_an_audit_event(method, path, db):
    write = API_WRITES[(method, path)]
    user = persona_user(write.persona)
    world = build_world(facilitator=user)
    if write.prepare is not None:
        write.prepare(world)
    headers = bearer(user, name="audit")
    url = path
    for parameter, key in write.path.items():
        url = url.replace("{" + parameter + "}", str(world[key]))
    data = write.data(world)
    client = Client()
    before = AuditEvent.objects.count()

    if write.multipart:
        response = getattr(client, method)(url, data, headers=headers)
    else:
        body = json.dumps(data)
        response = getattr(client, method)(
            url, body, content_type="application/json", headers=headers
        )

    assert 200 <= response.status_code < 300, (method, path, response.status_code, response.content)
    assert AuditEvent.objects.count() > before, (
        f"{method} {path} changed state without an audit event"
    )


def test_the_tables_name_real_pages():
    assert sorted(set(PAGE_WRITES) - page_names()) == []
    assert sorted(SECURITY_PAGES - page_names()) == []
