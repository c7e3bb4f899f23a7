"""Boundaries of the 83 federal subjects, projected for a flat map (no geopandas).

The GeoJSON has English names (`name_latin`) but no ISO codes; the region table
(`russia_regions_83.csv`) maps `name_en` to ISO 3166-2 codes. Longitudes west of Greenwich
(Chukotka's eastern tip, across the antimeridian) are shifted by +360 degrees so the country is
contiguous, then an Albers equal-area conic projection centred on Russia is applied.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import boundaries_path, region_table_path

CENTRAL_MERIDIAN_DEG = 100.0
STANDARD_PARALLELS_DEG = (52.0, 64.0)
ORIGIN_LATITUDE_DEG = 56.0


@dataclass(frozen=True)
class RegionShape:
    """One federal subject's outline: projected rings (x, y in Earth radii) and its English name."""

    name_en: str
    rings_projected: tuple[np.ndarray, ...]
    centroid_deg: tuple[float, float] = (float("nan"), float("nan"))
    """Mean (longitude, latitude) of the outline's vertices, longitude unwrapped to [0, 360)."""

    @property
    def area(self) -> float:
        """Projected area of the outer rings (shoelace formula), for drawing order."""
        total = 0.0
        for ring in self.rings_projected:
            x, y = ring[:, 0], ring[:, 1]
            total += 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
        return total


