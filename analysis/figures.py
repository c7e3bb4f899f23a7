"""Figures of one results database.

Every function takes a Results (plus options) and returns `(figure, data)`: a matplotlib Figure and
the DataFrame that was drawn, so that tests can check the numbers behind the picture. `save_figure`
writes a figure as PNG and SVG.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .arms import arm_colours, reference_arm
from .events import EVENT_LABELS, event_years
from .labels import axis_label, is_level_metric, metric_label, target_label
from .load import REFORMS, Results
from .maps import DEFAULT_COLOURMAP, REGION_METRIC_COLOURMAPS, region_frame
from .quarters import quarter_to_year
from .scales import fitted_limits
from .stats import BAND_QUANTILES, series_band, with_arm
from .style import (BAND_ALPHA, EXPORT_DPI, FULL_WIDTH_INCHES, NEUTRAL_COLOUR, OVERLAPPING_BAND_ALPHA,
                    REFORM_COLOURS, REFORM_LABELS, new_figure, styled)

HEATMAP_MAX_LABELLED_REGIONS = 120
"""Above this many regions the heatmap drops the region names and keeps its height."""


def save_figure(figure: Figure, path_stem: str | Path, formats: Sequence[str] = ("png", "svg"),
                dpi: int = EXPORT_DPI) -> list[Path]:
    """Write the figure as <path_stem>.png (at `dpi`, 300 by default) and <path_stem>.svg; returns the
    written paths."""
    path_stem = Path(path_stem)
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for extension in formats:
        target = path_stem.with_suffix(f".{extension}")
        figure.savefig(target, format=extension, dpi=dpi, facecolor="white")
        written.append(target)
    return written


def _year_axis(axes, results: Results, label: bool = True) -> None:
    years = results.series["year"].dropna() if "year" in results.series else pd.Series(dtype=float)
    if not years.empty:
        first, last = float(years.min()), float(years.max())
        axes.set_xlim(first, last + 0.25)
        step = 2 if last - first > 8 else 1
        axes.set_xticks(np.arange(np.ceil(first), np.floor(last + 0.25) + 1, step))
        axes.xaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:.0f}"))
    if label:
        axes.set_xlabel("Year (quarterly ticks)")


def _band_legend_note(quantiles: Sequence[float]) -> str:
    low, centre, high = quantiles
    return f"line: median across runs; band: {low:.0%}–{high:.0%} of runs"


def _draw_band(axes, band: pd.DataFrame, colour: str, label: str | None, scale: float = 1.0,
               overlapping: bool = False) -> None:
    """Median line and quantile band; bands that overlap others get a pale fill and edge lines."""
    low, high = band["q_low"] * scale, band["q_high"] * scale
    axes.fill_between(band["year"], low, high, color=colour, alpha=OVERLAPPING_BAND_ALPHA if overlapping else BAND_ALPHA,
                      linewidth=0, step=None)
    if overlapping:
        for edge in (low, high):
            axes.plot(band["year"], edge, color=colour, linewidth=0.6, alpha=0.8)
    axes.plot(band["year"], band["median"] * scale, color=colour, linewidth=1.8, label=label)


def _arms_in_order(results: Results, data: pd.DataFrame) -> list[str]:
    colours = arm_colours(results)
    present = list(pd.unique(data["arm"]))
    return [a for a in colours if a in present] + [a for a in present if a not in colours]


def _band_colour(results: Results, arm: str, single_arm_colour: str, several: bool) -> str:
    """The arm's colour when several arms share a panel, else the panel's own colour."""
    return arm_colours(results).get(arm, single_arm_colour) if several else single_arm_colour


def adoption_figure(results: Results, quantiles: Sequence[float] = BAND_QUANTILES,
                    fixed_scale: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Share of regions that adopted each reform over time: median and band across runs, per arm.

    Each panel's axis is fitted to its band (from 0 % up to a round number above the highest
    value); `fixed_scale` draws every panel on 0–100 %. Data: one row per reform, arm and tick with
    q_low, median, q_high of `share_adopted_<reform>` (a share in [0, 1]; drawn as per cent of regions).
    """
    bands = []
    for reform in REFORMS:
        band = series_band(results, f"share_adopted_{reform}", quantiles)
        band.insert(0, "reform", reform)
        bands.append(band)
    data = pd.concat(bands, ignore_index=True)
    arms = _arms_in_order(results, data)
    several = len(arms) > 1
    figure, axes_grid = new_figure(FULL_WIDTH_INCHES, 5.6, nrows=2, ncols=2, sharex=True)
    with styled():
        for axes, reform in zip(axes_grid.flat, REFORMS):
            in_panel = data[data["reform"] == reform]
            for arm in arms:
                subset = in_panel[in_panel["arm"] == arm]
                _draw_band(axes, subset, _band_colour(results, arm, REFORM_COLOURS[reform], several), arm or None,
                           scale=100.0, overlapping=several)
            axes.set_title(REFORM_LABELS[reform], loc="left")
            values = pd.concat([in_panel["q_low"], in_panel["q_high"], in_panel["median"]]) * 100.0
            axes.set_ylim(*fitted_limits(values, (0.0, 100.0), fixed=fixed_scale, from_zero=True))
            _year_axis(axes, results, label=axes in axes_grid[-1])
        for axes in axes_grid[:, 0]:
            axes.set_ylabel("Regions adopted (% of regions)")
        if len(arms) > 1:
            axes_grid.flat[0].legend(title="Arm", frameon=False)
        scale_words = "" if fixed_scale else "; each panel's axis fitted to its values"
        figure.suptitle("National adoption of each reform (implementation ≥ 0.5)")
        figure.tight_layout(rect=(0, 0.035, 1, 1))
        figure.text(0.5, 0.008, _band_legend_note(quantiles) + scale_words, ha="center", fontsize=8.5,
                    color="#555555")
    return figure, data


