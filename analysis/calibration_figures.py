"""Figures of `policysim calibrate` (docs/calibration.md): the posterior and how well it predicts.

* `marginals_figure`: each calibrated parameter's posterior, a histogram of the last generation's
  particles by weight on the prior's range, with the uniform prior and the 90 % interval.
* `pairs_figure`: the last generation's particles two parameters at a time, sized by weight.
* `predictive_check_figure`: per target, the share of runs meeting it required, under the prior,
  under the posterior on the fitting seeds and on the held-out seeds, with their 90 % intervals.
* `held_out_values_figure`: per target, the distribution of its value (a yearly count, a year, a
  level) over the held-out runs, each weighted by its particle's weight, against the target's range.

The data functions read the calibration's tables (`calibration_generations`, `_particles`,
`_parameters`, `_targets`), its runs and their `target_values`, and the targets as the resolved
scenario in the manifest states them. Like `figures.py`, every figure function returns
`(figure, data)`, the data being exactly what was drawn.
"""

from __future__ import annotations

import json
import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .labels import factor_label
from .load import Results
from .stats import weighted_quantile
from .style import BAND_ALPHA, FULL_WIDTH_INCHES, NEUTRAL_COLOUR, new_figure, panel_grid, styled

try:  # PyYAML (Debian's python3-yaml) reads the targets of the resolved scenario.
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

CALIBRATION_TABLES = ("calibration_generations", "calibration_particles", "calibration_parameters",
                      "calibration_targets")

POSTERIOR_INTERVAL = (0.05, 0.5, 0.95)
"""The posterior's 90 % interval and median, weighted quantiles of the last generation's particles."""

MARGINAL_BINS = 20
"""Bars of a marginal histogram across the prior's range."""

VALUE_BINS = 20
"""Bars of a target's histogram of held-out values."""

ROLE_WORDS = {
    "check": "a check that holds by construction, not counted",
    "uninformative": "met under the prior already, not counted",
    "fitted": "informative, in the distance",
    "predicted": "informative, not in the distance",
}

MET_COLOUR = "#2e7d32"
UNMET_COLOUR = "#c62828"
UNCOUNTED_COLOUR = "#8a8a8a"
PRIOR_COLOUR = "#8a8a8a"
FITTING_COLOUR = "#6baed6"


def is_calibration(results: Results) -> bool:
    """Whether `policysim calibrate` wrote the database: its manifest records the calibration, or it
    holds a calibration's tables (the manifest alone while an interrupted calibration has none)."""
    return "calibration" in results.manifest or any(results.table(name) is not None for name in CALIBRATION_TABLES)


def calibration_settings(results: Results) -> dict:
    """The calibration the manifest records: method, particles, replications (the fitting ones),
    quantile, fit, seed and parameters."""
    settings = results.manifest.get("calibration") or {}
    if isinstance(settings, str):
        settings = json.loads(settings)
    return settings


def calibration_table(results: Results, name: str) -> pd.DataFrame:
    """One of the calibration's tables; KeyError, saying why, when the database lacks it."""
    table = results.table(name)
    if table is None or table.empty:
        raise KeyError(f"the database has no {name} table: the calibration did not finish (the same "
                       "`policysim calibrate` command goes on from where it stopped)")
    return table


def parameter_columns(results: Results) -> list[str]:
    """The calibrated parameters' columns (of `runs` and `calibration_particles`), in the calibration's order."""
    return [str(row) for row in calibration_table(results, "calibration_parameters")["column_name"]]


def last_generation(results: Results) -> pd.DataFrame:
    """The last generation's particles, with `weight` normalised to sum to 1."""
    particles = calibration_table(results, "calibration_particles")
    last = particles[particles["generation"] == particles["generation"].max()].copy()
    total = float(last["weight"].sum())
    if not total > 0:
        raise ValueError("the last generation's weights sum to zero")
    last["weight"] = last["weight"] / total
    return last.sort_values("particle", kind="stable").reset_index(drop=True)


def fitting_replicates(results: Results) -> int:
    """Replicates [0, this) of each proposal are its fitting runs; those above, held-out runs."""
    replications = calibration_settings(results).get("replications")
    if replications is None:
        raise KeyError("the manifest records no calibration replications")
    return int(replications)


def held_out_runs(results: Results) -> pd.DataFrame:
    """The held-out runs that finished (status ok) of the last generation's particles: run_id, arm,
    replicate, the particle and its weight (normalised over the particles)."""
    particles = last_generation(results)[["particle", "arm", "weight"]]
    runs = results.runs
    if "status" in runs:
        runs = runs[runs["status"] == "ok"]
    runs = runs[runs["replicate"] >= fitting_replicates(results)]
    return runs[["run_id", "arm", "replicate"]].merge(particles, on="arm", how="inner")


