"""The figures of `policysim compare`: the data behind them equal direct SQL on the database."""

import os
import sqlite3
import subprocess
from pathlib import Path

import numpy as np
import pytest

from analysis import compare_figures, load
from analysis.report import render_report
from conftest import REPO_ROOT, engine_executable
from helpers import add_engine_comparisons
from make_fixture import build_fixture

OUTCOMES = ("final_adopted_law", "final_resistance", "z1_year")


@pytest.fixture(scope="module")
def fixture_database(tmp_path_factory) -> Path:
    path = build_fixture(tmp_path_factory.mktemp("compare") / "results.sqlite", n_runs=6,
                         arms=("baseline", "nordic"))
    add_engine_comparisons(path)
    return path


def _sql_band(path: Path, metric: str, arm: str, tick: int) -> tuple[float, float, float]:
    connection = sqlite3.connect(path)
    values = [v for (v,) in connection.execute(
        f"SELECT s.{metric} FROM series s JOIN runs r USING (run_id) WHERE r.arm = ? AND s.tick = ?",
        (arm, tick)) if v is not None]
    connection.close()
    return tuple(float(np.quantile(values, q)) for q in (0.05, 0.5, 0.95))


def _sql_comparisons(path: Path, outcomes) -> list[tuple]:
    connection = sqlite3.connect(path)
    marks = ",".join("?" * len(outcomes))
    rows = connection.execute(
        f"SELECT arm, outcome, mean_diff, t_low, t_high, boot_low, boot_high, pairs FROM comparisons "
        f"WHERE outcome IN ({marks}) ORDER BY arm, outcome", tuple(outcomes)).fetchall()
    connection.close()
    return rows


def _frame_rows(data) -> list[tuple]:
    frame = data.sort_values(["arm", "outcome"])
    return [tuple(None if isinstance(v, float) and np.isnan(v) else v for v in row)
            for row in frame[["arm", "outcome", "mean_diff", "t_low", "t_high", "boot_low", "boot_high",
                              "pairs"]].itertuples(index=False)]


def test_trajectory_bands_are_the_5_and_95_percent_quantiles_per_arm(fixture_database):
    results = load(fixture_database)
    figure, data = compare_figures.trajectories_figure(results)
    assert set(data["arm"]) == {"baseline", "nordic"}
    assert set(data["metric"]) == set(compare_figures.TRAJECTORY_METRICS)
    for metric in ("share_adopted_law", "resistance_mean"):
        for arm in ("baseline", "nordic"):
            for tick in (0, 17, int(data["tick"].max())):
                row = data[(data["metric"] == metric) & (data["arm"] == arm) & (data["tick"] == tick)].iloc[0]
                expected = _sql_band(fixture_database, metric, arm, tick)
                assert (row["q_low"], row["median"], row["q_high"]) == pytest.approx(expected, abs=1e-12)
                assert row["n_runs"] == 3
    legend = figure.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["baseline", "nordic"]  # reference first


def test_forest_plot_data_are_the_comparisons_rows(fixture_database):
    results = load(fixture_database)
    figure, data = compare_figures.forest_figure(results, OUTCOMES)
    assert _frame_rows(data) == _sql_comparisons(fixture_database, OUTCOMES)
    assert list(data["outcome"]) == list(OUTCOMES)  # panel order as asked
    assert len([a for a in figure.axes if a.get_visible()]) == len(OUTCOMES)
    # By default: the key outcomes present in the table, ngos_closed is not one of them.
    _, default = compare_figures.forest_figure(results)
    assert set(default["outcome"]) == set(OUTCOMES)


def test_the_report_shows_both_figures_and_the_effects(fixture_database):
    html_text = render_report(load(fixture_database))
    assert '<section id="comparisons"><h2>Arms compared</h2>' in html_text
    assert 'id="fig-compare-trajectories"' in html_text
    assert 'id="fig-compare-forest"' in html_text
    assert "<th class=\"num\">variance reduction by pairing (×)</th>" in html_text


def test_a_database_without_comparisons_has_no_forest_plot(tmp_path):
    results = load(build_fixture(tmp_path / "results.sqlite", n_runs=2))
    with pytest.raises(KeyError, match="no comparisons table"):
        compare_figures.forest_data(results)
    assert '<section id="comparisons">' not in render_report(results)


def _engine_comparison(tmp_path, variant: str, reps: int) -> Path:
    """The results database of `policysim compare` (seed 3) on the smoke scenario extended by the
    YAML `variant`; skips the test without an engine."""
    executable = engine_executable()
    if executable is None:
        pytest.skip("no policysim executable")
    scenario = tmp_path / "variant.yaml"
    scenario.write_text(f"extends: {REPO_ROOT / 'scenarios/smoke/tiny.yaml'}\n"
                        f"data_dir: {REPO_ROOT / 'scenarios/data'}\n" + variant)
    out = tmp_path / "out"
    subprocess.run([str(executable), "compare", str(scenario), "--reps", str(reps), "--seed", "3", "-o", str(out),
                    "-q", "-j", "2"], check=True, capture_output=True, timeout=120,
                   env=dict(os.environ, NO_COLOR="1"))
    return out / "results.sqlite"


def test_figures_of_a_real_comparison_match_sql(tmp_path):
    database = _engine_comparison(
        tmp_path, "name: tiny_compare\ntargets: []\n"
                  "arms:\n  - {name: same}\n  - {name: backlash, parameters: {alpha_F: 0.3}}\n", reps=5)
    results = load(database)
    _, forest = compare_figures.forest_figure(results, OUTCOMES)
    assert _frame_rows(forest) == _sql_comparisons(database, OUTCOMES)
    assert (forest[forest["arm"] == "same"]["mean_diff"].dropna() == 0).all()
    figure, bands = compare_figures.trajectories_figure(results, ["resistance_mean"])
    assert set(bands["arm"]) == {"base", "same", "backlash"}
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == ["base", "same", "backlash"]
    row = bands[(bands["arm"] == "backlash") & (bands["tick"] == 10)].iloc[0]
    assert (row["q_low"], row["median"], row["q_high"]) == pytest.approx(
        _sql_band(database, "resistance_mean", "backlash", 10), abs=1e-12)


def test_the_report_of_a_comparison_lists_its_paired_targets_as_stored(tmp_path):
    database = _engine_comparison(
        tmp_path, "name: cuts\n"
                  "arms:\n  - {name: no_grants, interventions_remove: [Grants to exposed regions]}\n"
                  "targets_add:\n"
                  "  - {name: victim lower without grants, arm: no_grants, metric: final_mean_victim, stat: outcome,\n"
                  "     range: [-1.0, -1.0e-9]}\n", reps=6)
    stored = sqlite3.connect(database).execute("SELECT name, arm, pairs FROM paired_targets").fetchall()
    assert stored == [("victim lower without grants", "no_grants", 6)]
    html_text = render_report(load(database))
    section = html_text[html_text.index('<section id="paired-targets"><h2>Paired targets</h2>'):]
    section = section[:section.index("</section>")]
    assert "victim lower without grants" in section and "no_grants" in section
