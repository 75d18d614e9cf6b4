"""The Django admin is the programme admins' configuration tool, not a back door.

Powers come only from roles: the admin site cannot make anyone a superuser, re-link an
account or change a record behind the audit log's back. Every registered model is either
read-only there or changes through an audited service.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission as DjangoPermission
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from tests.support.personas import make_person, make_user
from tests.support.portfolio import make_use_case, score_all
from wandel.core.audit import audit_record
from wandel.core.models import ApiToken, AuditEvent, User
from wandel.core.roles import Permission, Role
from wandel.core.tokens import api_token_create
from wandel.org.models import Concern, Person, RoleAssignment, StakeholderGroup, Touchpoint
from wandel.portfolio.measures.models import Kpi
from wandel.portfolio.use_cases.models import StageChange
from wandel.portfolio.workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(admin) -> None:
    """At least one row of every model the admin site shows, so each change view opens."""
    person = make_person(roles=(Role.TRAINER,))
    use_case = score_all(make_use_case())
    StageChange.objects.create(
        use_case=use_case, from_stage="idea", to_stage="assessed", actor=admin, reason="test"
    )
    Workshop.objects.create(title="Ideation", held_on="2026-11-01")
    Kpi.objects.create(
        use_case=use_case,
        name="Handling time",
        unit_of_measure="min",
        direction="lower",
        baseline_value=10,
        baseline_date="2025-01-01",
        target_value=5,
        target_date="2025-12-31",
    )
    group = StakeholderGroup.objects.create(name="Works council", power=4, interest=5)
    Concern.objects.create(group=group, text="Monitoring")
    Touchpoint.objects.create(group=group, kind="meeting", summary="Kick-off")
    api_token_create(user=admin, name="script")
    assert person.user is not None
    with transaction.atomic():
        audit_record(actor=None, action="test.thing")


def test_every_registered_model_lists_and_opens_for_an_admin(admin_client, one_of_each):
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, change


def test_a_record_page_costs_the_same_queries_whichever_of_its_links_are_set(admin_client):
    from tests.support.queries import count_queries

    without_account = make_person(account=False)
    with_account = make_person()
    assert without_account.user_id is None
    assert with_account.user_id is not None
    # The first page of a kind fills caches (content types) that later ones find full.
    admin_client.get(reverse("admin:org_person_change", args=[with_account.pk]))

    counts = [
        count_queries(admin_client, reverse("admin:org_person_change", args=[person.pk]))[1]
        for person in (without_account, with_account)
    ]

    assert counts[0] == counts[1]


def test_no_admin_post_changes_anything_without_an_audit_event(admin_client, one_of_each):
    """Every add, change, delete and bulk action of every registered model is refused, or
    it appends to the audit log."""
    checked = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        first = model.objects.order_by("pk").first()
        assert first is not None, f"no {opts.label} to try the admin on"
        name = f"admin:{opts.app_label}_{opts.model_name}"
        attempts = [
            (reverse(f"{name}_add"), {}),
            (reverse(f"{name}_change", args=[first.pk]), {"_save": "Save"}),
            (reverse(f"{name}_delete", args=[first.pk]), {"post": "yes"}),
        ]
        request = RequestFactory().get("/admin/")
        request.user = User.objects.get(email="admin@example.com")
        for action in model_admin.get_actions(request):
            attempts.append(
                (
                    reverse(f"{name}_changelist"),
                    {"action": action, "_selected_action": [first.pk], "post": "yes"},
                )
            )
        for url, data in attempts:
            rows = model.objects.count()
            events = AuditEvent.objects.count()
            response = admin_client.post(url, data)
            refused = response.status_code == 403
            audited = AuditEvent.objects.count() > events
            assert refused or audited, f"{url} {data} answered {response.status_code} unaudited"
            if refused:
                assert model.objects.count() == rows, url
            checked.append(url)
    assert len(checked) >= 3 * len(admin.site._registry)


def test_the_admin_cannot_make_anyone_a_superuser_or_staff(admin_client):
    user = make_user(email="quiet@example.com")
    url = reverse("admin:core_user_change", args=[user.pk])

    page = admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {"email": user.email, "is_active": "on", "is_superuser": "on", "is_staff": "on"},
    )

    assert 'name="is_superuser"' not in page
    assert 'name="is_staff"' not in page
    assert response.status_code == 403
    user.refresh_from_db()
    assert not user.is_superuser
    assert not user.is_staff


def test_the_admin_cannot_relink_a_person_to_another_account(admin_client, admin):
    person = make_person()
    url = reverse("admin:org_person_change", args=[person.pk])

    response = admin_client.post(url, {"user": admin.pk, "email": person.email})

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.user_id != admin.pk


def test_revoking_a_token_in_the_admin_is_audited(admin_client, admin):
    token, _plain = api_token_create(user=admin, name="old script")

    response = admin_client.post(
        reverse("admin:core_apitoken_changelist"),
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    event = AuditEvent.objects.get(action="core.token_revoked")
    assert event.actor == admin
    assert event.target_id == str(token.pk)


def test_audit_events_cannot_be_edited_or_deleted_in_the_admin(admin_client):
    before = AuditEvent.objects.count()
    with transaction.atomic():
        event = audit_record(actor=None, action="test.thing", changes={"a": 1})
    change = reverse("admin:core_auditevent_change", args=[event.pk])
    admin_client.post(change, {"action": "forged"})
    delete = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "test.thing"
    assert AuditEvent.objects.count() == before + 1


def test_people_without_the_admin_role_are_sent_to_the_admin_sign_in(client, personas):
    for name, user in personas.items():
        if name == "admin":
            continue
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302, name
        assert "/admin/login/" in response["Location"]


def test_an_admins_powers_end_with_the_role(admin_client, admin):
    assignment = RoleAssignment.objects.get(person__user=admin, role=Role.ADMIN)
    RoleAssignment.objects.filter(pk=assignment.pk).update(ended_on="2021-01-01")

    admin = User.objects.get(pk=admin.pk)

    assert not admin.has_perm(Permission.CONFIGURE)
    assert admin_client.get("/admin/").status_code == 302


# The operator's break-glass account -----------------------------------------------------


def test_a_superuser_has_the_programme_admins_permissions_and_nothing_more(admin):
    operator = User.objects.create_superuser("operator@example.com", "a long passphrase 1")
    employee = make_user(email="plain@example.com")

    for permission in Permission:
        assert operator.has_perm(permission) == admin.has_perm(permission), permission
    assert not employee.has_perm(Permission.CONFIGURE)


def test_model_permissions_given_outside_the_roles_grant_nothing():
    user = make_user(email="sideways@example.com")
    user.user_permissions.add(DjangoPermission.objects.get(codename="change_user"))
    user = User.objects.get(pk=user.pk)

    assert not user.has_perm("core.change_user")
    assert not user.has_module_perms("core")


def test_a_closed_superuser_account_has_no_powers():
    operator = User.objects.create_superuser("gone@example.com", "a long passphrase 1")
    User.objects.filter(pk=operator.pk).update(is_active=False)

    operator = User.objects.get(pk=operator.pk)

    assert not operator.has_perm(Permission.CONFIGURE)
    assert not operator.has_perm("core.change_user")


def test_createsuperuser_writes_an_audit_event(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a long passphrase 1")

    call_command("createsuperuser", "--no-input", "--email", "Break.Glass@example.com")

    operator = User.objects.get(email="break.glass@example.com")
    assert operator.is_superuser
    event = AuditEvent.objects.get(action="core.superuser_created")
    assert event.target_id == str(operator.pk)
    assert event.changes == {"email": "break.glass@example.com"}


def test_a_superuser_is_shown_on_the_person_page(admin_client):
    operator = User.objects.create_superuser("ops@example.com", "a long passphrase 1")
    person = make_person(account=False, email="ops@example.com")
    Person.objects.filter(pk=person.pk).update(user=operator)

    page = admin_client.get(reverse("org:person_detail", args=[person.pk])).content.decode()

    assert "Break-glass account" in page


def test_superusers_are_listed_for_it_security(client, personas):
    User.objects.create_superuser("ops@example.com", "a long passphrase 1")
    client.force_login(personas["it"])

    page = client.get(reverse("core:security_events")).content.decode()

    assert "ops@example.com" in page


def test_api_tokens_are_not_created_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:core_apitoken_add")).status_code == 403
    assert ApiToken.objects.count() == 0


def test_an_admin_list_shows_25_records_a_page(admin_client):
    for n in range(27):
        make_person(last_name=f"Person {n:02}")
    page = admin_client.get("/admin/org/person/?o=1").content.decode()
    assert page.count('<tr><td class="action-checkbox">') + page.count("<tr><th") == 25
    assert "?o=1&amp;p=2" in page


def test_a_stakeholder_groups_page_lists_its_concerns_and_touchpoints(admin_client):
    group = StakeholderGroup.objects.create(name="Works council", power=4, interest=5)
    Concern.objects.create(
        group=group, text="<b>Monitoring</b>?", raised_on="2026-03-02", response="Ruled out"
    )
    Concern.objects.create(group=group, text="Training", raised_on="2026-04-01")
    Touchpoint.objects.create(
        group=group, kind="meeting", summary="Kick-off", happened_on="2026-02-01"
    )
    empty = StakeholderGroup.objects.create(name="Interns", power=1, interest=2)

    page = admin_client.get(
        f"/admin/org/stakeholdergroup/{group.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert (
        "<ul><li>01/04/2026 · Open · Training</li>"
        "<li>02/03/2026 · Open · &lt;b&gt;Monitoring&lt;/b&gt;? → Ruled out</li></ul>"
    ) in page
    assert "<ul><li>01/02/2026 · Meeting · Kick-off</li></ul>" in page
    page = admin_client.get(f"/admin/org/stakeholdergroup/{empty.pk}/change/").content.decode()
    assert '<div class="readonly">–</div>' in page
