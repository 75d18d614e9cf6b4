"""The ``demo`` command and loads of other sizes: each test starts from an empty database
and loads what it needs itself (the small demo's content is read in test_demo.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.support.demo import DEMO_LOGINS, counts
from tests.support.personas import make_person
from wandel.demo.base import DemoSize
from wandel.demo.generator import load_demo
from wandel.demo.management.commands import demo as demo_command
from wandel.org.models import Person, StakeholderGroup, Unit
from wandel.portfolio.use_cases.models import UseCase


def test_the_demo_command_prints_the_address_and_the_logins(db):
    out = StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    assert "wandel-demo" in text
    for email in DEMO_LOGINS:
        assert email in text
    assert "Programme admin" in text
    assert "Works council" in text
    assert Person.objects.count() == 250


def test_running_the_demo_command_again_duplicates_nothing(db):
    call_command("demo", "--no-serve", stdout=StringIO())
    before = counts()
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "already loaded" in out.getvalue()
    assert counts() == before


def test_reset_rebuilds_the_demo_from_scratch(transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    before = counts()
    employee = Person.objects.get(email="employee@example.com")
    employee.last_name = "Geändert"
    employee.save()
    gone = Person.objects.filter(user__isnull=True, roles__isnull=True).first()
    gone_email = gone.email
    gone.delete()

    call_command("demo", "--no-serve", "--reset", stdout=StringIO())

    assert {k: v for k, v in counts().items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"
    }
    assert Person.objects.get(email="employee@example.com").last_name == "Schneider"
    assert Person.objects.filter(email=gone_email).exists()
    call_command("audit", "verify", stdout=StringIO())


def test_the_demo_command_serves_with_the_given_options(db, monkeypatch):
    served = []
    monkeypatch.setattr(demo_command, "serve", lambda **options: served.append(options))
    out = StringIO()
    call_command("demo", "--host", "::1", "--port", "9000", "--workers", "2", stdout=out)
    assert served == [{"host": "::1", "port": 9000, "workers": 2}]
    assert "http://[::1]:9000/" in out.getvalue()


def test_a_mid_sized_demo_loads_a_deeper_tree_through_the_import(db):
    assert load_demo(DemoSize(units=60, people=1500)) is True
    assert Unit.objects.count() == 60
    assert Person.objects.count() == 1500
    assert Unit.objects.filter(parent__isnull=True).count() == 1
    assert Unit.objects.filter(parent__parent__parent__isnull=False).exists()
    assert StakeholderGroup.objects.count() == 10
    assert authenticate(username="owner@example.com", password="wandel-demo") is not None
    # The portfolio's use cases, and the idea the feedback box promoted to one.
    assert UseCase.objects.count() == 225 + 1
    call_command("audit", "verify", stdout=StringIO())


def test_a_demo_load_that_stopped_half_way_asks_for_a_reset(db):
    make_person(email="admin@example.com")
    with pytest.raises(CommandError, match="wandel demo --reset"):
        call_command("demo", "--no-serve", stdout=StringIO())
