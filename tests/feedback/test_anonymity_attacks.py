"""Attacks a curious manager would try on survey results, through the API, the page and the
exports: small units, subtraction between siblings and totals, overlapping filters and chains
of them, before and after one more answer, free text, exports, raw responses. Every attack
must fail.

The attacker collects every figure any view shows and solves for the cells: a cell with
fewer than k responses (1 to k-1) must not be determined by what was shown, neither its count
nor its answers; and no difference of a shown figure and shown parts of it may be a group
smaller than k.

The cross world (units × roles, responses per cell; people asked = responses + 2):
                employee  product_owner  trainer | all
    SAL Sales       20          3            6   |  29
    OPS Operations  15          6            1   |  22
    IT  IT           7          0            4   |  11
    all             42          9           11   |  62
The small cells (3, 1 and 4) answer "1" to awareness; everyone else "4".
"""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from itertools import combinations, pairwise, product

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.support.matrix import api_operations
from tests.support.personas import make_user
from tests.support.surveys import adkar, adkar_survey, adkar_wave, respond, wave_of
from wandel.core.roles import Role
from wandel.feedback.surveys.models import Answer, Response, WaveStatus
from wandel.feedback.surveys.results import responses_release

pytestmark = pytest.mark.django_db

K = 5
ROLES = ("employee", "product_owner", "trainer")
CELLS = {
    ("SAL", "employee"): 20,
    ("SAL", "product_owner"): 3,
    ("SAL", "trainer"): 6,
    ("OPS", "employee"): 15,
    ("OPS", "product_owner"): 6,
    ("OPS", "trainer"): 1,
    ("IT", "employee"): 7,
    ("IT", "product_owner"): 0,
    ("IT", "trainer"): 4,
}
NAMES = {"SAL": "Sales", "OPS": "Operations", "IT": "IT"}
SMALL = {cell for cell, n in CELLS.items() if 0 < n < K}


@pytest.fixture
def manager(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    return client


@pytest.fixture
def cross_wave():
    survey = adkar_survey(by_role=True, title="Cross")
    wave = wave_of(
        survey,
        groups=[(u, NAMES[u], r, n + 2) for (u, r), n in CELLS.items()],
    )
    for (unit, role), n in CELLS.items():
        value = 1 if (unit, role) in SMALL else 4
        for _index in range(n):
            respond(wave, unit, adkar(value, 3, 3, 3, 3), role=role)
    return wave


def views(units: tuple[str, ...]) -> list[dict[str, str]]:
    """Every view the page and the API offer: each filter (none, a unit, a role, both)
    with each breakdown the filter leaves."""
    found = []
    for unit, role in product(("", *units), ("", *ROLES)):
        for group_by in ("", "unit", "role"):
            if (group_by == "unit" and unit) or (group_by == "role" and role):
                continue
            found.append({"unit": unit, "role": role, "group_by": group_by})
    return found


def cells_of(view: dict[str, str], key: str) -> frozenset[tuple[str, str]]:
    """The cells behind one group of a view's answer."""
    unit, role = view["unit"], view["role"]
    if view["group_by"] == "unit" and key:
        unit = key
    if view["group_by"] == "role" and key:
        role = key
    return frozenset(
        cell for cell in CELLS if (not unit or cell[0] == unit) and (not role or cell[1] == role)
    )


def harvest(client, wave) -> tuple[dict[frozenset, int], dict[frozenset, int], int]:
    """Every figure shown: responses per set of cells, and the awareness answers of "1" per
    set of cells; and how many views were refused."""
    counts: dict[frozenset, int] = {}
    ones: dict[frozenset, int] = {}
    refused = 0
    url = f"/api/v1/surveys/{wave.survey_id}/results"
    for view in views(tuple(NAMES)):
        answer = client.get(url, {k: v for k, v in view.items() if v})
        if answer.status_code == 400:
            refused += 1
            continue
        assert answer.status_code == 200, (view, answer.content)
        body = answer.json()
        groups = [body["total"], *body["groups"]]
        for index, group in enumerate(groups):
            cells = cells_of(view, group["key"] if index else "")
            if group["suppressed"]:
                assert set(group) == {"key", "label", "suppressed"}
                continue
            counts[cells] = group["n"]
            awareness = next(q for q in group["questions"] if q["key"] == "awareness")
            if not awareness["suppressed"]:
                ones[cells] = awareness["options"][0]["count"]
    return counts, ones, refused


def determined(known: dict[frozenset, int], cell: tuple[str, str]) -> bool:
    """Whether the shown figures, as linear equations over the cells, fix ``cell`` alone:
    its unit vector lies in the span of the shown sets (exact elimination)."""
    order = sorted(CELLS)
    rows = [[Fraction(int(c in cells)) for c in order] for cells in known]
    target = [Fraction(int(c == cell)) for c in order]

    def rank(matrix: list[list[Fraction]]) -> int:
        m = [row[:] for row in matrix]
        r = 0
        for col in range(len(order)):
            pivot = next((i for i in range(r, len(m)) if m[i][col] != 0), None)
            if pivot is None:
                continue
            m[r], m[pivot] = m[pivot], m[r]
            for i in range(len(m)):
                if i != r and m[i][col] != 0:
                    factor = m[i][col] / m[r][col]
                    m[i] = [a - factor * b for a, b in zip(m[i], m[r], strict=True)]
            r += 1
        return r

    return rank(rows) == rank([*rows, target])


def test_the_cross_world_is_as_the_docstring_says(cross_wave):
    assert Response.objects.filter(wave=cross_wave).count() == 62
    assert (
        Answer.objects.filter(
            response__wave=cross_wave, number=1, question__key="awareness"
        ).count()
        == 8
    )


def test_no_small_cell_can_be_solved_for_from_everything_shown(manager, cross_wave):
    counts, ones, refused = harvest(manager, cross_wave)
    assert refused > 0  # some views were refused...
    assert len(counts) > 5  # ...and many shown
    for cell in SMALL:
        assert not determined(counts, cell), f"the count of {cell} can be worked out"
        assert not determined(ones, cell), f"the answers of {cell} can be worked out"


def test_no_shown_figure_minus_shown_parts_leaves_a_small_group(manager, cross_wave):
    counts, ones, _refused = harvest(manager, cross_wave)
    for figures in (counts, ones):
        for whole in figures:
            parts = [cells for cells in figures if cells < whole]
            for size in (1, 2, 3):
                for chosen in combinations(parts, size):
                    union = frozenset().union(*chosen)
                    if sum(len(c) for c in chosen) != len(union):
                        continue  # overlapping parts are not a subtraction
                    rest = whole - union
                    people = sum(CELLS[c] for c in rest)
                    assert people == 0 or people >= K, (whole, chosen, people)


def test_a_filter_straight_to_a_small_group_is_refused_in_every_channel(manager, cross_wave):
    survey = cross_wave.survey_id
    view = {"unit": "OPS", "role": "trainer"}
    assert manager.get(f"/api/v1/surveys/{survey}/results", view).status_code == 400
    page = manager.get(reverse("feedback:survey_results", args=[survey]), view)
    assert 'id="refused"' in page.content.decode()
    for fmt in ("csv", "xlsx"):
        export = manager.get(reverse("feedback:survey_results_export", args=[survey, fmt]), view)
        assert export.status_code == 400
    assert (
        manager.get(reverse("feedback:survey_results_pdf", args=[survey]), view).status_code == 400
    )


def test_the_export_of_a_breakdown_carries_no_figure_of_a_withheld_group(manager, cross_wave):
    answer = manager.get(
        reverse("feedback:survey_results_export", args=[cross_wave.survey_id, "csv"]),
        {"group_by": "role", "unit": "OPS"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(answer.streaming_content).decode("utf-8-sig"))))
    withheld = [row for row in rows[1:] if row[3] == "too few responses"]
    assert withheld
    assert all(cell == "" for row in withheld for cell in row[4:])
    shown = {row[2] for row in rows[1:] if row[3] != "too few responses"}
    # Operations' trainer (1) is small, and its product owners (6) go with it.
    assert "Trainer" not in shown
    assert "Product owner" not in shown


