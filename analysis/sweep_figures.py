"""Figures of `policysim sweep` (docs/sweeps.md): how the outcomes depend on the sweep's factors.

* `sobol_figure`: Sobol' first-order (S1) and total (ST) indices with their 95 % bootstrap
  intervals, one panel per outcome, factors ranked by ST (a Saltelli design's `sensitivity` rows).
* `morris_figure`: the Morris μ*–σ plane, one panel per outcome (a Morris design's rows).
* `response_figure`: an outcome against each factor: at each value of the factor (or each tenth of
  its range, where the design samples it continuously), the mean and the 5–95 % band of the runs
  there, across their replicates and the other factors' values (`runs` and its factor columns).

Like `figures.py`, every function returns `(figure, data)`, the data being exactly what was drawn.
Importing this module registers the report's sections of a sweep.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .labels import TARGET_SHARE_PREFIX, axis_label, factor_label, metric_label, sensitivity_outcome_label
from .load import Results
from .style import BAND_ALPHA, NEUTRAL_COLOUR, panel_grid, styled

SWEEP_KEY_OUTCOMES = ("final_mean_law", "final_mean_victim", "peak_resistance", "law_passed_year")
"""The outcomes the sweep's figures draw first: the final implementation of the law and of the victim
procedure, peak resistance and the law's year; the shares of runs meeting each target follow."""

RESPONSE_QUANTILES = (0.05, 0.95)
"""The band of a response curve: 5 % and 95 % of the runs at a value of the factor."""

RESPONSE_BINS = 10
"""A factor sampled at more distinct values than this is cut into this many equal parts of its range."""

FIRST_ORDER_COLOUR = "#9ecae1"
TOTAL_COLOUR = NEUTRAL_COLOUR


def is_sweep(results: Results) -> bool:
    """Whether `policysim sweep` wrote the database (its manifest records the design)."""
    return "sweep" in results.manifest


def sweep_design(results: Results) -> dict:
    """The design the manifest records: design, points, levels, seed and factors."""
    design = results.manifest.get("sweep") or {}
    if isinstance(design, str):
        design = json.loads(design)
    return design


def factor_columns(results: Results) -> list[str]:
    """The factors' columns of `runs`, in the design's order."""
    columns = [str(factor.get("column")) for factor in sweep_design(results).get("factors", [])]
    return [column for column in columns if column in results.runs]


def sensitivity_table(results: Results, method: str) -> pd.DataFrame:
    """The `sensitivity` rows of one method ("sobol" or "morris"); KeyError when there are none."""
    table = results.table("sensitivity")
    if table is None or table.empty or "method" not in table:
        raise KeyError("the database has no sensitivity table: a saltelli or morris sweep writes one")
    rows = table[table["method"] == method]
    if rows.empty:
        raise KeyError(f"the sensitivity table has no {method} rows")
    return rows.reset_index(drop=True)


def key_outcomes(table: pd.DataFrame) -> list[str]:
    """The key outcomes (SWEEP_KEY_OUTCOMES) that have measures in `table`."""
    present = set(table["outcome"])
    return [outcome for outcome in SWEEP_KEY_OUTCOMES if outcome in present]


def target_share_outcomes(table: pd.DataFrame) -> list[str]:
    """The targets' shares that have measures in `table`, in its order."""
    return [outcome for outcome in pd.unique(table["outcome"]) if str(outcome).startswith(TARGET_SHARE_PREFIX)]


def sensitivity_outcomes(table: pd.DataFrame, outcomes: Sequence[str] | None = None) -> list[str]:
    """The outcomes to draw: `outcomes` where given (those in the table), else the key outcomes."""
    if outcomes is None:
        return key_outcomes(table)
    present = set(table["outcome"])
    return [outcome for outcome in outcomes if outcome in present]


def factor_names(results: Results) -> dict[str, str]:
    """Each factor's column in `runs` and its name in the scenario ("beta0_law": "beta0.law")."""
    return {str(factor.get("column")): str(factor.get("factor")) for factor in sweep_design(results).get("factors", [])}


def _outcome_title(outcome: str, width: int = 40) -> str:
    return textwrap.fill(sensitivity_outcome_label(outcome), width)


