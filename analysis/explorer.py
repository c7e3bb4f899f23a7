"""An interactive page of one results database: pick the arm, the outcome and the quarter, and the
map and the trajectories follow. Everything is inline (data as JSON, the script, the styles); the
page needs no network and no server.

    /usr/bin/python3 -m analysis.explorer RESULTS_DB_OR_DIR [-o explore.html]

From a folder other than the repository root, run the file instead, with no PYTHONPATH:
`/usr/bin/python3 path/to/analysis/explorer.py RESULTS_DB_OR_DIR ...`.

The page applies selections given in its address after `#` (arm=, outcome=, quarter=, region=),
for instance `explore.html#arm=nordic&outcome=rho&quarter=2005Q4`, through the same controls a
reader uses: a link can point at one view, and a headless browser can check the page.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_hex


# Run as a file from any folder (`python3 /path/to/analysis/explorer.py ...`), this module is
# not in its package and its relative imports would fail: name the package and put its parent
# on the path, as PEP 366 describes, so no PYTHONPATH is needed.
if __name__ == "__main__" and not __package__:
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    __package__ = "analysis"

from . import geo
from .arms import arm_colours, arm_order, reference_arm
from .html_render import escape
from .labels import is_level_metric, metric_label
from .load import NotAResultsDatabase, Results, load
from .maps import DEFAULT_COLOURMAP, REGION_METRIC_COLOURMAPS, region_frame
from .scales import fitted_limits

EXPLORER_METRICS = ("a_law", "a_victim", "a_multi", "rho")
"""Regional metrics the page offers by default."""

VALUE_SCALE = 1000
"""Values are stored as integers in thousandths (a level of 0–1 to three decimals)."""

MAP_WIDTH = 1000.0
"""Width of the map's coordinate system; outlines are snapped to whole units of it."""

COLOUR_STOPS = 9
SCRIPT_PATH = Path(__file__).with_name("explorer.js")
STYLE_PATH = Path(__file__).with_name("explorer.css")


def _quantised(values: np.ndarray) -> list:
    """Thousandths as integers, None for a missing value."""
    return [None if not np.isfinite(v) else int(round(v * VALUE_SCALE)) for v in values]


def region_paths(results: Results) -> tuple[list[dict], list[float], list[float]]:
    """SVG outline of each region of the database that has one, the map's view box, and the view
    box of the enlarged European panel (the box of the static maps).

    The Albers projection of geo.py, scaled to MAP_WIDTH units, with vertices snapped to whole
    units and written as relative moves, which keeps the 83 outlines small; rings that collapse to
    fewer than three points (the smallest islands) are left out.
    """
    all_shapes = geo.load_shapes()
    shapes = geo.match_shapes(results.regions, geo.drawing_shapes(), geo.load_region_table())
    if not shapes:
        raise ValueError("no region of this database has an outline in the boundary file "
                         "(a synthetic country has no map)")
    west, east, south, north = geo.european_russia_bounds(all_shapes)
    stacked = np.concatenate([ring for shape in shapes.values() for ring in shape.rings_projected]
                             + [np.array([[west, south], [east, north]])])  # the map holds the box too
    x_min, y_min = stacked.min(axis=0)
    x_max, y_max = stacked.max(axis=0)
    scale = MAP_WIDTH / (x_max - x_min)
    height = float(np.ceil((y_max - y_min) * scale))
    drawn = sorted(shapes.items(), key=lambda item: -item[1].area)  # enclaves (Moscow) drawn on top
    paths = []
    for region, shape in drawn:
        commands = []
        for ring in shape.rings_projected:
            points = np.round(np.column_stack([(ring[:, 0] - x_min) * scale, (y_max - ring[:, 1]) * scale]))
            keep = np.ones(len(points), dtype=bool)
            keep[1:] = np.any(points[1:] != points[:-1], axis=1)
            points = points[keep].astype(int)
            if len(points) < 3:
                continue
            steps = np.diff(points, axis=0)
            commands.append(f"M{points[0, 0]} {points[0, 1]}l" + " ".join(f"{dx} {dy}" for dx, dy in steps) + "z")
        if commands:
            paths.append({"region": int(region), "d": "".join(commands)})
    europe = [(west - x_min) * scale, (y_max - north) * scale, (east - west) * scale, (north - south) * scale]
    return paths, [0.0, 0.0, MAP_WIDTH, height], [round(v, 1) for v in europe]