def has_held_out_runs(results: Results) -> bool:
    """Whether the calibration ran held-out seeds for its last generation (`held_out` > 0)."""
    return not held_out_runs(results).empty


def posterior_marginals(results: Results) -> pd.DataFrame:
    """Per calibrated parameter: its prior range, the weighted mean and the 5 %, 50 % and 95 %
    weighted quantiles of the last generation's particles, and their number."""
    parameters = calibration_table(results, "calibration_parameters")
    particles = last_generation(results)
    low_q, mid_q, high_q = POSTERIOR_INTERVAL
    rows = []
    for row in parameters.itertuples(index=False):
        values = particles[row.column_name].to_numpy(dtype=float)
        weights = particles["weight"].to_numpy(dtype=float)
        rows.append({"parameter": row.parameter, "column": row.column_name, "prior_low": float(row.prior_low),
                     "prior_high": float(row.prior_high), "mean": float(np.sum(values * weights)),
                     "q05": weighted_quantile(values, weights, low_q),
                     "q50": weighted_quantile(values, weights, mid_q),
                     "q95": weighted_quantile(values, weights, high_q), "particles": len(values)})
    return pd.DataFrame(rows)


def _parameter_axis_label(column: str, width: int = 34) -> str:
    label, unit = factor_label(column)
    return textwrap.fill(f"{label} ({unit})" if unit else label, width)


def marginals_figure(results: Results, columns: int = 2) -> tuple[Figure, pd.DataFrame]:
    """Each calibrated parameter's posterior: the last generation's particles as a histogram by
    weight (a density) across the prior's range, the uniform prior's density dashed, the 90 %
    interval shaded and the median marked. Data: `posterior_marginals`."""
    data = posterior_marginals(results)
    particles = last_generation(results)
    with styled():
        figure, panels = panel_grid(len(data), columns, 2.5)
        for axes, row in zip(panels, data.itertuples(index=False)):
            low, high = row.prior_low, row.prior_high
            axes.hist(particles[row.column].to_numpy(dtype=float), bins=np.linspace(low, high, MARGINAL_BINS + 1),
                      weights=particles["weight"].to_numpy(dtype=float), density=True, color=NEUTRAL_COLOUR,
                      alpha=0.75, label="posterior (particles by weight)")
            axes.axhline(1.0 / (high - low), color="#555555", linewidth=1.0, linestyle="--", label="prior (uniform)")
            axes.axvspan(row.q05, row.q95, color=NEUTRAL_COLOUR, alpha=BAND_ALPHA * 0.7, linewidth=0,
                         label="90 % interval")
            axes.axvline(row.q50, color="#111111", linewidth=1.2, label="median")
            axes.set_xlim(low, high)
            axes.set_title(row.parameter, loc="left", fontsize=9.5)
            axes.set_xlabel(_parameter_axis_label(row.column), fontsize=8)
            axes.set_ylabel("density", fontsize=8)
        handles, labels = panels[0].get_legend_handles_labels()
        figure.suptitle("Posterior of each calibrated parameter (last generation)")
        figure.tight_layout()
        figure.legend(handles, labels, loc="lower center", ncol=4, frameon=False, bbox_to_anchor=(0.5, -0.04))
    return figure, data


