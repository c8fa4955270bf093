"""UP's 75 districts as SVG paths, projected and simplified once per process.

Source: `data/geo/up_districts_lgd.geojson` (credits in data/geo/README.md), EPSG:4326. The
projection is equirectangular with longitude scaled by cos(mean latitude), which is close
enough at UP's size; rings are simplified with Douglas-Peucker to about half a pixel.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

WIDTH = 640.0
TOLERANCE = 0.6  # pixels
Point = tuple[float, float]


@dataclass(frozen=True)
class DistrictShape:
    lgd_code: int
    name_en: str
    name_hi: str
    path: str  # the SVG path's d attribute


def _geojson_path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "geo" / "up_districts_lgd.geojson"


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1e-9
        best, best_index = 0.0, -1
        for index in range(first + 1, last):
            x, y = points[index]
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            if distance > best:
                best, best_index = distance, index
        if best > tolerance and best_index > 0:
            keep[best_index] = True
            stack.extend([(first, best_index), (best_index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _simplify_ring(ring: list[Point]) -> list[Point]:
    # A closed ring starts and ends on the same point: split it in two halves first.
    middle = len(ring) // 2
    return _simplify(ring[: middle + 1], TOLERANCE) + _simplify(ring[middle:], TOLERANCE)[1:]


@cache
def district_shapes() -> tuple[tuple[DistrictShape, ...], float]:
    """The districts' shapes and the map's height (width is WIDTH)."""
    features = json.loads(_geojson_path().read_text(encoding="utf-8"))["features"]
    rings_by_feature = [feature["geometry"]["coordinates"] for feature in features]
    lons = [x for rings in rings_by_feature for ring in rings for x, _ in ring]
    lats = [y for rings in rings_by_feature for ring in rings for _, y in ring]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * scale_x
    span_y = max(lats) - min(lats)
    pixels = WIDTH / span_x
    height = span_y * pixels
    west, north = min(lons), max(lats)

    def project(lon: float, lat: float) -> Point:
        return ((lon - west) * scale_x * pixels, (north - lat) * pixels)

    shapes = []
    for feature, rings in zip(features, rings_by_feature, strict=True):
        parts = []
        for ring in rings:
            points = _simplify_ring([project(lon, lat) for lon, lat in ring])
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        props = feature["properties"]
        shapes.append(
            DistrictShape(
                lgd_code=int(props["lgd_code"]),
                name_en=str(props["name"]),
                name_hi=str(props.get("name_hi") or ""),
                path="".join(parts),
            )
        )
    return tuple(shapes), round(height, 1)
