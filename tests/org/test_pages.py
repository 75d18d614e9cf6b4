"""The org pages: tree, directory, person, stakeholders — and queries that do not grow with data."""

from __future__ import annotations

import re

import pytest

from tests.support.api import bearer
from tests.support.personas import make_person, make_unit, make_user
from tests.support.queries import api_items, api_rows, assert_queries_do_not_grow
from wandel.core.roles import Role
from wandel.org.models import Concern, StakeholderGroup, Touchpoint, Unit
from wandel.org.services import unit_create, unit_update
from wandel.org.stakeholders import Strategy, strategy

pytestmark = pytest.mark.django_db


def populate(units: int, people_per_unit: int, groups: int) -> None:
    parent = make_unit(name="Top")
    for _ in range(units):
        unit = make_unit(parent=parent)
        for p in range(people_per_unit):
            make_person(unit=unit, account=p == 0, roles=(Role.TRAINER,) if p == 0 else ())
    for g in range(groups):
        group = StakeholderGroup.objects.create(
            name=f"Group {units}-{g}", power=1 + g % 5, interest=1 + (g * 3) % 5
        )
        group.units.add(parent)
        Concern.objects.create(group=group, text="c")
        Touchpoint.objects.create(group=group, kind="meeting", summary="s")


def figures_total(response) -> int:
    """The sum of the key figures on the overview (people, units, groups ...)."""
    return sum(int(n) for n in re.findall(r"<strong>(\d+)</strong>", response.content.decode()))


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/", figures_total),
        ("/org/units/", 'class="tree-depth-'),
        ("/org/people/", 'href="/org/people/'),
        ("/org/people/?q=Person", 'href="/org/people/'),
        ("/org/stakeholders/", 'href="/org/stakeholders/'),
    ],
)
def test_pages_use_the_same_number_of_queries_for_more_data(admin_client, url, shows):
    populate(units=2, people_per_unit=2, groups=2)
    assert_queries_do_not_grow(
        admin_client,
        url,
        grow=lambda: populate(units=12, people_per_unit=8, groups=12),
        shows=shows,
    )


def test_the_audit_log_uses_the_same_number_of_queries_for_more_events(admin_client, admin):
    unit_create(actor=admin, code="A0", name="First", parent=None)

    def grow() -> None:
        parent = Unit.objects.get(code="A0")
        for number in range(1, 30):
            unit = unit_create(actor=admin, code=f"A{number}", name=f"Unit {number}", parent=parent)
            unit_update(
                unit=unit, actor=admin, code=unit.code, name=f"Renamed {number}", parent=parent
            )

    _small, large = assert_queries_do_not_grow(
        admin_client, "/audit/", grow=grow, shows="<td><time"
    )
    assert large.shown == 25  # a full page: 58 more events than before


def test_the_unit_page_uses_the_same_number_of_queries_for_a_larger_deeper_unit(admin_client):
    small_unit = make_unit(name="Small")
    make_person(unit=small_unit)

    def grow() -> str:
        parent = make_unit(name="Top")
        for depth in range(3):
            parent = make_unit(name=f"Level {depth}", parent=parent)
        large_unit = make_unit(name="Large", parent=parent)
        for number in range(6):
            make_unit(name=f"Sub-unit {number}", parent=large_unit)
        for number in range(12):
            make_person(
                unit=large_unit, account=number % 2 == 0, roles=(Role.TRAINER,) * (number % 3 == 0)
            )
        return f"/org/units/{large_unit.pk}/"

    def people_and_sub_units(response) -> int:
        page = response.content.decode()
        return page.count('href="/org/people/') + page.count('href="/org/units/')

    small, large = assert_queries_do_not_grow(
        admin_client,
        f"/org/units/{small_unit.pk}/",
        grow=grow,
        shows=people_and_sub_units,
    )
    assert large.shown - small.shown == 11 + 6 + 4  # people, sub-units, ancestors


def test_person_detail_queries_do_not_grow_with_role_history(admin_client, admin):
    person = make_person(roles=(Role.TRAINER,))

    def grow() -> None:
        for role in (Role.ETHICS_BOARD, Role.WORKS_COUNCIL, Role.PRODUCT_OWNER, Role.IT_SECURITY):
            person.roles.create(role=role, assigned_on="2021-01-01", ended_on="2022-01-01")

    assert_queries_do_not_grow(admin_client, f"/org/people/{person.pk}/", grow=grow, shows="2022")


def test_the_api_list_uses_the_same_number_of_queries_for_more_data(client, admin):
    populate(units=1, people_per_unit=3, groups=0)
    assert_queries_do_not_grow(
        client,
        "/api/v1/people",
        grow=lambda: populate(units=5, people_per_unit=20, groups=0),
        shows=api_items,
        headers=bearer(admin),
    )


