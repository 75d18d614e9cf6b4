"""The review dates of risks and DPIAs reach those responsible: the risk's owner, the DPIA's
controller and the data protection officers are reminded once when the date is a week or
less away and once when it has passed; the home page lists the reviews a person owns that
are due within two weeks."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from tests.support.governance import complete_dpia, make_risk, prototype_with_personal_data
from tests.support.home import todo_lists
from tests.support.personas import make_person, make_user
from wandel.core.models import Notification
from wandel.core.notifications.events import event_named
from wandel.core.roles import Role
from wandel.governance.follow_ups import review_reminders
from wandel.governance.reviews.dpia.models import Dpia
from wandel.governance.risks.models import Risk
from wandel.governance.risks.services import risk_update
from wandel.portfolio.use_cases.models import Stage, UseCase

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)
SOON = "governance.review_due_soon"
OVERDUE = "governance.review_overdue"


def told(user, event: str) -> list[str]:
    rows = Notification.objects.filter(recipient=user, event=event).order_by("pk")
    return [event_named(n.event).words(n.params) for n in rows]


def risk_due(owner, days: int, title: str, **fields) -> Risk:
    risk = make_risk(owner=owner, title=title)
    Risk.objects.filter(pk=risk.pk).update(review_on=TODAY + datetime.timedelta(days), **fields)
    return risk


def test_a_risk_owner_is_reminded_a_week_ahead_and_after_the_date_each_once():
    owner = make_person()
    risk_due(owner, 7, "In einer Woche")
    risk_due(owner, 8, "In acht Tagen")
    risk_due(owner, 0, "Heute")
    overdue = risk_due(owner, -1, "Gestern")
    risk_due(owner, -3, "Geschlossen", status="closed")
    risk_due(make_person(account=False), 0, "Ohne Konto")

    assert review_reminders(TODAY) == 3

    assert sorted(told(owner.user, SOON)) == [
        "“Heute” (Review of a risk) is due on 07/12/2026.",
        "“In einer Woche” (Review of a risk) is due on 14/12/2026.",
    ]
    assert told(owner.user, OVERDUE) == [
        "“Gestern” (Review of a risk) was due on 06/12/2026 and has not been reviewed yet."
    ]
    reminder = Notification.objects.get(recipient=owner.user, event=OVERDUE)
    assert reminder.url == f"/governance/risks/{overdue.pk}/"
    with translation.override("de"):
        assert "„In einer Woche“ (Überprüfung eines Risikos) ist am 14.12.2026 fällig." in (
            told(owner.user, SOON)
        )
    assert review_reminders(TODAY) == 0
    assert review_reminders(TODAY + datetime.timedelta(days=1)) == 2  # 8 days, and today's

    Risk.objects.filter(pk=overdue.pk).update(review_on=TODAY + datetime.timedelta(days=3))
    assert review_reminders(TODAY) == 1  # a new review date is reminded of again


def test_a_dpia_review_reaches_its_controller_and_every_data_protection_officer():
    steerco = make_user(Role.STEERING_COMMITTEE)
    officer, second_officer = make_user(Role.DATA_PROTECTION), make_user(Role.DATA_PROTECTION)
    controller = make_user(Role.PRODUCT_OWNER)
    use_case = prototype_with_personal_data(steerco)
    complete_dpia(use_case, controller)
    Dpia.objects.update(review_on=TODAY + datetime.timedelta(days=2))
    Notification.objects.all().delete()

    assert review_reminders(TODAY) == 3

    expected = ["“Antwortentwürfe mit Kundendaten” (Review of a DPIA) is due on 09/12/2026."]
    for user in (controller, officer, second_officer):
        assert told(user, SOON) == expected
    assert Notification.objects.filter(event=SOON).first().url == (
        f"/governance/reviews/use-cases/{use_case.pk}/dpia/"
    )

    UseCase.objects.filter(pk=use_case.pk).update(stage=Stage.RETIRED)
    Dpia.objects.update(review_on=TODAY - datetime.timedelta(days=1))
    assert review_reminders(TODAY) == 0


def test_the_home_page_lists_the_reviews_a_person_owns_due_within_two_weeks():
    owner = make_user(Role.PRODUCT_OWNER)
    today = timezone.localdate()
    late = make_risk(owner=owner.person, title="Preise erfunden")
    Risk.objects.filter(pk=late.pk).update(review_on=today - datetime.timedelta(days=1))
    make_risk(owner=owner.person, title="In drei Wochen")  # reviewed in 30 days
    soon = make_risk(owner=owner.person, title="In zwei Wochen")
    Risk.objects.filter(pk=soon.pk).update(review_on=today + datetime.timedelta(days=14))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)

    reviews = todo_lists(client.get("/"))["Conditions, mitigations and reviews you own"]

    assert reviews.total == 2
    first, second = reviews.items
    assert (first.text, first.url, first.overdue) == (
        "Preise erfunden",
        f"/governance/risks/{late.pk}/",
        True,
    )
    assert first.detail.startswith("Review of a risk · overdue since ")
    assert (second.text, second.overdue) == ("In zwei Wochen", False)


def test_a_risk_owner_is_told_they_keep_it_under_review_when_named():
    first, second = make_person(), make_person()
    steerco = make_user(Role.STEERING_COMMITTEE)

    risk = make_risk(owner=first, title="Preise erfunden", actor=steerco)
    risk_update(risk=risk, actor=steerco, description="Nur noch im Pilot.")
    risk_update(risk=risk, actor=steerco, owner=second)

    assigned = "governance.follow_up_assigned"
    told_first = "You are responsible for “Preise erfunden” (Review of a risk)."
    assert told(first.user, assigned) == [told_first]
    assert told(second.user, assigned) == [told_first]
    assert told(steerco, assigned) == []
    assert Notification.objects.filter(recipient=second.user).get().url == (
        f"/governance/risks/{risk.pk}/"
    )
