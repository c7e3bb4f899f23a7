"""Readable labels and units: every outcome, series metric, regional metric and comparison column.

The one place that names what the numbers are. Figures, tables and the interactive page take their
axis titles, colour-bar labels and headers from here, never from the raw column names. The labels
and units of outcomes and metrics are the engine's own (the tables of sim/model/metrics.hpp): a
results database holds them in its `column_meanings` table, which `load` hands to `use_meanings`,
and `policysim list outcomes|metrics --json` prints the same rows. A name the loaded database
does not describe is shown as it is.
"""

from __future__ import annotations

import math

import pandas as pd

from .style import REFORM_LABELS

LEVEL_UNIT = "0-1"
"""The unit of values bounded by 0 and 1: their fixed colour or axis scale is 0–1."""

_meanings: dict[str, tuple[str, str]] = {}
"""(label, unit) of each column the loaded database describes (`cases` names both a national and a
regional column: both count cases opened per quarter)."""


def use_meanings(column_meanings: pd.DataFrame) -> None:
    """Take the labels and units of a loaded database's `column_meanings` table (none when empty)."""
    _meanings.clear()
    for row in column_meanings.itertuples(index=False):
        _meanings[str(row.column_name)] = (str(row.description), str(row.unit))


def is_level_metric(metric: str) -> bool:
    """Whether a metric is bounded by 0 and 1, so that its fixed scale is 0–1."""
    return metric_label(metric)[1] == LEVEL_UNIT


COMPARISON_COLUMN_LABELS = {
    "arm": "arm",
    "reference": "reference arm",
    "outcome": "outcome",
    "unit": "unit",
    "pairs": "pairs",
    "mean_arm": "arm mean",
    "mean_ref": "reference mean",
    "mean_diff": "difference (arm − reference)",
    "t_low": "95 % t interval, low",
    "t_high": "95 % t interval, high",
    "boot_low": "95 % bootstrap, low",
    "boot_high": "95 % bootstrap, high",
    "ratio": "ratio arm / reference",
    "effect_dz": "difference / sd of paired differences",
    "vrf": "variance reduction by pairing (×)",
}
"""Headers for the columns of the engine's `comparisons` table."""


def metric_label(metric: str) -> tuple[str, str]:
    """(label, unit) of a series or regional metric, or of an outcome; the name itself when unknown."""
    return _meanings.get(metric, (metric.replace("_", " "), ""))


def axis_label(name: str) -> str:
    """"Label (unit)" for an axis or colour bar, e.g. "Nationalist resistance ρ (0-1)"."""
    label, unit = metric_label(name)
    return f"{label} ({unit})" if unit else label


def target_label(metric: str, stat: str) -> str:
    """A stylised-fact target's quantity: "Label (unit)", with the statistic over the target's window
    when it is not the value itself, e.g. "Mean nationalist resistance ρ (0-1), mean over the window"."""
    label = axis_label(metric)
    return label if stat in ("outcome", "year", "value", "None", "") else f"{label}, {stat} over the window"


def reform_measure(column: str) -> tuple[str, str, str] | None:
    """(measure label, unit, reform) of a per-reform outcome column, None for a national one: the
    engine labels one "<measure>: <reform>" and names it "<name>_<reform>"."""
    label, unit = metric_label(column)
    for reform in REFORM_LABELS:
        if column.endswith("_" + reform) and ": " in label:
            return label.rsplit(": ", 1)[0], unit, reform
    return None


def outcome_label(column: str) -> tuple[str, str]:
    """(label, unit) of an outcome column, e.g. ("Regions adopted at the end: law reform", "regions")."""
    return metric_label(column)


def format_value(value: float, unit: str) -> str:
    """A number formatted for its unit: years to one decimal, shares and indices to two, counts to one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "year":
        return f"{value:.1f}"
    if unit in ("share", "index", LEVEL_UNIT):
        return f"{value:.2f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def factor_label(column: str) -> tuple[str, str]:
    """(label, unit) of a sweep's factor or a calibrated parameter's column, e.g. ("Weight of resistance
    in adoption β_R", "logit"): the engine describes it as "sweep factor NAME: what it is" or
    "calibrated parameter NAME: what it is", of which the label keeps what it is."""
    label, unit = metric_label(column)
    if label.startswith(("sweep factor", "calibrated parameter")) and ": " in label:
        label = label.split(": ", 1)[1]
    return label[:1].upper() + label[1:], unit


TARGET_SHARE_PREFIX = "target: "
"""How the engine names, in a sweep's `sensitivity` table, the share of a point's runs meeting a target."""


def sensitivity_outcome_label(outcome: str) -> str:
    """The title of an outcome of the `sensitivity` table: "Label (unit)", or for a target's share
    "Share of runs meeting “NAME”"."""
    if outcome.startswith(TARGET_SHARE_PREFIX):
        return f"Share of runs meeting “{outcome[len(TARGET_SHARE_PREFIX):]}”"
    return axis_label(outcome)