def test_the_unit_tree_lists_children_below_their_parent(admin_client):
    top = make_unit(name="Geschäftsführung")
    sales = make_unit(name="Vertrieb", parent=top)
    make_unit(name="Kundenservice", parent=sales)
    make_unit(name="Aaa-Einkauf", parent=top)

    page = admin_client.get("/org/units/").content.decode()

    order = [
        page.index(name)
        for name in ("Geschäftsführung", "Aaa-Einkauf", "Vertrieb", "Kundenservice")
    ]
    assert order == sorted(order)
    assert 'class="tree-depth-2"' in page


def test_the_unit_tree_is_read_a_page_at_a_time_in_tree_order(admin_client):
    top = make_unit(name="Aaa Zentrale")  # before the units the admin's account brings
    branches = [make_unit(name=f"Bereich {n:02d}", parent=top) for n in range(15)]
    for branch in branches:
        make_unit(name=f"Team von {branch.name}", parent=branch)
    make_person(unit=branches[0])
    left = make_person(unit=branches[0])
    left.active = False
    left.save()

    first = admin_client.get("/org/units/")
    second = admin_client.get("/org/units/?page=2")

    # 31 units of the tree: the top, then each branch followed by its team.
    names = [node.unit.name for node in first.context["nodes"]]
    assert names[:4] == ["Aaa Zentrale", "Bereich 00", "Team von Bereich 00", "Bereich 01"]
    assert len(names) == 25
    assert [node.depth for node in first.context["nodes"]][:3] == [0, 1, 2]
    assert [node.people for node in first.context["nodes"]][:3] == [0, 1, 0]
    later = [node.unit.name for node in second.context["nodes"]]
    assert later[:2] == ["Bereich 12", "Team von Bereich 12"]
    assert "Team von Bereich 14" in later
    assert len(later) == Unit.objects.count() - 25
    assert 'rel="next"' in first.content.decode()


def test_a_unit_cannot_be_moved_below_its_own_sub_unit(admin_client):
    top = make_unit(code="T", name="Top")
    child = make_unit(code="C", name="Child", parent=top)
    response = admin_client.post(
        f"/org/units/{top.pk}/edit/", {"code": "T", "name": "Top", "parent": child.pk}
    )
    assert response.status_code == 200
    assert "cannot sit below itself" in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_a_person_can_be_edited_but_not_given_someone_elses_email(admin_client):
    anna = make_person(email="anna@example.com", account=False)
    bert = make_person(email="bert@example.com", account=False)
    data = {
        "employee_id": bert.employee_id,
        "first_name": "Bert",
        "last_name": "Neu",
        "email": "ANNA@example.com",
        "unit": bert.unit_id,
        "language": "",
        "active": "on",
    }
    response = admin_client.post(f"/org/people/{bert.pk}/edit/", data)
    assert "already has this e-mail address" in response.content.decode()
    data["email"] = "bert.neu@example.com"
    assert admin_client.post(f"/org/people/{bert.pk}/edit/", data).status_code == 302
    bert.refresh_from_db()
    assert (bert.last_name, bert.email) == ("Neu", "bert.neu@example.com")
    assert anna.email == "anna@example.com"


def test_people_search_finds_by_name_and_filters_by_unit(admin_client):
    it = make_unit(name="IT")
    make_person(first_name="Ida", last_name="Icks", unit=it, account=False)
    make_person(first_name="Otto", last_name="Oh", unit=make_unit(name="Vertrieb"), account=False)

    page = admin_client.get("/org/people/?q=icks").content.decode()
    assert "Icks, Ida" in page
    assert "Oh, Otto" not in page
    page = admin_client.get(f"/org/people/?unit={it.pk}").content.decode()
    assert "Icks, Ida" in page
    assert "Oh, Otto" not in page


def test_people_search_answers_htmx_with_only_the_results(admin_client):
    response = admin_client.get("/org/people/?q=x", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "<table" in content


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 5, Strategy.MANAGE_CLOSELY),
        (3, 3, Strategy.MANAGE_CLOSELY),
        (5, 1, Strategy.KEEP_SATISFIED),
        (3, 2, Strategy.KEEP_SATISFIED),
        (2, 3, Strategy.KEEP_INFORMED),
        (1, 5, Strategy.KEEP_INFORMED),
        (2, 2, Strategy.MONITOR),
        (1, 1, Strategy.MONITOR),
    ],
)
def test_the_grid_quadrant_gives_the_engagement_strategy(power, interest, expected):
    assert strategy(power=power, interest=interest) == expected


