"""The small demo loads the same organisation, row for row: a fingerprint written out by hand.

It guards changes to how the demo is put together (its loaders, its content files): such a
change must not add, drop or alter a record. A change that means to alter the demo changes
the figures here too.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Model, QuerySet

from wandel.core.models import AuditEvent
from wandel.demo.generator import load_demo
from wandel.governance.decisions.models import Decision
from wandel.org.models import Person, StakeholderGroup, Unit
from wandel.portfolio.use_cases.models import UseCase

ROWS = {
    "core.User": 9,
    "core.AuditEvent": 1036,
    "core.ApiToken": 0,
    "org.Unit": 12,
    "org.Person": 250,
    "org.RoleAssignment": 22,
    "org.StakeholderGroup": 10,
    "org.Concern": 25,
    "org.Touchpoint": 35,
    "portfolio.Criterion": 12,
    "portfolio.UseCase": 41,
    "portfolio.Score": 348,
    "portfolio.StageChange": 86,
    "portfolio.Kpi": 13,
    "portfolio.KpiMeasurement": 56,
    "portfolio.QualityRequirement": 30,
    "portfolio.Comment": 11,
    "portfolio.Workshop": 3,
    "portfolio.Vote": 58,
    "portfolio.FactChange": 0,
    "governance.Body": 2,
    "governance.BodyMembership": 14,
    "governance.Meeting": 19,
    "governance.AgendaItem": 97,
    "governance.Decision": 55,
    "governance.DecisionCondition": 7,
    "governance.Risk": 15,
    "governance.Mitigation": 18,
    "governance.BudgetRequest": 8,
    "governance.SpendEntry": 13,
    "governance.EthicsChecklistItem": 6,
    "governance.EthicsReview": 8,
    "governance.EthicsAnswer": 45,
    "governance.EthicsCondition": 3,
    "governance.DpiaCheck": 12,
    "governance.Dpia": 4,
    "governance.CouncilInvolvement": 6,
    "governance.Classification": 28,
    "governance.ObligationConfirmation": 5,
    "enablement.Course": 15,
    "enablement.CourseMaterial": 2,
    "enablement.LearningPath": 3,
    "enablement.PathCourse": 4,
    "enablement.TrainingSession": 36,
    "enablement.Enrolment": 328,
    "enablement.Completion": 518,
    "enablement.LiteracyTarget": 1,
    "enablement.UserGroup": 2,
    "enablement.GroupMembership": 27,
    "enablement.Event": 4,
    "enablement.Registration": 29,
    "enablement.Sprint": 3,
    "enablement.SprintTask": 5,
    "enablement.SprintNote": 2,
    "enablement.RetroEntry": 4,
    "enablement.RetroAction": 1,
    "enablement.SelfRating": 0,
    "enablement.EvaluationCount": 0,
    "enablement.CalendarFeed": 0,
    "feedback.Survey": 2,
    "feedback.Section": 3,
    "feedback.Question": 11,
    "feedback.Wave": 4,
    "feedback.WaveGroup": 40,
    "feedback.Participant": 976,
    "feedback.Response": 442,
    "feedback.Answer": 2223,
    "feedback.Draft": 0,
    "feedback.FeedbackItem": 8,
    "feedback.FeedbackSupport": 39,
    "feedback.OfficeHourSeries": 2,
    "feedback.Booking": 5,
}

USE_CASES_PER_STAGE = {
    # One of them promoted from the feedback box.
    "idea": 12,
    "assessed": 6,
    "approved": 4,
    "prototype": 4,
    "pilot": 4,
    "production": 4,
    "retired": 2,
    "rejected": 3,
    "on_hold": 2,
}

AUDIT_EVENTS = {
    "demo.loaded": 1,
    "org.people_imported": 1,
    "org.account_created": 9,
    "org.role_assigned": 22,
    "org.role_ended": 2,
    "org.stakeholder_group_created": 10,
    "org.concern_added": 25,
    "org.concern_answered": 12,
    "org.touchpoint_recorded": 35,
    "portfolio.criteria_seeded": 1,
    "portfolio.submitted": 41,
    "portfolio.owner_changed": 13,
    "portfolio.team_changed": 16,
    "portfolio.scored": 29,
    "portfolio.moved": 86,
    "portfolio.move_refused": 1,
    "portfolio.kpi_added": 13,
    "portfolio.measurement_recorded": 56,
    "portfolio.requirement_added": 30,
    "portfolio.requirement_tested": 24,
    "portfolio.comment_added": 11,
    "portfolio.workshop_planned": 3,
    "portfolio.workshop_idea_added": 14,
    "portfolio.workshop_voting_opened": 3,
    "portfolio.workshop_ballot_cast": 24,
    "portfolio.workshop_voting_closed": 2,
    "governance.checklist_seeded": 1,
    "governance.body_created": 2,
    "governance.member_added": 14,
    "governance.member_ended": 2,
    "governance.meeting_planned": 19,
    "governance.agenda_item_added": 81,
    "governance.agenda_built": 1,
    "governance.minutes_recorded": 17,
    "governance.decision_recorded": 55,
    "governance.decision_superseded": 1,
    "governance.condition_closed": 4,
    "governance.ai_act_classified": 28,
    "governance.ai_act_obligation_confirmed": 5,
    "governance.dpia_checked": 12,
    "governance.dpia_saved": 4,
    "governance.dpia_completed": 2,
    "governance.ethics_review_started": 8,
    "governance.ethics_review_saved": 8,
    "governance.ethics_review_completed": 7,
    "governance.ethics_condition_added": 3,
    "governance.ethics_condition_closed": 2,
    "governance.council_assessed": 6,
    "governance.budget_requested": 8,
    "governance.spend_recorded": 13,
    "governance.risk_recorded": 15,
    "governance.mitigation_added": 18,
    # The ten done mitigations are added open, then closed with a note.
    "governance.mitigation_closed": 10,
    "governance.risk_acceptance_requested": 4,
    "governance.risk_accepted": 3,
    "governance.risk_closed": 2,
    "enablement.course_created": 15,
    "enablement.path_created": 3,
    "enablement.session_scheduled": 8,
    "enablement.enrolled": 16,
    "enablement.group_created": 2,
    "enablement.group_joined": 25,
    "enablement.event_scheduled": 4,
    "enablement.event_registered": 29,
    "enablement.sprint_created": 3,
    "enablement.sprint_started": 3,
    "enablement.sprint_task_added": 5,
    "enablement.sprint_task_moved": 5,
    "enablement.sprint_note_added": 2,
    "enablement.sprint_retro_added": 4,
    "enablement.sprint_action_added": 1,
    "enablement.sprint_ended": 2,
    "feedback.survey_created": 2,
    # Four waves planned; three closed with their responses, the pulse survey's last open.
    "feedback.survey_updated": 4,
    "feedback.wave_opened": 4,
    "feedback.wave_closed": 3,
    # Anonymous posts write no event: four of the eight are named.
    "feedback.item_posted": 4,
    "feedback.item_supported": 39,
    "feedback.item_answered": 5,
    "feedback.item_status_changed": 1,
    "feedback.item_promoted": 1,
    "feedback.office_hours_created": 2,
    "feedback.office_hours_booked": 5,
}

DECISIONS_BY_KIND = {
    "budget": 8,
    "gate_approval": 16,
    "other": 2,
    "policy": 2,
    "priority": 24,
    "risk_acceptance": 3,
}
DECISIONS_BY_OUTCOME = {"approved": 44, "approved_with_conditions": 6, "deferred": 1, "rejected": 4}

STAKEHOLDER_CONTACTS = {
    "Auszubildende": "trainer@example.com",
    "Betriebsrat": "council@example.com",
    "Datenschutz": "privacy@example.com",
    "Entwicklungsteams": "viktor.enns@example.com",
    "Geschäftsführung": "steerco@example.com",
    "IT-Betrieb": "it@example.com",
    "Meister in der Produktion": "can.dogan@example.com",
    "Personalabteilung": "jessica.keller@example.com",
    "Teamleitungen Kundenservice": "manfred.schmitt@example.com",
    "Vertriebsaußendienst": "joerg.koehler@example.com",
}


def grouped(queryset: QuerySet[Model], field: str) -> dict[str, int]:
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by(field))


def test_the_small_demo_loads_the_same_organisation(db):
    assert load_demo("small") is True

    rows = {label: apps.get_model(label).objects.count() for label in ROWS}
    assert rows == ROWS
    assert grouped(UseCase.objects, "stage") == USE_CASES_PER_STAGE
    assert grouped(AuditEvent.objects, "action") == AUDIT_EVENTS
    assert grouped(Decision.objects, "kind") == DECISIONS_BY_KIND
    assert grouped(Decision.objects, "outcome") == DECISIONS_BY_OUTCOME

    # The organisation: the same units, and the same people drawn for them.
    assert sorted(Unit.objects.values_list("code", flat=True)) == [
        "EL", "EW", "FC", "GF", "IT", "KS", "MK", "PE", "PR", "QM", "RC", "VT",
    ]  # fmt: skip
    first = Person.objects.select_related("unit").get(employee_id="RB-10001")
    assert (first.email, first.unit.code, first.job_title) == (
        "maximilian.voigt@example.com",
        "IT",
        "SAP-Inhouse-Berater",
    )
    assert Person.objects.filter(active=False).count() == 6
    assert dict(StakeholderGroup.objects.values_list("name", "contact__email")) == (
        STAKEHOLDER_CONTACTS
    )

    # The portfolio: a known use case with its stage, owner and score.
    drafts = UseCase.objects.select_related("unit", "product_owner").get(
        title="Antwortentwürfe für Kundenservice-Anfragen"
    )
    assert (drafts.stage, drafts.unit.code, drafts.product_owner.email) == (
        "production",
        "KS",
        "owner@example.com",
    )
    assert drafts.total_score == Decimal("77.4")
    search = UseCase.objects.get(title="Interne Wissenssuche (RAG)")
    assert (search.stage, search.product_owner.email) == (
        "production",
        "jens.brinkmann@example.com",
    )
    vetoed = UseCase.objects.get(vetoed=True)
    assert (vetoed.title, vetoed.stage) == ("Emotionserkennung in Kundengesprächen", "rejected")

    # Governance: the corrected budget decision and the deferred pilot gate.
    (correction,) = Decision.objects.filter(supersedes__isnull=False)
    assert correction.use_case.title == "Angebotsentwürfe im Vertrieb"
    assert (correction.outcome, correction.approved_amount) == ("approved", Decimal(40_000))
    assert correction.supersedes.approved_amount == Decimal(4_000)
    (deferred,) = Decision.objects.filter(outcome="deferred")
    assert deferred.use_case.title == "Reklamationsberichte (8D) vorstrukturieren"
    assert (deferred.kind, deferred.gate_stage) == ("gate_approval", "pilot")
    assert deferred.text.startswith("Pilot-Gate vertagt: Die DSFA ist noch nicht abgeschlossen")
