"""Mitigations of a risk are done once closed with a note: the service, the risk's page and
the API, with their refusals, audit events and query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from tests.support.api import bearer
from tests.support.clock import frozen
from tests.support.governance import make_risk
from tests.support.personas import make_person, make_user
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import AuditEvent, User
from wandel.core.roles import Role
from wandel.core.tracking import ALREADY_CLOSED, NOTE_REQUIRED, AlreadyClosed
from wandel.governance.risks.models import Mitigation, Risk, RiskAction
from wandel.governance.risks.services import (
    CLOSED_MITIGATION,
    CLOSED_RISK,
    MITIGATION_DONE_BY_CLOSING,
    RiskError,
    mitigation_add,
    mitigation_close,
    mitigation_update,
    risk_close,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/governance/mitigations"


@pytest.fixture(autouse=True)
def _clock():
    with frozen("2026-03-10 12:00"):
        yield


@pytest.fixture
def it() -> User:
    user = make_user(Role.IT_SECURITY)
    user.display_name = "Ines Sicherheit"
    user.save(update_fields=["display_name"])
    return user


@pytest.fixture
def risk() -> Risk:
    return make_risk(title="Chatbot invents prices")


@pytest.fixture
def mitigation(risk) -> Mitigation:
    return mitigation_add(risk=risk, text="Prices only from the catalogue", actor=None)


def row(mitigation: Mitigation) -> tuple[object, ...]:
    stored = Mitigation.objects.get(pk=mitigation.pk)
    return (stored.status, stored.closed_on, stored.closing_note, stored.closed_by)


# The service --------------------------------------------------------------------------------


def test_closing_a_mitigation_records_how_when_and_who_and_is_audited_on_the_risk(
    risk, mitigation, it
):
    closed = mitigation_close(
        mitigation=mitigation,
        closing_note="Price lookup goes through the catalogue API.",
        closed_on=date(2026, 3, 2),
        actor=it,
    )

    assert closed.is_open is False
    assert row(mitigation) == (
        "done",
        date(2026, 3, 2),
        "Price lookup goes through the catalogue API.",
        it,
    )
    event = AuditEvent.objects.get(action=RiskAction.MITIGATION_CLOSED)
    assert (event.target_type, event.target_id, event.actor) == (
        "governance.Risk",
        str(risk.pk),
        it,
    )
    assert event.changes == {
        "mitigation": mitigation.pk,
        "status": {"from": "open", "to": "done"},
        "closed_on": {"from": None, "to": "2026-03-02"},
        "closing_note": {"from": "", "to": "Price lookup goes through the catalogue API."},
        "closed_by": {"from": None, "to": "Ines Sicherheit"},
    }


def test_a_mitigation_is_closed_once(mitigation):
    mitigation_close(mitigation=mitigation, closing_note="Done.", actor=None)

    with pytest.raises(AlreadyClosed, match=str(ALREADY_CLOSED)):
        mitigation_close(mitigation=mitigation, closing_note="Again.", actor=None)

    assert AuditEvent.objects.filter(action=RiskAction.MITIGATION_CLOSED).count() == 1


def test_a_mitigation_of_a_closed_risk_is_not_closed(risk, mitigation):
    risk_close(risk=risk, actor=None)

    with pytest.raises(RiskError, match=str(CLOSED_RISK)):
        mitigation_close(mitigation=mitigation, closing_note="Done.", actor=None)

    assert row(mitigation) == ("open", None, "", None)


def test_done_is_not_a_status_to_add_or_set_but_the_result_of_closing(risk, mitigation):
    with pytest.raises(RiskError) as refused:
        mitigation_add(risk=risk, text="Red-team test", status="done", actor=None)
    assert refused.value.errors == {"status": [str(MITIGATION_DONE_BY_CLOSING)]}

    with pytest.raises(RiskError) as refused:
        mitigation_update(mitigation=mitigation, status="done", actor=None)
    assert refused.value.errors == {"status": [str(MITIGATION_DONE_BY_CLOSING)]}

    assert list(Mitigation.objects.values_list("status", flat=True)) == ["open"]
    assert not AuditEvent.objects.filter(action=RiskAction.MITIGATION_CHANGED).exists()


def test_a_closed_mitigation_can_no_longer_be_changed(mitigation):
    mitigation_close(mitigation=mitigation, closing_note="Done.", actor=None)

    for change in ({"status": "in_progress"}, {"text": "Something else"}):
        with pytest.raises(RiskError, match=str(CLOSED_MITIGATION)):
            mitigation_update(mitigation=mitigation, actor=None, **change)

    assert row(mitigation)[0] == "done"


# The risk's page ----------------------------------------------------------------------------


def close_url(mitigation: Mitigation) -> str:
    return f"/governance/risks/mitigations/{mitigation.pk}/close/"


def test_the_risk_page_offers_to_close_an_open_mitigation_and_no_done_status(
    client, it, risk, mitigation
):
    client.force_login(it)

    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()

    assert f'action="{close_url(mitigation)}"' in page
    assert 'name="closing_note"' in page
    assert 'value="done"' not in page, "done is reached by closing, not chosen"


def test_closing_through_the_page(client, it, risk, mitigation):
    client.force_login(it)

    response = client.post(
        close_url(mitigation), {"closing_note": "Catalogue only.", "closed_on": "2026-03-09"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/governance/risks/{risk.pk}/#mitigation-{mitigation.pk}"
    assert row(mitigation) == ("done", date(2026, 3, 9), "Catalogue only.", it)
    page = client.get(f"/governance/risks/{risk.pk}/").content.decode()
    assert "Mitigation “Prices only from the catalogue” closed." in page
    assert "Closed on 09/03/2026 by Ines Sicherheit:" in page
    assert f'action="{close_url(mitigation)}"' not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"closing_note": " "}, str(NOTE_REQUIRED)),
        (
            {"closing_note": "Done.", "closed_on": "2026-03-11"},
            "The closing date cannot lie in the future.",
        ),
        ({"closing_note": "Done.", "closed_on": "yesterday"}, "Enter a valid date."),
    ],
)
def test_the_page_says_why_it_did_not_close(client, it, mitigation, data, message):
    client.force_login(it)

    response = client.post(close_url(mitigation), data)

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [message]
    assert row(mitigation) == ("open", None, "", None)


def test_only_who_manages_risks_closes_a_mitigation_on_the_page(client, mitigation):
    client.force_login(make_user(Role.STEERING_COMMITTEE))

    response = client.post(close_url(mitigation), {"closing_note": "Done."})

    assert response.status_code == 403
    assert row(mitigation)[0] == "open"
    page = client.get(f"/governance/risks/{mitigation.risk_id}/").content.decode()
    assert f'action="{close_url(mitigation)}"' not in page


def test_the_risk_page_takes_the_same_queries_for_more_closed_mitigations(client, it, risk):
    client.force_login(it)

    def grow() -> None:
        for i in range(4):
            added = mitigation_add(
                risk=risk, text=f"M{i}", owner=make_person(account=False), actor=None
            )
            if i % 2:
                mitigation_close(mitigation=added, closing_note="Done.", actor=make_user())

    small, large = assert_queries_do_not_grow(
        client, f"/governance/risks/{risk.pk}/", grow=grow, shows="Closed on "
    )
    assert (small.shown, large.shown) == (0, 2)


# The API ------------------------------------------------------------------------------------


def test_the_api_closes_a_mitigation(client, it, mitigation):
    url = f"{API}/{mitigation.pk}/close"
    headers = bearer(it)

    response = client.post(
        url,
        {"closing_note": "Catalogue only.", "closed_on": "2026-03-09"},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert {k: body[k] for k in ("status", "closed_on", "closing_note", "closed_by")} == {
        "status": "done",
        "closed_on": "2026-03-09",
        "closing_note": "Catalogue only.",
        "closed_by": "Ines Sicherheit",
    }
    assert body["overdue"] is False
    again = client.post(
        url, {"closing_note": "Again."}, content_type="application/json", headers=headers
    )
    assert (again.status_code, again.json()["detail"]) == (409, str(ALREADY_CLOSED))
    assert AuditEvent.objects.filter(action=RiskAction.MITIGATION_CLOSED).count() == 1


def test_the_api_refuses_a_closing_by_field_and_who_may_not_close(client, it, mitigation):
    url = f"{API}/{mitigation.pk}/close"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    headers = bearer(it)

    def post(body: dict[str, str], auth: dict[str, str] = headers):
        return client.post(url, body, content_type="application/json", headers=auth)

    reader = bearer(make_user(Role.STEERING_COMMITTEE))
    assert post({"closing_note": "Done."}, reader).status_code == 403
    blank = post({"closing_note": " "})
    assert (blank.status_code, blank.json()["errors"]) == (
        400,
        {"closing_note": [str(NOTE_REQUIRED)]},
    )
    future = post({"closing_note": "Done.", "closed_on": tomorrow})
    assert (future.status_code, list(future.json()["errors"])) == (400, ["closed_on"])
    assert post({}).status_code == 400
    missing = client.post(
        f"{API}/{mitigation.pk + 1}/close",
        {"closing_note": "Done."},
        content_type="application/json",
        headers=headers,
    )
    assert missing.status_code == 404
    assert row(mitigation) == ("open", None, "", None)


def test_the_api_points_from_status_done_to_closing(client, it, mitigation):
    headers = bearer(it)

    patched = client.patch(
        f"{API}/{mitigation.pk}",
        {"status": "done"},
        content_type="application/json",
        headers=headers,
    )
    added = client.post(
        f"/api/v1/governance/risks/{mitigation.risk_id}/mitigations",
        {"text": "Red-team test", "status": "done"},
        content_type="application/json",
        headers=headers,
    )

    for response in (patched, added):
        assert response.status_code == 400
        assert response.json()["errors"] == {"status": [str(MITIGATION_DONE_BY_CLOSING)]}
    assert row(mitigation)[0] == "open"
