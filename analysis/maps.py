"""Maps of a regional metric: one arm, every arm side by side, and each arm's difference from the
reference arm with the regions where the paired interval excludes zero outlined.

Like `figures.py`, every function returns `(figure, data)`, the data being exactly what was drawn.
A database with several arms is never pooled: a map shows one named arm (the reference unless
another is asked for), and the comparison maps show each arm in its own row.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from scipy import stats as scipy_stats

from . import geo
from .arms import reference_arm, selected_arms
from .labels import is_level_metric, metric_label
from .load import Results
from .scales import fitted_limits, symmetric_limits
from .style import FULL_WIDTH_INCHES, new_figure, styled

REGION_METRIC_COLOURMAPS = {"rho": "OrRd", "cases": "Purples"}
DEFAULT_COLOURMAP = "YlGnBu"
DIFFERENCE_COLOURMAP = "RdBu_r"
"""Diverging: red where the arm is higher than the reference, blue where lower, white at zero."""
NO_DATA_COLOUR = "#e0e0e0"
SIGNIFICANT_EDGE = "#111111"
ROW_HEIGHT_INCHES = 3.0
SOURCE_NOTE = "Boundaries © OpenStreetMap contributors (ODbL), via GIS-Lab; Albers equal-area projection"


def region_frame(results: Results, metric: str) -> pd.DataFrame:
    """region_series with each run's arm and replicate; errors say what the database lacks."""
    if results.region_series.empty:
        raise ValueError("region_series is empty: run the engine with --regions to record it")
    if metric not in results.region_series:
        raise KeyError(f"region_series has no column {metric!r}")
    frame = results.region_series
    keys = [c for c in ("run_id", "arm", "replicate") if c in results.runs]
    if "arm" in keys:
        runs = results.runs[keys].copy()
        runs["arm"] = runs["arm"].fillna("")
        frame = frame.merge(runs, on="run_id", how="left")
    if "arm" not in frame:
        frame = frame.assign(arm="")
    frame["arm"] = frame["arm"].fillna("")
    return frame


def map_quarter(region_series: pd.DataFrame, year: int | None) -> str:
    """The last recorded quarter of `year`; the last quarter of the run when year is None."""
    calendar = region_series[["quarter", "year"]].drop_duplicates().sort_values("year")
    if year is not None:
        in_year = calendar[np.floor(calendar["year"]) <= year]
        if not in_year.empty:
            return str(in_year["quarter"].iloc[-1])
    return str(calendar["quarter"].iloc[-1])


def _single_arm(results: Results, arm: str | None) -> str:
    """The arm a one-arm figure shows: the one asked for, else the reference."""
    return reference_arm(results, arm)


def region_values(results: Results, metric: str = "a_law", quarter: str | None = None,
                  year: int | None = None, arm: str | None = None) -> pd.DataFrame:
    """Median across one arm's runs (the reference arm unless named) of a regional metric in one
    quarter, one row per region: region, code, name, district, arm, quarter, metric, value."""
    frame = region_frame(results, metric)
    quarter = quarter or map_quarter(frame, year)
    arm = _single_arm(results, arm)
    selected = frame[(frame["quarter"] == quarter) & (frame["arm"] == arm)]
    values = selected.groupby("region")[metric].median().rename("value").reset_index()
    data = results.regions.merge(values, on="region", how="left")
    data.insert(len(data.columns) - 1, "arm", arm)
    data.insert(len(data.columns) - 1, "quarter", quarter)
    data.insert(len(data.columns) - 1, "metric", metric)
    return data


