"""Progress figures (pure): the due forecast's bar geometry and the study streak."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, HEIGHT, PAD = 600, 220, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    count: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    top: int  # the count the chart's full height stands for
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    def y_of(self, count: float) -> float:
        return self.height - self.pad - (self.height - 2 * self.pad) * count / self.top


def forecast_chart(counts: Sequence[int], first_day: date) -> BarChart:
    """One bar a day, left to right from `first_day`; the tallest bar fills the height."""
    top = max([*counts, 1])
    chart = BarChart(bars=[], top=top)
    slot = (WIDTH - 2 * PAD) / max(len(counts), 1)
    for index, count in enumerate(counts):
        y = chart.y_of(count)
        chart.bars.append(
            Bar(
                PAD + index * slot + slot * 0.1,
                y,
                slot * 0.8,
                HEIGHT - PAD - y,
                first_day + timedelta(days=index),
                count,
            )
        )
    return chart


def streak(days: Collection[date], today: date) -> int:
    """Consecutive days of study up to today (or up to yesterday, if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
