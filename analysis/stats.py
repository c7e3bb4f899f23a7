"""Summaries across runs: quantile bands per tick and per region, outcome tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .load import Results

BAND_QUANTILES = (0.05, 0.5, 0.95)
"""Lower edge, centre and upper edge of the bands drawn across runs (numpy's linear interpolation)."""


def with_arm(results: Results, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each run's arm joined on run_id ("" when the runs table lacks it)."""
    if "arm" in frame:
        return frame
    if "arm" in results.runs and not results.runs.empty:
        arms = results.runs[["run_id", "arm"]].copy()
        arms["arm"] = arms["arm"].fillna("")
        return frame.merge(arms, on="run_id", how="left").fillna({"arm": ""})
    return frame.assign(arm="")


def quantile_band(frame: pd.DataFrame, value_column: str, by: Sequence[str],
                  quantiles: Sequence[float] = BAND_QUANTILES) -> pd.DataFrame:
    """Per group: lower quantile, median and upper quantile of value_column across runs.

    Returns columns `by` + q_low, median, q_high, n_runs. Missing values are ignored.
    """
    low, centre, high = quantiles
    grouped = frame.dropna(subset=[value_column]).groupby(list(by), sort=True)[value_column]
    band = pd.DataFrame({
        "q_low": grouped.quantile(low),
        "median": grouped.quantile(centre),
        "q_high": grouped.quantile(high),
        "n_runs": grouped.size(),
    }).reset_index()
    return band


def series_band(results: Results, metric: str, quantiles: Sequence[float] = BAND_QUANTILES) -> pd.DataFrame:
    """Band across runs of one national series metric, per arm and tick, with quarter and year."""
    if metric not in results.series:
        raise KeyError(f"series has no column {metric!r}")
    frame = with_arm(results, results.series[["run_id", "tick", "quarter", "year", metric]])
    band = quantile_band(frame, metric, ["arm", "tick"], quantiles)
    calendar = results.series[["tick", "quarter", "year"]].drop_duplicates("tick")
    band = band.merge(calendar, on="tick", how="left")
    band.insert(0, "metric", metric)
    return band[["metric", "arm", "tick", "quarter", "year", "q_low", "median", "q_high", "n_runs"]]


def outcome_summary(results: Results, quantiles: Sequence[float] = BAND_QUANTILES) -> pd.DataFrame:
    """Each summary outcome of `runs`: mean, lower and upper quantile, and how many runs have none."""
    low, _, high = quantiles
    rows = []
    for arm, runs in with_arm(results, results.runs).groupby("arm", sort=False):
        for column in results.outcome_columns:
            values = pd.to_numeric(runs[column], errors="coerce").to_numpy(dtype=float)
            present = values[~np.isnan(values)]
            rows.append({
                "arm": arm,
                "outcome": column,
                "mean": float(present.mean()) if present.size else np.nan,
                "q_low": float(np.quantile(present, low)) if present.size else np.nan,
                "q_high": float(np.quantile(present, high)) if present.size else np.nan,
                "n_runs": int(present.size),
                "n_none": int(values.size - present.size),
            })
    return pd.DataFrame(rows, columns=["arm", "outcome", "mean", "q_low", "q_high", "n_runs", "n_none"])


def weighted_quantile(values: Sequence[float], weights: Sequence[float], q: float) -> float:
    """The `q` quantile of weighted values as the engine takes it (sim/calibration/weighted_sample.cpp):
    the smallest value whose cumulative share of the total weight reaches q, no interpolation. NaN
    when there is no value of positive weight."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if values.shape != weights.shape:
        raise ValueError(f"{values.size} values but {weights.size} weights")
    kept = weights > 0
    if not kept.any():
        return float("nan")
    values, weights = values[kept], weights[kept]
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order]) / weights.sum()
    # The engine's relative slack, so that q = 0.5 of two equal weights picks the first whatever rounding.
    position = int(np.searchsorted(cumulative, q * (1.0 - 1e-12), side="left"))
    return float(values[order[min(position, len(order) - 1)]])
