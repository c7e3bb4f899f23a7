"""Readable labels and units: every outcome, series metric, regional metric and comparison column.

The one place that names what the numbers are. Figures, tables and the interactive page take their
axis titles, colour-bar labels and headers from here, never from the raw column names.
"""

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


METRIC_LABELS = {
    # National series (table `series`), one value per run and quarter.
    "adopted_law": ("Regions adopted: law reform", "regions"),
    "adopted_victim": ("Regions adopted: victim-centred procedure", "regions"),
    "adopted_multi": ("Regions adopted: multi-agency cooperation", "regions"),
    "adopted_unit": ("Regions adopted: specialised police unit", "regions"),
    "share_adopted_law": ("Law reform adopted", "% of regions"),
    "share_adopted_victim": ("Victim-centred procedure adopted", "% of regions"),
    "share_adopted_multi": ("Multi-agency cooperation adopted", "% of regions"),
    "share_adopted_unit": ("Specialised police unit adopted", "% of regions"),
    "mean_law": ("Mean implementation: law reform", "0–1"),
    "mean_victim": ("Mean implementation: victim-centred procedure", "0–1"),
    "mean_multi": ("Mean implementation: multi-agency cooperation", "0–1"),
    "mean_unit": ("Mean implementation: specialised police unit", "0–1"),
    "resistance_mean": ("Mean nationalist resistance ρ", "0–1"),
    "P": ("Federal nationalist–sovereigntist stance P", "0–1"),
    "U": ("Federal anti-trafficking unit level U", "level 0–2"),
    "law_in_force": ("Law in force", "0/1"),
    "Z1": ("NGO law in force", "0/1"),
    "Z2": ("Foreign-agents law in force", "0/1"),
    "cases": ("Cases opened", "cases per quarter"),
    "convictions": ("Convictions", "per quarter"),
    "ngos_alive": ("NGOs active", "NGOs"),
    "foreign_intensity": ("Foreign programme intensity", "intensity units"),
    "domestic_intensity": ("Domestic programme intensity", "intensity units"),
    # Regional series (table `region_series`), one value per run, quarter and region.
    "a_law": ("Implementation of the law reform", "0–1"),
    "a_victim": ("Implementation of victim-centred procedure", "0–1"),
    "a_multi": ("Implementation of multi-agency cooperation", "0–1"),
    "a_unit": ("Implementation of a specialised unit", "0–1"),
    "c": ("Trained police capacity", "0–1"),
    "cJ": ("Judicial capacity", "0–1"),
    "aJ": ("Use of Art. 127.1 by prosecutors and courts", "0–1"),
    "rho": ("Nationalist resistance ρ", "0–1"),
    "s": ("Regional executive support", "0–1"),
}
"""(label, unit) of each series and regional metric. `cases` names both a national and a regional
column; both count cases opened per quarter."""

LEVEL_METRICS = frozenset(name for name, (_, unit) in METRIC_LABELS.items() if unit == "0–1")
"""Metrics bounded by 0 and 1: their fixed colour or axis scale is 0–1."""

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
    if metric in METRIC_LABELS:
        return METRIC_LABELS[metric]
    return outcome_label(metric)


def axis_label(name: str) -> str:
    """"Label (unit)" for an axis or colour bar, e.g. "Nationalist resistance ρ (0–1)"."""
    label, unit = metric_label(name)
    return f"{label} ({unit})" if unit else label


def target_label(metric: str, stat: str) -> str:
    """A stylised-fact target's quantity: "Label (unit)", with the statistic over the target's window
    when it is not the value itself, e.g. "Mean nationalist resistance ρ (0–1), mean over the window"."""
    label = axis_label(metric)
    return label if stat in ("outcome", "year", "value", "None", "") else f"{label}, {stat} over the window"


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