def pairs_figure(results: Results) -> tuple[Figure, pd.DataFrame]:
    """The last generation's particles two parameters at a time (below the diagonal; each point's
    area in proportion to its weight), and each parameter's histogram by weight on the diagonal,
    every axis across the prior's range. Data: the particles drawn, weights normalised, with each
    point's `size` (its area in points²)."""
    parameters = calibration_table(results, "calibration_parameters")
    if len(parameters) < 2:
        raise ValueError("one calibrated parameter: no pairs to draw (its marginal is above)")
    particles = last_generation(results)
    columns = list(parameters["column_name"])
    ranges = {row.column_name: (float(row.prior_low), float(row.prior_high)) for row in parameters.itertuples()}
    data = particles[["generation", "particle", "arm", "weight"] + columns].copy()
    data["size"] = 4.0 + 60.0 * data["weight"] / data["weight"].max()
    count = len(columns)
    side = min(FULL_WIDTH_INCHES, 1.9 * count + 0.6)
    with styled():
        figure, grid = new_figure(side, side, nrows=count, ncols=count, squeeze=False)
        for i, y_column in enumerate(columns):
            for j, x_column in enumerate(columns):
                axes = grid[i][j]
                if j > i:
                    axes.set_visible(False)
                    continue
                if i == j:
                    axes.hist(data[x_column], bins=np.linspace(*ranges[x_column], MARGINAL_BINS + 1),
                              weights=data["weight"], color=NEUTRAL_COLOUR, alpha=0.75)
                    axes.set_yticks([])
                else:
                    axes.scatter(data[x_column], data[y_column], s=data["size"], color=NEUTRAL_COLOUR, alpha=0.45,
                                 linewidths=0)
                    axes.set_ylim(*ranges[y_column])
                axes.set_xlim(*ranges[x_column])
                if i == count - 1:
                    axes.set_xlabel(textwrap.fill(str(parameters["parameter"].iloc[j]), 18), fontsize=8)
                else:
                    axes.set_xticklabels([])
                if j == 0 and i > 0:
                    axes.set_ylabel(textwrap.fill(str(parameters["parameter"].iloc[i]), 18), fontsize=8)
                elif j > 0 and i != j:
                    axes.set_yticklabels([])
                axes.tick_params(labelsize=7)
        figure.suptitle("Posterior pairs (area by weight)", fontsize=10.5)
        figure.tight_layout()
    return figure, data


def target_role(counted: object, informative: object, fitted: object) -> str:
    """A target's part in the calibration: "check" (not counted), "uninformative" (met under the
    prior already), "fitted" (informative and in the distance) or "predicted" (informative, not in
    it)."""
    if not bool(counted):
        return "check"
    if not bool(informative):
        return "uninformative"
    return "fitted" if bool(fitted) else "predicted"


def predictive_check(results: Results) -> pd.DataFrame:
    """`calibration_targets` with each target's `role`, the share its verdict rests on (`headline_share`:
    on the held-out seeds where the calibration ran them, else on the fitting ones) and `met`
    (that share at least the share required; an undefined share is not met)."""
    targets = calibration_table(results, "calibration_targets").copy()
    numeric = [c for c in targets.columns if c not in ("target",)]
    targets[numeric] = targets[numeric].apply(pd.to_numeric, errors="coerce")
    targets["role"] = [target_role(row.counted, row.informative, row.fitted) for row in targets.itertuples()]
    column = "held_out_share" if has_held_out_runs(results) else "posterior_share"
    targets["headline_share"] = targets[column]
    targets["met"] = (targets["headline_share"] >= targets["share_required"]).fillna(False).astype(bool)
    return targets.reset_index(drop=True)


def headline(results: Results) -> dict:
    """The command's summary line: of the informative targets (counted, not met under the prior),
    how many the posterior meets, of those fitted and of those predicted, on which seeds, and how
    many counted targets were left out as met under the prior already."""
    table = predictive_check(results)
    informative = table[table["role"].isin(("fitted", "predicted"))]
    fitted = table[table["role"] == "fitted"]
    predicted = table[table["role"] == "predicted"]
    return {"met": int(informative["met"].sum()), "informative": len(informative),
            "fitted": len(fitted), "fitted_met": int(fitted["met"].sum()),
            "predicted": len(predicted), "predicted_met": int(predicted["met"].sum()),
            "uninformative": int((table["role"] == "uninformative").sum()),
            "checks": int((table["role"] == "check").sum()),
            "seeds": "held-out seeds" if has_held_out_runs(results) else "the fitting seeds"}


def headline_text(results: Results) -> str:
    """The summary line as `policysim calibrate` prints it."""
    counts = headline(results)
    text = (f"{counts['met']} of {counts['informative']} informative targets met on {counts['seeds']} "
            "by the posterior")
    if counts["predicted"]:
        text += (f" (fitted: {counts['fitted_met']} of {counts['fitted']}; predicted, not fitted: "
                 f"{counts['predicted_met']} of {counts['predicted']})")
    if counts["uninformative"]:
        verb = "target is" if counts["uninformative"] == 1 else "targets are"
        text += f"; {counts['uninformative']} {verb} met under the prior already: reported, not counted"
    return text


def _status_colour(row) -> str:
    if row.role in ("check", "uninformative"):
        return UNCOUNTED_COLOUR
    return MET_COLOUR if row.met else UNMET_COLOUR


