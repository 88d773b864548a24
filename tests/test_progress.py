"""Progress figures (pure): study streaks and the forecast's bars."""

from __future__ import annotations

from datetime import date, timedelta

from quizapp.progress import HEIGHT, PAD, forecast_chart, streak

TODAY = date(2026, 11, 20)


def days_ago(*numbers: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in numbers}


def test_a_streak_counts_days_in_a_row_up_to_today_or_yesterday() -> None:
    assert streak(days_ago(0, 1, 2, 4), TODAY) == 3
    assert streak(days_ago(1, 2), TODAY) == 2  # not studied yet today: the streak still stands
    assert streak(days_ago(2, 3), TODAY) == 0
    assert streak(set(), TODAY) == 0


def test_the_tallest_bar_fills_the_chart_and_an_empty_day_has_no_height() -> None:
    chart = forecast_chart([0, 4, 2], TODAY)
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0
    assert heights[1] == HEIGHT - 2 * PAD
    assert heights[2] == heights[1] / 2
    assert [bar.day for bar in chart.bars] == [TODAY + timedelta(days=n) for n in range(3)]
    assert chart.bars[0].x < chart.bars[1].x < chart.bars[2].x
    assert forecast_chart([0, 0], TODAY).top == 1  # no division by zero
