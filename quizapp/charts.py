"""Score-over-time chart geometry for an inline SVG (pure; the template draws it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

WIDTH, HEIGHT, PAD = 600, 240, 32


class Scored(Protocol):
    @property
    def percent(self) -> int: ...


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    percent: int
    number: int


@dataclass(frozen=True)
class Chart:
    points: list[Point]
    width: int = WIDTH
    height: int = HEIGHT
    pad: int = PAD

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    def y_of(self, percent: int) -> float:
        return self.height - self.pad - (self.height - 2 * self.pad) * percent / 100


def score_chart(results: Sequence[Scored]) -> Chart:
    """Attempts left to right in order, 0-100 % bottom to top."""
    chart = Chart(points=[])
    span = WIDTH - 2 * PAD
    step = span / (len(results) - 1) if len(results) > 1 else 0
    for index, result in enumerate(results):
        x = PAD + index * step if len(results) > 1 else WIDTH / 2
        chart.points.append(Point(x, chart.y_of(result.percent), result.percent, index + 1))
    return chart
