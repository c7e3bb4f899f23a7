"""The report of a calibration's database: its posterior, generations, predictive check and held-out
values, checked against the calibration's tables read here with sqlite3 and summarised by hand or
with plain numpy, not with the package; and against the numbers the hand-made fixture was built on.

`calibration_source` is the engine's calibration of the tiny scenario when there is an engine, else
the hand-made fixture; `hand_made` is always the fixture, whose numbers are known in advance.
"""

import shutil
import sqlite3

import numpy as np
import pytest
import yaml

from analysis import load
from analysis.calibration_figures import (MARGINAL_BINS, VALUE_BINS, headline, headline_text, held_out_summary, held_out_values_figure,
                                          is_calibration, marginals_figure, pairs_figure, posterior_marginals,
                                          predictive_check, predictive_check_figure)
from analysis.report import render_report
from analysis.stats import weighted_quantile
from helpers import query
from make_calibration_fixture import (EXPECTED_HEADLINE, EXPECTED_HELD_OUT_SHARES, EXPECTED_ROLES,
                                      build_calibration_fixture)
from make_sweep_fixture import build_sweep_fixture

CALIBRATION_SECTIONS = ("posterior", "generations", "predictive-check", "held-out-values", "calibration-settings",
                        "manifest")
CALIBRATION_FIGURES = ("fig-posterior-marginals", "fig-posterior-pairs", "fig-predictive-check",
                       "fig-held-out-values")


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory):
    return build_calibration_fixture(tmp_path_factory.mktemp("hand_made") / "results.sqlite")


@pytest.fixture(scope="module", params=["calibration_source", "hand_made"])
def calibration_path(request):
    """Each test runs on the engine's calibration (or, without an engine, the fixture) and on the fixture."""
    value = request.getfixturevalue(request.param)
    return value.path if request.param == "calibration_source" else value


@pytest.fixture(scope="module")
def calibration_html(calibration_path):
    return render_report(load(calibration_path))


def last_generation_rows(path, column):
    """(value, weight) of each particle of the last generation."""
    return query(path, f'SELECT "{column}", weight FROM calibration_particles WHERE generation = '
                       "(SELECT max(generation) FROM calibration_particles) ORDER BY particle")


def first_reaching(pairs, q):
    """The engine's weighted quantile, written out: walk the values in increasing order and stop at the
    first whose running share of the weight reaches q."""
    total = sum(weight for _, weight in pairs)
    running = 0.0
    for value, weight in sorted(pairs, key=lambda pair: pair[0]):
        running += weight / total
        if running >= q - 1e-12 and weight > 0:
            return value
    return sorted(pairs)[-1][0]


def held_out_share_by_hand(path, target):
    """The weighted share of the ok held-out runs of the last generation's particles whose value of
    `target` is within its range, the range and condition given by the calibration's own tables."""
    fitting = int(query(path, "SELECT json_extract(value, '$.replications') FROM manifest "
                              "WHERE key = 'calibration'")[0][0])
    rows = query(path, """
        SELECT p.weight, t.value FROM calibration_particles p JOIN runs r ON r.arm = p.arm
        LEFT JOIN target_values t ON t.run_id = r.run_id AND t.name = ?
        WHERE p.generation = (SELECT max(generation) FROM calibration_particles)
          AND r.replicate >= ? AND r.status = 'ok'""", (target, fitting))
    return rows


def test_a_calibration_database_is_told_from_runs_and_sweeps(calibration_path, results, tmp_path):
    assert is_calibration(load(calibration_path))
    assert not is_calibration(results)
    assert not is_calibration(load(build_sweep_fixture(tmp_path / "sweep.sqlite")))


def test_the_report_opens_with_the_calibration_and_has_every_section_and_figure(calibration_html, calibration_path):
    positions = [calibration_html.index(f'<section id="{key}">') for key in CALIBRATION_SECTIONS]
    assert positions == sorted(positions)
    assert calibration_html.index("<section ") == positions[0]
    for figure_id in CALIBRATION_FIGURES:
        assert f'<figure id="{figure_id}">' in calibration_html
    assert "Not available for this database" not in calibration_html
    scenario = query(calibration_path, "SELECT value FROM manifest WHERE key = 'scenario_name'")[0][0]
    assert f"<h1>Calibration: {scenario}</h1>" in calibration_html
    for key in ("summary", "targets", "adoption", "resistance", "events", "sensitivity"):
        assert f'<section id="{key}">' not in calibration_html


