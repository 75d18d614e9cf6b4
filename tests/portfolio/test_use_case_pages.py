"""Use-case pages: submit with the similar-ideas hint, list, export, matrix, funnel, scoring,
moves, criteria — and query counts that do not grow with the portfolio."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.support.downloads import downloaded
from tests.support.personas import make_person, make_unit, make_user
from tests.support.portfolio import make_use_case, score_all
from tests.support.queries import assert_queries_do_not_grow
from wandel.core.models import AuditEvent
from wandel.core.roles import Role
from wandel.portfolio.extensions import DETAIL_SECTIONS
from wandel.portfolio.measures.queries import measures_section
from wandel.portfolio.use_cases.lifecycle import use_case_move
from wandel.portfolio.use_cases.models import (
    Capability,
    Criterion,
    PortfolioAction,
    Stage,
    UseCase,
)
from wandel.portfolio.use_cases.services import criterion_add

pytestmark = pytest.mark.django_db


def idea_data(unit, **overrides):
    return {
        "title": "Vertragsklauseln extrahieren",
        "problem": "Juristen lesen jeden Vertrag von Hand.",
        "process": "Vertragsprüfung",
        "unit": unit.pk,
        "expected_benefit": "40 Stunden pro Monat",
        "hours_saved_per_month": "40",
        "people_helped": "12",
        "data_involved": "Lieferverträge",
        "personal_data": "",
        "capability": "extraction",
        **overrides,
    }


def test_an_employee_submits_an_idea_and_it_is_audited(client):
    employee = make_user()
    client.force_login(employee)
    unit = make_unit(name="Recht")

    response = client.post("/portfolio/new/", idea_data(unit))

    use_case = UseCase.objects.get(title="Vertragsklauseln extrahieren")
    assert response.status_code == 302
    assert response["Location"] == f"/portfolio/{use_case.pk}/"
    assert (use_case.stage, use_case.submitted_by, use_case.personal_data) == (
        Stage.IDEA,
        employee,
        False,
    )
    assert AuditEvent.objects.filter(
        action=PortfolioAction.SUBMITTED, target_id=str(use_case.pk)
    ).exists()


def test_a_submission_with_missing_fields_is_refused_and_nothing_saved(client):
    client.force_login(make_user())
    response = client.post("/portfolio/new/", idea_data(make_unit(), problem="", capability="x"))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not UseCase.objects.exists()


def test_similar_ideas_are_offered_while_typing_a_title(client):
    make_use_case(title="Klauseln aus Lieferverträgen extrahieren")
    make_use_case(title="Kantinenplan veröffentlichen")
    client.force_login(make_user())

    hint = client.get(
        "/portfolio/similar/", {"title": "Vertragsklauseln extrahieren"}
    ).content.decode()

    assert "Similar ideas already exist" in hint
    assert "Klauseln aus Lieferverträgen extrahieren" in hint
    assert "Kantinenplan" not in hint
    assert (
        client.get("/portfolio/similar/", {"title": "Reisekosten"}).content.decode().strip() == ""
    )


def test_the_list_filters_sorts_and_shows_scores(admin_client):
    sales = make_unit(name="Vertrieb")
    high = score_all(make_use_case(title="Angebote entwerfen", unit=sales), 5)
    low = score_all(make_use_case(title="Kantine", unit=sales), 2)
    make_use_case(title="Unbewertet", unit=make_unit())
    # The best total, but vetoed: last whichever way the list is sorted by score.
    score_all(make_use_case(title="Veto-Fall", unit=sales), 5, **{"Unacceptable risk (veto)": 5})

    page = admin_client.get("/portfolio/").content.decode()
    assert (
        page.index("Angebote entwerfen")
        < page.index("Kantine")
        < page.index("Unbewertet")
        < page.index("Veto-Fall")
    )
    assert str(high.total_score) in page

    by_unit = admin_client.get(f"/portfolio/?unit={sales.pk}").content.decode()
    assert "Unbewertet" not in by_unit
    reverse = admin_client.get("/portfolio/?sort=total_score").content.decode()
    assert (
        reverse.index("Kantine")
        < reverse.index("Angebote entwerfen")
        < reverse.index("Unbewertet")
        < reverse.index("Veto-Fall")
    )
    minimum = admin_client.get(f"/portfolio/?min_score={low.total_score + 1}").content.decode()
    assert "Kantine" not in minimum
    assert "Angebote entwerfen" in minimum


def test_the_export_contains_exactly_what_the_list_shows(admin_client):
    sales = make_unit(name="Vertrieb")
    score_all(make_use_case(title="Angebote entwerfen", unit=sales), 5)
    make_use_case(title="Anderswo", unit=make_unit())

    csv_text = downloaded(admin_client.get(f"/portfolio/export.csv?unit={sales.pk}")).decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0][:3] == ["ID", "Title", "Stage"]
    assert [row[1] for row in rows[1:]] == ["Angebote entwerfen"]

    xlsx = admin_client.get(f"/portfolio/export.xlsx?unit={sales.pk}")
    sheet = load_workbook(io.BytesIO(downloaded(xlsx))).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Angebote entwerfen"
    ]
    assert admin_client.get("/portfolio/export.pdf").status_code == 404


def test_the_export_headers_follow_the_language(admin_client):
    make_use_case()
    text = downloaded(admin_client.get("/portfolio/export.csv", HTTP_ACCEPT_LANGUAGE="de")).decode(
        "utf-8-sig"
    )
    assert text.startswith("ID;Titel;Phase;Einheit")
    assert text.splitlines()[1].split(";")[2] == "Idee"


def test_the_export_streams_the_labels_of_the_readers_language(admin_client):
    make_use_case(title="Protokolle", capability=Capability.GENERATION, personal_data=True)
    response = admin_client.get("/portfolio/export.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Stage"], row["LLM capability"], row["Personal data"]) == (
        "Idea",
        "Text generation",
        "yes",
    )


def test_the_matrix_places_a_use_case_by_its_value_and_feasibility(admin_client):
    quick = score_all(make_use_case(title="Schneller Gewinn", people_helped=300), 5)
    poor = score_all(make_use_case(title="Wenig Nutzen", people_helped=3), 1)
    make_use_case(title="Noch offen")

    page = admin_client.get("/portfolio/matrix/").content.decode()

    assert f'data-use-case="{quick.pk}"' in page
    assert f'data-use-case="{poor.pk}"' in page
    assert "Quick wins" in page
    assert "1 use case is not scored yet" in page
    from wandel.portfolio.use_cases import queries
    from wandel.portfolio.use_cases.queries import Filters

    chart = queries.matrix(Filters(), scored=2)
    bubbles = {b.item.use_case.pk: b for b in chart.points}
    assert bubbles[quick.pk].x > bubbles[poor.pk].x
    assert bubbles[quick.pk].y < bubbles[poor.pk].y  # higher value is further up
    assert bubbles[quick.pk].r > bubbles[poor.pk].r


def scored_use_cases(count: int, *, title: str = "Scored", **fields) -> list[int]:
    """``count`` use cases with value and feasibility stored straight away (scoring each
    through the page would take minutes); value and feasibility 4 unless ``fields`` say."""
    unit = make_unit()
    pks = [make_use_case(title=f"{title} {n:03}", unit=unit).pk for n in range(count)]
    scores = {"value_score": 4, "feasibility_score": 4, "total_score": 4, **fields}
    UseCase.objects.filter(pk__in=pks).update(**scores)
    return pks


def test_the_matrix_clusters_many_use_cases_and_lists_the_first_25(admin_client):
    scored_use_cases(140, title="Strong")
    scored_use_cases(20, title="Weak", value_score=1, feasibility_score=1, total_score=1)
    page = admin_client.get("/portfolio/matrix/?sort=title").content.decode()
    assert 'class="bubble"' not in page
    clusters = re.findall(r'class="cluster-count"[^>]*>(\d+)<', page)
    assert sorted(int(n) for n in clusters) == [20, 140]
    assert "160 use cases: each circle groups the use cases close together" in page
    assert "<title>140 use cases here: value 4.0, feasibility 4.0</title>" in page
    assert page.count("<tr><td><a href=") == 25
    assert "Strong 000" in page
    assert "Strong 025" not in page
    assert '<a href="/portfolio/?sort=title">Show all 160 use cases in the list</a>' in page


def test_the_database_counts_the_matrix_s_clusters_as_the_chart_would_itself():
    # 160 use cases spread over the chart, in three stages and some vetoed: the squares the
    # database counts them into give the clusters that placing each of them would give.
    pks = scored_use_cases(160)
    for n, pk in enumerate(pks):
        UseCase.objects.filter(pk=pk).update(
            value_score=Decimal(100 + (n * 37) % 400) / 100,
            feasibility_score=Decimal(100 + (n * 53) % 400) / 100,
            stage=(Stage.IDEA, Stage.ASSESSED, Stage.PILOT)[n % 3],
            vetoed=n % 11 == 0,
        )
    from wandel.core.charts.scatter import Mark, scatter
    from wandel.portfolio.use_cases import queries
    from wandel.portfolio.use_cases.queries import Filters

    by_database = queries.matrix(Filters(), scored=160)
    legend = {**{f"bubble-{stage.value}": stage.label for stage in Stage}, "vetoed": "veto"}
    marks = [
        Mark(
            None,
            u.feasibility_score,
            u.value_score,
            kind="vetoed" if u.vetoed else f"bubble-{u.stage}",
        )
        for u in UseCase.objects.filter(pk__in=pks)
    ]
    # Squares of 56 pixels: half a point of each score.
    by_hand = scatter(marks, low=1, high=5, divide_at=3, cluster_above=0, legend=legend, cell=56)
    assert len(by_database.clusters) > 20
    assert by_database.clusters[0].r == 24.0
    assert sorted(
        (c.count, c.x, c.y, c.r, c.css_class, c.x_range, c.y_range) for c in by_database.clusters
    ) == sorted(
        (c.count, c.x, c.y, c.r, c.css_class, c.x_range, c.y_range) for c in by_hand.clusters
    )
    assert [(e.css_class, e.count) for e in by_database.legend] == [
        (e.css_class, e.count) for e in by_hand.legend
    ]


def test_the_matrix_shows_the_filtered_set_and_links_to_the_same_filter(admin_client):
    scored_use_cases(160)
    sales = make_unit(name="Vertrieb")
    pk = make_use_case(title="Angebote", unit=sales).pk
    UseCase.objects.filter(pk=pk).update(value_score=5, feasibility_score=2)
    page = admin_client.get(f"/portfolio/matrix/?unit={sales.pk}").content.decode()
    assert page.count('class="bubble"') == 1
    assert "cluster-count" not in page
    assert "A bubble's area shows how many people the use case helps" in page
    assert "Show all" not in page


def test_the_matrix_legend_speaks_german(admin_client):
    scored_use_cases(151)
    page = admin_client.get("/portfolio/matrix/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "151 Anwendungsfälle: Jeder Kreis fasst nahe beieinander liegende" in page
    assert "Alle 151 Anwendungsfälle in der Liste anzeigen" in page


def test_the_funnel_counts_use_cases_per_stage(admin_client, admin):
    for _ in range(3):
        make_use_case()
    approved = score_all(make_use_case())
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=approved, to=stage, actor=admin, reason="ok")
        approved.refresh_from_db()
    from wandel.portfolio.use_cases import queries
    from wandel.portfolio.use_cases.queries import Filters

    main, side = queries.funnel(Filters())
    counts = {bar.item: bar.value for bar in main + side}
    assert counts[Stage.IDEA] == 3
    assert counts[Stage.APPROVED] == 1
    assert counts[Stage.PRODUCTION] == 0
    assert admin_client.get("/portfolio/funnel/").status_code == 200


def test_scoring_on_the_page_moves_the_use_case_in_the_matrix(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    use_case = make_use_case()
    criteria = list(Criterion.objects.filter(active=True))
    data = {}
    for criterion in criteria:
        data[f"score_{criterion.pk}"] = "1" if criterion.group == "risk" else "5"
        data[f"rationale_{criterion.pk}"] = "begründet"

    response = client.post(f"/portfolio/{use_case.pk}/score/", data)

    assert response.status_code == 302
    use_case.refresh_from_db()
    assert use_case.total_score == Decimal("100.0")
    assert use_case.value_score == Decimal("5.00")


def test_a_score_without_rationale_is_refused(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    use_case = make_use_case()
    criterion = Criterion.objects.first()
    response = client.post(f"/portfolio/{use_case.pk}/score/", {f"score_{criterion.pk}": "4"})
    assert "Give a short rationale for this score." in response.content.decode()
    assert not use_case.scores.exists()


def test_only_scorers_may_score(client):
    client.force_login(make_user(Role.PRODUCT_OWNER))
    assert client.get(f"/portfolio/{make_use_case().pk}/score/").status_code == 403


def test_changing_a_weight_re_ranks_without_re_scoring(client):
    client.force_login(make_user(Role.ADMIN))
    valuable = score_all(make_use_case(title="Wertvoll"), 2, **{"Time saved": 5})
    easy = score_all(make_use_case(title="Einfach"), 2, **{"Integration effort": 5})
    before = (valuable.total_score, easy.total_score)
    criteria = list(Criterion.objects.all())
    data = {
        "action": "weights",
        "weights-TOTAL_FORMS": len(criteria),
        "weights-INITIAL_FORMS": len(criteria),
    }
    for i, criterion in enumerate(criteria):
        data[f"weights-{i}-id"] = criterion.pk
        weight = criterion.weight
        if criterion.name_en == "Integration effort":
            weight = Decimal(20)
        data[f"weights-{i}-weight"] = str(weight)
        data[f"weights-{i}-veto_at"] = criterion.veto_at or ""
        if criterion.active:
            data[f"weights-{i}-active"] = "on"

    response = client.post("/portfolio/criteria/", data)

    assert response.status_code == 302
    valuable.refresh_from_db()
    easy.refresh_from_db()
    assert before[0] > before[1]
    assert easy.total_score > valuable.total_score
    assert AuditEvent.objects.filter(action=PortfolioAction.CRITERION_CHANGED).count() == 1


def test_the_move_form_moves_and_an_illegal_move_shows_the_reason(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    use_case = score_all(make_use_case())

    ok = client.post(f"/portfolio/{use_case.pk}/move/", {"to": "assessed", "reason": "bewertet"})
    assert ok.status_code == 302
    illegal = client.post(f"/portfolio/{use_case.pk}/move/", {"to": "production", "reason": "los"})
    assert illegal.status_code == 400
    assert "cannot move from “Assessed” to “Production”" in illegal.content.decode()
    use_case.refresh_from_db()
    assert use_case.stage == Stage.ASSESSED


def test_a_refused_move_lists_what_is_missing_with_links(client):
    client.force_login(make_user(Role.STEERING_COMMITTEE))
    use_case = make_use_case()
    response = client.post(f"/portfolio/{use_case.pk}/move/", {"to": "assessed", "reason": "x"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Score every criterion (12 still missing)." in content
    assert f'href="/portfolio/{use_case.pk}/score/"' in content


def test_a_product_owner_moves_own_use_case_into_delivery_but_cannot_approve(client, admin):
    owner = make_person(roles=(Role.PRODUCT_OWNER,))
    use_case = score_all(make_use_case())
    use_case.product_owner = owner
    use_case.save()
    use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="ok")
    use_case.refresh_from_db()
    client.force_login(owner.user)

    assert (
        client.post(
            f"/portfolio/{use_case.pk}/move/", {"to": "approved", "reason": "bitte"}
        ).status_code
        == 403
    )
    use_case_move(use_case=use_case, to=Stage.APPROVED, actor=admin, reason="ok")
    assert (
        client.post(
            f"/portfolio/{use_case.pk}/move/", {"to": "prototype", "reason": "los"}
        ).status_code
        == 302
    )
    other = make_use_case()
    assert client.get(f"/portfolio/{other.pk}/edit/").status_code == 403
    assert client.get(f"/portfolio/{use_case.pk}/edit/").status_code == 200


def test_the_product_owner_must_hold_the_role(admin_client):
    use_case = make_use_case()
    not_owner = make_person(account=False)
    response = admin_client.post(f"/portfolio/{use_case.pk}/team/", {"product_owner": not_owner.pk})
    assert response.status_code == 200
    use_case.refresh_from_db()
    assert use_case.product_owner is None
    owner = make_person(roles=(Role.PRODUCT_OWNER,))
    admin_client.post(
        f"/portfolio/{use_case.pk}/team/", {"product_owner": owner.pk, "team": [not_owner.pk]}
    )
    use_case.refresh_from_db()
    assert use_case.product_owner == owner
    assert list(use_case.team.all()) == [not_owner]
    assert AuditEvent.objects.filter(action=PortfolioAction.OWNER_CHANGED).count() == 1


def populate(n: int, owner) -> None:
    unit = make_unit()
    for i in range(n):
        use_case = make_use_case(unit=unit, people_helped=10 + i)
        if i % 2:
            score_all(use_case, 1 + i % 5)
        use_case.product_owner = owner
        use_case.save()
        use_case.team.add(owner)


def numbers_shown(response) -> int:
    """The sum of the figures a page shows in bold: the funnel's counts, the key figures."""
    page = response.content.decode()
    return sum(int(number) for number in re.findall(r"<strong[^>]*>(\d+)</strong>", page))


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/portfolio/", "<tr"),
        ("/portfolio/?sort=title&stage=idea", "<tr"),
        ("/portfolio/matrix/", 'class="bubble"'),
        ("/portfolio/funnel/", numbers_shown),
        ("/portfolio/export.csv", "\n"),
        ("/", numbers_shown),
    ],
)
def test_portfolio_pages_use_the_same_number_of_queries_for_more_use_cases(
    admin_client, url, shows
):
    owner = make_person(roles=(Role.PRODUCT_OWNER,))
    populate(3, owner)
    assert_queries_do_not_grow(admin_client, url, grow=lambda: populate(25, owner), shows=shows)


