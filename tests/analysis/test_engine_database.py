"""Assertions about the engine's own database (skipped, with the reason shown, on the fixture)."""

import pytest

from analysis.quarters import quarter_to_year
from helpers import query

pytestmark = pytest.mark.engine


def test_the_engine_ran_four_replications_of_the_smoke_scenario(results):
    assert results.n_runs == 4
    assert sorted(results.runs["replicate"]) == list(range(4)) or sorted(results.runs["replicate"]) == [1, 2, 3, 4]


def test_the_manifest_names_the_smoke_scenario_and_its_period(results):
    assert results.manifest.get("scenario_name")
    assert results.manifest.get("scenario_yaml")
    start, end = results.manifest.get("start_quarter"), results.manifest.get("end_quarter")
    assert quarter_to_year(start) < quarter_to_year(end)


def test_each_run_has_one_series_row_per_quarter(results, database_path):
    start = quarter_to_year(results.manifest["start_quarter"])
    end = quarter_to_year(results.manifest["end_quarter"])
    expected_ticks = int(round((end - start) * 4)) + 1
    for run_id, ticks in query(database_path, "SELECT run_id, COUNT(*) FROM series GROUP BY run_id"):
        assert ticks in (expected_ticks, expected_ticks + 1), run_id
    assert results.series["year"].min() >= start


def test_the_regional_series_was_recorded_for_every_region(results):
    assert not results.region_series.empty
    assert set(results.region_series["region"]) == set(results.regions["region"])
