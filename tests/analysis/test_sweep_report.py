"""The report of a sweep's database: Sobol' bars, the Morris plane and the response curves, checked
against the database's tables read here with sqlite3 and summarised with numpy, not with the package."""

import json
import sqlite3

import numpy as np
import pytest

from analysis import load
from analysis.report import render_report
from analysis.sweep_figures import morris_figure, response_data, response_figure, sobol_figure
from make_sweep_fixture import BETA_R_LEVELS, REPLICATES, build_sweep_fixture


@pytest.fixture(scope="module")
def sobol_path(tmp_path_factory):
    return build_sweep_fixture(tmp_path_factory.mktemp("sobol") / "results.sqlite")


@pytest.fixture(scope="module")
def morris_path(tmp_path_factory):
    return build_sweep_fixture(tmp_path_factory.mktemp("morris") / "results.sqlite", method="morris")


def rows(path, sql, parameters=()):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def test_sobol_bars_are_the_stored_indices_ranked_by_total_index(sobol_path):
    outcomes = ["final_mean_law", "peak_resistance", "target: law passed in 2003-04"]
    figure, data = sobol_figure(load(sobol_path), outcomes)
    assert list(dict.fromkeys(data["outcome"])) == outcomes
    for axes, outcome in zip(figure.axes, outcomes):
        stored = rows(sobol_path, "SELECT factor, first_order, first_order_low, first_order_high, total, total_low, "
                                  "total_high FROM sensitivity WHERE outcome = ? ORDER BY total DESC", (outcome,))
        drawn = data[data["outcome"] == outcome]
        assert list(drawn["factor"]) == [row[0] for row in stored]
        # The bars: S1 then ST, each in rank order, with error bars from the interval's ends.
        widths = [patch.get_width() for patch in axes.patches]
        assert widths == pytest.approx([row[1] for row in stored] + [row[4] for row in stored])
        segments = [collection.get_segments() for collection in axes.collections]
        ends = sorted((min(s[0][0], s[1][0]), max(s[0][0], s[1][0])) for c in segments for s in c)
        expected = sorted([(row[2], row[3]) for row in stored] + [(row[5], row[6]) for row in stored])
        assert np.array(ends) == pytest.approx(np.array(expected))


def test_factors_and_outcomes_are_labelled_in_the_researchers_terms(sobol_path):
    figure, _ = sobol_figure(load(sobol_path), ["final_mean_law", "peak_resistance", "target: law passed in 2003-04"])
    labels = [tick.get_text().replace("\n", " ") for tick in figure.axes[0].get_yticklabels()]
    assert labels == ["Weight of resistance β_R", "Largest step of implementation γ"]
    titles = [axes.get_title(loc="left").replace("\n", " ") for axes in figure.axes if axes.get_visible()]
    assert titles == ["Mean implementation at the end: law reform (0-1)", "Peak of mean resistance (0-1)",
                      "Share of runs meeting “law passed in 2003-04”"]


def test_morris_plane_places_each_factor_at_its_mu_star_and_sigma(morris_path):
    figure, data = morris_figure(load(morris_path))
    for axes, outcome in zip(figure.axes, ["final_mean_law", "peak_resistance"]):
        stored = rows(morris_path, "SELECT factor, mu_star, sigma FROM sensitivity WHERE outcome = ? "
                                   "ORDER BY mu_star DESC", (outcome,))
        assert list(data.loc[data["outcome"] == outcome, "factor"]) == [row[0] for row in stored]
        offsets = axes.collections[0].get_offsets()
        assert np.asarray(offsets) == pytest.approx(np.array([[row[1], row[2]] for row in stored]))