def test_the_criteria_page_uses_the_same_number_of_queries_for_more_criteria(admin_client, admin):
    def grow() -> None:
        for number in range(8):
            criterion_add(
                actor=admin,
                group="value",
                name_en=f"Extra {number}",
                name_de=f"Zusatz {number}",
                weight=Decimal(1),
            )

    assert_queries_do_not_grow(admin_client, "/portfolio/criteria/", grow=grow, shows="<tr")


def detail_rows(response) -> int:
    """Score rows, moves, team members and linked units on a use case's page."""
    page = response.content.decode()
    listed = re.findall(r"<dt>(?:Team members|Linked units)</dt><dd>(.*?)</dd>", page)
    members = sum(len(names.split(", ")) for names in listed if names != "—")
    return page.count("<tr") + page.count('class="move"') + members


def test_the_detail_page_uses_the_same_number_of_queries_for_a_richer_use_case(admin_client, admin):
    owner = make_person(roles=(Role.PRODUCT_OWNER,))
    use_case = score_all(make_use_case())
    # Approved, with the pilot gate's checklist ahead: the richer one has the same gate.
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=use_case, to=stage, actor=admin, reason="weiter")
        use_case.refresh_from_db()

    def grow() -> None:
        for stage in (Stage.PROTOTYPE,):
            use_case_move(use_case=use_case, to=stage, actor=admin, reason="weiter")
            use_case.refresh_from_db()
        use_case.team.add(owner, make_person(), make_person())
        use_case.linked_units.add(make_unit(), make_unit())

    assert_queries_do_not_grow(
        admin_client, f"/portfolio/{use_case.pk}/", grow=grow, shows=detail_rows
    )