def sobol_figure(results: Results, outcomes: Sequence[str] | None = None, max_factors: int = 12,
                 columns: int = 2) -> tuple[Figure, pd.DataFrame]:
    """Sobol' S1 and ST of each factor with their 95 % bootstrap intervals, one panel per outcome
    (default: the key outcomes), factors ranked by ST (at most `max_factors` a panel), `columns`
    panels a row. Data: the `sensitivity` rows drawn, with each factor's label and its rank in its
    panel (0 the largest ST)."""
    table = sensitivity_table(results, "sobol")
    drawn_outcomes = sensitivity_outcomes(table, outcomes)
    if not drawn_outcomes:
        raise KeyError("none of the outcomes asked for has Sobol' indices")
    frames = []
    for outcome in drawn_outcomes:
        rows = table[table["outcome"] == outcome].sort_values("total", ascending=False, kind="stable")
        rows = rows.head(max_factors).assign(rank=lambda frame: np.arange(len(frame)))
        frames.append(rows)
    data = pd.concat(frames, ignore_index=True)
    data["factor_label"] = [factor_label(factor)[0] for factor in data["factor"]]
    factors_shown = int(data.groupby("outcome").size().max())
    with styled():
        figure, panels = panel_grid(len(drawn_outcomes), columns, 0.35 * factors_shown + 1.4)
        height = 0.38
        for axes, outcome in zip(panels, drawn_outcomes):
            rows = data[data["outcome"] == outcome]
            y = -rows["rank"].to_numpy(dtype=float)
            for offset, column, colour, label in ((height / 2, "first_order", FIRST_ORDER_COLOUR, "first order S1"),
                                                  (-height / 2, "total", TOTAL_COLOUR, "total ST")):
                values = rows[column].to_numpy(dtype=float)
                errors = np.vstack([values - rows[f"{column}_low"].to_numpy(dtype=float),
                                    rows[f"{column}_high"].to_numpy(dtype=float) - values]).clip(min=0)
                axes.barh(y + offset, values, height=height, color=colour, label=label,
                          xerr=errors, error_kw={"elinewidth": 0.9, "capsize": 2, "ecolor": "#333333"})
            axes.set_yticks(y)
            axes.set_yticklabels([textwrap.fill(label, 28 if columns <= 2 else 20) for label in rows["factor_label"]],
                                 fontsize=7.5 if columns <= 2 else 6.5)
            axes.axvline(0, color="#555555", linewidth=0.6)
            axes.set_xlabel("share of the outcome's variance")
            axes.set_title(_outcome_title(outcome, 40 if columns <= 2 else 28), loc="left", fontsize=9)
            axes.grid(axis="y", visible=False)
        # One scale for every panel: indices are shares of a variance, comparable across outcomes.
        low = min(0.0, float(data[["first_order_low", "total_low"]].min().min()))
        high = max(float(data[["first_order_high", "total_high", "total"]].max().max()), 0.1)
        for axes in panels:
            axes.set_xlim(low - 0.02, high + 0.03)
        handles, labels = panels[0].get_legend_handles_labels()
        figure.suptitle("Sobol' indices with 95 % bootstrap intervals")
        figure.tight_layout()
        figure.legend(handles, labels, loc="lower center", ncol=2, frameon=False, bbox_to_anchor=(0.5, -0.03))
    return figure, data


def morris_figure(results: Results, outcomes: Sequence[str] | None = None, labelled: int = 5,
                  columns: int = 2) -> tuple[Figure, pd.DataFrame]:
    """Morris μ* (mean absolute elementary effect) against σ (their spread), one panel per outcome
    (default: the key outcomes), `columns` panels a row; the `labelled` factors of largest μ* are
    named as the scenario names them (beta0.law). Data: the `sensitivity` rows drawn, with each
    factor's name, label and rank by μ* in its panel (0 the largest)."""
    table = sensitivity_table(results, "morris")
    drawn_outcomes = sensitivity_outcomes(table, outcomes)
    if not drawn_outcomes:
        raise KeyError("none of the outcomes asked for has Morris measures")
    frames = []
    for outcome in drawn_outcomes:
        rows = table[table["outcome"] == outcome].sort_values("mu_star", ascending=False, kind="stable")
        frames.append(rows.assign(rank=np.arange(len(rows))))
    data = pd.concat(frames, ignore_index=True)
    names = factor_names(results)
    data["factor_name"] = [names.get(factor, factor) for factor in data["factor"]]
    data["factor_label"] = [factor_label(factor)[0] for factor in data["factor"]]
    with styled():
        figure, panels = panel_grid(len(drawn_outcomes), columns, 3.3 if columns <= 2 else 2.3)
        for axes, outcome in zip(panels, drawn_outcomes):
            rows = data[data["outcome"] == outcome]
            mu_star, sigma = rows["mu_star"].to_numpy(dtype=float), rows["sigma"].to_numpy(dtype=float)
            axes.scatter(mu_star, sigma, s=16, color=NEUTRAL_COLOUR, zorder=3)
            top = max(float(np.nanmax(mu_star)), float(np.nanmax(sigma)), 1e-12)
            axes.plot([0, top], [0, top], color="#999999", linewidth=0.7, linestyle="--")
            for row in rows[rows["rank"] < labelled].itertuples(index=False):
                axes.annotate(row.factor_name, (row.mu_star, row.sigma), xytext=(3, 2), textcoords="offset points",
                              fontsize=7 if columns <= 2 else 6)
            axes.set_xlim(left=0)
            axes.set_ylim(bottom=0)
            unit = _per_range_unit(outcome)
            axes.set_xlabel(f"μ*, mean |effect| per range{unit}", fontsize=8)
            axes.set_ylabel(f"σ{unit}", fontsize=8)
            axes.set_title(_outcome_title(outcome, 40 if columns <= 2 else 28), loc="left", fontsize=9)
        figure.suptitle("Morris screening: μ* against σ (dashed: σ = μ*)")
        figure.tight_layout()
    return figure, data