def test_a_factor_on_levels_has_a_point_per_level_with_the_runs_mean_and_5_95_band(sobol_path):
    data = response_data(load(sobol_path), "final_mean_law", ["beta_resistance"])
    assert list(data["x"]) == list(BETA_R_LEVELS)
    for level, drawn in zip(BETA_R_LEVELS, data.itertuples()):
        values = np.array([v for (v,) in rows(sobol_path, "SELECT final_mean_law FROM runs WHERE status = 'ok' "
                                                          "AND beta_resistance = ?", (level,))])
        assert drawn.n_runs == len(values)
        assert drawn.mean == pytest.approx(values.mean())
        assert drawn.q_low == pytest.approx(np.percentile(values, 5))
        assert drawn.q_high == pytest.approx(np.percentile(values, 95))
    # Six points a level, REPLICATES runs each, less the failed run.
    assert data["n_runs"].sum() == len(BETA_R_LEVELS) * 6 * REPLICATES - 1


def test_a_continuous_factor_is_cut_into_tenths_of_its_sampled_range(sobol_path):
    data = response_data(load(sobol_path), "final_mean_law", ["gamma"])
    sampled = rows(sobol_path, "SELECT gamma, final_mean_law FROM runs WHERE status = 'ok'")
    gamma = np.array([g for g, _ in sampled])
    law = np.array([v for _, v in sampled])
    low, width = gamma.min(), (gamma.max() - gamma.min()) / 10
    part = np.minimum(np.floor((gamma - low) / width), 9).astype(int)
    expected = {round(low + (k + 0.5) * width, 12): law[part == k] for k in sorted(set(part))}
    assert [round(x, 12) for x in data["x"]] == list(expected)
    for drawn, values in zip(data.itertuples(), expected.values()):
        assert drawn.mean == pytest.approx(values.mean())
        assert drawn.q_high == pytest.approx(np.percentile(values, 95))


def test_the_response_figure_draws_the_means_it_returns(sobol_path):
    figure, data = response_figure(load(sobol_path), "final_mean_law")
    # Ranked by ST for final_mean_law: β_R (0.66) before γ (0.35).
    assert list(dict.fromkeys(data["factor"])) == ["beta_resistance", "gamma"]
    line = figure.axes[0].get_lines()[0]
    assert list(line.get_xdata()) == list(BETA_R_LEVELS)
    assert list(line.get_ydata()) == pytest.approx(list(data.loc[data["factor"] == "beta_resistance", "mean"]))


def test_the_report_of_a_sweep_opens_with_the_sensitivity(sobol_path, morris_path):
    html_text = render_report(load(sobol_path))
    sections = [html_text.index(f'<section id="{key}">') for key in ("sensitivity", "responses", "design",
                                                                      "manifest")]
    assert sections == sorted(sections)
    assert 'id="fig-sobol"' in html_text and 'id="fig-response-final_mean_law"' in html_text
    assert 'id="fig-sobol-targets"' in html_text
    assert '<section id="summary">' not in html_text and '<section id="adoption">' not in html_text
    assert "<h1>Sweep: fixture_sweep</h1>" in html_text
    assert 'id="fig-morris"' in render_report(load(morris_path))


def test_the_design_section_names_a_factors_distribution(tmp_path, sobol_path):
    # Without distributions the design table has no column for them.
    html_text = render_report(load(sobol_path))
    design = html_text[html_text.index('<section id="design">'):]
    assert ">distribution<" not in design[:design.index("</section>")]
    # gamma given a lognormal, as `policysim sweep` records it in the manifest's design.
    path = build_sweep_fixture(tmp_path / "results.sqlite")
    connection = sqlite3.connect(path)
    (text,) = connection.execute("SELECT value FROM manifest WHERE key = 'sweep'").fetchone()
    recorded = json.loads(text)
    recorded["factors"][1]["distribution"] = {"name": "lognormal", "median": 0.1, "sd_log": 0.4, "open": True}
    connection.execute("UPDATE manifest SET value = ? WHERE key = 'sweep'", (json.dumps(recorded),))
    connection.commit()
    connection.close()
    html_text = render_report(load(path))
    design = html_text[html_text.index('<section id="design">'):]
    design = design[:design.index("</section>")]
    assert ">distribution<" in design
    assert "lognormal(median 0.1, sd_log 0.4)" in design