def test_an_admin_adds_a_criterion_and_a_veto_is_only_for_risk(admin_client):
    data = {
        "action": "add",
        "new-group": "value",
        "new-name_en": "Customer delight",
        "new-name_de": "Kundenbegeisterung",
        "new-weight": "1",
        "new-veto_at": "4",
        "new-active": "on",
    }
    refused = admin_client.post("/portfolio/criteria/", data)
    assert refused.status_code == 200
    assert "Only risk criteria can veto a use case." in refused.content.decode()
    data["new-veto_at"] = ""
    assert admin_client.post("/portfolio/criteria/", data).status_code == 302
    assert Criterion.objects.filter(name_de="Kundenbegeisterung", group="value").exists()


def test_setting_a_veto_on_a_value_criterion_is_a_form_error_not_a_crash(admin_client):
    criteria = list(Criterion.objects.all())
    data = {
        "action": "weights",
        "weights-TOTAL_FORMS": len(criteria),
        "weights-INITIAL_FORMS": len(criteria),
    }
    for i, criterion in enumerate(criteria):
        data[f"weights-{i}-id"] = criterion.pk
        data[f"weights-{i}-weight"] = str(criterion.weight)
        data[f"weights-{i}-veto_at"] = (
            "3" if criterion.group == "value" else (criterion.veto_at or "")
        )
        data[f"weights-{i}-active"] = "on"
    response = admin_client.post("/portfolio/criteria/", data)
    assert response.status_code == 200
    assert not Criterion.objects.filter(group="value", veto_at__isnull=False).exists()


