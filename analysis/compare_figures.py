"""Figures of `policysim compare`: arms run on common random numbers (docs/compare.md).

* `trajectories_figure`: national metrics over time, one median line and 5–95 % band per arm
  (`series` joined with `runs.arm`).
* `forest_figure`: the paired effects of each arm against the reference arm, from the
  `comparisons` table: the mean paired difference with its 95 % t interval (thick) and percentile
  bootstrap interval (thin), one panel per outcome.

Like `figures.py`, every function returns `(figure, data)`, the data being exactly what was drawn.
Importing this module registers the report section "Arms compared".
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .figures import _band_legend_note, _draw_band, _year_axis
from .html_render import escape, table_block
from .arms import arm_colours, arm_order
from .labels import COMPARISON_COLUMN_LABELS, metric_label, outcome_label
from .load import Results
from .sections import ReportContext, _figure_or_note, _generic_table_section, register_section
from .stats import series_band
from .style import FULL_WIDTH_INCHES, new_figure, styled

TRAJECTORY_METRICS = ("share_adopted_law", "share_adopted_victim", "resistance_mean", "P")
"""National series drawn per arm by default."""

FOREST_OUTCOMES = ("final_adopted_law", "final_adopted_victim", "final_adopted_multi", "final_resistance",
                   "peak_resistance", "z1_year", "total_cases")
"""Outcomes in the forest plot by default (those missing from the table are left out)."""

TRAJECTORY_QUANTILES = (0.05, 0.5, 0.95)
"""The bands of the trajectories: 5 % and 95 % of runs around the median."""

COMPARISON_COLUMNS = ("arm", "reference", "outcome", "pairs", "mean_diff", "t_low", "t_high", "boot_low",
                      "boot_high")
"""Columns of the engine's `comparisons` table that the figures need."""


def comparison_table(results: Results) -> pd.DataFrame:
    """The `comparisons` table; KeyError when the database has none (or not the engine's layout)."""
    table = results.table("comparisons")
    if table is None or table.empty:
        raise KeyError("the database has no comparisons table: run `policysim compare`")
    missing = [c for c in COMPARISON_COLUMNS if c not in table]
    if missing:
        raise KeyError(f"the comparisons table lacks {', '.join(missing)}")
    return table


def trajectory_data(results: Results, metrics: Sequence[str] = TRAJECTORY_METRICS,
                    quantiles: Sequence[float] = TRAJECTORY_QUANTILES) -> pd.DataFrame:
    """Per metric, arm and tick: q_low, median, q_high across the arm's runs (and n_runs)."""
    present = [m for m in metrics if m in results.series]
    if not present:
        raise KeyError(f"series has none of {', '.join(metrics)}")
    return pd.concat([series_band(results, metric, quantiles) for metric in present], ignore_index=True)


def trajectories_figure(results: Results, metrics: Sequence[str] = TRAJECTORY_METRICS,
                        quantiles: Sequence[float] = TRAJECTORY_QUANTILES) -> tuple[Figure, pd.DataFrame]:
    """National metrics over time per arm: the median line and the 5–95 % band across runs."""
    data = trajectory_data(results, metrics, quantiles)
    shown = list(pd.unique(data["metric"]))
    arms = [a for a in arm_order(results) if a in set(data["arm"])]
    colours = arm_colours(results)
    columns = 2 if len(shown) > 1 else 1
    rows = int(np.ceil(len(shown) / columns))
    figure, axes_grid = new_figure(FULL_WIDTH_INCHES, 2.9 * rows + 0.6, nrows=rows, ncols=columns, sharex=True,
                                   squeeze=False)
    with styled():
        for index, axes in enumerate(axes_grid.flat):
            if index >= len(shown):
                axes.set_visible(False)
                continue
            metric = shown[index]
            scale = 100.0 if metric.startswith("share_adopted_") else 1.0  # shares drawn as % of regions
            for arm in arms:
                subset = data[(data["metric"] == metric) & (data["arm"] == arm)]
                _draw_band(axes, subset, colours[arm], arm or None, scale=scale, overlapping=len(arms) > 1)
            label, unit = metric_label(metric)
            # At 9.5 points the right column's longest label (the federal stance) ran past the edge.
            axes.set_title(label, loc="left", fontsize=9)
            axes.set_ylabel("% of regions" if scale == 100.0 else unit)
            _year_axis(axes, results, label=index >= len(shown) - columns)
        axes_grid.flat[0].legend(title="Arm", frameon=False, fontsize=8)
        figure.suptitle("Trajectories per arm (same seeds in every arm)")
        figure.tight_layout(rect=(0, 0.035, 1, 1))
        figure.text(0.5, 0.008, _band_legend_note(quantiles), ha="center", fontsize=8.5, color="#555555")
    return figure, data


