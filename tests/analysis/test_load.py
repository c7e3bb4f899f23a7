import json
import sqlite3
import subprocess

import numpy as np
import pytest

from analysis import load
from analysis.labels import axis_label, is_level_metric, metric_label, reform_measure
from analysis.load import NotAResultsDatabase
from analysis.quarters import quarter_to_year
from conftest import engine_executable
from helpers import query, table_exists
from make_fixture import COLUMN_MEANINGS


def test_every_run_of_the_database_is_loaded(results, database_path):
    (count,) = query(database_path, "SELECT COUNT(*) FROM runs")[0]
    assert results.n_runs == count > 0
    assert list(results.runs["run_id"]) == sorted(r for (r,) in query(database_path, "SELECT run_id FROM runs"))


def test_series_carries_a_decimal_year_for_each_quarter(results, database_path):
    (count,) = query(database_path, "SELECT COUNT(*) FROM series")[0]
    assert len(results.series) == count
    expected = results.series["quarter"].map(quarter_to_year)
    np.testing.assert_array_equal(results.series["year"].to_numpy(), expected.to_numpy())


def test_region_series_events_and_regions_match_their_tables(results, database_path):
    for name in ("region_series", "events", "regions"):
        (count,) = query(database_path, f"SELECT COUNT(*) FROM {name}")[0]
        assert len(getattr(results, name)) == count, name
    if not results.events.empty:
        assert "year" in results.events


def test_region_series_holds_every_stored_value_with_its_quarter(results, database_path):
    columns = [row[1] for row in query(database_path, "PRAGMA table_info(region_series)")]
    stored = query(database_path, f"SELECT {', '.join(columns)} FROM region_series ORDER BY run_id, tick, region")
    assert list(results.region_series.columns) == columns + ["year"]
    loaded = results.region_series
    assert len(loaded) == len(stored)
    for position, column in enumerate(columns):
        values = [row[position] for row in stored]
        if column == "quarter":
            assert list(loaded[column]) == values
        else:
            np.testing.assert_array_equal(loaded[column].to_numpy(dtype=float),
                                          np.array(values, dtype=float), err_msg=column)
    for key in ("run_id", "tick", "region"):
        assert loaded[key].dtype == np.int64


def test_region_series_can_be_limited_to_some_metrics(results, database_path):
    limited = load(database_path, region_metrics=["rho", "a_law", "no_such_metric"]).region_series
    assert list(limited.columns) == ["run_id", "tick", "quarter", "region", "a_law", "rho", "year"]
    assert limited.equals(results.region_series[list(limited.columns)])


def test_a_tick_stored_with_two_quarter_labels_keeps_both(tmp_path, database_path):
    copy = tmp_path / "results.sqlite"
    copy.write_bytes(database_path.read_bytes())
    with sqlite3.connect(copy) as db:
        (run_id,) = db.execute("SELECT MIN(run_id) FROM region_series").fetchone()
        db.execute("UPDATE region_series SET quarter = 'odd' WHERE run_id = ? AND tick = 0", (run_id,))
    loaded = load(copy).region_series
    assert list(load(copy, region_metrics=["rho"]).region_series.columns) == [
        "run_id", "tick", "quarter", "region", "rho", "year"]
    first_tick = loaded[loaded["tick"] == 0]
    assert set(first_tick.loc[first_tick["run_id"] == run_id, "quarter"]) == {"odd"}
    assert "odd" not in set(first_tick.loc[first_tick["run_id"] != run_id, "quarter"])


def test_a_hand_made_region_series_without_a_region_still_loads(tmp_path, database_path):
    copy = tmp_path / "results.sqlite"
    copy.write_bytes(database_path.read_bytes())
    with sqlite3.connect(copy) as db:
        # The engine's table forbids it; a copy without the constraints does not.
        db.executescript("CREATE TABLE loose AS SELECT * FROM region_series; DROP TABLE region_series; "
                         "ALTER TABLE loose RENAME TO region_series;")
        db.execute("UPDATE region_series SET region = NULL "
                   "WHERE run_id = (SELECT MIN(run_id) FROM region_series) AND tick = 0 AND region = 0")
        (count,) = db.execute("SELECT COUNT(*) FROM region_series").fetchone()
    loaded = load(copy).region_series
    assert len(loaded) == count
    assert loaded["region"].isna().sum() == 1


def test_manifest_is_a_dict_of_its_rows(results, database_path):
    rows = dict(query(database_path, "SELECT key, value FROM manifest"))
    for key, value in rows.items():
        if key != "manifest_json":
            assert results.manifest[key] == value
    assert results.scenario_name


def test_outcome_and_parameter_columns_are_told_apart(results):
    assert results.outcome_columns, "runs has no outcome columns"
    schema = json.loads(results.manifest["store_schema"])
    assert results.outcome_columns == [c for c in results.runs.columns if c in schema["outcomes"]]
    assert not set(results.parameter_columns) & set(results.outcome_columns)
    assert "run_id" not in results.parameter_columns


def test_targets_load_when_present_and_are_empty_otherwise(results, database_path):
    if table_exists(database_path, "targets"):
        (count,) = query(database_path, "SELECT COUNT(*) FROM targets")[0]
        assert len(results.targets) == count
    else:
        assert results.targets.empty and "share_met" in results.targets


def test_an_experiment_folder_loads_like_its_database(database_path):
    from_folder = load(database_path.parent) if database_path.name == "results.sqlite" else None
    if from_folder is None:
        pytest.skip("the database is not named results.sqlite")
    assert from_folder.path == database_path


def test_a_missing_database_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "absent.sqlite")


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    garbage = tmp_path / "notes.sqlite"
    garbage.write_text("not a database\n")
    with pytest.raises(NotAResultsDatabase, match="is not a results database"):
        load(garbage)


def test_a_database_without_results_tables_is_reported(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()  # SQLite reads an empty file as an empty database
    with pytest.raises(NotAResultsDatabase, match="holds none of the results tables"):
        load(empty)


@pytest.mark.engine
def test_labels_and_units_are_the_engines_own(results, database_path):
    """The labels come from the database's column_meanings, which `policysim list` prints too."""
    stored = {column: (description, unit) for column, unit, description in
              query(database_path, "SELECT column_name, unit, description FROM column_meanings")}
    assert set(results.outcome_columns) <= set(stored)
    for column in results.outcome_columns + ["resistance_mean", "rho"]:
        assert metric_label(column) == stored[column]
    listed = subprocess.run([str(engine_executable()), "list", "outcomes", "--json"],
                            capture_output=True, text=True, check=True)
    outcomes = {o["name"]: (o["description"], o["unit"]) for o in json.loads(listed.stdout)["outcomes"]}
    assert all(stored[name] == meaning for name, meaning in outcomes.items())
    metrics = subprocess.run([str(engine_executable()), "list", "metrics", "--json"],
                             capture_output=True, text=True, check=True)
    snapshot = json.loads(COLUMN_MEANINGS.read_text())  # the fixture database's meanings
    assert snapshot == {"outcomes": json.loads(listed.stdout)["outcomes"],
                        "metrics": json.loads(metrics.stdout)["metrics"]}, \
        "rewrite tests/analysis/column_meanings.json from `policysim list outcomes|metrics --json`"
    assert axis_label("z1_year") == "NGO law (Z1) (year)"
    assert reform_measure("final_adopted_victim") == ("Regions adopted at the end", "regions", "victim")
    assert reform_measure("total_cases") is None
    assert is_level_metric("rho") and not is_level_metric("cases")
