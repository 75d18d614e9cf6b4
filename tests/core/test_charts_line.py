"""The geometry of the line chart (a KPI's): round ticks, dates left to right, everything
inside."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wandel.core.charts.line import LineChart, line_chart
from wandel.core.charts.ticks import DAY_FORMAT, MONTH_FORMAT, YEAR_FORMAT, date_ticks, nice_ticks

D = Decimal
BASELINE = (date(2025, 1, 1), D(120))
TARGET = (date(2025, 7, 1), D(90))


def inside(chart: LineChart, x: float, y: float) -> bool:
    return chart.left <= x <= chart.right and chart.top <= y <= chart.bottom


# Value ticks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("0", "100", ["0", "25", "50", "75", "100"]),
        ("90", "120", ["90", "100", "110", "120"]),
        ("0", "1.2", ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2"]),
        ("0.001", "0.007", ["0.001", "0.002", "0.003", "0.004", "0.005", "0.006", "0.007"]),
        ("-3", "7", ["-4", "-2", "0", "2", "4", "6", "8"]),
        ("12", "13", ["12.0", "12.2", "12.4", "12.6", "12.8", "13.0"]),
        ("0", "1000000", ["0", "250000", "500000", "750000", "1000000"]),
        ("37", "83", ["30", "40", "50", "60", "70", "80", "90"]),
        ("0", "7", ["0.0", "2.5", "5.0", "7.5"]),
        (
            "-999999999999.99",
            "999999999999.99",
            ["-1000000000000", "-500000000000", "0", "500000000000", "1000000000000"],
        ),
    ],
)
def test_value_ticks_are_round_numbers_that_cover_the_values(low, high, expected):
    assert [str(t) for t in nice_ticks(D(low), D(high))] == expected


def test_value_ticks_spread_a_single_value_around_it():
    assert nice_ticks(D(5), D(5)) == [D("4.50"), D("4.75"), D("5.00"), D("5.25"), D("5.50")]
    assert nice_ticks(D(0), D(0))[0] < 0 < nice_ticks(D(0), D(0))[-1]


def test_value_ticks_accept_the_bounds_in_either_order():
    assert nice_ticks(D(100), D(0)) == nice_ticks(D(0), D(100))


values = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)


@given(values, values)
def test_value_ticks_always_cover_the_range_with_a_handful_of_even_steps(a, b):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low
    assert ticks[-1] >= high
    assert 4 <= len(ticks) <= 7
    steps = {later - earlier for earlier, later in pairwise(ticks)}
    assert len(steps) == 1


# Date ticks ------------------------------------------------------------------------------


def test_a_single_day_gets_one_tick():
    assert date_ticks(date(2025, 3, 1), date(2025, 3, 1)) == [(date(2025, 3, 1), DAY_FORMAT)]


def test_a_short_span_gets_day_ticks_from_the_start():
    ticks = date_ticks(date(2025, 3, 1), date(2025, 3, 10))
    assert [d.day for d, _ in ticks] == [1, 3, 5, 7, 9]
    assert {fmt for _, fmt in ticks} == {DAY_FORMAT}


def test_a_few_months_get_ticks_on_the_first_of_the_month():
    ticks = date_ticks(date(2025, 1, 15), date(2025, 7, 10))
    assert ticks == [
        (date(2025, 3, 1), MONTH_FORMAT),
        (date(2025, 5, 1), MONTH_FORMAT),
        (date(2025, 7, 1), MONTH_FORMAT),
    ]


def test_many_years_get_ticks_on_new_year():
    ticks = date_ticks(date(2025, 1, 15), date(2037, 7, 10))
    assert ticks == [(date(2030, 1, 1), YEAR_FORMAT), (date(2035, 1, 1), YEAR_FORMAT)]


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(days, st.integers(min_value=0, max_value=20000))
def test_date_ticks_stay_within_the_span_and_are_few(start, length):
    end = start + timedelta(days=length)
    ticks = date_ticks(start, end)
    assert 1 <= len(ticks) <= 5
    assert all(start <= d <= end for d, _ in ticks)
    assert [d for d, _ in ticks] == sorted({d for d, _ in ticks})


# The chart -------------------------------------------------------------------------------


def test_without_measurements_the_chart_shows_baseline_and_target_only():
    chart = line_chart(measurements=[], baseline=BASELINE, target=TARGET)
    assert chart.points == ()
    assert chart.polyline == ""
    assert inside(chart, chart.left, chart.baseline.y)
    assert inside(chart, chart.right, chart.target.y)
    assert chart.target.x == chart.right


def test_one_measurement_is_one_point_at_its_date_and_value():
    chart = line_chart(measurements=[(date(2025, 4, 1), D(105))], baseline=BASELINE, target=TARGET)
    (point,) = chart.points
    assert chart.left < point.x < chart.right
    # 105 lies between the target (90, lower on the chart) and the baseline (120, higher).
    assert chart.baseline.y < point.y < chart.target.y
    assert chart.polyline == f"{point.x},{point.y}"


def test_many_measurements_run_left_to_right_in_date_order():
    start = date(2025, 1, 1)
    series = [(start + timedelta(days=7 * i), D(120 - i)) for i in range(25)]
    chart = line_chart(measurements=list(reversed(series)), baseline=BASELINE, target=TARGET)
    assert [p.on for p in chart.points] == [on for on, _ in series]
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)
    assert len(chart.polyline.split(" ")) == 25
    assert all(inside(chart, p.x, p.y) for p in chart.points)


def test_values_worse_than_the_baseline_or_better_than_the_target_stay_inside():
    series = [(date(2025, 2, 1), D(150)), (date(2025, 6, 1), D(40))]
    chart = line_chart(measurements=series, baseline=BASELINE, target=TARGET)
    assert all(inside(chart, p.x, p.y) for p in chart.points)
    high, low = chart.points
    assert high.y < chart.baseline.y < chart.target.y < low.y
    assert chart.value_ticks[0].value <= D(40)
    assert chart.value_ticks[-1].value >= D(150)


def test_a_higher_target_is_drawn_above_the_baseline():
    chart = line_chart(
        measurements=[], baseline=(date(2025, 1, 1), D(10)), target=(date(2025, 3, 1), D(90))
    )
    assert chart.target.y < chart.baseline.y


def test_measurements_after_the_target_date_extend_the_time_axis():
    chart = line_chart(measurements=[(date(2025, 12, 31), D(80))], baseline=BASELINE, target=TARGET)
    assert chart.points[0].x == chart.right
    assert chart.left < chart.target.x < chart.right


def test_the_labels_of_baseline_and_target_sit_at_opposite_ends():
    chart = line_chart(
        measurements=[], baseline=(date(2025, 1, 1), D(100)), target=(date(2025, 2, 1), D(101))
    )
    assert chart.baseline.label_anchor == "start"
    assert chart.baseline.label_x < chart.target.label_x
    assert chart.target.label_anchor == "end"


def test_ticks_sit_on_the_axes():
    chart = line_chart(measurements=[(date(2025, 3, 3), D(95))], baseline=BASELINE, target=TARGET)
    assert all(chart.top <= t.y <= chart.bottom for t in chart.value_ticks)
    assert {chart.value_ticks[0].y, chart.value_ticks[-1].y} == {chart.top, chart.bottom}
    assert all(chart.left <= t.x <= chart.right for t in chart.date_ticks)
    assert chart.date_ticks[-1].anchor in {"middle", "end"}


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 1, 1)),
            st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False),
        ),
        max_size=40,
    )
)
def test_every_point_lies_inside_the_plot(series):
    chart = line_chart(measurements=series, baseline=BASELINE, target=TARGET)
    assert len(chart.points) == len(series)
    assert all(inside(chart, p.x, p.y) for p in chart.points)
    assert inside(chart, chart.target.x, chart.target.y)
