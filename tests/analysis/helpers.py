"""Direct sqlite3 reads used to check the analysis package against the database itself."""

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
