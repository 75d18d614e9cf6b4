"""The chart building block: coordinates worked out by hand for line, bar, scatter and heat
grid, and the pages that draw them — no link inside an image, every chart named and backed
by text, dot-decimal coordinates and German numbers in German."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.support.governance import make_risk
from tests.support.portfolio import make_use_case, score_all
from wandel.core.charts.bar import bars
from wandel.core.charts.heat import heat_grid
from wandel.core.charts.line import NOTHING_TO_DRAW, line_chart
from wandel.core.charts.scatter import (
    Bin,
    Cluster,
    Grid,
    LegendEntry,
    Mark,
    QuadrantLabel,
    clustered,
    scatter,
)
from wandel.core.charts.ticks import Tick
from wandel.core.templatetags.wandel import chart_clusters, heat_cells
from wandel.org.models import StakeholderGroup
from wandel.portfolio.measures.models import Direction
from wandel.portfolio.measures.services import kpi_add, measurement_record

D = Decimal

# Line ---------------------------------------------------------------------------------------
# The default plot runs from x 60 to 464 and from y 18 (top) to 190 (bottom).


def test_a_two_point_line_runs_from_corner_to_corner_of_the_plot():
    chart = line_chart(measurements=[(date(2025, 1, 11), D(10)), (date(2025, 1, 1), D(0))])

    assert [(p.x, p.y) for p in chart.points] == [(60.0, 190.0), (464.0, 18.0)]
    assert chart.polyline == "60.0,190.0 464.0,18.0"
    assert [(t.value, t.y) for t in chart.value_ticks] == [
        (D(0), 190.0),
        (D(2), 155.6),
        (D(4), 121.2),
        (D(6), 86.8),
        (D(8), 52.4),
        (D(10), 18.0),
    ]
    assert [(t.on, t.x, t.anchor) for t in chart.date_ticks] == [
        (date(2025, 1, 1), 60.0, "middle"),
        (date(2025, 1, 8), 342.8, "middle"),
    ]
    assert chart.baseline is None
    assert chart.target is None


def test_baseline_and_target_are_lines_labelled_at_opposite_ends():
    chart = line_chart(
        measurements=[],
        baseline=(date(2025, 1, 1), D(100)),
        target=(date(2025, 1, 5), D(50)),
    )
    assert chart.baseline is not None
    assert chart.target is not None
    assert (chart.baseline.x, chart.baseline.y) == (60.0, 18.0)
    assert (chart.baseline.label_x, chart.baseline.label_y) == (64.0, 14.0)
    assert (chart.baseline.label_anchor, chart.baseline.marker) == ("start", "")
    assert (chart.target.x, chart.target.y) == (464.0, 190.0)
    assert (chart.target.label_x, chart.target.label_y) == (460.0, 186.0)
    assert chart.target.label_anchor == "end"
    assert chart.target.marker == "M 464.0 185.0 l 5 5 l -5 5 l -5 -5 z"


def test_a_line_chart_without_anything_to_draw_is_refused():
    with pytest.raises(ValueError, match=NOTHING_TO_DRAW):
        line_chart(measurements=[])


# Bar ----------------------------------------------------------------------------------------


def test_a_bar_of_half_the_largest_value_is_half_the_axis():
    drawn = bars([("half", 5), ("full", 10), ("none", 0)], axis=200)
    assert [(bar.item, bar.value, bar.length, bar.axis) for bar in drawn] == [
        ("half", 5, 100.0, 200),
        ("full", 10, 200.0, 200),
        ("none", 0, 0.0, 200),
    ]


def test_bars_share_a_scale_when_given_the_largest_value():
    assert [bar.length for bar in bars([("a", 5), ("b", 1)], largest=20)] == [25.0, 5.0]
    assert [bar.length for bar in bars([("a", 0), ("b", -3)])] == [0.0, 0.0]
    assert bars([]) == []


# Scatter ------------------------------------------------------------------------------------
# 1–5 on a 560 chart with a margin of 56: 1 at 56, 5 at 504, one step 112.


def test_marks_sit_on_the_scale_with_their_bubbles_largest_first():
    chart = scatter(
        [
            Mark("low", 1, 1, kind="a", weight=0, url="/low/"),
            Mark("high", 5, 5, kind="b", weight=100, url="/high/"),
            Mark("middle", 3, D("3.5"), kind="a", weight=25, url="/middle/"),
        ],
        low=1,
        high=5,
        divide_at=3,
    )
    assert [(p.item, p.number, p.x, p.y, p.r, p.css_class) for p in chart.points] == [
        ("high", 2, 504.0, 56.0, 24.0, "b"),
        ("middle", 3, 280.0, 224.0, 14.5, "a"),
        ("low", 1, 56.0, 504.0, 5.0, "a"),
    ]
    assert (chart.divider_x, chart.divider_y) == (280.0, 280.0)
    assert chart.ticks[0] == Tick(1, 56.0, 504.0)
    assert chart.ticks[-1] == Tick(5, 504.0, 56.0)
    assert (chart.inner, chart.far, chart.middle) == (448, 504, 280.0)
    assert chart.linked


def test_the_quadrant_labels_sit_in_the_corners_of_their_quadrants():
    chart = scatter([], low=1, high=5, divide_at=3, quadrants=["TL", "TR", "BL", "BR"])
    assert chart.quadrants == (
        QuadrantLabel("TL", 168.0, 72),
        QuadrantLabel("TR", 392.0, 72),
        QuadrantLabel("BL", 168.0, 496),
        QuadrantLabel("BR", 392.0, 496),
    )
    assert not chart.linked


def test_the_legend_lists_the_kinds_shown_in_its_own_order_with_their_counts():
    marks = [Mark(i, 2, 2, kind=kind) for i, kind in enumerate(["b", "a", "b", "x"])]
    chart = scatter(
        marks, low=1, high=5, divide_at=3, legend={"a": "Alpha", "b": "Beta", "c": "Gamma"}
    )
    assert chart.legend == (LegendEntry("a", "Alpha", 1), LegendEntry("b", "Beta", 2))


def test_marks_at_the_same_place_fan_out():
    # Bands 1–5 on a 480 chart with a margin of 48: a step of 76.8, 4 at 316.8 and 163.2.
    chart = scatter(
        [Mark(i, 4, 4) for i in range(4)],
        low=0.5,
        high=5.5,
        divide_at=2.5,
        size=480,
        margin=48,
        radius=(9, 9),
        spread=20,
    )
    assert [(p.x, p.y, p.r) for p in chart.points] == [
        (316.8, 163.2, 9.0),
        (336.8, 163.2, 9.0),
        (296.8, 163.2, 9.0),
        (316.8, 183.2, 9.0),
    ]
    assert chart.ticks[0] == Tick(1, 86.4, 393.6)
    assert (chart.divider_x, chart.divider_y) == (201.6, 278.4)


# Heat grid ----------------------------------------------------------------------------------
# 440 wide, 56 margin at the left and bottom, 16 at the top: cells of (440 - 72) / 5 = 73.6.


@dataclass(frozen=True)
class Shade:
    name: str

    @property
    def css_class(self) -> str:
        return f"shade-{self.name}"


def shade(row: int, column: int) -> Shade:
    return Shade("dark" if row * column >= 15 else "light")


def test_the_heat_grid_puts_row_one_at_the_bottom_and_column_one_at_the_left():
    grid = heat_grid({(5, 1): 2, (1, 5): 1, (3, 4): 7}, level=shade)
    cells = {(c.row, c.column): c for c in grid.cells}

    assert [(c.row, c.column) for c in grid.cells[:3]] == [(5, 1), (5, 2), (5, 3)]
    top_left, bottom_right = cells[5, 1], cells[1, 5]
    assert (top_left.x, top_left.y, top_left.size, top_left.count) == (56.0, 16.0, 73.6, 2)
    assert (bottom_right.x, bottom_right.y, bottom_right.count) == (350.4, 310.4, 1)
    assert (bottom_right.centre_x, bottom_right.centre_y) == (387.2, 347.2)
    assert cells[2, 2].count == 0
    assert (grid.total, grid.bottom, grid.middle_x, grid.middle_y) == (10, 384.0, 240.0, 200.0)
    assert grid.ticks[0] == Tick(1, 92.8, 347.2)
    assert grid.ticks[-1] == Tick(5, 387.2, 52.8)
    assert [row.value for row in grid.rows] == [5, 4, 3, 2, 1]
    assert [c.column for c in grid.rows[0].cells] == [1, 2, 3, 4, 5]
    assert not grid.linked


def test_each_heat_cell_takes_the_colour_class_of_its_level():
    grid = heat_grid({}, level=shade)
    classes = {(c.row, c.column): c.level.css_class for c in grid.cells}
    assert classes[5, 3] == "shade-dark"
    assert classes[3, 5] == "shade-dark"
    assert classes[4, 3] == "shade-light"
    assert classes[1, 1] == "shade-light"


# The pages ----------------------------------------------------------------------------------


class ChartMarkup(HTMLParser):
    """Counts links inside ``role="img"`` and collects what names each chart."""

    def __init__(self) -> None:
        super().__init__()
        self.inside_image: list[str] = []
        self.links_in_images = 0
        self.labelled_by: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs), closes=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs), closes=True)

    def _open(self, tag: str, attrs: dict[str, str | None], *, closes: bool) -> None:
        if self.inside_image and tag == "a":
            self.links_in_images += 1
        if tag == "svg" and attrs.get("role") in {"img", "group"}:
            self.labelled_by.append(attrs.get("aria-labelledby") or "")
        if closes:
            return
        if self.inside_image:
            self.inside_image.append(tag)
        elif attrs.get("role") == "img":
            self.inside_image = [tag]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.inside_image:
            while self.inside_image.pop() != tag:
                pass


def chart_pages() -> dict[str, str]:
    """A use case with a KPI, a risk and a stakeholder group: every page that draws a chart."""
    use_case = score_all(make_use_case(title="Antwortentwürfe", people_helped=40), 2)
    kpi = kpi_add(
        use_case=use_case,
        name="Handling time",
        unit_of_measure="min",
        direction=Direction.LOWER,
        baseline_value=D("12.5"),
        baseline_date=date(2025, 1, 1),
        target_value=D(8),
        target_date=date(2025, 12, 31),
        actor=None,
    )
    for day, value in ((date(2025, 3, 1), "11.25"), (date(2025, 4, 1), "10.75")):
        measurement_record(kpi=kpi, measured_on=day, value=D(value), actor=None)
    make_risk(likelihood=4, impact=5)
    group = StakeholderGroup.objects.create(name="Betriebsrat", power=4, interest=5)
    return {
        "matrix": "/portfolio/matrix/",
        "funnel": "/portfolio/funnel/",
        "kpi": use_case.get_absolute_url(),
        "heat map": "/governance/risks/",
        "stakeholders": "/org/stakeholders/",
        "stakeholder": group.get_absolute_url(),
    }


@pytest.mark.django_db
def test_no_link_sits_inside_an_image_and_every_chart_is_named_and_backed_by_text(admin_client):
    for name, url in chart_pages().items():
        page = admin_client.get(url).content.decode()
        markup = ChartMarkup()
        markup.feed(page)
        assert markup.links_in_images == 0, name
        if name == "funnel":
            # Its bars are decoration beside the stages and counts written as text.
            assert not markup.labelled_by
            assert page.count('aria-hidden="true"><rect') == 9
            continue
        assert markup.labelled_by, name
        for labelled_by in markup.labelled_by:
            title, description = labelled_by.split()
            assert re.search(rf'<title id="{title}">[^<]+</title>', page), name
            assert re.search(rf'<desc id="{description}">[^<]+</desc>', page), name
        if name != "stakeholder":  # that page writes the group's position beside the grid
            assert "<table" in page, name


COORDINATE = re.compile(r' (?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"')


@pytest.mark.django_db
def test_german_pages_keep_dot_decimal_coordinates_and_show_comma_decimal_numbers(admin_client):
    urls = chart_pages()

    def german(name: str) -> str:
        return admin_client.get(urls[name], HTTP_ACCEPT_LANGUAGE="de").content.decode()

    for name in ("matrix", "kpi", "heat map", "stakeholders"):
        page = german(name)
        start = page.index('<svg class="grid-chart')
        svg = page[start : page.index("</svg>", start)]
        coordinates = COORDINATE.findall(svg)
        assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), name
        assert any("." in value for value in coordinates), name
    matrix = german("matrix")
    assert "Antwortentwürfe – Nutzen 2,00, Machbarkeit 2,00, 40 erreichte Personen" in matrix
    kpi = german("kpi")
    assert "Ausgangswert 12,50" in kpi
    assert "11,25 min" in kpi
    assert re.search(r'<rect width="\d+(\.\d+)?" height="1"/>', german("funnel"))


def test_above_the_threshold_nearby_marks_become_one_cluster_each():
    # 1 to 5 over 56 to 504 pixels: 112 pixels a unit, squares of 28 pixels.
    marks = [
        Mark("a", 1, 1, kind="idea"),
        Mark("b", 1, 1, kind="idea"),
        Mark("c", Decimal("1.2"), 1, kind="pilot"),  # x 78.4: the same square as x 56
        Mark("d", 5, 5, kind="pilot"),
    ]
    chart = scatter(marks, low=1, high=5, divide_at=3, cluster_above=3)
    assert chart.clustered
    assert chart.points == ()
    assert chart.clusters == (
        Cluster(3, 63.5, 504.0, 24.0, "idea", (1.0, 1.2), (1.0, 1.0)),
        Cluster(1, 504.0, 56.0, 16.0, "pilot", (5.0, 5.0), (5.0, 5.0)),  # 5 + 19 × √⅓
    )
    assert [(e.css_class, e.count) for e in chart.legend] == []  # no legend labels given
    with translation.override("de"):
        assert (chart.clusters[0].x_span, chart.clusters[0].y_span) == ("1,0–1,2", "1,0")


def test_up_to_the_threshold_every_mark_is_drawn():
    marks = [Mark(n, 1, 1) for n in range(3)]
    chart = scatter(marks, low=1, high=5, divide_at=3, cluster_above=3)
    assert not chart.clustered
    assert len(chart.points) == 3


def test_a_cluster_takes_the_colour_most_of_its_marks_have_and_on_a_tie_the_legend_s_first():
    marks = [
        Mark("a", 1, 1, kind="pilot"),
        Mark("b", 1, 1, kind="idea"),
        Mark("c", 5, 5, kind="pilot"),
        Mark("d", 5, 5, kind="idea"),
        Mark("e", 5, 5, kind="idea"),
    ]
    legend = {"idea": "Idea", "pilot": "Pilot"}
    chart = scatter(marks, low=1, high=5, divide_at=3, cluster_above=1, legend=legend)
    assert [(c.count, c.css_class) for c in chart.clusters] == [(3, "idea"), (2, "idea")]
    flipped = {"pilot": "Pilot", "idea": "Idea"}
    chart = scatter(marks, low=1, high=5, divide_at=3, cluster_above=1, legend=flipped)
    assert [(c.count, c.css_class) for c in chart.clusters] == [(3, "idea"), (2, "pilot")]
    assert [(e.css_class, e.count) for e in chart.legend] == [("pilot", 2), ("idea", 3)]


def test_a_grid_numbers_its_squares_from_the_top_left():
    # 1 to 5 over 56 to 504 pixels: 112 pixels a unit, squares of 40 pixels.
    grid = Grid(low=1, high=5)
    assert (grid.column(1), grid.row(1)) == (1, 12)  # x 56, y 504
    assert (grid.column(5), grid.row(5)) == (12, 1)  # x 504, y 56
    assert grid.column(Decimal("1.2")) == 1  # x 78.4
    assert grid.column(Decimal("1.25")) == 2  # x 84
    assert grid.row(Decimal("1.25")) == 11  # y 476


def test_clusters_get_the_tooltip_their_chart_writes():
    marks = [Mark("a", 1, 1), Mark("b", 5, 5), Mark("c", 5, 5)]
    chart = scatter(
        marks, low=1, high=5, divide_at=3, cluster_above=1, describe=lambda c: f"{c.count} <here>"
    )
    assert [c.title for c in chart.clusters] == ["2 <here>", "1 <here>"]
    drawn = chart_clusters(chart.clusters)
    assert drawn.count('<g class="cluster">') == 2
    assert "<title>2 &lt;here&gt;</title>" in drawn
    assert '<circle cx="504.0" cy="56.0" r="24.0" class=""/>' in drawn


def test_a_mark_on_the_far_edge_belongs_to_the_square_before_it():
    # Squares of 56 pixels over 56 to 504: half a point each, 5.0 in the one of 4.5.
    grid = Grid(low=1, high=5, cell=56)
    assert grid.last == 8
    assert [grid.column(v) for v in (1, Decimal("1.49"), Decimal("1.5"), Decimal("4.5"), 5)] == [
        1,
        1,
        2,
        8,
        8,
    ]
    assert [grid.row(v) for v in (5, Decimal("4.51"), Decimal("4.5"), Decimal("1.5"), 1)] == [
        1,
        1,
        2,
        8,
        8,
    ]


def test_bins_of_one_kind_in_a_square_count_together_for_its_colour():
    # The database groups vetoed use cases by stage as well: two bins of the same kind.
    def one(kind: str) -> Bin:
        return Bin(1, 12, kind, 1, 1.0, 1.0, (1.0, 1.0), (1.0, 1.0))

    chart = clustered(
        [one("vetoed"), one("pilot"), one("vetoed")],
        Grid(low=1, high=5),
        divide_at=3,
        legend={"pilot": "Pilot", "vetoed": "Veto"},
    )
    assert [(c.count, c.css_class) for c in chart.clusters] == [(3, "vetoed")]
    assert [(e.css_class, e.count) for e in chart.legend] == [("pilot", 1), ("vetoed", 2)]


def test_heat_cells_carry_the_tooltip_and_data_their_page_gives_them():
    grid = heat_grid({(1, 2): 1234}, level=shade, steps=2)
    cells = [
        replace(cell, title=f"<{cell.row}×{cell.column}>", data=(("row", cell.row),))
        for cell in grid.cells
    ]
    cells[0] = replace(cells[0], url="/r/?a=1&b=2", selected=True)
    with translation.override("de"):
        drawn = heat_cells(cells)
    assert drawn.count('class="heat-cell') == 4
    assert drawn.startswith('<a href="/r/?a=1&amp;b=2" aria-current="true" class="heat-cell ')
    assert ' selected" data-row="2" data-count="0"><title>&lt;2×1&gt;</title>' in drawn
    assert drawn.count("<g ") == 3
    assert ">1234</text></g>" in drawn  # as the localize filter writes it
