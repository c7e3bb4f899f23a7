"""Print-ready matplotlib style shared by every figure (Agg backend, no display needed)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

REFORM_COLOURS = {"law": "#1f4e79", "victim": "#b8461b", "multi": "#2e7d32", "unit": "#6a3d9a"}
"""One colour per reform, distinguishable in greyscale by lightness."""

REFORM_LABELS = {
    "law": "Law (Art. 127.1 investigations)",
    "victim": "Victim-centred procedure",
    "multi": "Multi-agency cooperation",
    "unit": "Specialised police unit",
}

ARM_COLOURS = ["#1f4e79", "#b8461b", "#2e7d32", "#6a3d9a", "#8c6d1f", "#00838f", "#ad1457", "#455a64"]
"""Colours for arms, in `arms.arm_order` (cycled); `arms.arm_colours` maps each arm to its colour."""

NEUTRAL_COLOUR = "#1f4e79"
BAND_ALPHA = 0.22
OVERLAPPING_BAND_ALPHA = 0.10
"""Fill of a band when several arms' bands overlap: light enough that mixed fills stay pale, with
the band's edges drawn as thin lines of the arm's colour so that each band stays readable."""

EXPORT_DPI = 300
"""Resolution of the PNG files written for papers (SVG is resolution-free)."""

FULL_WIDTH_INCHES = 7.5
"""Width of a figure that spans an A4 or letter text block."""

RC_PARAMS = {
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.5,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "figure.titlesize": 12,
    "figure.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "svg.fonttype": "none",
}


def new_figure(width_inches: float = FULL_WIDTH_INCHES, height_inches: float = 4.5, **subplot_options):
    """A figure and axes created under the shared style."""
    with plt.rc_context(RC_PARAMS):
        figure, axes = plt.subplots(figsize=(width_inches, height_inches), **subplot_options)
    return figure, axes


def panel_grid(count: int, columns: int, panel_height_inches: float):
    """A full-width figure of `count` panels, `columns` a row, and its panels in reading order (the
    spare cells of the last row hidden)."""
    rows = max(1, -(-count // columns))
    figure, axes = new_figure(FULL_WIDTH_INCHES, panel_height_inches * rows, nrows=rows,
                              ncols=min(columns, count), squeeze=False)
    panels = list(axes.ravel())
    for spare in panels[count:]:
        spare.set_visible(False)
    return figure, panels[:count]


def styled():
    """Context manager applying the shared style (for drawing text and artists)."""
    return plt.rc_context(RC_PARAMS)
