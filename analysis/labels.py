"""Readable labels and units for the outcome columns of `runs`."""

from __future__ import annotations

import math

from .style import REFORM_LABELS

_PREFIX_LABELS = {
    "final_adopted_": ("Regions adopted at the end", "regions"),
    "adopted_12q_after_foreign_stop_": ("Regions adopted 12 quarters after foreign funding stopped", "regions"),
    "quarters_to_third_": ("Quarters until a third of regions adopted (censored at the end)", "quarters"),
    "morans_i_": ("Moran's I of final implementation (geographic clustering)", "index"),
    "share_of_peak_kept_": ("Share of peak adoption kept at the end", "share"),
    "peak_mean_": ("Peak mean implementation", "0–1"),
    "final_mean_": ("Final mean implementation", "0–1"),
}

_NAME_LABELS = {
    "peak_resistance": ("Peak mean resistance", "0–1"),
    "final_resistance": ("Final mean resistance", "0–1"),
    "law_passed_year": ("Law passed", "year"),
    "u1_year": ("Special MIA unit (U = 1)", "year"),
    "u2_year": ("Federal anti-trafficking unit (U = 2)", "year"),
    "z1_year": ("NGO law (Z1)", "year"),
    "z2_year": ("Foreign-agents law (Z2)", "year"),
    "total_cases": ("Cases opened, whole run", "cases"),
    "total_convictions": ("Convictions, whole run", "convictions"),
    "ngos_closed": ("NGOs closed, whole run", "NGOs"),
}


def reform_measure(column: str) -> tuple[str, str, str] | None:
    """(measure label, unit, reform) of a per-reform outcome column, None for a national one."""
    for prefix, (label, unit) in _PREFIX_LABELS.items():
        if column.startswith(prefix):
            return label, unit, column[len(prefix):]
    return None


def outcome_label(column: str) -> tuple[str, str]:
    """(label, unit) of an outcome column, e.g. ("Regions adopted at the end: law", "regions")."""
    if column in _NAME_LABELS:
        return _NAME_LABELS[column]
    for prefix, (label, unit) in _PREFIX_LABELS.items():
        if column.startswith(prefix):
            reform = column[len(prefix):]
            return f"{label}: {REFORM_LABELS.get(reform, reform).split(' (')[0].lower()}", unit
    return column.replace("_", " "), ""


def format_value(value: float, unit: str) -> str:
    """A number formatted for its unit: years to one decimal, shares and indices to two, counts to one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "year":
        return f"{value:.1f}"
    if unit in ("share", "index", "0–1"):
        return f"{value:.2f}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.1f}"