def forest_data(results: Results, outcomes: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of `comparisons` for the forest plot: arm, outcome, pairs, mean_diff and both intervals."""
    table = comparison_table(results)
    wanted = list(outcomes) if outcomes is not None else [o for o in FOREST_OUTCOMES
                                                          if o in set(table["outcome"])]
    data = table[table["outcome"].isin(wanted)][list(COMPARISON_COLUMNS)].copy()
    arms = [a for a in arm_order(results) if a in set(data["arm"])]
    arms += [a for a in pd.unique(data["arm"]) if a not in arms]
    data["outcome"] = pd.Categorical(data["outcome"], categories=wanted, ordered=True)
    data["arm"] = pd.Categorical(data["arm"], categories=arms, ordered=True)
    data = data.sort_values(["outcome", "arm"]).reset_index(drop=True)
    data["outcome"] = data["outcome"].astype(str)
    data["arm"] = data["arm"].astype(str)
    return data


def forest_figure(results: Results, outcomes: Sequence[str] | None = None) -> tuple[Figure, pd.DataFrame]:
    """Paired effect of each arm against the reference, one panel per outcome (each in its own unit)."""
    data = forest_data(results, outcomes)
    if data.empty:
        raise ValueError("no comparisons for the requested outcomes")
    shown = list(pd.unique(data["outcome"]))
    arms = list(pd.unique(data["arm"]))
    reference = str(data["reference"].iloc[0])
    columns = 2 if len(shown) > 1 else 1
    rows = int(np.ceil(len(shown) / columns))
    figure, axes_grid = new_figure(FULL_WIDTH_INCHES, (0.28 * len(arms) + 0.9) * rows + 0.7, nrows=rows,
                                   ncols=columns, squeeze=False)
    positions = np.arange(len(arms))[::-1]
    colours = arm_colours(results)
    with styled():
        for index, axes in enumerate(axes_grid.flat):
            if index >= len(shown):
                axes.set_visible(False)
                continue
            outcome = shown[index]
            subset = data[data["outcome"] == outcome].set_index("arm").reindex(arms)
            axes.axvline(0.0, color="#888888", linewidth=0.8)
            for arm, position in zip(arms, positions):
                row = subset.loc[arm]
                colour = colours.get(arm, "#555555")
                if np.isfinite(row["t_low"]):
                    axes.plot([row["t_low"], row["t_high"]], [position, position], color=colour, linewidth=3.2,
                              solid_capstyle="butt")
                if np.isfinite(row["boot_low"]):
                    axes.plot([row["boot_low"], row["boot_high"]], [position - 0.22] * 2, color=colour,
                              linewidth=1.0)
                if np.isfinite(row["mean_diff"]):
                    axes.plot([row["mean_diff"]], [position], marker="o", color="white", markeredgecolor=colour,
                              markersize=5)
            label, unit = outcome_label(outcome)
            axes.set_title(textwrap.fill(label, 40), loc="left", fontsize=8.5)
            axes.set_xlabel(f"difference, {'years' if unit == 'year' else unit}")
            axes.set_yticks(positions)
            axes.set_yticklabels(arms if index % columns == 0 else [""] * len(arms))
            axes.set_ylim(-0.8, len(arms) - 0.4)
        figure.suptitle(f"Paired effects against {reference}: mean difference, 95 % t (thick) and "
                        "bootstrap (thin) intervals", fontsize=10)
        figure.tight_layout()
    return figure, data


def _effects_table(results: Results) -> str:
    """The forest plot's rows as a table: outcomes by their labels, values in their units, headers
    in words (COMPARISON_COLUMN_LABELS), "–" where a value is undefined."""
    data = forest_data(results)
    table = comparison_table(results)
    extra = [c for c in ("ratio", "effect_dz", "vrf") if c in table]
    shown = data.merge(table[["arm", "outcome"] + extra], on=["arm", "outcome"], how="left")
    rows = []
    for record in shown.to_dict("records"):
        label, unit = outcome_label(record["outcome"])
        unit = "years" if unit == "year" else unit  # a difference of years is a duration
        row = {"arm": record["arm"], "outcome": label, "unit": unit, "pairs": record["pairs"]}
        for column in ("mean_diff", "t_low", "t_high", "boot_low", "boot_high"):
            row[column] = _plain_number(record[column])
        for column in extra:
            row[column] = _plain_number(record[column])
        rows.append(row)
    frame = pd.DataFrame(rows).rename(columns=COMPARISON_COLUMN_LABELS)
    numeric = tuple(COMPARISON_COLUMN_LABELS.get(c, c) for c in ("pairs", "mean_diff", "t_low", "t_high",
                                                                  "boot_low", "boot_high", *extra))
    return table_block(frame, numeric_columns=numeric)


def _plain_number(value: float) -> str:
    """Three significant figures (a difference of years in years), "–" where undefined."""
    return "–" if value is None or not np.isfinite(value) else f"{value:.3g}"


_plain_comparisons = _generic_table_section("comparisons", "Differences between arms, as recorded by the engine.")


@register_section("comparisons", "Arms compared", 100)
def comparisons_section(results: Results, context: ReportContext) -> str | None:
    """Trajectories per arm and the forest plot of paired effects (any other layout: the plain table)."""
    table = results.table("comparisons")
    if table is None or table.empty:
        return None
    if any(c not in table for c in COMPARISON_COLUMNS):
        return _plain_comparisons(results, context)
    reference = escape(str(table["reference"].iloc[0]))
    pairs = int(table["pairs"].max())
    parts = [f"<p>Each arm against <strong>{reference}</strong> on common random numbers: replicate r has the "
             f"same seed in every arm, so differences are taken run by run (up to {pairs} pairs). "
             "VRF is the variance of an unpaired difference over that of the paired one, from the same runs.</p>"]
    parts.append(_figure_or_note(
        lambda: trajectories_figure(results),
        lambda fig: context.figure(fig, "fig-compare-trajectories",
                                   "Trajectories per arm: median and 5–95 % band across runs.",
                                   "Trajectories of national metrics per arm")))
    parts.append(_figure_or_note(
        lambda: forest_figure(results),
        lambda fig: context.figure(fig, "fig-compare-forest",
                                   "Paired effects: mean difference with 95 % t and percentile bootstrap intervals.",
                                   "Forest plot of paired effects")))
    parts.append(_effects_table(results))
    return "".join(parts)


register_section("paired-targets", "Paired targets", 101)(_generic_table_section(
    "paired_targets", "Facts about an arm against the base on common random numbers, as the engine judged them: "
    "each is met when the 95 % t interval of the mean paired difference (t_low to t_high) lies in its range "
    "(low to high); with minus, the difference is the arm's metric minus its minus, run by run."))