def difference_values(results: Results, metric: str = "a_law", quarter: str | None = None,
                      year: int | None = None, reference: str | None = None,
                      arms: Sequence[str] | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Per arm (other than the reference) and region: the mean over replicates of the paired
    difference arm − reference of a regional metric in one quarter, with its t interval.

    Replicate r of every arm runs on the same seed (common random numbers), so the pairs are taken
    replicate by replicate. Columns: arm, reference, region, code, name, district, quarter, metric,
    pairs, mean_diff, low, high, excludes_zero (False where the interval is undefined).
    """
    frame = region_frame(results, metric)
    if "replicate" not in frame:
        raise KeyError("runs has no replicate column: differences need the pairs of `policysim compare`")
    quarter = quarter or map_quarter(frame, year)
    reference = reference_arm(results, reference)
    compared = [a for a in selected_arms(results, list(arms) if arms else None) if a != reference]
    if not compared:
        raise ValueError("the database has no arm besides the reference: nothing to difference")
    at_quarter = frame[frame["quarter"] == quarter]
    wide = at_quarter.pivot_table(index=["replicate", "region"], columns="arm", values=metric, aggfunc="first")
    rows = []
    for arm in compared:
        if arm not in wide or reference not in wide:
            continue
        differences = (wide[arm] - wide[reference]).dropna()
        grouped = differences.groupby(level="region")
        summary = pd.DataFrame({"pairs": grouped.size(), "mean_diff": grouped.mean(), "sd": grouped.std(ddof=1)})
        half_width = scipy_stats.t.ppf(0.5 + confidence / 2, summary["pairs"] - 1) * summary["sd"] / np.sqrt(
            summary["pairs"])
        summary["low"] = summary["mean_diff"] - half_width
        summary["high"] = summary["mean_diff"] + half_width
        summary["excludes_zero"] = (summary["low"] > 0) | (summary["high"] < 0)
        summary.insert(0, "arm", arm)
        rows.append(summary.drop(columns="sd").reset_index())
    if not rows:
        raise ValueError(f"no pairs of replicates between the arms and {reference!r} in {quarter}")
    data = pd.concat(rows, ignore_index=True).merge(results.regions, on="region", how="left")
    data["reference"] = reference
    data["quarter"] = quarter
    data["metric"] = metric
    return data[["arm", "reference", "region", "code", "name", "district", "quarter", "metric", "pairs",
                 "mean_diff", "low", "high", "excludes_zero"]]


def _shapes(results: Results, boundaries: Path | None) -> tuple[dict, dict]:
    all_shapes = geo.load_shapes(boundaries)  # full detail, for the enlarged panel's box
    shapes = geo.match_shapes(results.regions, geo.drawing_shapes(boundaries), geo.load_region_table())
    if not shapes:
        raise ValueError("no region of this database has an outline in the boundary file "
                         "(a synthetic country has no map)")
    return all_shapes, shapes


def _overlaps(shape: geo.RegionShape, box: tuple[float, float, float, float]) -> bool:
    """Whether the outline's bounding box meets the box (x_min, x_max, y_min, y_max)."""
    points = np.concatenate(shape.rings_projected)
    (left, bottom), (right, top) = points.min(axis=0), points.max(axis=0)
    return left <= box[1] and right >= box[0] and bottom <= box[3] and top >= box[2]


def _draw_map_row(figure: Figure, bottom: float, height: float, all_shapes: dict, shapes: dict,
                  colours: dict, outlined: set, title: str) -> tuple:
    """One row: the whole country on the left, European Russia enlarged on the right, within the
    figure band [bottom, bottom + height]. Returns (country axes, enlarged axes)."""
    axes = figure.add_axes((0.02, bottom + 0.02 * height, 0.60, 0.84 * height))
    zoom_axes = figure.add_axes((0.635, bottom + 0.04 * height, 0.22, 0.78 * height))
    x_min, x_max, y_min, y_max = geo.european_russia_bounds(all_shapes)
    drawn = sorted(shapes.items(), key=lambda item: -item[1].area)  # enclaves (Moscow) drawn on top
    in_box = [(region, shape) for region, shape in drawn if _overlaps(shape, (x_min, x_max, y_min, y_max))]
    for target, line_width, regions in ((axes, 0.25, drawn), (zoom_axes, 0.4, in_box)):
        for emphasised in (False, True):  # outlined regions last, so no neighbour covers their edge
            polygons = [ring for region, shape in regions if (region in outlined) == emphasised
                        for ring in shape.rings_projected]
            faces = [colours.get(region, NO_DATA_COLOUR) for region, shape in regions
                     if (region in outlined) == emphasised for _ in shape.rings_projected]
            if polygons:
                target.add_collection(PolyCollection(
                    polygons, facecolors=faces, edgecolors=SIGNIFICANT_EDGE if emphasised else "white",
                    linewidths=line_width * (3.0 if emphasised else 1.0)))
    axes.set_aspect("equal", adjustable="datalim")
    axes.autoscale_view()
    axes.axis("off")
    # The enlarged panel keeps exactly the limits of its dashed box: its frame, not its limits,
    # takes the shape the equal aspect needs.
    zoom_axes.set_xlim(x_min, x_max)
    zoom_axes.set_ylim(y_min, y_max)
    zoom_axes.set_aspect("equal", adjustable="box")
    zoom_axes.set_anchor("W")
    zoom_axes.set_xticks([])
    zoom_axes.set_yticks([])
    zoom_axes.grid(False)
    for spine in zoom_axes.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor("#555555")
        spine.set_linestyle("--")
        spine.set_linewidth(0.7)
    zoom_axes.set_title("European Russia (enlarged)", fontsize=8, loc="left", fontweight="normal")
    axes.add_patch(plt.Rectangle((x_min, y_min), x_max - x_min, y_max - y_min, fill=False,
                                 edgecolor="#555555", linewidth=0.7, linestyle="--"))
    if title:
        figure.text(0.02, bottom + 0.92 * height, title, fontsize=10, fontweight="bold", va="center")
    return axes, zoom_axes


def _colourbar(figure: Figure, norm: Normalize, colourmap, label: str) -> None:
    # Left of the edge by the width of its tick labels (a minus sign and three digits) and its
    # label, which stand to its right: further right they would be cut off.
    colourbar_axes = figure.add_axes((0.875, 0.25, 0.018, 0.5))
    colourbar = figure.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=colourmap), cax=colourbar_axes,
                                orientation="vertical")
    colourbar.set_label(label, fontsize=8.5)


