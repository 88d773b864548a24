"""score_chart: attempts left to right, 0-100 % bottom to top, inside the padding."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.charts import HEIGHT, PAD, WIDTH, Point, score_chart


@dataclass(frozen=True)
class Result:
    percent: int


def test_no_attempts_draw_nothing() -> None:
    chart = score_chart([])
    assert chart.points == []
    assert chart.polyline == ""


def test_one_attempt_sits_in_the_middle() -> None:
    chart = score_chart([Result(50)])
    assert chart.points == [Point(WIDTH / 2, HEIGHT / 2, 50, 1)]


def test_attempts_span_the_width_in_order() -> None:
    chart = score_chart([Result(0), Result(100), Result(25)])
    assert [(p.x, p.y, p.percent, p.number) for p in chart.points] == [
        (PAD, HEIGHT - PAD, 0, 1),
        (WIDTH / 2, PAD, 100, 2),
        (WIDTH - PAD, HEIGHT - PAD - (HEIGHT - 2 * PAD) / 4, 25, 3),
    ]
    assert chart.polyline == "32.0,208.0 300.0,32.0 568.0,164.0"


@pytest.mark.parametrize(("percent", "y"), [(0, 208.0), (50, 120.0), (100, 32.0)])
def test_y_of_maps_percent_to_height(percent: int, y: float) -> None:
    assert score_chart([]).y_of(percent) == y


@given(st.lists(st.integers(0, 100), max_size=60))
def test_points_stay_inside_the_padding_and_keep_their_order(percents: list[int]) -> None:
    chart = score_chart([Result(p) for p in percents])
    xs = [p.x for p in chart.points]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    assert all(PAD <= p.x <= WIDTH - PAD and PAD <= p.y <= HEIGHT - PAD for p in chart.points)
    assert [p.number for p in chart.points] == list(range(1, len(percents) + 1))
    higher = [(a.percent > b.percent) == (a.y < b.y) for a in chart.points for b in chart.points]
    assert all(higher)
