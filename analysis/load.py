"""Load a policysim results database (SQLite) into tidy pandas DataFrames."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .labels import use_meanings
from .quarters import quarter_to_year, quarters_to_years

REFORMS = ("law", "victim", "multi", "unit")
"""The four reforms, in the engine's order."""

RUN_KEY_COLUMNS = ("run_id", "arm", "replicate", "seed", "status", "wall_seconds")
"""Columns of `runs` that identify a run rather than parameterise or summarise it."""

_EMPTY_COLUMNS = {
    "runs": ["run_id", "arm", "replicate", "seed", "status", "wall_seconds"],
    "series": ["run_id", "tick", "quarter"],
    "region_series": ["run_id", "tick", "quarter", "region"],
    "events": ["run_id", "tick", "quarter", "kind", "region", "detail"],
    "targets": ["name", "metric", "stat", "window_start", "window_end", "low", "high",
                "share_required", "share_met", "met", "source"],
    "target_values": ["name", "run_id", "value"],
    "regions": ["region", "code", "name", "district"],
    "column_meanings": ["table_name", "column_name", "role", "unit", "description"],
}


@dataclass
class Results:
    """Everything one results database holds, as tidy DataFrames joined on `run_id`."""

    path: Path
    manifest: dict
    runs: pd.DataFrame
    series: pd.DataFrame
    region_series: pd.DataFrame
    events: pd.DataFrame
    targets: pd.DataFrame
    target_values: pd.DataFrame
    regions: pd.DataFrame
    column_meanings: pd.DataFrame
    extra_tables: dict = field(default_factory=dict)

    @property
    def outcome_columns(self) -> list[str]:
        """Summary outcome columns of `runs`, in table order: those the engine's schema (in the
        manifest's `store_schema`) calls outcomes."""
        outcomes = set(self._stored_schema().get("outcomes", []))
        return [c for c in self.runs.columns if c in outcomes]

    @property
    def parameter_columns(self) -> list[str]:
        """Varied-parameter columns of `runs` (everything that is neither key nor outcome)."""
        outcomes = set(self.outcome_columns)
        return [c for c in self.runs.columns if c not in RUN_KEY_COLUMNS and c not in outcomes]

    def _stored_schema(self) -> dict:
        """The columns the engine wrote (manifest key `store_schema`), empty when not recorded."""
        try:
            schema = json.loads(self.manifest.get("store_schema") or "{}")
        except (TypeError, ValueError):
            return {}
        return schema if isinstance(schema, dict) else {}

    @property
    def arms(self) -> list[str]:
        """Arm names in order of first appearance."""
        if "arm" not in self.runs or self.runs.empty:
            return []
        return list(pd.unique(self.runs["arm"].fillna("")))

    @property
    def n_runs(self) -> int:
        """Number of runs recorded."""
        return int(len(self.runs))

    @property
    def scenario_name(self) -> str:
        """The scenario's name from the manifest, or the database's folder name."""
        return str(self.manifest.get("scenario_name") or self.path.parent.name or self.path.stem)

    def table(self, name: str) -> pd.DataFrame | None:
        """A further table (comparisons, sensitivity, ...) if the database has it."""
        return self.extra_tables.get(name)


class NotAResultsDatabase(ValueError):
    """The file is not an SQLite database, or holds none of the results tables."""


def resolve_database_path(path: str | Path) -> Path:
    """The database file for a path that is either the file or its experiment folder."""
    path = Path(path)
    if path.is_dir():
        preferred = path / "results.sqlite"
        if preferred.is_file():
            return preferred
        candidates = sorted(path.glob("*.sqlite")) + sorted(path.glob("*.db"))
        if len(candidates) == 1:
            return candidates[0]
        raise FileNotFoundError(f"no single results database in {path} (found {len(candidates)})")
    if not path.is_file():
        raise FileNotFoundError(f"no results database at {path}")
    return path