def _value_limits(values, metric: str, fixed_scale: bool) -> tuple[float, float]:
    """Colour limits: fitted to the values; fixed 0–1 for levels, 0–max for counts."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    top = float(finite.max()) if finite.size else 1.0
    bounds = (0.0, 1.0) if is_level_metric(metric) else (0.0, max(1.0, top))
    return fitted_limits(finite, bounds, fixed=fixed_scale, from_zero=not is_level_metric(metric))


def _arm_rows_figure(results: Results, rows: list[tuple[str, dict, set]], norm: Normalize, colourmap,
                     colourbar_label: str, suptitle: str, boundaries: Path | None) -> Figure:
    all_shapes, shapes = _shapes(results, boundaries)
    n_rows = len(rows)
    figure_height = ROW_HEIGHT_INCHES * n_rows + 0.9
    figure, _ = new_figure(FULL_WIDTH_INCHES, figure_height)
    figure.axes[0].remove()
    with styled():
        header, footer = 0.4 / figure_height, 0.25 / figure_height
        band = (1.0 - header - footer) / n_rows
        for index, (title, colours, outlined) in enumerate(rows):
            bottom = 1.0 - header - band * (index + 1)
            _draw_map_row(figure, bottom, band, all_shapes, shapes, colours, outlined, title)
        _colourbar(figure, norm, colourmap, colourbar_label)
        figure.suptitle(suptitle, x=0.02, ha="left", y=1.0 - 0.12 / figure_height, fontsize=11)
        figure.text(0.02, 0.08 / figure_height, SOURCE_NOTE, fontsize=6.5, color="#777777")
    return figure


def _colours_of(values: pd.Series, regions: pd.Series, norm: Normalize, colourmap) -> dict:
    return {int(region): colourmap(norm(value)) for region, value in zip(regions, values) if np.isfinite(value)}


def map_figure(results: Results, metric: str = "a_law", year: int | None = None, arm: str | None = None,
               fixed_scale: bool = False, boundaries: Path | None = None) -> tuple[Figure, pd.DataFrame]:
    """Map of one arm's regions (the reference arm unless named) coloured by the median across runs of
    a regional metric in the last quarter of `year` (of the run when None).

    The colour scale is fitted to the values shown; `fixed_scale` gives 0–1 for levels. Data: one row
    per region (region, code, name, district, arm, quarter, metric, value) and `on_map`, whether its
    outline was found in the boundary file.
    """
    data = region_values(results, metric, year=year, arm=arm)
    _, shapes = _shapes(results, boundaries)
    data["on_map"] = data["region"].isin(list(shapes))
    norm = Normalize(*_value_limits(data["value"], metric, fixed_scale))
    colourmap = plt.get_cmap(REGION_METRIC_COLOURMAPS.get(metric, DEFAULT_COLOURMAP))
    quarter = str(data["quarter"].iloc[0]) if not data.empty else ""
    shown_arm = str(data["arm"].iloc[0]) if not data.empty else ""
    label, _ = metric_label(metric)
    arm_words = f", arm {shown_arm}" if len(results.arms) > 1 else ""
    figure = _arm_rows_figure(results, [("", _colours_of(data["value"], data["region"], norm, colourmap), set())],
                              norm, colourmap, f"Median across runs ({metric_label(metric)[1]})",
                              f"{label}, {quarter}{arm_words}", boundaries)
    if data["value"].isna().any():
        figure.axes[0].legend(handles=[Patch(color=NO_DATA_COLOUR, label="no data")], loc="lower left",
                              frameon=False)
    return figure, data


def arm_maps_figure(results: Results, metric: str = "a_law", year: int | None = None,
                    arms: Sequence[str] | None = None, fixed_scale: bool = False,
                    boundaries: Path | None = None) -> tuple[Figure, pd.DataFrame]:
    """One map row per arm, all on one colour scale (fitted to every arm's values, or fixed).

    Data: `region_values` of each arm, stacked."""
    shown = selected_arms(results, list(arms) if arms else None)
    data = pd.concat([region_values(results, metric, year=year, arm=arm) for arm in shown], ignore_index=True)
    norm = Normalize(*_value_limits(data["value"], metric, fixed_scale))
    colourmap = plt.get_cmap(REGION_METRIC_COLOURMAPS.get(metric, DEFAULT_COLOURMAP))
    rows = [(f"Arm {arm}", _colours_of(part["value"], part["region"], norm, colourmap), set())
            for arm, part in data.groupby("arm", sort=False)]
    label, _ = metric_label(metric)
    figure = _arm_rows_figure(results, rows, norm, colourmap, f"Median across runs ({metric_label(metric)[1]})",
                              f"{label}, {data['quarter'].iloc[0]}, per arm (one colour scale)", boundaries)
    return figure, data


def difference_map_figure(results: Results, metric: str = "a_law", year: int | None = None,
                          reference: str | None = None, arms: Sequence[str] | None = None,
                          fixed_scale: bool = False, confidence: float = 0.95,
                          boundaries: Path | None = None) -> tuple[Figure, pd.DataFrame]:
    """One map row per arm: the mean paired difference arm − reference of a regional metric, on a
    diverging scale centred on zero; regions whose interval excludes zero are outlined in black.

    Data: `difference_values`."""
    data = difference_values(results, metric, year=year, reference=reference, arms=arms, confidence=confidence)
    _, unit = metric_label(metric)
    bound = 1.0 if is_level_metric(metric) else max(1.0, float(np.nanmax(np.abs(data["mean_diff"]))))
    norm = Normalize(*symmetric_limits(data["mean_diff"], bound, fixed=fixed_scale))
    colourmap = plt.get_cmap(DIFFERENCE_COLOURMAP)
    rows = []
    for arm, part in data.groupby("arm", sort=False):
        outlined = set(part.loc[part["excludes_zero"], "region"].astype(int))
        rows.append((f"{arm} − {part['reference'].iloc[0]}: {len(outlined)} regions outlined, where the "
                     f"{confidence:.0%} interval excludes 0",
                     _colours_of(part["mean_diff"], part["region"], norm, colourmap), outlined))
    label, _ = metric_label(metric)
    figure = _arm_rows_figure(
        results, rows, norm, colourmap, f"Mean paired difference ({unit})",
        f"{label}, {data['quarter'].iloc[0]}: arm − reference",
        boundaries)
    return figure, data