def test_the_headline_counts_the_informative_targets_met_on_held_out_seeds(calibration_path, calibration_html):
    rows = query(calibration_path, "SELECT counted, informative, share_required, held_out_share "
                                   "FROM calibration_targets")
    informative = [(required, held) for counted, useful, required, held in rows if counted and useful]
    met = sum(1 for required, held in informative if held is not None and held >= required)
    uninformative = sum(1 for counted, useful, _, _ in rows if counted and not useful)
    counts = headline(load(calibration_path))
    assert (counts["met"], counts["informative"], counts["uninformative"]) == (met, len(informative), uninformative)
    assert counts["seeds"] == "held-out seeds"
    text = headline_text(load(calibration_path))
    assert text.startswith(f"{met} of {len(informative)} informative targets met on held-out seeds")
    assert f'<span class="badge">{text}</span>' in calibration_html


def test_the_headline_is_the_line_the_command_prints(calibration_source):
    if calibration_source.kind != "engine":
        pytest.skip("needs the engine's calibration: no policysim executable")
    printed = [line for line in calibration_source.printed.splitlines() if "informative targets met" in line]
    assert printed == [headline_text(load(calibration_source.path))]


def test_each_target_has_its_role_and_verdict(hand_made):
    table = predictive_check(load(hand_made))
    assert {row.target: (row.role, row.met) for row in table.itertuples()} == EXPECTED_ROLES
    assert headline_text(load(hand_made)) == EXPECTED_HEADLINE
    html_text = render_report(load(hand_made))
    for role in ("fitted", "predicted", "uninformative", "check"):
        assert f'<td class="">{role}</td>' in html_text


def test_the_engine_calibration_has_a_target_of_every_role(calibration_source):
    if calibration_source.kind != "engine":
        pytest.skip("needs the engine's calibration: no policysim executable")
    roles = dict(zip(predictive_check(load(calibration_source.path))["target"],
                     predictive_check(load(calibration_source.path))["role"]))
    assert roles == {"law implementation": "fitted", "victim implementation": "fitted",
                     "law adopters in 2000": "predicted", "the first adopter": "check",
                     "resistance stays moderate": "uninformative"}


def test_the_marginals_interval_is_the_weighted_quantile_of_the_last_generation(calibration_path):
    data = posterior_marginals(load(calibration_path)).set_index("column")
    stored = query(calibration_path, "SELECT column_name, prior_low, prior_high, q05, q50, q95 "
                                     "FROM calibration_parameters")
    for column, low, high, q05, q50, q95 in stored:
        pairs = last_generation_rows(calibration_path, column)
        by_hand = [first_reaching(pairs, q) for q in (0.05, 0.5, 0.95)]
        assert [data.loc[column, key] for key in ("q05", "q50", "q95")] == pytest.approx(by_hand)
        assert by_hand == pytest.approx([q05, q50, q95])  # as the engine stored them
        assert (data.loc[column, "prior_low"], data.loc[column, "prior_high"]) == (low, high)


def test_the_hand_made_posterior_has_the_quantiles_worked_out_by_hand(hand_made):
    data = posterior_marginals(load(hand_made)).set_index("parameter")
    assert list(data.loc["beta0.law", ["q05", "q50", "q95"]]) == [-4.0, -3.0, -2.0]
    assert list(data.loc["beta0.victim", ["q05", "q50", "q95"]]) == [-6.8, -5.5, -2.2]
    # Weights 1, 2, 3, 4 normalised to 0.1 to 0.4.
    assert data.loc["beta0.law", "mean"] == pytest.approx(0.1 * -2 + 0.2 * -3 + 0.3 * -2.5 + 0.4 * -4)


def test_the_marginals_figure_draws_the_weighted_density_on_the_prior_range(calibration_path):
    figure, data = marginals_figure(load(calibration_path))
    stored = query(calibration_path, "SELECT column_name, prior_low, prior_high FROM calibration_parameters")
    for axes, (column, low, high), row in zip(figure.axes, stored, data.itertuples()):
        assert axes.get_xlim() == pytest.approx((low, high))
        values, weights = map(np.array, zip(*last_generation_rows(calibration_path, column)))
        expected, edges = np.histogram(values, bins=MARGINAL_BINS, range=(low, high), weights=weights, density=True)
        bars, (span,) = axes.patches[:MARGINAL_BINS], axes.patches[MARGINAL_BINS:]  # bars, then the interval
        assert [bar.get_x() for bar in bars] == pytest.approx(list(edges[:-1]))
        assert [bar.get_height() for bar in bars] == pytest.approx(list(expected))
        corners = np.asarray(span.get_xy())
        assert (corners[:, 0].min(), corners[:, 0].max()) == pytest.approx((row.q05, row.q95))