def test_the_grid_draws_high_power_high_interest_top_right(admin_client):
    from wandel.org.queries import power_interest_grid

    high = StakeholderGroup(pk=1, name="High", power=5, interest=5)
    low = StakeholderGroup(pk=2, name="Low", power=1, interest=1)
    grid = power_interest_grid([high, low])
    top_right, bottom_left = grid.points
    assert top_right.x > grid.divider_x > bottom_left.x
    assert top_right.y < grid.divider_y < bottom_left.y


def test_two_groups_with_the_same_scores_do_not_hide_each_other():
    from wandel.org.queries import power_interest_grid

    a = StakeholderGroup(pk=1, name="A", power=4, interest=4)
    b = StakeholderGroup(pk=2, name="B", power=4, interest=4)
    first, second = power_interest_grid([a, b]).points
    assert (first.x, first.y) != (second.x, second.y)


def test_a_concern_is_answered_and_a_touchpoint_recorded(admin_client):
    group = StakeholderGroup.objects.create(name="Betriebsrat", power=5, interest=5)
    admin_client.post(
        f"/org/stakeholders/{group.pk}/concerns/",
        {"text": "Leistungskontrolle?", "raised_on": "2026-10-01"},
    )
    concern = group.concerns.get()
    response = admin_client.post(
        f"/org/concerns/{concern.pk}/", {"status": "addressed", "response": ""}, follow=True
    )
    assert "Say how the concern was addressed." in response.content.decode()
    admin_client.post(
        f"/org/concerns/{concern.pk}/",
        {"status": "addressed", "response": "Nur Aggregate ab 5 Personen."},
    )
    concern.refresh_from_db()
    assert concern.status == "addressed"

    admin_client.post(
        f"/org/stakeholders/{group.pk}/touchpoints/",
        {"happened_on": "2026-10-02", "kind": "meeting", "summary": "Vorstellung"},
    )
    touchpoint = group.touchpoints.get()
    assert touchpoint.recorded_by.email == "admin@example.com"


def test_a_product_owner_may_log_touchpoints_but_not_edit_groups(client):
    group = StakeholderGroup.objects.create(name="Vertrieb", power=2, interest=4)
    client.force_login(make_user(Role.PRODUCT_OWNER))
    assert (
        client.post(
            f"/org/stakeholders/{group.pk}/touchpoints/",
            {"happened_on": "2026-10-02", "kind": "workshop", "summary": "Ideen"},
        ).status_code
        == 302
    )
    assert client.get(f"/org/stakeholders/{group.pk}/edit/").status_code == 403


def test_the_grid_coordinates_are_plain_numbers_in_german_too(admin_client):
    import re

    StakeholderGroup.objects.create(name="Betriebsrat", power=4, interest=5)
    page = admin_client.get("/org/stakeholders/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    start = page.index('<svg class="grid-chart')
    svg = page[start : page.index("</svg>", start)]
    coordinates = re.findall(r'\b(?:x|y|cx|cy|x1|x2|y1|y2)="([^"]*)"', svg)
    assert coordinates
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates


def test_marking_a_person_as_left_on_the_page_closes_their_account(admin_client):
    person = make_person(email="leaver@example.com")
    data = {
        "employee_id": person.employee_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "unit": person.unit_id,
        "language": "",
    }
    assert admin_client.post(f"/org/people/{person.pk}/edit/", data).status_code == 302
    person.user.refresh_from_db()
    assert not person.user.is_active


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units",
        "/api/v1/people?active=all&q=Person",
        "/api/v1/people/{person}/roles",
        "/api/v1/stakeholder-groups",
        "/api/v1/stakeholder-groups/{group}",
        "/api/v1/audit-events",
    ],
)
def test_the_api_reads_use_the_same_number_of_queries_for_more_data(client, admin, path):
    from django.db import transaction

    from wandel.core.audit import audit_record

    populate(units=1, people_per_unit=3, groups=2)
    group = StakeholderGroup.objects.order_by("pk").first()
    person = make_person(roles=(Role.TRAINER, Role.ETHICS_BOARD))

    def grow() -> None:
        populate(units=5, people_per_unit=10, groups=8)
        for _ in range(5):
            Concern.objects.create(group=group, text="more")
            Touchpoint.objects.create(
                group=group, kind="meeting", summary="more", recorded_by=admin
            )
            person.roles.create(
                role=Role.WORKS_COUNCIL, assigned_on="2020-01-01", ended_on="2021-01-01"
            )
            with transaction.atomic():
                audit_record(actor=admin, action="test.thing", target=person)

    assert_queries_do_not_grow(
        client,
        path.format(group=group.pk, person=person.pk),
        grow=grow,
        shows=api_rows,
        headers=bearer(admin),
    )
