"""Package behaviour that does not depend on the engine: several arms, and later tables."""

import sqlite3

import pytest

from analysis import figures, load, maps
from analysis.report import render_report
from make_fixture import build_fixture


@pytest.fixture(scope="module")
def two_arm_results(tmp_path_factory):
    path = build_fixture(tmp_path_factory.mktemp("arms") / "results.sqlite", n_runs=6, arms=("baseline", "nordic"))
    connection = sqlite3.connect(path)
    connection.executescript("""
        CREATE TABLE comparisons(outcome TEXT, arm TEXT, reference TEXT, mean_difference REAL);
        INSERT INTO comparisons VALUES ('final_adopted_law', 'nordic', 'baseline', -3.5);
    """)
    connection.commit()
    connection.close()
    return load(path)


def test_each_arm_gets_its_own_band(two_arm_results):
    figure, data = figures.adoption_figure(two_arm_results)
    assert set(data["arm"]) == {"baseline", "nordic"}
    assert (data.groupby(["reform", "arm", "tick"])["n_runs"].first() == 3).all()
    legend = figure.axes[0].get_legend()
    assert legend is not None and {t.get_text() for t in legend.get_texts()} == {"baseline", "nordic"}


def test_the_summary_table_has_a_row_per_arm_and_outcome(two_arm_results):
    html_text = render_report(two_arm_results)
    assert "<th class=\"\">arm</th>" in html_text


def test_a_later_table_gets_its_report_section(two_arm_results):
    assert two_arm_results.table("comparisons") is not None
    html_text = render_report(two_arm_results)
    assert '<section id="comparisons"><h2>Arms compared</h2>' in html_text
    assert '<section id="sensitivity">' not in html_text


def test_a_synthetic_country_gets_a_note_instead_of_a_map(tmp_path):
    path = build_fixture(tmp_path / "results.sqlite", n_runs=2)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE regions SET code = 'S' || region, name = 'Synthetic region ' || region")
    connection.commit()
    connection.close()
    results = load(path)
    with pytest.raises(ValueError, match="no region"):
        maps.map_figure(results)
    assert "Not available for this database: no region" in render_report(results)
    _, heatmap = figures.heatmap_figure(results)
    assert len(heatmap) == len(results.regions)