def test_the_pairs_place_each_particle_and_size_it_by_weight(calibration_path):
    figure, data = pairs_figure(load(calibration_path))
    columns = [c for (c,) in query(calibration_path, "SELECT column_name FROM calibration_parameters")]
    lower_left = figure.axes[len(columns)]  # row 1, column 0: the second parameter against the first
    offsets = np.asarray(lower_left.collections[0].get_offsets())
    first = [v for v, _ in last_generation_rows(calibration_path, columns[0])]
    second = [v for v, _ in last_generation_rows(calibration_path, columns[1])]
    assert offsets == pytest.approx(np.column_stack([first, second]))
    weights = np.array([w for _, w in last_generation_rows(calibration_path, columns[0])])
    sizes = lower_left.collections[0].get_sizes()
    assert np.argsort(sizes, kind="stable").tolist() == np.argsort(weights, kind="stable").tolist()
    assert sizes.max() / sizes.min() == pytest.approx((4 + 60) / (4 + 60 * weights.min() / weights.max()))


def test_the_predictive_check_draws_each_share_and_the_share_required(calibration_path):
    figure, data = predictive_check_figure(load(calibration_path))
    rows = query(calibration_path, "SELECT target, share_required, prior_share, posterior_share, held_out_share "
                                   "FROM calibration_targets")
    assert list(data["target"]) == [row[0] for row in rows]
    axes = figure.axes[0]
    points = {(line.get_marker(), round(float(line.get_ydata()[0]), 6)): float(line.get_xdata()[0])
              for line in axes.get_lines() if line.get_marker() in ("o", "D") and len(line.get_xdata())}
    bars = [line for line in axes.get_lines() if line.get_linewidth() == pytest.approx(2.2)]
    for position, (_, required, prior, posterior, held_out) in enumerate(rows):
        y = -position
        assert bars[position].get_xdata()[0] == pytest.approx(required)
        for marker, offset, share in (("o", 0.24, prior), ("o", 0.0, posterior), ("D", -0.24, held_out)):
            drawn = points[(marker, round(y + offset, 6))]
            assert drawn == pytest.approx(share) if share is not None else np.isnan(drawn)


def test_the_held_out_share_in_range_is_the_weighted_share_of_the_held_out_runs(calibration_path):
    summary = held_out_summary(load(calibration_path)).set_index("target")
    stored = dict(query(calibration_path, "SELECT target, held_out_share FROM calibration_targets"))
    scenario = query(calibration_path, "SELECT value FROM manifest WHERE key = 'scenario_resolved'")[0][0]
    targets = {target["name"]: target for target in yaml.safe_load(scenario)["targets"]}
    assert len(summary) >= 4
    for name in summary.index:
        low, high = targets[name]["range"]
        assert "given" not in targets[name]
        rows = held_out_share_by_hand(calibration_path, name)
        total = sum(weight for weight, _ in rows)
        in_range = sum(weight for weight, value in rows if value is not None and low <= value <= high)
        assert summary.loc[name, "share_in_range"] == pytest.approx(in_range / total)
        assert summary.loc[name, "share_in_range"] == pytest.approx(stored[name])  # the engine's held-out share
        assert summary.loc[name, "runs"] == len(rows)


def test_the_hand_made_held_out_shares_are_the_ones_worked_out(hand_made):
    summary = held_out_summary(load(hand_made)).set_index("target")
    assert summary["share_in_range"].to_dict() == pytest.approx(EXPECTED_HELD_OUT_SHARES)
    # No run passed the law: the conditional target has no held-out run to draw.
    assert "law is punitive" not in summary.index
    # Four particles with two held-out runs each; the failed run is not judged.
    assert set(summary["runs"]) == {8}
    # The run with no value is judged: the last particle's (weight 0.4) second run, half its weight.
    assert summary["share_none"].to_dict() == pytest.approx({name: 0.2 if name == "resistance stays moderate"
                                                             else 0.0 for name in summary.index})
    # The yearly count of cases: 0, 6, 10, 12, 19, 25, 30, 40 weighted .3 .2 .1 .4 .2 .3 .1 .4 (/ 2).
    assert summary.loc["cases in 2000", ["q05", "q50", "q95"]].tolist() == [0, 12, 40]