def albers_projection(longitude_deg: np.ndarray, latitude_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Albers equal-area conic (sphere) for Russia; longitudes must already be in [0, 360)."""
    phi1, phi2 = np.radians(STANDARD_PARALLELS_DEG)
    phi0 = np.radians(ORIGIN_LATITUDE_DEG)
    n = (np.sin(phi1) + np.sin(phi2)) / 2.0
    c = np.cos(phi1) ** 2 + 2.0 * n * np.sin(phi1)
    rho0 = np.sqrt(c - 2.0 * n * np.sin(phi0)) / n
    rho = np.sqrt(c - 2.0 * n * np.sin(np.radians(latitude_deg))) / n
    theta = n * np.radians(longitude_deg - CENTRAL_MERIDIAN_DEG)
    return rho * np.sin(theta), rho0 - rho * np.cos(theta)


def unwrap_longitudes(longitude_deg: np.ndarray) -> np.ndarray:
    """Shift western longitudes by +360 so that Chukotka is not split at the antimeridian."""
    return np.where(longitude_deg < 0.0, longitude_deg + 360.0, longitude_deg)


EUROPEAN_RUSSIA_LONGITUDES_DEG = (30.0, 56.0)
EUROPEAN_RUSSIA_LATITUDES_DEG = (42.0, 60.5)


def european_russia_bounds(shapes: dict[str, RegionShape], padding_share: float = 0.02) -> tuple[float, float, float, float]:
    """Projected (x_min, x_max, y_min, y_max) enclosing the regions whose centre lies in the crowded
    European part (longitude 30-56 E, latitude 42-60.5 N), for an enlarged panel."""
    (west, east), (south, north) = EUROPEAN_RUSSIA_LONGITUDES_DEG, EUROPEAN_RUSSIA_LATITUDES_DEG
    points = [ring for shape in shapes.values()
              if west <= shape.centroid_deg[0] <= east and south <= shape.centroid_deg[1] <= north
              for ring in shape.rings_projected]
    stacked = np.concatenate(points)
    x_min, y_min = stacked.min(axis=0)
    x_max, y_max = stacked.max(axis=0)
    pad = padding_share * max(x_max - x_min, y_max - y_min)
    return float(x_min - pad), float(x_max + pad), float(y_min - pad), float(y_max + pad)


def _outer_rings(geometry: dict) -> list[list]:
    """Outer rings of a Polygon or MultiPolygon (holes are covered by drawing enclaves on top)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    raise ValueError(f"unsupported geometry type {geometry['type']!r}")


def _project_ring(ring: list) -> np.ndarray:
    coordinates = np.asarray(ring, dtype=float)
    x, y = albers_projection(unwrap_longitudes(coordinates[:, 0]), coordinates[:, 1])
    return np.column_stack([x, y])


@lru_cache(maxsize=4)
def load_shapes(path: Path | None = None) -> dict[str, RegionShape]:
    """Projected outlines keyed by English name (`name_latin` of the GeoJSON)."""
    path = Path(path) if path else boundaries_path()
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    shapes = {}
    for feature in collection["features"]:
        name = feature["properties"]["name_latin"]
        outer_rings = _outer_rings(feature["geometry"])
        rings = tuple(_project_ring(ring) for ring in outer_rings)
        vertices = np.concatenate([np.asarray(ring, dtype=float) for ring in outer_rings])
        centroid = (float(unwrap_longitudes(vertices[:, 0]).mean()), float(vertices[:, 1].mean()))
        shapes[name] = RegionShape(name_en=name, rings_projected=rings, centroid_deg=centroid)
    return shapes


def simplify_ring(points: np.ndarray, tolerance: float) -> np.ndarray:
    """The ring with the vertices that matter at this scale (Ramer–Douglas–Peucker): no dropped
    vertex lies further than `tolerance` from the simplified outline. First and last are kept."""
    count = len(points)
    if count < 4:
        return points
    keep = np.zeros(count, dtype=bool)
    keep[0] = keep[-1] = True
    pending = [(0, count - 1)]
    while pending:
        first, last = pending.pop()
        if last - first < 2:
            continue
        segment = points[last] - points[first]
        inner = points[first + 1:last] - points[first]
        length = float(np.hypot(*segment))
        if length == 0.0:
            distances = np.hypot(inner[:, 0], inner[:, 1])
        else:
            distances = np.abs(segment[0] * inner[:, 1] - segment[1] * inner[:, 0]) / length
        farthest = int(np.argmax(distances))
        if distances[farthest] > tolerance:
            middle = first + 1 + farthest
            keep[middle] = True
            pending.extend(((first, middle), (middle, last)))
    return points[keep]


DRAWING_TOLERANCE = 0.0004
"""Outline detail kept for drawing, in Earth radii (about 2.5 km): under half a pixel of a
full-width map at 300 dpi, and a quarter of the 93,000 vertices of the boundary file."""


@lru_cache(maxsize=4)
def drawing_shapes(path: Path | None = None, tolerance: float = DRAWING_TOLERANCE) -> dict[str, RegionShape]:
    """load_shapes with each ring simplified to `tolerance` (rings left with under 3 vertices dropped)."""
    simplified = {}
    for name, shape in load_shapes(path).items():
        rings = tuple(ring for ring in (simplify_ring(r, tolerance) for r in shape.rings_projected) if len(ring) >= 3)
        simplified[name] = RegionShape(name_en=name, rings_projected=rings or shape.rings_projected,
                                       centroid_deg=shape.centroid_deg)
    return simplified


@lru_cache(maxsize=4)
def load_region_table(path: Path | None = None) -> pd.DataFrame:
    """The region table: iso_3166_2, name_en, federal_district_2000s, ..."""
    path = Path(path) if path else region_table_path()
    with path.open(encoding="utf-8") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


def match_shapes(regions: pd.DataFrame, shapes: dict[str, RegionShape],
                 region_table: pd.DataFrame | None = None) -> dict[int, RegionShape]:
    """Outline of each region of the results database, matched on ISO code (via the region table)
    and otherwise on the English name. Regions without an outline are left out."""
    code_to_name = {}
    if region_table is not None and not region_table.empty:
        code_to_name = dict(zip(region_table["iso_3166_2"], region_table["name_en"]))
    matched = {}
    for row in regions.itertuples(index=False):
        name = code_to_name.get(getattr(row, "code", None)) or getattr(row, "name", None)
        if name in shapes:
            matched[int(row.region)] = shapes[name]
    return matched
