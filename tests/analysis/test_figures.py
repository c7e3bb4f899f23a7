"""Each figure builds, and the data behind it equals what the database gives directly."""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from analysis import figures, load, maps
from analysis.events import RUN_COLUMNS
from analysis.load import REFORMS
from analysis.paths import boundaries_path
from analysis.stats import BAND_QUANTILES, outcome_summary
from conftest import engine_executable, run_command
from helpers import grouped_values, outside_the_page, overlapping_labels, query, table_exists


def _arm_tick_values(database_path, metric):
    rows = query(database_path, f"SELECT r.arm || '|' || s.tick, s.{metric} FROM series s "
                                "JOIN runs r USING (run_id)")
    return grouped_values(rows)


def _assert_band_matches(band, database_path, metric):
    direct = _arm_tick_values(database_path, metric)
    assert len(band) == len(direct)
    for row in band.itertuples(index=False):
        values = direct[f"{row.arm}|{row.tick}"]
        low, centre, high = np.quantile(values, BAND_QUANTILES)
        assert row.q_low == pytest.approx(low, abs=1e-12)
        assert row.median == pytest.approx(centre, abs=1e-12)
        assert row.q_high == pytest.approx(high, abs=1e-12)
        assert row.n_runs == values.size


def test_adoption_band_equals_quantiles_of_the_series_table(results, database_path):
    figure, data = figures.adoption_figure(results)
    assert isinstance(figure, Figure)
    assert set(data["reform"]) == set(REFORMS)
    for reform in REFORMS:
        _assert_band_matches(data[data["reform"] == reform], database_path, f"share_adopted_{reform}")
    assert data["year"].notna().all()
    assert all(ax.get_title(loc="left") for ax in figure.axes)
    assert figure.axes[0].get_ylabel().startswith("Regions adopted (%")
    assert figure.axes[-1].get_xlabel().startswith("Year")


def test_resistance_and_stance_bands_equal_quantiles_of_the_series_table(results, database_path):
    figure, data = figures.resistance_figure(results)
    assert isinstance(figure, Figure)
    for metric in ("resistance_mean", "P"):
        _assert_band_matches(data[data["metric"] == metric], database_path, metric)


def test_event_years_equal_the_runs_table_and_never_counts_nulls(results, database_path):
    figure, data = figures.event_timing_figure(results)
    assert isinstance(figure, Figure)
    for event, column in RUN_COLUMNS.items():
        subset = data[data["event"] == event].set_index("run_id")
        if subset["source"].iloc[0] != f"runs.{column}":
            pytest.skip(f"runs has no {column}")
        direct = dict(query(database_path, f"SELECT run_id, {column} FROM runs"))
        assert set(subset.index) == set(direct)
        for run_id, year in direct.items():
            if year is None:
                assert subset.loc[run_id, "never"] and math.isnan(subset.loc[run_id, "year"])
            else:
                assert subset.loc[run_id, "year"] == pytest.approx(year)
        title = next(ax.get_title(loc="left") for ax in figure.axes if ax.get_title(loc="left").startswith(
            figures.EVENT_LABELS[event]))
        assert f"never: {sum(v is None for v in direct.values())} of {len(direct)} runs" in title


def _needs_region_series(results):
    if results.region_series.empty:
        pytest.skip("the database has no region_series")


def test_map_colours_equal_per_region_medians(results, database_path):
    _needs_region_series(results)
    if not boundaries_path().is_file():
        pytest.skip("scenarios/data has no boundary file")
    for metric in ("a_law", "rho"):
        figure, data = maps.map_figure(results, metric=metric, year=2007)
        assert isinstance(figure, Figure)
        quarter = data["quarter"].iloc[0]
        direct = grouped_values(query(database_path, f"SELECT region, {metric} FROM region_series WHERE quarter = ?",
                                      (quarter,)))
        by_region = data.set_index("region")["value"]
        for region, values in direct.items():
            assert by_region[region] == pytest.approx(np.median(values), abs=1e-12)
        assert len(data) == len(results.regions)


