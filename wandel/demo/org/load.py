"""Loading the demo's organisation: its people as one HR export through ``people_import``,
their accounts and roles, and the stakeholder groups, each through the org services, so the
demo obeys the same rules and fills the audit log like a real organisation.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from wandel.core.models import User
from wandel.demo.base import DemoRun
from wandel.demo.org.accounts import ADMIN, LOGINS, PASSWORD
from wandel.demo.org.company import company, names
from wandel.demo.org.plan import OrganisationPlan, check_size, organisation_plan
from wandel.demo.org.stakeholders import HEAD, stakeholder_groups
from wandel.org.imports import people_import
from wandel.org.models import Person, Unit
from wandel.org.services import (
    account_create,
    concern_add,
    concern_answer,
    role_assign,
    role_end,
    stakeholder_group_create,
    touchpoint_record,
)


def check_organisation(run: DemoRun) -> None:
    """The size fits, and the organisation's content files can be read."""
    check_size(run.size)
    company()
    names()
    stakeholder_groups()


def setup_organisation(run: DemoRun) -> None:
    """The people, their accounts and roles, and the stakeholder groups."""
    plan = organisation_plan(run.size, seed=run.seed)
    run.say(f"Importing {len(plan.people)} people in {len(plan.units)} units …\n")
    people_import(content=plan.people_csv(), file_name=f"demo-{run.name}.csv", actor=None)
    run.say(f"Creating {len(LOGINS)} demo accounts and {len(plan.roles)} role assignments …\n")
    admin = _accounts_and_roles(plan)
    run.say(f"Adding {len(stakeholder_groups())} stakeholder groups …\n")
    _stakeholder_groups(plan, admin)


def organisation_present() -> bool:
    """Whether the demo's programme admin is there (as a person or an account)."""
    return (
        User.objects.filter(email__iexact=ADMIN).exists()
        or Person.objects.filter(email__iexact=ADMIN).exists()
    )


def _accounts_and_roles(plan: OrganisationPlan) -> User:
    emails = {login.email for login in LOGINS} | {role.email for role in plan.roles}
    people = {p.email: p for p in Person.objects.filter(email__in=emails)}
    # A password hash costs a third of a second by design. The demo password is public, so
    # the accounts share one hash instead of spending seconds on nine.
    password = make_password(PASSWORD)
    # The programme admin sets up everyone else, so the audit log names them as the actor.
    admin = _account(people[ADMIN], actor=None, password=password)
    for login in LOGINS[1:]:
        _account(people[login.email], actor=admin, password=password)
    today = timezone.localdate()
    for role in sorted(plan.roles, key=lambda r: -r.assigned_days_ago):
        actor = None if role.email == ADMIN else admin
        assignment = role_assign(
            person=people[role.email],
            role=role.role,
            actor=actor,
            assigned_on=today - timedelta(days=role.assigned_days_ago),
            note=role.note,
        )
        if role.ended_days_ago is not None:
            role_end(
                assignment=assignment,
                actor=admin,
                ended_on=today - timedelta(days=role.ended_days_ago),
            )
    return admin


def _account(person: Person, *, actor: User | None, password: str) -> User:
    user = account_create(person=person, actor=actor)
    user.password = password
    user.save(update_fields=["password"])
    return user


def _stakeholder_groups(plan: OrganisationPlan, admin: User) -> None:
    today = timezone.localdate()
    groups = stakeholder_groups()
    units = {u.code: u for u in Unit.objects.filter(code__in=[b.code for b in company().units])}
    contacts = {spec.contact: _contact_email(plan, spec.contact) for spec in groups}
    people = {p.email: p for p in Person.objects.filter(email__in=contacts.values())}
    for spec in groups:
        group = stakeholder_group_create(
            actor=admin,
            name=spec.name,
            description=spec.description,
            power=spec.power,
            interest=spec.interest,
            adkar_stage=spec.adkar_stage,
            units=[units[code] for code in spec.units],
            contact=people[contacts[spec.contact]],
        )
        for concern in spec.concerns:
            added = concern_add(
                group=group,
                text=concern.text,
                raised_on=today - timedelta(days=concern.days_ago),
                actor=admin,
            )
            if concern.response:
                concern_answer(concern=added, response=concern.response, actor=admin)
        for touchpoint in spec.touchpoints:
            touchpoint_record(
                group=group,
                kind=touchpoint.kind,
                summary=touchpoint.summary,
                outcome=touchpoint.outcome,
                actor=admin,
                happened_on=today - timedelta(days=touchpoint.days_ago),
            )


def _contact_email(plan: OrganisationPlan, contact: str) -> str:
    if contact.startswith(HEAD):
        return plan.heads[contact.removeprefix(HEAD)].email
    return contact