def test_one_more_answer_never_moves_a_figure_of_a_running_wave(manager):
    survey = adkar_survey()
    wave = wave_of(survey, status=WaveStatus.OPEN, groups=[("SAL", "Sales", "", 40)])
    url = f"/api/v1/surveys/{survey.pk}/results"
    from django.db import transaction

    seen = []
    for index in range(17):
        with transaction.atomic():
            respond(wave, "SAL", adkar(1 if index % 2 else 5, 3, 3, 3, 3))
            responses_release(wave=wave, k=K)
        body = manager.get(url).json()
        seen.append((body["counted"], body["total"]))
    counted = [c for c, _total in seen]
    assert counted == [0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15, 15, 15]
    for (before, shown_before), (after, shown_after) in pairwise(seen):
        if before == after:
            assert shown_before == shown_after
        else:
            assert after - before == K
    # A breakdown of a running wave is refused, so no group can be watched either.
    assert manager.get(url, {"group_by": "unit"}).status_code == 400


def test_free_text_stays_whole_mixed_and_out_of_breakdowns(manager):
    wave = adkar_wave()
    url = f"/api/v1/surveys/{wave.survey_id}/results"
    whole = manager.get(url).json()
    answers = whole["comments"][0]["answers"]
    written = [f"Sales comment {n}" for n in range(1, 7)] + [
        f"Operations comment {n}" for n in range(1, 6)
    ]
    assert sorted(answers) == sorted(written)
    orders = {tuple(manager.get(url).json()["comments"][0]["answers"]) for _n in range(5)}
    assert len(orders) > 1  # shuffled on every look, not in the order written
    for view in ({"group_by": "unit"}, {"unit": "SAL"}, {"unit": "OPS"}):
        assert manager.get(url, view).json()["comments"] == []
    page = manager.get(reverse("feedback:survey_results", args=[wave.survey_id]), {"unit": "SAL"})
    assert "Sales comment" not in page.content.decode()


def test_there_is_no_way_to_read_raw_responses(manager, cross_wave):
    for (method, path), _operation in api_operations().items():
        if "response" in path or "answer" in path:
            assert method != "get", path
    from wandel.feedback.surveys.models import Answer as AnswerModel
    from wandel.feedback.surveys.models import Draft, Participant
    from wandel.feedback.surveys.models import Response as ResponseModel

    for model in (ResponseModel, AnswerModel, Draft, Participant):
        assert model not in admin.site._registry, model
