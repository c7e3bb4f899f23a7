"""Assertions about the engine's own database (skipped, with the reason shown, on the fixture)."""

import pytest
import yaml

from analysis.quarters import quarter_to_year
from conftest import ENGINE_REPLICATIONS, SMOKE_SCENARIO
from helpers import query

pytestmark = pytest.mark.engine

SMOKE = yaml.safe_load(SMOKE_SCENARIO.read_text())


def quarter_count(start: str, end: str) -> int:
    """Quarters from `start` to `end`, both included: "1997Q1", "2000Q4" -> 16."""
    (start_year, start_quarter), (end_year, end_quarter) = (map(int, q.split("Q")) for q in (start, end))
    return (end_year - start_year) * 4 + (end_quarter - start_quarter) + 1


def test_the_engine_ran_the_replicates_it_was_asked_for(results):
    # `--reps N` runs replicates 0 to N - 1.
    assert results.n_runs == ENGINE_REPLICATIONS
    assert sorted(results.runs["replicate"]) == list(range(ENGINE_REPLICATIONS))


def test_the_manifest_names_the_smoke_scenario_and_its_period(results):
    assert results.manifest.get("scenario_name") == SMOKE["name"]
    assert results.manifest.get("scenario_yaml") == SMOKE_SCENARIO.read_text()
    assert results.manifest.get("start_quarter") == SMOKE["start"]
    assert results.manifest.get("end_quarter") == SMOKE["end"]


def test_each_run_has_one_series_row_per_quarter(results, database_path):
    expected_ticks = quarter_count(SMOKE["start"], SMOKE["end"])
    rows = query(database_path, "SELECT run_id, COUNT(*) FROM series GROUP BY run_id")
    assert len(rows) == ENGINE_REPLICATIONS
    for run_id, ticks in rows:
        assert ticks == expected_ticks, run_id
    assert results.series["year"].min() == quarter_to_year(SMOKE["start"])


def test_the_regional_series_was_recorded_for_every_region(results):
    assert not results.region_series.empty
    assert set(results.region_series["region"]) == set(results.regions["region"])
