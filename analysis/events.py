"""Timing of the national events of each run (law passed, federal unit, restrictive laws)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .load import Results

EVENT_LABELS = {
    "law_passed": "Law passed (Art. 127.1 in force)",
    "u1": "Special MIA unit (U = 1)",
    "u2": "Federal anti-trafficking unit (U = 2)",
    "z1": "NGO law (Z1)",
    "z2": "Foreign-agents law (Z2)",
}
"""Events in the order they are shown, with their labels."""

RUN_COLUMNS = {"law_passed": "law_passed_year", "u1": "u1_year", "u2": "u2_year", "z1": "z1_year",
               "z2": "z2_year"}
"""The runs column holding each event's decimal year (NULL when it never happened)."""

SERIES_THRESHOLDS = {"law_passed": ("law_in_force", 0.5), "u1": ("U", 1.0), "u2": ("U", 2.0),
                     "z1": ("Z1", 0.5), "z2": ("Z2", 0.5)}
"""Fallback when runs lacks a year column: the first tick a series metric reaches a threshold."""


def _first_year_from_series(results: Results, metric: str, threshold: float) -> pd.Series:
    run_ids = results.runs["run_id"] if not results.runs.empty else results.series["run_id"].drop_duplicates()
    if metric not in results.series:
        return pd.Series(np.nan, index=pd.Index(run_ids, name="run_id"))
    reached = results.series[results.series[metric] >= threshold]
    first = reached.groupby("run_id")["year"].min()
    return first.reindex(pd.Index(run_ids, name="run_id"))


def event_years(results: Results) -> pd.DataFrame:
    """One row per run and event: run_id, event, year (decimal; NaN if never), never (bool), source."""
    frames = []
    for event, column in RUN_COLUMNS.items():
        if column in results.runs:
            years = pd.to_numeric(results.runs.set_index("run_id")[column], errors="coerce")
            source = f"runs.{column}"
        else:
            metric, threshold = SERIES_THRESHOLDS[event]
            years = _first_year_from_series(results, metric, threshold)
            source = f"series.{metric} >= {threshold:g}"
        frame = years.rename("year").reset_index()
        frame.insert(1, "event", event)
        frame["never"] = frame["year"].isna()
        frame["source"] = source
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["run_id", "event", "year", "never", "source"])
    return pd.concat(frames, ignore_index=True)