def resistance_figure(results: Results, quantiles: Sequence[float] = BAND_QUANTILES,
                      fixed_scale: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Mean regional resistance and federal nationalist stance P over time (median and band across runs).

    Each axis is fitted to its band; `fixed_scale` draws both on 0–1. Data: one row per metric
    (`resistance_mean`, `P`), arm and tick with q_low, median, q_high.
    """
    metrics = [("resistance_mean", "#b8461b"), ("P", "#37474f")]
    data = pd.concat([series_band(results, metric, quantiles) for metric, _ in metrics], ignore_index=True)
    arms = _arms_in_order(results, data)
    several = len(arms) > 1
    figure, axes_pair = new_figure(FULL_WIDTH_INCHES, 5.2, nrows=2, ncols=1, sharex=True)
    with styled():
        for axes, (metric, colour) in zip(axes_pair, metrics):
            in_panel = data[data["metric"] == metric]
            for arm in arms:
                _draw_band(axes, in_panel[in_panel["arm"] == arm], _band_colour(results, arm, colour, several),
                           arm or None, overlapping=several)
            axes.set_title(metric_label(metric)[0], loc="left")
            axes.set_ylabel(axis_label(metric).replace("Federal nationalist–sovereigntist stance", "Stance"))
            values = pd.concat([in_panel["q_low"], in_panel["q_high"]])
            axes.set_ylim(*fitted_limits(values, (0.0, 1.0), fixed=fixed_scale))
            _year_axis(axes, results, label=axes is axes_pair[-1])
        if len(arms) > 1:
            axes_pair[0].legend(title="Arm", frameon=False)
        figure.suptitle("Nationalist resistance and federal stance")
        figure.tight_layout(rect=(0, 0.035, 1, 1))
        figure.text(0.5, 0.008, _band_legend_note(quantiles), ha="center", fontsize=8.5, color="#555555")
    return figure, data


def event_timing_figure(results: Results) -> tuple[Figure, pd.DataFrame]:
    """When the national events happened across runs: one row of year bars per event, "never" at the right.

    Data: one row per run and event with the decimal `year` (NaN when it never happened) and `never`.
    """
    data = with_arm(results, event_years(results))
    start_year = quarter_to_year(results.manifest.get("start_quarter"))
    end_year = quarter_to_year(results.manifest.get("end_quarter"))
    if np.isnan(start_year) or np.isnan(end_year):
        start_year = float(results.series["year"].min()) if not results.series.empty else 1997.0
        end_year = float(results.series["year"].max()) if not results.series.empty else 2012.75
    first_year, last_year = int(np.floor(start_year)), int(np.floor(end_year))
    never_position = last_year + 2
    events = list(EVENT_LABELS)
    figure, axes_list = new_figure(FULL_WIDTH_INCHES, 1.05 * len(events) + 1.2, nrows=len(events), ncols=1,
                                   sharex=True)
    n_runs = max(1, data["run_id"].nunique())
    with styled():
        for axes, event in zip(axes_list, events):
            subset = data[data["event"] == event]
            years = np.floor(subset["year"].dropna().to_numpy())
            counts = pd.Series(years).value_counts().sort_index()
            axes.bar(counts.index, counts.to_numpy() / n_runs * 100, width=0.8, color=NEUTRAL_COLOUR,
                     align="edge")
            never_count = int(subset["never"].sum())
            axes.bar([never_position], [never_count / n_runs * 100], width=0.8, color="#9e9e9e", align="edge")
            axes.set_ylim(0, 100)
            axes.set_yticks([0, 50, 100])
            axes.set_ylabel("% runs", fontsize=8)
            axes.set_title(f"{EVENT_LABELS[event]}   (never: {never_count} of {len(subset)} runs)",
                           loc="left", fontsize=9.5)
            axes.axvline(last_year + 1.5, color="#bdbdbd", linewidth=0.8)
        step = 2 if last_year - first_year > 8 else 1
        ticks = list(range(first_year, last_year + 1, step))
        axes_list[-1].set_xticks([t + 0.4 for t in ticks] + [never_position + 0.4])
        axes_list[-1].set_xticklabels([str(t) for t in ticks] + ["never"])
        axes_list[-1].set_xlim(first_year - 0.3, never_position + 1.1)
        axes_list[-1].set_xlabel("Year of the event (bars: share of runs in which it happened that year)")
        figure.suptitle("Timing of national events across runs")
        figure.tight_layout()
    return figure, data


def heatmap_figure(results: Results, metric: str = "a_law", arm: str | None = None,
                   fixed_scale: bool = False) -> tuple[Figure, pd.DataFrame]:
    """Region × time heatmap of the median across one arm's runs (the reference arm unless named) of
    a regional metric; the colour scale fitted to the values (`fixed_scale`: 0–1 for levels).

    Data: a wide frame, one row per region (index: district, name; sorted by district, then name),
    one column per quarter, values the median across runs.
    """
    frame = region_frame(results, metric)
    arm = reference_arm(results, arm)
    frame = frame[frame["arm"] == arm]
    medians = frame.groupby(["region", "quarter"])[metric].median().rename("value").reset_index()
    medians = medians.merge(results.regions, on="region", how="left")
    medians["district"] = medians["district"].fillna("(unknown)")
    medians["name"] = medians["name"].fillna(medians["region"].astype(str))
    quarters = frame[["quarter", "year"]].drop_duplicates().sort_values("year")["quarter"].tolist()
    data = medians.pivot_table(index=["district", "name"], columns="quarter", values="value", aggfunc="first")
    data = data.reindex(columns=quarters).sort_index(level=["district", "name"])
    years = np.array([quarter_to_year(q) for q in quarters])
    n_regions = len(data)
    values = data.to_numpy(dtype=float)
    finite_top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    bounds = (0.0, 1.0) if is_level_metric(metric) else (0.0, max(1.0, finite_top))
    low, high = fitted_limits(values.ravel(), bounds, fixed=fixed_scale, from_zero=not is_level_metric(metric))
    labelled = n_regions <= HEATMAP_MAX_LABELLED_REGIONS
    figure, axes = new_figure(FULL_WIDTH_INCHES, max(4.0, 0.12 * min(n_regions, HEATMAP_MAX_LABELLED_REGIONS) + 1.6))
    with styled():
        image = axes.imshow(values, aspect="auto", interpolation="nearest",
                            cmap=REGION_METRIC_COLOURMAPS.get(metric, DEFAULT_COLOURMAP), vmin=low, vmax=high,
                            extent=(years[0], years[-1] + 0.25, n_regions, 0))
        axes.grid(False)
        if labelled:
            axes.set_yticks(np.arange(n_regions) + 0.5)
            axes.set_yticklabels(data.index.get_level_values("name"), fontsize=5.8)
        else:
            axes.set_yticks([])
            axes.set_ylabel(f"{n_regions} regions, by district")
        districts = data.index.get_level_values("district")
        boundaries = [i for i in range(1, n_regions) if districts[i] != districts[i - 1]]
        for boundary in boundaries:
            axes.axhline(boundary, color="white", linewidth=1.2)
        starts = [0] + boundaries
        ends = boundaries + [n_regions]
        for start, end in zip(starts, ends):
            axes.text(years[-1] + 0.6, (start + end) / 2, districts[start], va="center", ha="left",
                      fontsize=7.5, fontweight="bold", color="#333333")
        step = 2 if years[-1] - years[0] > 8 else 1
        axes.set_xticks(np.arange(np.ceil(years[0]), np.floor(years[-1]) + 1, step))
        axes.set_xlabel("Year (quarterly ticks)")
        arm_words = f", arm {arm}" if len(results.arms) > 1 else ""
        # Two lines: on one, a long label with an arm's name runs past the figure's edge.
        figure.suptitle(f"{metric_label(metric)[0]} by region and quarter\n(median across runs{arm_words})",
                        x=0.01, ha="left")
        colourbar = figure.colorbar(image, ax=axes, orientation="horizontal", fraction=0.025, pad=0.06,
                                    shrink=0.5)
        colourbar.set_label(f"Median across runs: {axis_label(metric)}")
        for spine in axes.spines.values():
            spine.set_visible(False)
        figure.tight_layout(rect=(0, 0, 1, 1 - 0.4 / figure.get_figheight()))
    return figure, data


def _target_share(values: pd.Series, low: float, high: float) -> float:
    """Share of runs whose value lies in [low, high] (a missing bound is open; a missing value misses)."""
    if values.empty:
        return float("nan")
    present = values.to_numpy(dtype=float)
    inside = ~np.isnan(present)
    if not np.isnan(low):
        inside &= present >= low
    if not np.isnan(high):
        inside &= present <= high
    return float(inside.mean())


def target_table(results: Results) -> pd.DataFrame:
    """Each stylised-fact target with its range, the share of runs in range (recomputed from
    target_values), the share required, and met/unmet as recorded by the engine; `counted` (0 for a
    check that holds by construction) and `given` (a condition on another outcome: the share is the
    engine's, over the runs that meet it, which target_values alone cannot tell)."""
    targets = results.targets.copy()
    columns = ["name", "metric", "stat", "window_start", "window_end", "low", "high", "share_required",
               "share_met", "met", "source", "counted", "given", "share_in_range", "n_runs", "n_missing"]
    if targets.empty:
        return pd.DataFrame(columns=columns)
    if "counted" not in targets:  # written before checks existed: every target counted
        targets["counted"] = 1
    if "given" not in targets:
        targets["given"] = ""
    targets["given"] = targets["given"].fillna("")
    rows = []
    for target in targets.itertuples(index=False):
        values = results.target_values.loc[results.target_values["name"] == target.name, "value"]
        values = pd.to_numeric(values, errors="coerce")
        low = float(target.low) if pd.notna(target.low) else np.nan
        high = float(target.high) if pd.notna(target.high) else np.nan
        share = (float(target.share_met) if pd.notna(target.share_met) else np.nan) if target.given \
            else _target_share(values, low, high)
        rows.append({"share_in_range": share, "n_runs": int(len(values)),
                     "n_missing": int(values.isna().sum())})
    return pd.concat([targets.reset_index(drop=True), pd.DataFrame(rows)], axis=1).reindex(columns=columns)


def targets_figure(results: Results, columns: int = 3) -> tuple[Figure, pd.DataFrame]:
    """Simulated value of each stylised-fact target across runs against its target range.

    One small panel per target: runs as dots, the target range shaded, the title marked met (✓) or
    unmet (✗) with the share of runs in range and the share required. Data: `target_table`.
    """
    data = target_table(results)
    if data.empty:
        raise ValueError("the database has no stylised-fact targets")
    n_targets = len(data)
    n_columns = min(columns, n_targets)
    n_rows = int(np.ceil(n_targets / n_columns))
    figure, axes_grid = new_figure(FULL_WIDTH_INCHES, 2.3 * n_rows + 0.6, nrows=n_rows, ncols=n_columns,
                                   squeeze=False)
    # A panel is a third of the page wide: its title and the quantity under it are wrapped to fit it
    # (on one line the quantities ran into their neighbours' and past the page's edges).
    title_width, label_width = (34, 42) if n_columns < 3 else (30, 36)
    rng = np.random.default_rng(0)
    with styled():
        for axes, target in zip(axes_grid.flat, data.itertuples(index=False)):
            values = pd.to_numeric(results.target_values.loc[results.target_values["name"] == target.name, "value"],
                                   errors="coerce").dropna().to_numpy(dtype=float)
            met = bool(target.met) if pd.notna(target.met) else target.share_in_range >= (target.share_required or 0)
            colour = "#2e7d32" if met else "#c62828"
            low = target.low if pd.notna(target.low) else (values.min() if values.size else 0.0)
            high = target.high if pd.notna(target.high) else (values.max() if values.size else 1.0)
            axes.axvspan(low, high, color=colour, alpha=0.15, linewidth=0)
            if low == high:
                axes.axvline(low, color=colour, linewidth=2, alpha=0.6)
            axes.scatter(values, rng.uniform(0.1, 0.75, values.size), s=14, color="#263238", alpha=0.75,
                         linewidths=0)
            span = np.concatenate([values, [low, high]])
            width = span.max() - span.min()
            pad = width * 0.15 if width > 0 else max(0.5, abs(span.max()) * 0.05)
            axes.set_xlim(span.min() - pad, span.max() + pad)
            axes.ticklabel_format(axis="x", useOffset=False, style="plain")
            axes.set_ylim(0, 1.25)
            axes.set_yticks([])
            axes.grid(axis="y", visible=False)
            mark = "✓" if met else "✗"
            required = f"{target.share_required:.0%}" if pd.notna(target.share_required) else "—"
            missing = f", {target.n_missing} none" if target.n_missing else ""
            axes.set_title(textwrap.fill(str(target.name), title_width), loc="left", fontsize=8.5)
            if str(target.metric).endswith("_year"):
                axes.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
            axes.text(0.01, 0.97, f"{mark} {target.share_in_range:.0%} in range (≥ {required}){missing}",
                      transform=axes.transAxes, fontsize=7.5, color=colour, fontweight="bold", va="top")
            axes.set_xlabel(textwrap.fill(target_label(str(target.metric), str(target.stat)), label_width),
                            fontsize=7.5)
            axes.spines["left"].set_visible(False)
        for axes in list(axes_grid.flat)[n_targets:]:
            axes.axis("off")
        figure.suptitle("Stylised-fact targets: runs (dots) against the target range (shaded)")
        figure.tight_layout(h_pad=1.0, w_pad=1.5)
    return figure, data