def predictive_check_figure(results: Results) -> tuple[Figure, pd.DataFrame]:
    """One row per target: the share of runs meeting it under the prior (open circle), under the
    posterior on the fitting seeds and on the held-out seeds (dots with their 90 % intervals), and
    the share required (a bar). The held-out dot is green where an informative target is met, red
    where not, grey for a target not counted. Data: `predictive_check`."""
    data = predictive_check(results)
    held_out = has_held_out_runs(results)
    count = len(data)
    with styled():
        figure, axes = new_figure(FULL_WIDTH_INCHES, 0.62 * count + 1.3)
        for position, row in enumerate(data.itertuples(index=False)):
            y = -float(position)
            axes.plot([row.share_required] * 2, [y - 0.38, y + 0.38], color="#111111", linewidth=2.2,
                      label="share required" if position == 0 else None)
            axes.plot(row.prior_share, y + 0.24, "o", markerfacecolor="white", markeredgecolor=PRIOR_COLOUR,
                      markersize=6, label="prior" if position == 0 else None)
            axes.plot([row.posterior_low, row.posterior_high], [y] * 2, color=FITTING_COLOUR, linewidth=2)
            axes.plot(row.posterior_share, y, "o", color=FITTING_COLOUR, markersize=6,
                      label="posterior, fitting seeds" if position == 0 else None)
            if held_out:
                colour = _status_colour(row)
                axes.plot([row.held_out_low, row.held_out_high], [y - 0.24] * 2, color=colour, linewidth=2)
                axes.plot(row.held_out_share, y - 0.24, "D", color=colour, markersize=5.5)
            if pd.isna(row.headline_share):
                axes.text(0.01, y - 0.12, "no run could be judged: undefined, not met", fontsize=7,
                          color=UNMET_COLOUR, va="center")
        if held_out:  # the legend's diamond in no verdict's colour
            axes.plot([], [], "D", color="#444444", markersize=5.5, label="posterior, held-out seeds")
        axes.set_yticks([-float(p) for p in range(count)])
        axes.set_yticklabels([f"{textwrap.shorten(str(row.target), 46)}\n{row.role}, "
                              f"{'met' if row.met else 'not met'}" for row in data.itertuples(index=False)],
                             fontsize=7.5)
        axes.set_ylim(-count + 0.45, 0.55)
        axes.set_xlim(-0.02, 1.02)
        axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
        axes.set_xlabel("share of runs meeting the target (dots; lines: 90 % interval over the particles)")
        axes.grid(axis="y", visible=False)
        axes.legend(loc="lower center", ncol=4, frameon=False, bbox_to_anchor=(0.5, 1.0), fontsize=8)
        figure.suptitle("Predictive check of each target")
        figure.tight_layout()
    return figure, data


def target_specs(results: Results) -> pd.DataFrame:
    """Each target as the resolved scenario in the manifest states it: name, metric, stat, window,
    range (low, high), share required, counted, its condition (`given_outcome`, `given_low`,
    `given_high`; empty without one), and for a paired target the arm it compares with the base
    (`arm`; empty otherwise). KeyError when the manifest holds no readable scenario."""
    text = results.manifest.get("scenario_resolved") or results.manifest.get("scenario_yaml")
    if not text or yaml is None:
        raise KeyError("the manifest records no resolved scenario to read the targets' ranges from")
    try:
        scenario = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise KeyError(f"the manifest's resolved scenario is not YAML ({error})") from error
    targets = scenario.get("targets") if isinstance(scenario, dict) else None
    if not targets:
        raise KeyError("the resolved scenario states no targets")
    rows = []
    for target in targets:
        window = target.get("window") or [None, None]
        low, high = target.get("range") or [math.nan, math.nan]
        given = target.get("given") or {}
        given_low, given_high = given.get("range") or [math.nan, math.nan]
        rows.append({"name": str(target.get("name")), "metric": str(target.get("metric", "")),
                     "stat": str(target.get("stat", "")), "window_start": window[0], "window_end": window[1],
                     "low": float(low), "high": float(high), "share": float(target.get("share", 0.6)),
                     "counted": bool(target.get("counted", True)), "given_outcome": str(given.get("outcome", "")),
                     "given_low": float(given_low), "given_high": float(given_high),
                     "arm": str(target.get("arm", ""))})
    return pd.DataFrame(rows)