def _table_names(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").fetchall()
    return [row[0] for row in rows]


def _read_table(connection: sqlite3.Connection, name: str, present: list[str], where: str = "") -> pd.DataFrame:
    if name not in present:
        return pd.DataFrame(columns=_EMPTY_COLUMNS.get(name, []))
    return pd.read_sql_query(f'SELECT * FROM "{name}" {where}', connection)


# A calibration's runs of its last generation's particles: the posterior's fitting and held-out
# runs. The proposals of the generations before are summarised by the calibration's own tables,
# and are most of the database (hundreds of thousands of runs for the baseline's calibration,
# tens of gigabytes in memory).
_POSTERIOR_ARMS = ("arm IN (SELECT arm FROM calibration_particles WHERE generation = "
                   "(SELECT max(generation) FROM calibration_particles))")


def _run_filters(present: list[str]) -> dict[str, str]:
    """The WHERE clause of each run-keyed table: empty but for a calibration's database."""
    if "calibration_particles" not in present or "runs" not in present:
        return {}
    of_posterior_runs = f"WHERE run_id IN (SELECT run_id FROM runs WHERE {_POSTERIOR_ARMS})"
    return {"runs": f"WHERE {_POSTERIOR_ARMS}", "series": of_posterior_runs, "events": of_posterior_runs,
            "target_values": of_posterior_runs}


_CHUNK_ROWS = 100_000


def _read_region_series(connection: sqlite3.Connection, present: list[str],
                        metrics_wanted: Sequence[str] | None = None) -> pd.DataFrame:
    """The regional series (of `metrics_wanted` alone, if given), a chunk of rows at a time into one
    array of keys and one of metrics.

    pandas.read_sql_query holds every value as a Python object until it builds the frame: the
    regional series of 1000 baseline runs (5.3 million rows) took 4.9 GB of memory that way and 0.8 GB
    this way. Each quarter label is one shared string, found once for its tick. A table that is
    not the engine's (other labels, text or missing keys) is read by pandas as it is.
    """
    name = "region_series"
    keys = ["run_id", "tick", "region"]
    columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')] if name in present else []
    if metrics_wanted is not None:
        columns = [column for column in columns if column in keys + ["quarter"] or column in metrics_wanted]

    def as_pandas_reads_it() -> pd.DataFrame:
        frame = _read_table(connection, name, present)
        return frame[[column for column in frame.columns if column in columns]] if columns else frame

    if not set(keys + ["quarter"]) <= set(columns):
        return as_pandas_reads_it()
    labels = connection.execute(f'SELECT DISTINCT tick, quarter FROM "{name}"').fetchall()
    ticks_labelled = dict(labels)
    if len(ticks_labelled) != len(labels):
        return as_pandas_reads_it()  # a tick with two labels: keep them as stored
    metrics = [column for column in columns if column not in keys and column != "quarter"]
    (count,) = connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()
    key_values = np.empty((count, len(keys)), dtype=np.int64)
    metric_values = np.empty((count, len(metrics)))
    cursor = connection.execute("SELECT " + ", ".join(f'"{c}"' for c in keys + metrics) + f' FROM "{name}" '
                                "ORDER BY run_id, tick, region")  # the engine's key: no sort
    filled = 0
    try:
        for rows in iter(lambda: cursor.fetchmany(_CHUNK_ROWS), []):
            block = np.array(rows, dtype=float)
            end = filled + len(block)
            if end > count or np.isnan(block[:, :len(keys)]).any():
                raise ValueError(f"{name} grew while read, or a row lacks a key")
            key_values[filled:end] = block[:, :len(keys)]
            metric_values[filled:end] = block[:, len(keys):]
            filled = end
    except (TypeError, ValueError):
        return as_pandas_reads_it()
    # The metrics' array is wrapped, not copied, and each key column is a view of the keys' array.
    frame = pd.DataFrame(metric_values[:filled], columns=metrics, copy=False)
    ticks = pd.Series(key_values[:filled, keys.index("tick")])
    for position, column in enumerate(columns):  # in table order, so each lands at its place
        if column in keys:
            frame.insert(position, column, key_values[:filled, keys.index(column)])
        elif column == "quarter":
            frame.insert(position, column, ticks.map(ticks_labelled).astype(object).to_numpy())
    return frame


def _read_manifest(connection: sqlite3.Connection, present: list[str]) -> dict:
    """Manifest rows as a dict; keys only in `manifest_json` are merged in (rows win)."""
    if "manifest" not in present:
        return {}
    rows = dict(connection.execute("SELECT key, value FROM manifest").fetchall())
    manifest: dict = {}
    raw_json = rows.get("manifest_json")
    if raw_json:
        try:
            parsed = json.loads(raw_json)
            if isinstance(parsed, dict):
                manifest.update(parsed)
        except (TypeError, ValueError):
            pass
    manifest.update({key: value for key, value in rows.items() if key != "manifest_json"})
    return manifest


def _add_years(frame: pd.DataFrame, start_quarter: str | None) -> pd.DataFrame:
    """Add a decimal `year` column from `quarter` (or from tick and the start quarter)."""
    if frame.empty and "quarter" not in frame:
        frame["year"] = pd.Series(dtype=float)
        return frame
    if "quarter" in frame:
        frame["year"] = quarters_to_years(frame["quarter"])
    else:
        frame["year"] = float("nan")
    start_year = quarter_to_year(start_quarter)
    if "tick" in frame and frame["year"].isna().any() and not math.isnan(start_year):
        frame["year"] = frame["year"].fillna(start_year + frame["tick"] / 4.0)
    return frame


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The frame in the order of its keys (a stable sort), itself when it is in that order already:
    sorting copies the whole frame, and tables read in key order need none."""
    if not keys or frame.empty:
        return frame
    try:
        order = np.lexsort([frame[key].to_numpy() for key in reversed(keys)])
    except TypeError:  # keys with missing values among numbers: pandas sorts those last
        return frame.sort_values(keys, kind="stable").reset_index(drop=True)
    if np.array_equal(order, np.arange(len(frame))):
        frame.index = pd.RangeIndex(len(frame))
        return frame
    return frame.take(order).reset_index(drop=True)


def load(path: str | Path, region_metrics: Sequence[str] | None = None) -> Results:
    """Read a results database (or the folder holding `results.sqlite`) into a Results.

    `region_metrics` limits the regional series to those metrics (besides its keys and quarter):
    that table holds a row per run, quarter and region, and most of a large database. Of a
    calibration's database, only the runs of its last generation's particles are read (with their
    series, events and target values): the posterior's.
    """
    database = resolve_database_path(path)
    how_to_fix = "give a directory written by `policysim run`, or its results.sqlite"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        try:
            present = _table_names(connection)
        except sqlite3.DatabaseError as error:
            raise NotAResultsDatabase(f"{database} is not a results database ({error}); {how_to_fix}") from error
        if not set(present) & (set(_EMPTY_COLUMNS) | {"manifest"}):
            raise NotAResultsDatabase(f"{database} holds none of the results tables; {how_to_fix}")
        manifest = _read_manifest(connection, present)
        filters = _run_filters(present)
        tables = {name: _read_table(connection, name, present, filters.get(name, ""))
                  for name in _EMPTY_COLUMNS if name != "region_series"}
        tables["region_series"] = _read_region_series(connection, present, region_metrics)
        known = set(_EMPTY_COLUMNS) | {"manifest"}
        extra = {name: _read_table(connection, name, present)
                 for name in present if name not in known and not name.startswith("sqlite_")}
    finally:
        connection.close()

    start_quarter = manifest.get("start_quarter")
    for name in ("series", "region_series", "events"):
        tables[name] = _add_years(tables[name], start_quarter)
    for name in ("series", "region_series", "events"):
        tables[name] = _sorted(tables[name], [c for c in ("run_id", "tick", "region") if c in tables[name]])
    if not tables["runs"].empty:
        tables["runs"] = tables["runs"].sort_values("run_id", kind="stable").reset_index(drop=True)
    use_meanings(tables["column_meanings"])
    return Results(path=database, manifest=manifest, extra_tables=extra, **tables)
