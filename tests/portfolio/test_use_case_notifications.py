"""Who the portfolio tells: the works council of new use cases, a product owner of their
new use case, owner and submitter of a move; in their language; never the one who acted."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case, score_all
from tests.support.tasks import run_due_tasks
from wandel.core.models import DeliveryStatus, EmailDelivery, Notification, User
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.org.models import RoleAssignment
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Stage, UseCase
from wandel.portfolio.use_cases.services import product_owner_set

pytestmark = pytest.mark.django_db


def council_told(title: str, unit_name: str) -> str:
    return f"New use case “{title}” from {unit_name}: it may need the works council's assessment."


def told(user: User) -> list[str]:
    """What ``user`` was told, worded in English, oldest first."""
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    return [event_named(n.event).words(n.params) for n in rows]


def test_every_works_council_member_is_told_of_a_new_use_case(council, employee):
    second = make_user(Role.WORKS_COUNCIL)
    former = make_person(roles=(Role.WORKS_COUNCIL,))
    RoleAssignment.objects.filter(person=former).update(ended_on="2021-01-01")
    unit = make_person().unit

    use_case = make_use_case(actor=employee, title="Ticket triage", unit=unit)

    expected = [council_told("Ticket triage", unit.name)]
    assert told(council) == expected
    assert told(second) == expected
    assert told(former.user) == []
    assert told(employee) == []
    assert Notification.objects.filter(recipient=council).get().url == f"/portfolio/{use_case.pk}/"


def test_a_council_member_who_submits_is_not_told_of_their_own_idea(council):
    make_use_case(actor=council)

    assert told(council) == []


def test_a_new_product_owner_is_told_and_the_steering_committee_member_is_not(owner, steerco):
    use_case = make_use_case(title="Contract search")

    product_owner_set(use_case=use_case, person=owner.person, actor=steerco)
    product_owner_set(use_case=use_case, person=owner.person, actor=steerco)

    assert told(owner) == ["You are now the product owner of “Contract search”."]
    assert told(steerco) == []


@pytest.mark.usefixtures("without_governance_gate")
def test_owner_and_submitter_are_told_when_their_use_case_moves(owner, employee, admin):
    use_case = make_use_case(actor=employee, title="Ticket triage")
    product_owner_set(use_case=use_case, person=owner.person, actor=admin)
    score_all(use_case, actor=admin)

    use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="scored")

    moved = "“Ticket triage” moved from Idea to Assessed."
    assert told(employee) == [moved]
    assert told(owner)[-1] == moved
    assert told(admin) == []
    with translation.override("de"):
        notification = Notification.objects.filter(recipient=employee).get()
        assert event_named(notification.event).words(notification.params) == (
            "„Ticket triage“ ist von Idee nach Bewertet gewechselt."
        )


@pytest.mark.usefixtures("without_governance_gate")
def test_a_refused_move_tells_nobody(owner, admin):
    use_case = make_use_case(title="Unscored")
    product_owner_set(use_case=use_case, person=owner.person, actor=admin)
    before = told(owner)

    with pytest.raises(Exception, match="score"):
        use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="too early")

    assert told(owner) == before


def test_with_the_mail_server_down_submitting_succeeds_and_the_email_waits(council, smtp_down):
    use_case = make_use_case(title="Kept")

    run_due_tasks()

    assert UseCase.objects.filter(pk=use_case.pk).exists()
    assert told(council) == [council_told("Kept", use_case.unit.name)]
    delivery = EmailDelivery.objects.get(recipient=council)
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1


def test_data_protection_and_the_ethics_board_hear_of_new_use_cases_with_personal_data(
    employee, council
):
    dpo = make_user(Role.DATA_PROTECTION)
    ethics = make_user(Role.ETHICS_BOARD)
    unit = make_person().unit

    make_use_case(actor=employee, title="Bewerbungen vorsortieren", unit=unit, personal_data=True)
    make_use_case(actor=employee, title="Handbuch übersetzen", unit=unit)

    expected = (
        f"New use case “Bewerbungen vorsortieren” from {unit.name} works with personal data: "
        "it needs a DPIA check and an ethics review before a pilot."
    )
    assert told(dpo) == [expected]
    assert told(ethics) == [expected]
    assert len(told(council)) == 2
