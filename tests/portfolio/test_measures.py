"""Quality requirements, KPIs, measurements and comments: the rules, the pages, the queries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tests.support.personas import make_user
from tests.support.portfolio import make_use_case
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import User
from wandel.core.roles import Role
from wandel.org.models import Person
from wandel.portfolio.measures import services as measure_services
from wandel.portfolio.measures.models import (
    Comment,
    Direction,
    Kpi,
    KpiMeasurement,
    QualityRequirement,
    RequirementStatus,
)
from wandel.portfolio.measures.queries import measures_context
from wandel.portfolio.measures.rules import KpiStatus, kpi_progress, kpi_status
from wandel.portfolio.measures.services import (
    COMMENT_REQUIRED,
    EVIDENCE_IN_FUTURE,
    EVIDENCE_REQUIRED,
    MEASURED_IN_FUTURE,
    TARGET_DATE_NOT_AFTER_BASELINE,
    TARGET_EQUALS_BASELINE,
    TARGET_NOT_ABOVE_BASELINE,
    TARGET_NOT_BELOW_BASELINE,
    MeasuresError,
    comment_add,
    kpi_add,
    measurement_record,
    requirement_add,
    requirement_update_status,
)
from wandel.portfolio.use_cases.models import UseCase
from wandel.portfolio.use_cases.services import PortfolioError

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = date(2025, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def use_case(owner: User) -> UseCase:
    use_case = make_use_case()
    use_case.product_owner = Person.objects.get(user=owner)
    use_case.save()
    return use_case


def add_kpi(use_case: UseCase, actor: User | None = None, **fields) -> Kpi:
    values = {
        "name": "Handling time",
        "unit_of_measure": "min",
        "direction": Direction.LOWER,
        "baseline_value": D(12),
        "baseline_date": date(2025, 1, 1),
        "target_value": D(8),
        "target_date": date(2025, 12, 31),
        **fields,
    }
    return kpi_add(use_case=use_case, actor=actor, **values)


def refused(message) -> pytest.RaisesExc:
    return pytest.raises(MeasuresError, match=re.escape(str(message)))


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Quality requirements --------------------------------------------------------------------


def test_a_new_requirement_is_not_yet_tested(use_case, owner):
    requirement = requirement_add(
        use_case=use_case, text="  No personal data in generated text ", actor=owner
    )
    assert requirement.text == "No personal data in generated text"
    assert requirement.status == RequirementStatus.NOT_TESTED


def test_a_requirement_needs_a_text_that_fits(use_case, owner):
    with refused(measure_services.REQUIREMENT_TEXT_REQUIRED):
        requirement_add(use_case=use_case, text="   ", actor=owner)
    with pytest.raises(MeasuresError, match="Acceptance criterion: "):
        requirement_add(use_case=use_case, text="x" * 301, actor=owner)
    assert not QualityRequirement.objects.exists()


@pytest.mark.parametrize("status", [RequirementStatus.MET, RequirementStatus.NOT_MET])
@pytest.mark.parametrize(
    ("note", "tested_on"), [("", TODAY), ("   ", TODAY), ("48 of 50 correct", None)]
)
def test_a_result_needs_a_note_and_a_date(use_case, owner, status, note, tested_on):
    requirement = requirement_add(use_case=use_case, text="≥ 90 % correct", actor=owner)
    with refused(EVIDENCE_REQUIRED):
        requirement_update_status(
            requirement=requirement,
            status=status,
            evidence_note=note,
            evidence_date=tested_on,
            actor=owner,
        )
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.NOT_TESTED


def test_a_requirement_is_met_with_its_evidence(use_case, owner):
    requirement = requirement_add(use_case=use_case, text="≥ 90 % correct", actor=owner)
    requirement_update_status(
        requirement=requirement,
        status=RequirementStatus.MET,
        evidence_note="46 of 50 answers rated correct",
        evidence_link="https://wiki.example.com/tests/42",
        evidence_date=date(2025, 6, 1),
        actor=owner,
    )
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.MET
    assert requirement.evidence_note == "46 of 50 answers rated correct"
    assert requirement.evidence_link == "https://wiki.example.com/tests/42"
    assert requirement.evidence_date == date(2025, 6, 1)


def test_back_to_not_tested_needs_no_evidence(use_case, owner):
    requirement = requirement_add(use_case=use_case, text="≥ 90 % correct", actor=owner)
    requirement_update_status(requirement=requirement, status="not_tested", actor=owner)
    assert requirement.status == RequirementStatus.NOT_TESTED


def test_evidence_cannot_be_dated_in_the_future_nor_link_nowhere(use_case, owner):
    requirement = requirement_add(use_case=use_case, text="≥ 90 % correct", actor=owner)
    evidence = {"status": "met", "evidence_note": "ok", "actor": owner}
    with refused(EVIDENCE_IN_FUTURE):
        requirement_update_status(
            requirement=requirement, evidence_date=TODAY + timedelta(days=1), **evidence
        )
    with pytest.raises(MeasuresError, match="Evidence link: "):
        requirement_update_status(
            requirement=requirement, evidence_date=TODAY, evidence_link="not a link", **evidence
        )
    with pytest.raises(MeasuresError, match="“maybe” is not a status"):
        requirement_update_status(requirement=requirement, status="maybe", actor=owner)
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.NOT_TESTED


# KPIs ------------------------------------------------------------------------------------


def test_a_kpi_starts_from_its_baseline(use_case, owner):
    kpi = add_kpi(use_case, owner, name=" Handling time ")
    assert kpi.name == "Handling time"
    assert kpi.direction == Direction.LOWER
    assert use_case.kpis.get() == kpi


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"target_value": D(12)}, TARGET_EQUALS_BASELINE),
        ({"target_value": D(14)}, TARGET_NOT_BELOW_BASELINE),
        ({"direction": Direction.HIGHER}, TARGET_NOT_ABOVE_BASELINE),
        ({"target_date": date(2025, 1, 1)}, TARGET_DATE_NOT_AFTER_BASELINE),
        ({"target_date": date(2024, 12, 31)}, TARGET_DATE_NOT_AFTER_BASELINE),
        ({"name": "  "}, measure_services.KPI_NAME_REQUIRED),
        ({"unit_of_measure": ""}, measure_services.KPI_NAME_REQUIRED),
    ],
)
def test_a_kpi_needs_a_target_that_is_better_and_later_than_its_baseline(
    use_case, owner, fields, message
):
    with refused(message):
        add_kpi(use_case, owner, **fields)
    assert not Kpi.objects.exists()


def test_a_kpi_refuses_values_that_do_not_fit_and_unknown_directions(use_case, owner):
    with pytest.raises(MeasuresError, match="Baseline: "):
        add_kpi(use_case, owner, baseline_value=D("1234567890123.5"))
    with pytest.raises(MeasuresError, match="“sideways” is not a direction"):
        add_kpi(use_case, owner, direction="sideways")
    assert not Kpi.objects.exists()


def test_refusals_are_portfolio_errors_for_the_api():
    assert issubclass(MeasuresError, PortfolioError)


# Measurements ----------------------------------------------------------------------------


def test_a_measurement_is_recorded_with_who_recorded_it(use_case, owner):
    kpi = add_kpi(use_case, owner)
    measurement = measurement_record(
        kpi=kpi, measured_on=date(2025, 3, 1), value=D("10.5"), note="pilot team", actor=owner
    )
    assert measurement.value == D("10.5")
    assert measurement.recorded_by == owner
    assert measurement.note == "pilot team"


def test_a_second_measurement_on_the_same_day_replaces_the_value(use_case, owner, admin):
    kpi = add_kpi(use_case, owner)
    measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D(11), note="a", actor=owner)
    again = measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D(10), actor=admin)
    assert KpiMeasurement.objects.count() == 1
    again.refresh_from_db()
    assert again.value == D(10)
    assert again.recorded_by == admin
    assert again.note == "a"  # recording again without a note keeps the old one
    measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D(9), note="b", actor=owner)
    again.refresh_from_db()
    assert (again.value, again.note) == (D(9), "b")


def test_a_measurement_before_the_baseline_date_is_refused_and_says_why(use_case, owner):
    kpi = add_kpi(use_case, owner)
    with pytest.raises(MeasuresError) as refusal:
        measurement_record(kpi=kpi, measured_on=date(2024, 12, 31), value=D(11), actor=owner)
    assert "before the KPI's baseline date (01/01/2025)" in str(refusal.value)
    assert not KpiMeasurement.objects.exists()


def test_the_baseline_day_itself_and_today_may_be_measured(use_case, owner):
    kpi = add_kpi(use_case, owner)
    measurement_record(kpi=kpi, measured_on=date(2025, 1, 1), value=D(12), actor=owner)
    measurement_record(kpi=kpi, measured_on=TODAY, value=D(9), actor=None)
    assert kpi.measurements.count() == 2


def test_a_measurement_cannot_be_dated_in_the_future_or_have_too_many_decimals(use_case, owner):
    kpi = add_kpi(use_case, owner)
    with refused(MEASURED_IN_FUTURE):
        measurement_record(kpi=kpi, measured_on=TODAY + timedelta(days=1), value=D(9), actor=owner)
    with pytest.raises(MeasuresError, match="Value: "):
        measurement_record(kpi=kpi, measured_on=TODAY, value=D("9.125"), actor=owner)
    with pytest.raises(MeasuresError, match="Value: "):
        measurement_record(kpi=kpi, measured_on=TODAY, value=D("NaN"), actor=owner)
    assert not KpiMeasurement.objects.exists()


# Comments --------------------------------------------------------------------------------


def test_a_comment_keeps_its_author_and_comments_read_oldest_first(use_case, owner, employee):
    first = comment_add(use_case=use_case, text="  Can we pilot in QM? ", actor=employee)
    second = comment_add(use_case=use_case, text="Yes, from July.", actor=owner)
    assert first.text == "Can we pilot in QM?"
    assert first.author == employee
    assert measures_context(use_case=use_case, user=owner)["comments"] == [first, second]


def test_an_empty_or_endless_comment_is_refused(use_case, employee):
    with refused(COMMENT_REQUIRED):
        comment_add(use_case=use_case, text=" \n ", actor=employee)
    with pytest.raises(MeasuresError, match="at most 4000 characters"):
        comment_add(use_case=use_case, text="x" * 4001, actor=employee)
    assert not Comment.objects.exists()


# Progress --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "direction", "expected"),
    [
        # higher is better
        ("100", "200", "100", "higher", "0"),
        ("100", "200", "150", "higher", "0.5"),
        ("100", "200", "200", "higher", "1"),
        ("100", "200", "250", "higher", "1.5"),
        ("100", "200", "50", "higher", "-0.5"),
        ("100", "200", "133.33", "higher", "0.3333"),
        ("-10", "10", "0", "higher", "0.5"),
        ("0", "0.5", "0.1", "higher", "0.2"),
        # lower is better
        ("120", "90", "120", "lower", "0"),
        ("120", "90", "105", "lower", "0.5"),
        ("120", "90", "90", "lower", "1"),
        ("120", "90", "80", "lower", "1.3333"),
        ("120", "90", "130", "lower", "-0.3333"),
        ("12.5", "8", "10", "lower", "0.5556"),
        ("5", "-5", "-10", "lower", "1.5"),
        # no way to go: no measurement, or a target that is no improvement
        ("100", "200", None, "higher", None),
        ("100", "200", "150", "lower", None),
        ("120", "90", "100", "higher", None),
        ("100", "100", "100", "higher", None),
    ],
)
def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    baseline, target, latest, direction, expected
):
    result = kpi_progress(D(baseline), D(target), D(latest) if latest else None, direction)
    assert result == (D(expected) if expected is not None else None)


amounts = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


@given(amounts, amounts, amounts)
def test_lower_is_better_is_higher_is_better_upside_down(baseline, target, latest):
    assert kpi_progress(baseline, target, latest, Direction.HIGHER) == kpi_progress(
        -baseline, -target, -latest, Direction.LOWER
    )


@given(amounts, amounts)
def test_the_baseline_is_no_progress_and_the_target_is_all_of_it(baseline, target):
    direction = Direction.HIGHER if target > baseline else Direction.LOWER
    if target == baseline:
        assert kpi_progress(baseline, target, baseline, direction) is None
        return
    assert kpi_progress(baseline, target, baseline, direction) == 0
    assert kpi_progress(baseline, target, target, direction) == 1


@pytest.mark.parametrize(
    ("progress", "measured_on", "expected"),
    [
        (None, date(2025, 6, 1), None),
        ("1", date(2025, 2, 1), KpiStatus.REACHED),
        ("1.2", date(2026, 6, 1), KpiStatus.REACHED),
        ("0.5", date(2025, 6, 1), KpiStatus.ON_TRACK),  # 151 of 364 days: 41 % expected
        ("0.3", date(2025, 6, 1), KpiStatus.BEHIND),
        ("0", date(2025, 1, 1), KpiStatus.ON_TRACK),
        ("-0.1", date(2025, 1, 1), KpiStatus.BEHIND),
        ("0.99", date(2026, 3, 1), KpiStatus.BEHIND),  # past the target date, not there
    ],
)
def test_status_compares_progress_with_a_straight_line_to_the_target(
    progress, measured_on, expected
):
    result = kpi_status(
        progress=D(progress) if progress is not None else None,
        baseline_date=date(2025, 1, 1),
        target_date=date(2025, 12, 31),
        measured_on=measured_on,
    )
    assert result == expected


# Pages -----------------------------------------------------------------------------------


def post(client: Client, user: User | None, name: str, pk: int, data: dict[str, str]):
    if user is not None:
        client.force_login(user)
    return client.post(reverse(f"portfolio:{name}", args=[pk]), data)


KPI_DATA = {
    "name": "Handling time",
    "unit_of_measure": "min",
    "direction": "lower",
    "baseline_value": "12",
    "baseline_date": "2025-01-01",
    "target_value": "8",
    "target_date": "2025-12-31",
}


def test_the_owner_adds_a_kpi_and_returns_to_it(client, use_case, owner):
    response = post(client, owner, "kpi_create", use_case.pk, KPI_DATA)
    kpi = Kpi.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/portfolio/{use_case.pk}/#kpi-{kpi.pk}"
    assert flashed(response) == ["KPI “Handling time” added."]


def test_the_owner_records_measurements_and_the_same_day_twice_replaces(client, use_case, owner):
    kpi = add_kpi(use_case, owner)
    post(client, owner, "measurement_create", kpi.pk, {"measured_on": "2025-03-01", "value": "11"})
    response = post(
        client, owner, "measurement_create", kpi.pk, {"measured_on": "2025-03-01", "value": "10,5"}
    )
    assert response.status_code == 302
    assert "Value: Enter a number." in flashed(response)
    response = post(
        client, owner, "measurement_create", kpi.pk, {"measured_on": "2025-03-01", "value": "10.5"}
    )
    assert response["Location"] == f"/portfolio/{use_case.pk}/#kpi-{kpi.pk}"
    assert flashed(response)[-1] == "Handling time: value for 01/03/2025 saved."
    assert list(kpi.measurements.values_list("value", flat=True)) == [D("10.5")]


def test_the_owner_adds_a_requirement_and_records_its_result(client, use_case, owner):
    response = post(client, owner, "requirement_create", use_case.pk, {"text": "No PII"})
    assert response["Location"] == f"/portfolio/{use_case.pk}/#requirements"
    requirement = QualityRequirement.objects.get()
    response = post(
        client,
        None,
        "requirement_update",
        requirement.pk,
        {"status": "met", "evidence_note": "Checked 200 outputs", "evidence_date": "2025-06-01"},
    )
    assert response["Location"] == f"/portfolio/{use_case.pk}/#requirement-{requirement.pk}"
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.MET


def test_a_manager_may_edit_any_use_case(client, use_case, steerco):
    response = post(client, steerco, "kpi_create", use_case.pk, KPI_DATA)
    assert response.status_code == 302
    assert Kpi.objects.count() == 1


@pytest.mark.parametrize("who", ["employee", "other_owner"])
@pytest.mark.parametrize(
    ("name", "target", "data"),
    [
        ("requirement_create", "use_case", {"text": "No PII"}),
        ("requirement_update", "requirement", {"status": "met", "evidence_note": "x"}),
        ("kpi_create", "use_case", KPI_DATA),
        ("measurement_create", "kpi", {"measured_on": "2025-03-01", "value": "9"}),
    ],
)
def test_only_managers_and_the_product_owner_change_measures(
    client, use_case, owner, who, name, target, data
):
    requirement = requirement_add(use_case=use_case, text="kept", actor=owner)
    kpi = add_kpi(use_case, owner)
    user = make_user(*(() if who == "employee" else (Role.PRODUCT_OWNER,)))
    pk = {"use_case": use_case.pk, "requirement": requirement.pk, "kpi": kpi.pk}[target]
    response = post(client, user, name, pk, {**data, "evidence_date": "2025-06-01"})
    assert response.status_code == 403
    assert QualityRequirement.objects.get().status == RequirementStatus.NOT_TESTED
    assert (QualityRequirement.objects.count(), Kpi.objects.count()) == (1, 1)
    assert not KpiMeasurement.objects.exists()


def test_every_employee_may_comment(client, use_case, employee):
    response = post(client, employee, "comment_create", use_case.pk, {"text": "Great idea"})
    assert response["Location"] == f"/portfolio/{use_case.pk}/#comments"
    assert flashed(response) == ["Comment added."]
    assert Comment.objects.get().author == employee


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_is_saved(client, use_case):
    response = post(client, None, "comment_create", use_case.pk, {"text": "Hello"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_the_forms_answer_post_only(client, use_case, owner):
    client.force_login(owner)
    assert client.get(reverse("portfolio:kpi_create", args=[use_case.pk])).status_code == 405


def test_unknown_objects_are_not_found(client, owner):
    for name in ("kpi_create", "measurement_create", "requirement_update", "comment_create"):
        assert post(client, owner, name, 999, {}).status_code == 404


@pytest.mark.parametrize(
    ("name", "target", "data", "message"),
    [
        ("kpi_create", "use_case", {**KPI_DATA, "target_value": "12"}, TARGET_EQUALS_BASELINE),
        ("kpi_create", "use_case", {**KPI_DATA, "name": ""}, "Name: This field is required."),
        (
            "measurement_create",
            "kpi",
            {"measured_on": "2024-12-31", "value": "9"},
            "before the KPI's baseline date (01/01/2025)",
        ),
        ("measurement_create", "kpi", {"measured_on": "", "value": "9"}, "Date: "),
        (
            "requirement_update",
            "requirement",
            {"status": "not_met", "evidence_date": "2025-06-01"},
            EVIDENCE_REQUIRED,
        ),
        ("requirement_create", "use_case", {"text": ""}, "Acceptance criterion: "),
        ("comment_create", "use_case", {"text": "   "}, "Comment: "),
    ],
)
def test_invalid_input_comes_back_as_error_messages_and_saves_nothing(
    client, use_case, owner, name, target, data, message
):
    requirement = requirement_add(use_case=use_case, text="kept", actor=owner)
    kpi = add_kpi(use_case, owner)
    pk = {"use_case": use_case.pk, "requirement": requirement.pk, "kpi": kpi.pk}[target]
    response = post(client, owner, name, pk, data)
    assert response.status_code == 302
    assert response["Location"] == f"/portfolio/{use_case.pk}/"
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert errors
    assert any(str(message) in str(m) for m in errors), [str(m) for m in errors]
    assert (QualityRequirement.objects.count(), Kpi.objects.count()) == (1, 1)
    assert QualityRequirement.objects.get().status == RequirementStatus.NOT_TESTED
    assert not KpiMeasurement.objects.exists()
    assert not Comment.objects.exists()


# The section on the use-case page --------------------------------------------------------


def render(use_case: UseCase, user: User) -> str:
    request = RequestFactory().get(use_case.get_absolute_url())
    request.user = user
    context = {**measures_context(use_case=use_case, user=user), "use_case": use_case}
    return render_to_string(
        "portfolio/_measures.html", {**context, "user": user, "request": request}, request=request
    )


def populate(use_case: UseCase, actor: User, *, count: int) -> None:
    for i in range(count):
        requirement = requirement_add(use_case=use_case, text=f"Requirement {i}", actor=actor)
        if i % 2:
            requirement_update_status(
                requirement=requirement,
                status="met",
                evidence_note="ok",
                evidence_date=TODAY,
                actor=actor,
            )
        kpi = add_kpi(use_case, actor, name=f"KPI {i}")
        for day in range(count):
            measurement_record(
                kpi=kpi,
                measured_on=date(2025, 2, 1) + timedelta(days=day),
                value=D(11) - D(day) / 10,
                actor=actor,
            )
        comment_add(use_case=use_case, text=f"Comment {i}", actor=make_user())


def test_the_section_shows_requirements_kpis_with_charts_and_comments(use_case, owner):
    populate(use_case, owner, count=2)
    html = render(use_case, owner)
    assert "Requirement 0" in html
    assert "1 met · 0 not met · 1 not yet tested" in html
    assert html.count('role="img"') == 2
    assert html.count('<circle class="measurement"') == 4
    assert "<title id=" in html
    assert "Comment 1" in html
    for name in ("requirement_create", "kpi_create", "comment_create"):
        assert reverse(f"portfolio:{name}", args=[use_case.pk]) in html
    kpi = Kpi.objects.first()
    assert reverse("portfolio:measurement_create", args=[kpi.pk]) in html


def test_without_edit_rights_only_the_comment_form_is_offered(use_case, owner, employee):
    populate(use_case, owner, count=1)
    html = render(use_case, employee)
    assert 'role="img"' in html
    assert "/requirements/" not in html
    assert "/kpis/" not in html
    assert reverse("portfolio:comment_create", args=[use_case.pk]) in html


def test_an_empty_section_invites_the_owner_to_start(use_case, owner):
    html = render(use_case, owner)
    assert "No quality requirements yet." in html
    assert "No KPIs yet." in html
    assert "No comments yet." in html
    assert '<details class="kpi-add" open>' in html


def test_the_chart_keeps_svg_numbers_plain_in_german_and_labels_german(use_case, owner):
    kpi = add_kpi(use_case, owner, baseline_value=D("12.5"))
    measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D("11.25"), actor=owner)
    measurement_record(kpi=kpi, measured_on=date(2025, 4, 1), value=D("10.75"), actor=owner)
    with translation.override("de"):
        html = render(use_case, owner)
    svg = html[html.index("<svg") : html.index("</svg>")]
    for attribute in re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy)="([^"]*)"', svg):
        float(attribute)
    assert re.search(r'points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"', svg)
    assert "11,25" in svg  # the value in the point's tooltip is German
    assert "Ausgangswert 12,50" in svg


def test_the_chart_has_a_text_alternative(use_case, owner):
    kpi = add_kpi(use_case, owner)
    measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D(10), actor=owner)
    html = render(use_case, owner)
    assert f'aria-labelledby="kpi-{kpi.pk}-title kpi-{kpi.pk}-desc"' in html
    assert "Handling time over time" in html
    assert "Baseline 12 min on 01/01/2025, target 8 min by 31/12/2025." in html
    assert "1 measurement, latest 10 min on 01/03/2025." in html
    assert "<caption" in html


def test_the_charts_words_are_escaped(use_case, owner):
    kpi = add_kpi(use_case, owner, name="<b>Zeit</b> & Co", unit_of_measure='"min"')
    measurement_record(kpi=kpi, measured_on=date(2025, 3, 1), value=D("9.5"), actor=owner)
    html = render(use_case, owner)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<b>" not in svg
    assert (
        f'<title id="kpi-{kpi.pk}-title">&lt;b&gt;Zeit&lt;/b&gt; &amp; Co over time</title>' in svg
    )
    assert "<title>01/03/2025: 9.50 &quot;min&quot;</title>" in svg
    assert ">Baseline 12</text>" in svg
    assert ">Target 8</text>" in svg


# One of each per requirement, KPI, measurement (a point of its chart) and comment.
ROW_MARKERS = (
    'class="requirement"',
    'class="kpi"',
    '<circle class="measurement"',
    'class="comment"',
)


def measures_shown(response) -> int:
    page = response.content.decode()
    return sum(page.count(marker) for marker in ROW_MARKERS)


def test_the_measures_on_the_use_case_page_do_not_grow_the_queries(client, use_case, owner):
    populate(use_case, owner, count=1)
    client.force_login(owner)
    assert_queries_do_not_grow(
        client,
        use_case.get_absolute_url(),
        grow=lambda: populate(use_case, owner, count=12),
        shows=measures_shown,
    )


def test_measures_context_alone_needs_a_handful_of_queries(use_case, owner):
    populate(use_case, owner, count=8)
    use_case = UseCase.objects.get(pk=use_case.pk)
    owner = User.objects.get(pk=owner.pk)
    with CaptureQueriesContext(connection) as context:
        measures_context(use_case=use_case, user=owner)
    # Requirements, KPIs, their measurements, comments with their authors and the product
    # owner, plus the user's roles and permissions (looked up once per request).
    assert len(context) <= 8, "\n".join(q["sql"][:120] for q in context.captured_queries)
