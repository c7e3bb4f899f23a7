"""Direct sqlite3 reads used to check the analysis package against the database itself, an
engine-layout comparisons table for fixture databases, and what of a drawn figure falls off its page."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

import numpy as np


def query(database: Path, sql: str, parameters: tuple = ()) -> list[tuple]:
    """All rows of one query."""
    connection = sqlite3.connect(database)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def table_exists(database: Path, name: str) -> bool:
    """True when the database has this table."""
    return bool(query(database, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)))


def grouped_values(rows: list[tuple]) -> dict:
    """{key: np.array(values)} from (key, value) rows, NULL values dropped."""
    groups = defaultdict(list)
    for key, value in rows:
        if value is not None:
            groups[key].append(float(value))
    return {key: np.asarray(values) for key, values in groups.items()}


def add_engine_comparisons(path: Path) -> None:
    """An engine-layout comparisons table: nordic against baseline, with a missing interval."""
    connection = sqlite3.connect(path)
    connection.executescript("""
        CREATE TABLE comparisons (arm TEXT, reference TEXT, outcome TEXT, replicates INTEGER, pairs INTEGER,
            mean_arm REAL, mean_ref REAL, mean_diff REAL, sd_diff REAL, t_low REAL, t_high REAL,
            boot_low REAL, boot_high REAL, ratio REAL, effect_dz REAL, cohens_d REAL, vrf REAL,
            PRIMARY KEY (arm, reference, outcome));
        INSERT INTO comparisons VALUES
            ('nordic', 'baseline', 'final_adopted_law', 3, 3, 5, 2, 3, 1, 0.5, 5.5, 1, 4.8, 2.5, 3, 1.1, 4),
            ('nordic', 'baseline', 'final_resistance', 3, 3, 0.4, 0.5, -0.1, 0.01, -0.12, -0.08, -0.11, -0.09,
             0.8, -10, -2, 30),
            ('nordic', 'baseline', 'z1_year', 3, 1, 2007, 2006, 1, NULL, NULL, NULL, NULL, NULL, 1.0005, NULL,
             NULL, NULL),
            ('nordic', 'baseline', 'ngos_closed', 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, NULL);
    """)
    connection.commit()
    connection.close()


def outside_the_page(figure) -> list[str]:
    """The axes (with their tick labels, axis labels and titles) and the figure-level texts of a
    figure, drawn, that reach beyond its edges: in an exported PNG they would be cut off."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    slack = 0.5  # pixels of rounding
    reaching_out = []
    boxes = [(f"axes {index} ({axes.get_title(loc='left') or axes.get_label()})", axes.get_tightbbox(renderer))
             for index, axes in enumerate(figure.axes) if axes.get_visible()]
    boxes += [(f"text {text.get_text()!r}", text.get_window_extent(renderer)) for text in figure.texts]
    for name, box in boxes:
        if box is not None and (box.x0 < page.x0 - slack or box.x1 > page.x1 + slack
                                or box.y0 < page.y0 - slack or box.y1 > page.y1 + slack):
            reaching_out.append(f"{name}: {tuple(round(value) for value in box.extents)}")
    return reaching_out


def overlapping_labels(figure) -> list[str]:
    """Pairs of panels of a drawn figure whose titles or axis labels overlap one another's."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    labels = [(index, text.get_text(), text.get_window_extent(renderer))
              for index, axes in enumerate(figure.axes) if axes.get_visible()
              for text in (axes.title, axes._left_title, axes.xaxis.label, axes.yaxis.label) if text.get_text()]
    return [f"{first!r} and {second!r}" for i, (panel, first, box) in enumerate(labels)
            for other, second, other_box in labels[i + 1:] if other != panel and box.overlaps(other_box)]