def explorer_data(results: Results, metrics: Sequence[str] = EXPLORER_METRICS) -> dict:
    """Everything the page shows, as JSON-ready values.

    For each arm and metric: per quarter, the median across the arm's runs of each region's value
    (`regions`), and the median and 5–95 % quantiles across runs of the mean over regions
    (`national`), all in thousandths. Colour and axis limits are fitted to every arm and quarter, so
    that a change of selection changes colours only where the values change.
    """
    available = [m for m in metrics if m in results.region_series]
    if not available:
        raise KeyError("region_series holds none of " + ", ".join(metrics) + " (run the engine with --regions)")
    paths, view_box, europe_box = region_paths(results)
    regions = results.regions.set_index("region")
    frame = region_frame(results, available[0])
    quarters = frame[["quarter", "year"]].drop_duplicates().sort_values("year")["quarter"].tolist()
    arms = arm_order(results)
    region_ids = [p["region"] for p in paths]
    values: dict = {arm: {} for arm in arms}
    national: dict = {arm: {} for arm in arms}
    metric_info = {}
    for metric in available:
        frame = region_frame(results, metric)
        medians = frame.groupby(["arm", "quarter", "region"])[metric].median()
        run_means = frame.groupby(["arm", "quarter", "run_id"])[metric].mean()
        band = run_means.groupby(level=["arm", "quarter"]).quantile([0.05, 0.5, 0.95]).unstack()
        for arm in arms:
            grid = medians.loc[arm].unstack("region").reindex(index=quarters, columns=region_ids)
            values[arm][metric] = [_quantised(row) for row in grid.to_numpy(dtype=float)]
            arm_band = band.loc[arm].reindex(quarters)
            national[arm][metric] = {key: _quantised(arm_band[q].to_numpy(dtype=float))
                                     for key, q in (("low", 0.05), ("median", 0.5), ("high", 0.95))}
        label, unit = metric_label(metric)
        bounds = (0.0, 1.0) if is_level_metric(metric) else (0.0, max(1.0, float(np.nanmax(medians))))
        colourmap = plt.get_cmap(REGION_METRIC_COLOURMAPS.get(metric, DEFAULT_COLOURMAP))
        metric_info[metric] = {
            "label": label, "unit": unit,
            "map_limits": fitted_limits(medians.to_numpy(), bounds, from_zero=not is_level_metric(metric)),
            "line_limits": fitted_limits(band.to_numpy().ravel(), bounds, from_zero=not is_level_metric(metric)),
            "colours": [to_hex(colourmap(i / (COLOUR_STOPS - 1))) for i in range(COLOUR_STOPS)],
        }
    return {
        "scenario": results.scenario_name,
        "quarters": quarters,
        "arms": arms,
        "reference": reference_arm(results),
        "arm_colours": arm_colours(results),
        "metrics": metric_info,
        "value_scale": VALUE_SCALE,
        "view_box": view_box,
        "europe_box": europe_box,
        "regions": [{"region": p["region"], "code": str(regions.loc[p["region"], "code"]),
                     "name": str(regions.loc[p["region"], "name"]), "d": p["d"]} for p in paths],
        "values": values,
        "national": national,
    }


def render_explorer(results: Results, metrics: Sequence[str] = EXPLORER_METRICS) -> str:
    """The page's HTML text."""
    data = json.dumps(explorer_data(results, metrics), separators=(",", ":")).replace("</", "<\\/")
    title = f"Explore: {results.scenario_name}"
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE_PATH.read_text(encoding='utf-8')}</style></head><body>"
            f'<main><header><p class="kicker">policysim results explorer</p><h1>{escape(title)}</h1>'
            '<p class="subtitle">Medians across runs; pick an arm, an outcome and a quarter. Click a region '
            "to follow it.</p></header>"
            '<form id="controls"><label>Arm <select id="arm"></select></label>'
            '<label>Outcome <select id="outcome"></select></label>'
            '<label class="quarter">Quarter <input id="quarter" type="range" min="0" step="1">'
            '<output id="quarter-label"></output></label></form>'
            '<p id="status" class="status"></p>'
            '<div class="panels"><figure class="map"><div class="maps"><svg id="map" role="img" '
            'aria-label="Map of the regions"></svg><svg id="europe" role="img" aria-label="European Russia, '
            'enlarged"></svg></div><div id="legend" class="legend"></div></figure>'
            '<figure class="lines"><svg id="trajectories" role="img" aria-label="Trajectories per arm"></svg>'
            '<p id="national" class="readout"></p><p id="region-readout" class="readout"></p></figure></div>'
            f'<script type="application/json" id="explorer-data">{data}</script>'
            f"<script>{SCRIPT_PATH.read_text(encoding='utf-8')}</script>"
            "</main></body></html>\n")


def write_explorer(database: str | Path | Results, out_path: str | Path | None = None,
                   metrics: Sequence[str] = EXPLORER_METRICS) -> Path:
    """Write the page (default: explore.html beside the database) and return its path."""
    results = database if isinstance(database, Results) else load(database, region_metrics=list(metrics))
    out_path = Path(out_path) if out_path else results.path.with_name("explore.html")
    html_text = render_explorer(results, metrics)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html_text, encoding="utf-8")
    return out_path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python3 -m analysis.explorer", description=__doc__.splitlines()[0])
    parser.add_argument("database", help="results.sqlite, or the experiment folder holding it")
    parser.add_argument("-o", "--out", help="page file (default: explore.html beside the database)")
    args = parser.parse_args(argv)
    try:
        path = write_explorer(args.database, args.out)
    except (FileNotFoundError, NotAResultsDatabase) as error:
        print(f"error: {error}", file=sys.stderr)
        return 66
    except (KeyError, ValueError) as error:  # no regional series, or no outlines to draw
        print(f"error: {error}", file=sys.stderr)
        return 66
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
