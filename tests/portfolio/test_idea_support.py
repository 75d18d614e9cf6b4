"""Ideas people can follow: one "+1" per person (never the submitter's own), supporting
follows, following tells of every move; the submitter edits until the assessment; "my
ideas" as a filter; the idea form helps."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.support.api import bearer
from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.errors import ConflictError
from wandel.core.models import AuditEvent, Notification
from wandel.core.roles import Role
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import Follow, Stage, Support, UseCase
from wandel.portfolio.use_cases.support import (
    use_case_follow,
    use_case_support,
    use_case_support_withdraw,
)

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def idea(employee) -> UseCase:
    return make_use_case(actor=employee, title="Protokolle automatisch zusammenfassen")


def supported_events() -> list[dict]:
    return [
        e.changes for e in AuditEvent.objects.filter(action="portfolio.supported").order_by("id")
    ]


def test_supporting_counts_once_follows_and_is_audited(idea):
    colleague = make_user()

    use_case_support(use_case=idea, actor=colleague)
    use_case_support(use_case=idea, actor=colleague)

    assert Support.objects.filter(use_case=idea, user=colleague).count() == 1
    assert Follow.objects.filter(use_case=idea, user=colleague).count() == 1
    assert supported_events() == [{"supporters": 1}]
    use_case_support(use_case=idea, actor=make_user())
    assert supported_events() == [{"supporters": 1}, {"supporters": 2}]


def test_the_submitter_cannot_support_their_own_idea(idea, employee):
    with pytest.raises(ConflictError) as refused:
        use_case_support(use_case=idea, actor=employee)

    assert str(refused.value) == "You submitted this idea; others can support it."
    assert not Support.objects.exists()


@pytest.mark.parametrize("stage", [Stage.REJECTED, Stage.RETIRED])
def test_a_closed_use_case_cannot_be_supported(idea, stage):
    UseCase.objects.filter(pk=idea.pk).update(stage=stage)

    with pytest.raises(ConflictError) as refused:
        use_case_support(use_case=idea, actor=make_user())

    assert str(refused.value) == "This use case is closed; it can no longer be supported."


def test_withdrawing_support_keeps_following_until_stopped(idea):
    colleague = make_user()
    use_case_support(use_case=idea, actor=colleague)

    use_case_support_withdraw(use_case=idea, actor=colleague)

    assert not Support.objects.exists()
    assert Follow.objects.filter(user=colleague).exists()
    withdrawn = AuditEvent.objects.filter(action="portfolio.support_withdrawn").get()
    assert withdrawn.changes == {"supporters": 0}
    use_case_follow(use_case=idea, actor=colleague, follow=False)
    assert not Follow.objects.exists()


def test_a_move_tells_submitter_supporters_and_followers_but_not_who_stopped(idea, employee):
    supporter, follower, stopped = make_user(), make_user(), make_user()
    use_case_support(use_case=idea, actor=supporter)
    use_case_follow(use_case=idea, actor=follower, follow=True)
    use_case_follow(use_case=idea, actor=stopped, follow=True)
    use_case_follow(use_case=idea, actor=stopped, follow=False)
    steerco = make_user(Role.STEERING_COMMITTEE)

    use_case_move(use_case=score_all(idea), to=Stage.ASSESSED, actor=steerco, reason="bewertet")

    told = Notification.objects.filter(event="portfolio.moved")
    assert sorted(n.recipient_id for n in told) == sorted([employee.pk, supporter.pk, follower.pk])


def test_the_submitter_edits_their_idea_until_it_is_assessed(idea, employee):
    client = signed_in(employee)
    page = client.get(f"/portfolio/{idea.pk}/").content.decode()
    assert f'href="/portfolio/{idea.pk}/edit/"' in page
    assert f'href="/portfolio/{idea.pk}/team/"' not in page
    assert client.get(f"/portfolio/{idea.pk}/team/").status_code == 403

    form = client.get(f"/portfolio/{idea.pk}/edit/").context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    data.update(title="Protokolle zusammenfassen lassen", unit=idea.unit_id, personal_data="")
    data = {k: v for k, v in data.items() if v is not None and v != ""}
    assert client.post(f"/portfolio/{idea.pk}/edit/", data).status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Protokolle zusammenfassen lassen"

    use_case_move(
        use_case=score_all(idea), to=Stage.ASSESSED, actor=make_user(Role.ADMIN), reason="ok"
    )
    assert client.get(f"/portfolio/{idea.pk}/edit/").status_code == 403
    assert (
        f'href="/portfolio/{idea.pk}/edit/"'
        not in client.get(f"/portfolio/{idea.pk}/").content.decode()
    )


def test_others_cannot_edit_an_idea(idea):
    assert signed_in(make_user()).get(f"/portfolio/{idea.pk}/edit/").status_code == 403


def support_box(page: str) -> str:
    found = re.search(r'<div class="support" id="support">(.*?)</div>', page, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_page_counts_support_and_offers_the_buttons(idea, employee):
    colleague = make_user()
    use_case_support(use_case=idea, actor=make_user())

    assert support_box(signed_in(colleague).get(f"/portfolio/{idea.pk}/").content.decode()) == (
        "1 person supports this idea Support this idea (+1) Follow this use case"
    )
    response = signed_in(colleague).post(f"/portfolio/{idea.pk}/support/", follow=True)
    assert response.redirect_chain == [(f"/portfolio/{idea.pk}/#support", 302)]
    page = response.content.decode()
    assert (
        "Thank you for your support. You are told when “Protokolle automatisch zusammenfassen” "
        "moves."
    ) in page
    assert support_box(page) == "2 people support this idea Withdraw my support Stop following"
    assert support_box(signed_in(employee).get(f"/portfolio/{idea.pk}/").content.decode()) == (
        "2 people support this idea · Your idea: you are told whenever it moves."
    )


def test_following_from_the_page_is_not_audited(idea):
    colleague = make_user()
    before = AuditEvent.objects.count()

    signed_in(colleague).post(f"/portfolio/{idea.pk}/follow/")
    assert Follow.objects.filter(user=colleague).exists()
    signed_in(colleague).post(f"/portfolio/{idea.pk}/follow/", {"stop": "1"})

    assert not Follow.objects.exists()
    assert AuditEvent.objects.count() == before


def test_my_ideas_filter_lists_only_what_i_submitted(idea, employee):
    make_use_case(actor=make_user(), title="Jemand anderes Idee")

    page = signed_in(employee).get(f"/portfolio/?submitter={employee.pk}").content.decode()

    assert "Protokolle automatisch zusammenfassen" in page
    assert "Jemand anderes Idee" not in page
    assert f'name="submitter" value="{employee.pk}" checked' in page


def test_the_similar_ideas_hint_offers_to_support_others_ideas_only(idea, employee):
    others = make_use_case(actor=make_user(), title="Protokolle automatisch zusammenfassen lassen")

    own = signed_in(employee).get("/portfolio/similar/", {"title": "Protokolle zusammenfassen"})
    colleague = signed_in(make_user()).get(
        "/portfolio/similar/", {"title": "Protokolle zusammenfassen"}
    )

    assert re.findall(r'formaction="([^"]+)"', own.content.decode()) == [
        f"/portfolio/{others.pk}/support/"
    ]
    assert sorted(re.findall(r'formaction="([^"]+)"', colleague.content.decode())) == sorted(
        [f"/portfolio/{others.pk}/support/", f"/portfolio/{idea.pk}/support/"]
    )


def test_the_idea_form_marks_required_fields_helps_and_knows_my_unit():
    person = make_person()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person.user)

    response = client.get("/portfolio/new/")
    page = response.content.decode()

    assert response.context["form"].initial["unit"] == person.unit_id
    assert re.search(r'<label for="id_title" class="required">', page)
    assert not re.search(r'<label for="id_hours_saved_per_month" class="required">', page)
    assert "Unsure? Tick it; the data-protection officer checks." in page
    assert "Unsure? Choose “Other”; the portfolio team sorts it." in page
    assert "Fields marked * are required." in page


# Over the API ------------------------------------------------------------------------------


def call(user, method: str, url: str, data: dict | None = None):
    return getattr(Client(), method)(
        f"/api/v1/use-cases/{url}",
        json.dumps(data) if data is not None else None,
        content_type="application/json",
        headers=bearer(user),
    )


def test_the_api_supports_withdraws_and_follows(idea, employee):
    colleague = make_user(Role.EMPLOYEE)

    supported = call(colleague, "post", f"{idea.pk}/support")
    twice = call(colleague, "post", f"{idea.pk}/support")

    assert supported.status_code == 200, supported.content
    assert supported.json() == {"supporters": 1, "supported": True, "following": True}
    assert twice.json() == {"supporters": 1, "supported": True, "following": True}
    assert len(supported_events()) == 1
    assert call(employee, "get", f"{idea.pk}/support").json() == {
        "supporters": 1,
        "supported": False,
        "following": False,
    }

    withdrawn = call(colleague, "delete", f"{idea.pk}/support")
    assert withdrawn.json() == {"supporters": 0, "supported": False, "following": True}
    stopped = call(colleague, "put", f"{idea.pk}/follow", {"follow": False})
    assert stopped.json() == {"supporters": 0, "supported": False, "following": False}
    assert not Follow.objects.filter(user=colleague).exists()
    assert not AuditEvent.objects.filter(action__contains="follow").exists()


def test_the_api_refuses_support_of_one_s_own_idea_with_409(idea, employee):
    response = call(employee, "post", f"{idea.pk}/support")

    assert response.status_code == 409
    assert response.json()["detail"] == "You submitted this idea; others can support it."
    assert not Support.objects.exists()