def test_the_held_out_histograms_add_up_to_the_runs_with_a_value(calibration_path):
    figure, data = held_out_values_figure(load(calibration_path))
    for axes, row in zip(figure.axes, data.itertuples()):
        bars = axes.patches[:VALUE_BINS]  # the histogram's bars, then the target's range
        assert sum(bar.get_height() for bar in bars) == pytest.approx(1 - row.share_none)
        corners = np.asarray(axes.patches[VALUE_BINS].get_xy())
        assert (corners[:, 0].min(), corners[:, 0].max()) == pytest.approx((max(row.low, bars[0].get_x()), min(
            row.high, bars[-1].get_x() + bars[-1].get_width())))
        assert axes.get_title(loc="left").endswith(f"in range {row.share_in_range:.0%}" + (
            f", none {row.share_none:.0%}" if row.share_none > 0 else ""))


def test_the_posterior_and_generation_tables_show_the_stored_rows(hand_made):
    html_text = render_report(load(hand_made))
    assert "crowds the low edge" in html_text
    assert "<td class=\"num\">-4 – -2</td>" in html_text  # beta0.law's 90 % interval
    assert "∞ (the prior)" in html_text and "44.4%" in html_text and "3.3" in html_text
    generations = html_text[html_text.index('<section id="generations">'):html_text.index(
        '<section id="predictive-check">')]
    assert generations.count("<tr>") == 1 + 2  # the header and one row a generation


def test_the_weighted_quantile_takes_the_first_value_reaching_the_share():
    assert weighted_quantile([3, 1, 2, 4], [1, 1, 1, 1], 0.5) == 2
    assert weighted_quantile([3, 1, 2, 4], [1, 1, 1, 1], 0.05) == 1
    assert weighted_quantile([3, 1, 2, 4], [1, 1, 1, 1], 0.95) == 4
    assert weighted_quantile([1, 2, 3], [0, 1, 1], 0.0) == 2  # a value of no weight is never taken
    assert np.isnan(weighted_quantile([1, 2], [0, 0], 0.5))


def test_an_interrupted_calibration_says_what_is_missing(hand_made, tmp_path):
    path = tmp_path / "results.sqlite"
    shutil.copy(hand_made, path)
    connection = sqlite3.connect(path)
    for table in ("generations", "particles", "parameters", "targets"):
        connection.execute(f"DROP TABLE calibration_{table}")
    connection.execute("UPDATE manifest SET value = 'false' WHERE key = 'complete'")
    connection.commit()
    connection.close()
    html_text = render_report(load(path))
    for key in ("posterior", "generations", "predictive-check", "held-out-values"):
        section = html_text[html_text.index(f'<section id="{key}">'):]
        section = section[:section.index("</section>")]
        assert "the calibration did not finish" in section
    assert '<section id="calibration-settings">' in html_text


def test_the_report_of_runs_is_unchanged(results):
    html_text = render_report(results)
    for key in CALIBRATION_SECTIONS[:-1]:
        assert f'<section id="{key}">' not in html_text
    assert "<h1>Scenario: " in html_text
    shown = [part.split('"')[0] for part in html_text.split('<section id="')[1:]]
    expected = ["scenario", "summary", "targets", "adoption", "resistance", "events", "map", "heatmap"]
    assert shown[:len(expected)] == expected and shown[-1] == "manifest"
    assert set(shown) <= set(expected) | {"comparisons", "manifest"}


def test_only_the_posteriors_runs_are_loaded(calibration_source):
    """A calibration's earlier generations are most of its database: the loader reads the runs,
    series, events and target values of the last generation's particles alone."""
    with sqlite3.connect(calibration_source.path) as connection:
        last = connection.execute("SELECT max(generation) FROM calibration_particles").fetchone()[0]
        posterior = {arm for (arm,) in connection.execute(
            "SELECT arm FROM calibration_particles WHERE generation = ?", (last,))}
        every_arm = {arm for (arm,) in connection.execute("SELECT DISTINCT arm FROM runs")}
        posterior_runs = connection.execute(
            "SELECT count(*) FROM runs WHERE arm IN (SELECT arm FROM calibration_particles "
            "WHERE generation = ?)", (last,)).fetchone()[0]
    results = load(calibration_source.path)
    if calibration_source.kind == "engine":
        assert every_arm > posterior  # the engine's calibration has earlier proposals to leave out
    assert set(results.runs["arm"]) == posterior & every_arm
    assert len(results.runs) == posterior_runs
    assert set(results.target_values["run_id"]) <= set(results.runs["run_id"])
