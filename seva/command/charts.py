"""Geometry of the server-drawn SVG charts: the trend lines and the district map's colours.

Only numbers and class names are produced here; the templates draw them, escaping every text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from seva.command.geo import DistrictShape, district_shapes
from seva.command.selectors import TrendDay

TREND_WIDTH = 640
TREND_HEIGHT = 200
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 44, 24, 10
SHADES = 5


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    received_points: str
    disposed_points: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = TREND_WIDTH
    height: int = TREND_HEIGHT
    left: int = PAD_LEFT
    bottom: int = TREND_HEIGHT - PAD_BOTTOM


def _nice_top(value: int) -> int:
    top = max(value, 1)
    for step in (1, 2, 5):
        magnitude = 1
        while magnitude * step * 4 < top:
            magnitude *= 10
        if magnitude * step * 4 >= top:
            return int(magnitude * step * 4)
    return top


def trend_chart(days: list[TrendDay]) -> TrendChart:
    top = _nice_top(max([d.received for d in days] + [d.disposed for d in days] + [1]))
    plot_w = TREND_WIDTH - PAD_LEFT - 8
    plot_h = TREND_HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(days) - 1, 1)

    def y(value: int) -> float:
        return PAD_TOP + plot_h * (1 - value / top)

    def points(values: list[int]) -> str:
        return " ".join(f"{PAD_LEFT + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))

    every = max(len(days) // 6, 1)
    return TrendChart(
        received_points=points([d.received for d in days]),
        disposed_points=points([d.disposed for d in days]),
        y_ticks=[Tick(position=y(top * n // 4), label=str(top * n // 4)) for n in range(5)],
        x_ticks=[
            Tick(position=PAD_LEFT + i * step, label=d.day.strftime("%d %b"))
            for i, d in enumerate(days)
            if i % every == 0
        ],
    )


@dataclass(frozen=True)
class MapDistrict:
    shape: DistrictShape
    value: float | int | None
    shade: str  # a CSS class: s0…s4, or "none" for no data / not in reach
    href: str
    title: str  # name and value, for the tooltip (escaped by the template)


@dataclass(frozen=True)
class LegendItem:
    shade: str
    low: float
    high: float


@dataclass(frozen=True)
class DistrictMap:
    districts: list[MapDistrict]
    legend: list[LegendItem]
    height: float
    width: float = 640.0


def _title(shape: DistrictShape, value: float | int | None, *, hindi: bool) -> str:
    name = shape.name_hi if hindi and shape.name_hi else shape.name_en
    if value is None:
        return name
    shown = f"{value:.0f}" if isinstance(value, float) else str(value)
    return f"{name}: {shown}"


def district_map(
    values: dict[int, float | int | None], links: dict[int, str], *, hindi: bool = False
) -> DistrictMap:
    """Colour each district by its value in equal steps from 0 to the largest value."""
    shapes, height = district_shapes()
    present = [v for v in values.values() if v is not None and v >= 0]
    top = float(max(present)) if present else 0.0
    width = top / SHADES if top else 1.0
    if all(isinstance(v, int) for v in present):
        width = float(max(1, math.ceil(top / SHADES)))  # whole steps for counts

    def shade(value: float | int | None) -> str:
        if value is None or value < 0:
            return "none"
        return f"s{min(int(value / width), SHADES - 1)}" if top else "s0"

    districts = [
        MapDistrict(
            shape=s,
            value=values.get(s.lgd_code),
            shade=shade(values.get(s.lgd_code)) if s.lgd_code in values else "none",
            href=links.get(s.lgd_code, ""),
            title=_title(s, values.get(s.lgd_code), hindi=hindi),
        )
        for s in shapes
    ]
    legend = [
        LegendItem(shade=f"s{n}", low=round(n * width, 1), high=round((n + 1) * width, 1))
        for n in range(SHADES)
    ]
    return DistrictMap(districts=districts, legend=legend, height=height)
