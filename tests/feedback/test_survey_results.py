"""The results of the hand-written ADKAR wave (``survey_data``): figures, what is withheld
and why, released steps while open, free text, trends, the page, exports and the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from tests.support.personas import make_user
from tests.support.queries import assert_queries_do_not_grow
from tests.support.surveys import UNITS, adkar, adkar_survey, adkar_wave, many, respond, wave_of
from wandel.core.models import AnonymityPolicy, AuditEvent
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Response, WaveStatus
from wandel.feedback.surveys.results import (
    ResultsRefused,
    responses_release,
    survey_trend,
    wave_results,
)

pytestmark = pytest.mark.django_db

FLOOR = 5


def by_key(results):
    return {group.key: group for group in results.groups}


def test_the_whole_wave_counts_every_response_and_its_figures_are_the_hand_counted_ones():
    results = wave_results(adkar_wave(), floor=FLOOR)

    assert results.total.n == 38
    awareness = results.total.figure("awareness")
    assert awareness.answered == 38
    assert awareness.mean == 3.7  # 142 / 38
    assert [(o.value, o.count, o.percent) for o in awareness.options] == [
        ("1", 4, 11),
        ("2", 2, 5),
        ("3", 2, 5),
        ("4", 22, 58),
        ("5", 8, 21),
    ]
    assert results.total.figure("desire").mean == 3.0
    nps = results.total.figure("nps")
    assert (nps.answered, nps.mean) == (13, 8.1)  # (5·10 + 5·8 + 0 + 5 + 10) / 13
    uses = results.total.figure("uses")
    assert uses.answered == 33
    assert [(o.value, o.label, o.count, o.percent) for o in uses.options] == [
        ("drafting", "Drafting texts", 15, 45),
        ("search", "Finding information", 14, 42),
        ("code", "Writing code", 10, 30),
    ]
    assert uses.mean is None


def test_by_unit_a_small_unit_is_withheld_and_so_is_the_next_smallest():
    results = wave_results(adkar_wave(), floor=FLOOR, group_by="unit")
    groups = by_key(results)

    assert list(groups) == ["FIN", "HR", "IT", "OPS", "SAL"]
    # HR (3) and Finance (none of 4 people) are small; together 3, so IT (8) goes too.
    assert [key for key, group in groups.items() if group.suppressed] == ["FIN", "HR", "IT"]
    assert groups["HR"].figures == []
    assert groups["SAL"].n == 12
    assert groups["SAL"].label == "Sales"
    assert groups["SAL"].figure("awareness").mean == 3.5
    assert groups["OPS"].figure("awareness").mean == 4.3
    assert groups["SAL"].figure("knowledge").mean == 2.0
    assert results.total.n == 38


def test_a_question_few_answered_in_a_group_is_withheld_with_a_complement_of_its_own():
    groups = by_key(wave_results(adkar_wave(), floor=FLOOR, group_by="unit"))

    # Three in Operations gave an NPS: withheld; the units withheld anyway gave none, so
    # Sales' NPS goes too, else 13 - 10 would show Operations' three.
    assert groups["OPS"].figure("nps").suppressed
    assert groups["SAL"].figure("nps").suppressed
    assert groups["SAL"].figure("uses").answered == 12
    assert [(o.value, o.count, o.percent) for o in groups["SAL"].figure("uses").options] == [
        ("drafting", 12, 100),
        ("search", 6, 50),
        ("code", 0, 0),
    ]
    assert [(o.value, o.count) for o in groups["OPS"].figure("uses").options] == [
        ("drafting", 0),
        ("search", 0),
        ("code", 10),
    ]


def test_filters_to_a_small_unit_or_its_complement_are_refused_and_to_a_large_one_allowed():
    wave = adkar_wave()
    with pytest.raises(ResultsRefused) as small:
        wave_results(wave, floor=FLOOR, unit="HR")
    assert small.value.code == "small"
    with pytest.raises(ResultsRefused) as remainder:
        wave_results(wave, floor=FLOOR, unit="IT")
    assert remainder.value.code == "remainder"
    sales = wave_results(wave, floor=FLOOR, unit="SAL")
    assert sales.total.n == 12
    assert sales.total.label == "Sales"


def test_views_the_survey_does_not_offer_are_refused():
    wave = adkar_wave()
    for view in ({"group_by": "role"}, {"role": "employee"}, {"group_by": "colour"}):
        with pytest.raises(ResultsRefused) as refused:
            wave_results(wave, floor=FLOOR, **view)
        assert refused.value.code == "dimension"
    with pytest.raises(ResultsRefused) as twice:
        wave_results(wave, floor=FLOOR, group_by="unit", unit="SAL")
    assert twice.value.code == "twice"
    with pytest.raises(ResultsRefused):
        wave_results(wave, floor=FLOOR, unit="NOPE")
    with pytest.raises(ResultsRefused):
        wave_results(wave, floor=FLOOR, question="nope")


def test_the_floor_raises_k_for_every_survey():
    wave = adkar_wave()
    results = wave_results(wave, floor=13, group_by="unit")
    assert results.k == 13
    # Only Operations (15) reaches 13; the other four hold 23 together.
    assert [g.key for g in results.groups if not g.suppressed] == ["OPS"]
    assert results.total.n == 38


def test_free_text_is_shown_for_the_whole_wave_from_ten_answers_and_never_by_unit():
    wave = adkar_wave()
    whole = wave_results(wave, floor=FLOOR)
    assert [block.key for block in whole.comments] == ["comment"]
    assert sorted(whole.comments[0].answers) == sorted(
        [f"Sales comment {n}" for n in range(1, 7)]
        + [f"Operations comment {n}" for n in range(1, 6)]
    )
    assert wave_results(wave, floor=FLOOR, group_by="unit").comments == []
    assert wave_results(wave, floor=FLOOR, unit="SAL").comments == []
    # With a threshold of 12, eleven comments are not enough.
    wave.survey.comment_threshold = 12
    wave.survey.save()
    assert wave_results(wave, floor=FLOOR).comments == []


def test_an_open_wave_shows_the_whole_wave_only_in_steps_of_k(django_capture_on_commit_callbacks):
    survey = adkar_survey()
    wave = wave_of(survey, status=WaveStatus.OPEN, groups=[("SAL", "Sales", "", 40)])
    from django.db import transaction

    def answer(value: int) -> None:
        with transaction.atomic():
            respond(wave, "SAL", adkar(value, 3, 3, 3, 3))
            responses_release(wave=wave, k=5)

    for _n in range(4):
        answer(4)
    assert wave_results(wave, floor=FLOOR).total.suppressed
    answer(4)
    five = wave_results(wave, floor=FLOOR)
    assert (five.total.n, five.counted, five.received) == (5, 5, 5)
    assert five.total.figure("awareness").mean == 4.0
    answer(1)  # the sixth: nothing moves
    six = wave_results(wave, floor=FLOOR)
    assert (six.total.n, six.received) == (5, 6)
    assert six.total.figure("awareness").mean == 4.0
    for _n in range(4):
        answer(1)
    ten = wave_results(wave, floor=FLOOR)
    assert ten.total.n == 10
    assert ten.total.figure("awareness").mean == 2.5
    with pytest.raises(ResultsRefused) as refused:
        wave_results(wave, floor=FLOOR, group_by="unit")
    assert refused.value.code == "open"
    assert Response.objects.filter(wave=wave, released=False).count() == 0


def test_closing_releases_what_waits():
    survey = adkar_survey()
    wave = wave_of(survey, status=WaveStatus.OPEN, groups=[("SAL", "Sales", "", 40)])
    for _n in range(7):
        respond(wave, "SAL", adkar(4, 4, 4, 4, 4))
    from django.db import transaction

    with transaction.atomic():
        assert responses_release(wave=wave, k=5) == 7
    wave.status = WaveStatus.CLOSED
    wave.save()
    respond(wave, "SAL", adkar(4, 4, 4, 4, 4))
    with transaction.atomic():
        assert responses_release(wave=wave, k=5) == 1
    assert wave_results(wave, floor=FLOOR).total.n == 8


def test_the_trend_shows_each_wave_from_k_responses():
    survey = adkar_survey()
    first = wave_of(survey, number=1, groups=[("SAL", "Sales", "", 40)])
    for value in (2, 2, 3, 3, 5):
        respond(first, "SAL", adkar(value, 3, 3, 3, 3))
    second = wave_of(survey, number=2, groups=[("SAL", "Sales", "", 40)])
    for value in (4, 4, 4, 5, 5, 5):
        respond(second, "SAL", adkar(value, 4, 4, 4, 4))
    third = wave_of(survey, number=3, groups=[("SAL", "Sales", "", 40)])
    for value in (1, 1):
        respond(third, "SAL", adkar(value, 1, 1, 1, 1))
    wave_of(survey, number=4, status=WaveStatus.PLANNED)

    trend = survey_trend(survey, floor=FLOOR)
    assert [(p.wave.number, p.n) for p in trend] == [(1, 5), (2, 6), (3, None)]
    assert trend[0].means["awareness"] == 3.0
    assert trend[1].means["awareness"] == 4.5
    assert trend[1].means["desire"] == 4.0
    assert trend[2].means == {}
    # The NPS nobody gave is withheld, not zero.
    assert trend[0].means["nps"] is None


# The page, the exports and the API ------------------------------------------------------


@pytest.fixture
def reader(client):
    user = make_user(Role.WORKS_COUNCIL)
    client.force_login(user)
    return user


def test_the_page_shows_the_heat_map_with_small_units_withheld_and_records_the_look(
    client, reader, django_assert_max_num_queries
):
    wave = adkar_wave()
    url = reverse("feedback:survey_results", args=[wave.survey_id])
    with django_assert_max_num_queries(30):
        page = client.get(url, {"group_by": "unit"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="adkar-heat"' in html
    assert html.count("too few responses") >= 3
    assert "Sales comment" not in html
    event = AuditEvent.objects.filter(action="feedback.results_viewed").get()
    assert event.actor == reader
    assert event.changes["group_by"] == "unit"
    assert event.changes["wave"] == 1


def test_the_page_takes_as_many_queries_for_more_waves_units_and_responses(client, reader):
    survey = adkar_wave().survey

    def grow() -> None:
        # A second, larger wave: seven more units of six responses each, all shown.
        extra = [(f"U{n}", f"Unit {n}", "", 8) for n in range(7)]
        wave = wave_of(
            survey,
            number=2,
            groups=[(key, name, "", people) for key, (name, people) in UNITS.items()] + extra,
        )
        many(wave, "SAL", [adkar(4, 4, 4, 4, 4)] * 12)
        for key, _name, _role, _people in extra:
            many(wave, key, [{**adkar(3, 3, 3, 3, 3), "uses": ["code"]}] * 6)

    url = reverse("feedback:survey_results", args=[survey.pk]) + "?group_by=unit"
    small, large = assert_queries_do_not_grow(
        client, url, grow=grow, shows='class="card results-group"'
    )
    assert (small.shown, large.shown) == (6, 13)  # the total and each unit


def test_a_refused_filter_on_the_page_says_why_and_shows_no_figures(client, reader):
    wave = adkar_wave()
    page = client.get(reverse("feedback:survey_results", args=[wave.survey_id]), {"unit": "HR"})
    html = page.content.decode()
    assert 'id="refused"' in html
    assert "fewer responses" in html
    assert "results-group" not in html
    assert not AuditEvent.objects.filter(action="feedback.results_viewed").exists()


def test_the_csv_export_holds_what_the_page_shows_and_no_withheld_figure(client, reader):
    wave = adkar_wave()
    answer = client.get(
        reverse("feedback:survey_results_export", args=[wave.survey_id, "csv"]),
        {"group_by": "unit"},
    )
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Survey", "Wave", "Group", "Responses"]
    hr = [row for row in rows if row[2] == "Human Resources"]
    assert hr == [["ADKAR readiness", "Q1 2026", "Human Resources", "too few responses"] + [""] * 6]
    sales_awareness = [r for r in rows if r[2] == "Sales" and r[4] == "Awareness: I agree"]
    assert [r[7:] for r in sales_awareness] == [
        ["1", "1", "8"],
        ["2", "2", "17"],
        ["3", "2", "17"],
        ["4", "4", "33"],
        ["5", "3", "25"],
    ]
    assert AuditEvent.objects.filter(action="feedback.results_exported").count() == 1


def test_the_pdf_is_a_pdf_and_a_refused_view_gets_none(client, reader):
    wave = adkar_wave()
    url = reverse("feedback:survey_results_pdf", args=[wave.survey_id])
    pdf = client.get(url, {"group_by": "unit"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    refused = client.get(url, {"unit": "HR"})
    assert refused.status_code == 400


def test_the_api_gives_groups_with_suppressed_ones_bare_and_refuses_with_400(client, reader):
    wave = adkar_wave()
    url = f"/api/v1/surveys/{wave.survey_id}/results"
    body = client.get(url, {"group_by": "unit"}).json()
    assert (body["wave"], body["min_group"], body["closed"], body["counted"]) == (1, 5, True, 38)
    hr = next(g for g in body["groups"] if g["key"] == "HR")
    assert hr == {"key": "HR", "label": "Human Resources", "suppressed": True}
    sales = next(g for g in body["groups"] if g["key"] == "SAL")
    assert sales["n"] == 12
    awareness = next(q for q in sales["questions"] if q["key"] == "awareness")
    assert awareness["mean"] == 3.5
    assert [o["count"] for o in awareness["options"]] == [1, 2, 2, 4, 3]
    nps = next(q for q in sales["questions"] if q["key"] == "nps")
    assert nps == {"key": "nps", "text": nps["text"], "kind": "nps", "suppressed": True}
    refused = client.get(url, {"unit": "IT"})
    assert refused.status_code == 400
    assert "subtraction" in refused.json()["detail"]


def test_a_policy_floor_applies_to_the_page(client, reader):
    from django.utils import timezone

    AnonymityPolicy.objects.create(min_group=13, set_at=timezone.now())
    wave = adkar_wave()
    body = client.get(f"/api/v1/surveys/{wave.survey_id}/results", {"group_by": "unit"}).json()
    assert body["min_group"] == 13
    assert [g["key"] for g in body["groups"] if not g["suppressed"]] == ["OPS"]


def test_the_heat_map_colours_a_barrier_point_a_middling_and_a_strong_element():
    from wandel.feedback.surveys.results_report import adkar_heat, adkar_level

    assert [adkar_level(m) for m in (1.0, 3.0, 3.1, 3.9, 4.0, 5.0)] == [
        "barrier",
        "barrier",
        "middling",
        "middling",
        "strong",
        "strong",
    ]
    heat = adkar_heat(wave_results(adkar_wave(), floor=FLOOR, group_by="unit"))
    assert [(row.label, row.n) for row in heat] == [
        ("Everyone", 38),
        ("Finance", None),
        ("Human Resources", None),
        ("IT", None),
        ("Operations", 15),
        ("Sales", 12),
    ]
    assert heat[5].means == [3.5, 3.0, 2.0, 4.0, 4.0]
    assert heat[5].cells[2] == (2.0, "barrier")
    assert heat[2].cells == [(None, "withheld")] * 5


def test_the_page_draws_a_trend_per_question_shown_in_two_waves(client, reader):
    survey = adkar_survey()
    first = wave_of(survey, number=1, groups=[("SAL", "Sales", "", 40)])
    second = wave_of(survey, number=2, groups=[("SAL", "Sales", "", 40)])
    for value in (2, 2, 3, 3, 5):
        respond(first, "SAL", adkar(value, 3, 3, 3, 3))
    for value in (4, 4, 4, 5, 5, 5):
        respond(second, "SAL", adkar(value, 4, 4, 4, 4))
    page = client.get(reverse("feedback:survey_results", args=[survey.pk])).content.decode()
    assert page.count('class="trend-chart"') == 5  # the ADKAR elements; nobody gave an NPS
    assert "Mean per wave: 21/01/2026 3.0; 21/04/2026 4.5." in page
    assert 'id="trend-table"' in page
