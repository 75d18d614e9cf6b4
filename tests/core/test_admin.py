"""The Django admin is the programme admins' configuration tool, not a back door."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import transaction
from django.urls import reverse

from tests.personas import make_person
from wandel.core.audit import audit_record
from wandel.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_registered_model_lists_and_opens_for_an_admin(admin_client):
    make_person()
    with transaction.atomic():
        audit_record(actor=None, action="test.thing")
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url
        first = model.objects.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert admin_client.get(change).status_code == 200, change


def test_audit_events_cannot_be_edited_or_deleted_in_the_admin(admin_client):
    with transaction.atomic():
        event = audit_record(actor=None, action="test.thing", changes={"a": 1})
    change = reverse("admin:core_auditevent_change", args=[event.pk])
    admin_client.post(change, {"action": "forged"})
    delete = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "test.thing"
    assert AuditEvent.objects.count() == 1


def test_people_without_the_admin_role_are_sent_to_the_admin_sign_in(client, personas):
    for name, user in personas.items():
        if name == "admin":
            continue
        client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302, name
        assert "/admin/login/" in response["Location"]