def test_map_shows_the_last_quarter_of_the_chosen_year(results):
    _needs_region_series(results)
    if not boundaries_path().is_file():
        pytest.skip("scenarios/data has no boundary file")
    quarters = sorted(set(results.region_series["quarter"]))
    chosen_year = int(quarters[len(quarters) // 2][:4])
    _, data = maps.map_figure(results, year=chosen_year)
    expected = max(q for q in quarters if int(q[:4]) <= chosen_year)
    assert data["quarter"].iloc[0] == expected


def test_every_region_of_the_83_is_drawn_on_the_map(results):
    _needs_region_series(results)
    if len(results.regions) != 83 or not boundaries_path().is_file():
        pytest.skip("not the 83 federal subjects")
    _, data = maps.map_figure(results)
    assert data["on_map"].all()


def test_heatmap_rows_are_sorted_by_district_then_name_and_hold_medians(results, database_path):
    _needs_region_series(results)
    figure, data = figures.heatmap_figure(results, "a_law")
    assert isinstance(figure, Figure)
    keys = list(data.index)
    assert keys == sorted(keys)
    assert len(keys) == len(results.regions)
    names = dict(query(database_path, "SELECT region, name FROM regions"))
    direct = grouped_values(query(database_path, "SELECT region || '|' || quarter, a_law FROM region_series"))
    flat = {(name, quarter): value for (district, name), row in data.iterrows() for quarter, value in row.items()}
    for key, values in direct.items():
        region, quarter = key.split("|")
        assert flat[(names[int(region)], quarter)] == pytest.approx(np.median(values), abs=1e-12)
    assert list(data.columns) == sorted(data.columns)


def test_target_panels_report_the_share_of_target_values_in_range(results, database_path):
    if not table_exists(database_path, "targets") or not query(database_path, "SELECT 1 FROM targets LIMIT 1"):
        pytest.skip("the database records no targets")
    figure, data = figures.targets_figure(results)
    assert isinstance(figure, Figure)
    targets = query(database_path, "SELECT name, low, high, met FROM targets")
    assert len(data) == len(targets)
    shown = data.set_index("name")
    for name, low, high, met in targets:
        values = [v for (v,) in query(database_path, "SELECT value FROM target_values WHERE name = ?", (name,))]
        inside = [v is not None and (low is None or v >= low) and (high is None or v <= high) for v in values]
        assert shown.loc[name, "share_in_range"] == pytest.approx(np.mean(inside) if values else np.nan, nan_ok=True)
        assert shown.loc[name, "met"] == met


def test_target_figure_without_targets_says_so(results):
    empty = type(results)(**{**results.__dict__, "targets": results.targets.iloc[0:0]})
    with pytest.raises(ValueError):
        figures.targets_figure(empty)


def test_outcome_summary_means_equal_sql_averages(results, database_path):
    summary = outcome_summary(results)
    for row in summary.itertuples(index=False):
        (mean,) = query(database_path, f"SELECT AVG({row.outcome}) FROM runs WHERE arm = ?", (row.arm,))[0]
        if mean is None:
            assert math.isnan(row.mean)
        else:
            assert row.mean == pytest.approx(mean)


def test_figures_save_as_png_and_svg(results, tmp_path):
    figure, _ = figures.adoption_figure(results)
    written = figures.save_figure(figure, tmp_path / "adoption")
    assert sorted(p.suffix for p in written) == [".png", ".svg"]
    assert (tmp_path / "adoption.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "adoption.svg").read_text()[:2000]



@pytest.mark.engine
def test_the_baseline_targets_panels_keep_their_titles_and_quantities_on_the_page(tmp_path):
    # The baseline's 18 targets, three panels a row, some quantities long phrases ("Regions with a
    # case in this quarter or the three before ..."): unwrapped, they ran into each other and past
    # the page's edges.
    executable = engine_executable()
    if executable is None:
        pytest.skip("no policysim executable")
    run_command([str(executable), "run", "scenarios/baseline.yaml", "--reps", "3", "-o", str(tmp_path), "-q"])
    figure, data = figures.targets_figure(load(tmp_path / "results.sqlite"))
    assert len(data) == 18
    assert outside_the_page(figure) == []
    assert overlapping_labels(figure) == []