def test_sorting_by_stage_follows_the_lifecycle_both_ways(admin_client, admin):
    idea = make_use_case(title="Eine Idee")
    approved = score_all(make_use_case(title="Freigegeben"))
    for stage in (Stage.ASSESSED, Stage.APPROVED):
        use_case_move(use_case=approved, to=stage, actor=admin, reason="ok")
        approved.refresh_from_db()
    rejected = make_use_case(title="Abgelehnt")
    use_case_move(use_case=rejected, to=Stage.REJECTED, actor=admin, reason="nein")

    page = admin_client.get("/portfolio/?sort=stage").content.decode()
    assert page.index(idea.title) < page.index(approved.title) < page.index(rejected.title)
    page = admin_client.get("/portfolio/?sort=-stage").content.decode()
    assert page.index(rejected.title) < page.index(approved.title) < page.index(idea.title)


def test_a_product_owner_is_offered_only_the_moves_they_may_make(client, admin):
    owner = make_person(roles=(Role.PRODUCT_OWNER,))
    use_case = score_all(make_use_case())
    use_case.product_owner = owner
    use_case.save()
    use_case_move(use_case=use_case, to=Stage.ASSESSED, actor=admin, reason="ok")
    client.force_login(owner.user)
    page = client.get(f"/portfolio/{use_case.pk}/").content.decode()
    assert 'value="approved"' not in page
    assert 'value="on_hold"' in page