def _per_range_unit(outcome: str) -> str:
    """" (unit)" of an outcome's elementary effects: the outcome's own unit per whole range."""
    if outcome.startswith(TARGET_SHARE_PREFIX):
        return " (share of runs)"
    unit = metric_label(outcome)[1]
    return f" ({unit})" if unit else ""


def response_data(results: Results, outcome: str, factors: Sequence[str] | None = None,
                  quantiles: Sequence[float] = RESPONSE_QUANTILES, bins: int = RESPONSE_BINS) -> pd.DataFrame:
    """Per factor and value: mean, the quantiles and the number of the ok runs whose outcome has a
    value. A factor with at most `bins` distinct values is grouped by value; one with more, by the
    `bins` equal parts of its sampled range (x is each part's middle)."""
    if outcome not in results.runs:
        raise KeyError(f"runs has no outcome {outcome!r}")
    factors = list(factors) if factors is not None else factor_columns(results)
    if not factors:
        raise KeyError("runs has no factor columns: the database is not a sweep's")
    runs = results.runs
    if "status" in runs:
        runs = runs[runs["status"] == "ok"]
    low, high = quantiles
    frames = []
    for factor in factors:
        frame = pd.DataFrame({"x": pd.to_numeric(runs[factor], errors="coerce"),
                              "y": pd.to_numeric(runs[outcome], errors="coerce")}).dropna()
        if frame.empty:
            continue
        distinct = np.unique(frame["x"].to_numpy())
        if len(distinct) > bins:
            edges = np.linspace(distinct[0], distinct[-1], bins + 1)
            part = np.clip(np.searchsorted(edges, frame["x"].to_numpy(), side="right") - 1, 0, bins - 1)
            frame["x"] = (edges[part] + edges[part + 1]) / 2
        grouped = frame.groupby("x", sort=True)["y"]
        band = pd.DataFrame({"mean": grouped.mean(), "q_low": grouped.quantile(low),
                             "q_high": grouped.quantile(high), "n_runs": grouped.size()}).reset_index()
        band.insert(0, "factor", factor)
        frames.append(band)
    if not frames:
        raise KeyError(f"no run has a value of {outcome!r}")
    data = pd.concat(frames, ignore_index=True)
    data.insert(0, "outcome", outcome)
    return data


def influential_factors(results: Results, outcome: str, count: int = 6) -> list[str]:
    """The `count` factors of largest ST (Sobol') or μ* (Morris) for `outcome`; the design's first
    factors when the database has no measures of it."""
    table = results.table("sensitivity")
    if table is not None and not table.empty:
        rows = table[table["outcome"] == outcome]
        if not rows.empty:
            measure = "total" if (rows["method"] == "sobol").all() else "mu_star"
            return list(rows.sort_values(measure, ascending=False, kind="stable")["factor"].head(count))
    return factor_columns(results)[:count]


def response_figure(results: Results, outcome: str, factors: Sequence[str] | None = None,
                    quantiles: Sequence[float] = RESPONSE_QUANTILES) -> tuple[Figure, pd.DataFrame]:
    """`outcome` against each of `factors` (default: its six most influential), one panel a factor:
    the mean of the runs at each value (line and dots) and their 5–95 % band. Data: response_data."""
    factors = list(factors) if factors is not None else influential_factors(results, outcome)
    data = response_data(results, outcome, factors, quantiles)
    drawn = list(pd.unique(data["factor"]))
    label = axis_label(outcome)
    with styled():
        figure, panels = panel_grid(len(drawn), 3, 2.4)
        for axes, factor in zip(panels, drawn):
            rows = data[data["factor"] == factor]
            axes.fill_between(rows["x"], rows["q_low"], rows["q_high"], color=NEUTRAL_COLOUR, alpha=BAND_ALPHA,
                              linewidth=0)
            axes.plot(rows["x"], rows["mean"], color=NEUTRAL_COLOUR, linewidth=1.6, marker="o", markersize=2.5)
            name, unit = factor_label(factor)
            axes.set_xlabel(textwrap.fill(f"{name} ({unit})" if unit else name, 34), fontsize=8)
        low, high = quantiles
        for axes in panels[::3]:
            axes.set_ylabel(f"mean (line), {low:.0%}–{high:.0%} of runs (band)", fontsize=8)
        figure.suptitle(textwrap.fill(label, 70))
        figure.tight_layout()
    return figure, data