def held_out_values(results: Results) -> pd.DataFrame:
    """Every target's value in each held-out run it is judged on (with a condition, the runs whose
    outcome lies in its range, as the engine judges them), NaN where the run has none, with the
    run's particle weight and whether the value is in the target's range. Paired targets, judged
    on a particle's pairs of runs rather than run by run, are left out: the predictive check
    shows them."""
    specs = target_specs(results)
    specs = specs[specs["arm"] == ""]
    runs = held_out_runs(results)
    if runs.empty:
        raise KeyError("the calibration ran no held-out seeds (`held_out: 0`)")
    values = results.target_values
    frames = []
    for spec in specs.itertuples(index=False):
        judged = runs
        if spec.given_outcome:
            if spec.given_outcome not in results.runs:
                raise KeyError(f"runs has no outcome {spec.given_outcome!r}, the condition of {spec.name!r}")
            outcome = pd.to_numeric(results.runs.set_index("run_id")[spec.given_outcome], errors="coerce")
            condition = outcome.reindex(runs["run_id"]).to_numpy(dtype=float)
            judged = runs[(condition >= spec.given_low) & (condition <= spec.given_high)]
        named = values.loc[values["name"] == spec.name, ["run_id", "value"]]
        frame = judged.merge(named, on="run_id", how="left")
        frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
        frame.insert(0, "target", spec.name)
        frame["in_range"] = (frame["value"] >= spec.low) & (frame["value"] <= spec.high)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def held_out_summary(results: Results) -> pd.DataFrame:
    """Per target with held-out values: its range, the runs judged, the weighted share of them in
    range (the held-out share the engine reports) and with no value, and the 5 %, 50 % and 95 %
    weighted quantiles of the values they have."""
    specs = target_specs(results).set_index("name")
    values = held_out_values(results)
    rows = []
    for name, frame in values.groupby("target", sort=False):
        present = frame.dropna(subset=["value"])
        if present.empty:
            continue
        weights = frame["weight"].to_numpy(dtype=float)
        spec = specs.loc[name]
        rows.append({"target": name, "metric": spec["metric"], "stat": spec["stat"],
                     "window_start": spec["window_start"], "window_end": spec["window_end"],
                     "low": spec["low"], "high": spec["high"], "runs": len(frame),
                     "share_in_range": float(np.sum(weights * frame["in_range"].to_numpy()) / weights.sum()),
                     "share_none": float(np.sum(weights * frame["value"].isna().to_numpy()) / weights.sum()),
                     **{f"q{round(100 * q):02d}": weighted_quantile(present["value"], present["weight"], q)
                        for q in POSTERIOR_INTERVAL}})
    if not rows:
        raise KeyError("no held-out run has a value of any target")
    return pd.DataFrame(rows)


def _quantity_words(row) -> str:
    if row.stat == "outcome":
        return row.metric
    window = row.window_start if row.window_start == row.window_end else f"{row.window_start}–{row.window_end}"
    return f"{row.stat} of {row.metric}, {window}"


def held_out_values_figure(results: Results, columns: int = 3) -> tuple[Figure, pd.DataFrame]:
    """One panel per target with held-out values: the histogram of its value over the held-out
    runs, each weighted by its particle's weight (shares of the runs judged), against the target's
    range (shaded); the title gives the weighted share in range and of runs with no value. A
    yearly count (cases or convictions summed over a year) is drawn like any other target. Data:
    `held_out_summary`."""
    data = held_out_summary(results)
    values = held_out_values(results)
    with styled():
        figure, panels = panel_grid(len(data), columns, 2.3)
        for axes, row in zip(panels, data.itertuples(index=False)):
            judged = values[values["target"] == row.target]
            frame = judged[judged["value"].notna()]
            shown = frame["value"].to_numpy(dtype=float)
            finite_range = [bound for bound in (row.low, row.high) if math.isfinite(bound)]
            left, right = min([shown.min(), *finite_range]), max([shown.max(), *finite_range])
            if right <= left:
                left, right = left - 0.5, right + 0.5
            # Shares of all the runs judged, those with no value included: the bars add up to the rest.
            shares = frame["weight"].to_numpy(dtype=float) / judged["weight"].sum()
            axes.hist(shown, bins=np.linspace(left, right, VALUE_BINS + 1), weights=shares, color=NEUTRAL_COLOUR,
                      alpha=0.75)
            axes.axvspan(max(row.low, left), min(row.high, right), color=MET_COLOUR, alpha=0.15, linewidth=0)
            none = f", none {row.share_none:.0%}" if row.share_none > 0 else ""
            axes.set_title(textwrap.fill(str(row.target), 30) + f"\nin range {row.share_in_range:.0%}{none}",
                           loc="left", fontsize=8)
            axes.set_xlabel(textwrap.fill(_quantity_words(row), 36), fontsize=7.5)
            axes.tick_params(labelsize=7)
        for axes in panels[::columns]:
            axes.set_ylabel("share of held-out runs", fontsize=7.5)
        figure.suptitle("Held-out runs' values against each target's range (shaded)")
        figure.tight_layout()
    return figure, data