def test_an_admin_renames_a_criterion_and_changes_its_scale(admin_client):
    criterion = Criterion.objects.get(name_en="Time saved")
    data = {
        "group": "value",
        "name_en": "Working time saved",
        "name_de": "Eingesparte Arbeitszeit",
        "low_en": "Under an hour a month",
        "low_de": "Unter einer Stunde im Monat",
        "high_en": "A day a week",
        "high_de": "Ein Tag pro Woche",
        "weight": "3",
        "active": "on",
    }
    assert admin_client.post(f"/portfolio/criteria/{criterion.pk}/", data).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.name_de, criterion.high_en) == ("Eingesparte Arbeitszeit", "A day a week")
    event = AuditEvent.objects.get(action=PortfolioAction.CRITERION_CHANGED)
    assert event.changes["name_en"] == {"from": "Time saved", "to": "Working time saved"}
    use_case = make_use_case()
    page = admin_client.get(f"/portfolio/{use_case.pk}/score/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Eingesparte Arbeitszeit" in page.content.decode()
    assert "Ein Tag pro Woche" in page.content.decode()


def test_the_page_shows_the_sections_other_sub_domains_register(admin_client):
    use_case = make_use_case()
    url = f"/portfolio/{use_case.pk}/"

    page = admin_client.get(url).content.decode()
    with DETAIL_SECTIONS.without(measures_section):
        bare = admin_client.get(url).content.decode()

    for section in ('id="requirements"', 'id="kpis"', 'id="comments"'):
        assert section in page
        assert section not in bare
