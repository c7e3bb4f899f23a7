"""Direct sqlite3 reads used to check the analysis package against the database itself, and an
engine-layout comparisons table for fixture databases."""

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
