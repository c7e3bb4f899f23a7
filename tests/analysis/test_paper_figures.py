"""Figures fit for a paper: scales fitted to the data, arms never pooled, one colour per arm in every
figure, labels with units, the enlarged panel showing exactly its box, 300 dpi export, and the
options of `policysim report`. Expected values are set by hand in the fixture or recomputed with
sqlite3 and the standard library."""

import sqlite3
import statistics
import struct
import subprocess
from pathlib import Path

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from analysis import compare_figures, figures, geo, load, maps
from analysis.arms import arm_colours
from analysis.figures import save_figure
from analysis.report import render_report
from analysis.scales import fitted_limits, symmetric_limits
from analysis.style import ARM_COLOURS
from conftest import engine_executable
from helpers import add_engine_comparisons, outside_the_page, overlapping_labels, query
from make_fixture import build_fixture

LAST_TICK = 63  # the fixture runs 1997Q1-2012Q4
SHIFTED_REGIONS = range(10)
SHIFT = 0.1


@pytest.fixture(scope="module")
def two_arm_path(tmp_path_factory) -> Path:
    """Arms baseline (reference) and nordic, 3 replicates each, with hand-set values:
    share_adopted_victim rises to 4.3 % and share_adopted_law to 43 % in every run; resistance ρ is
    0.42 + 0.1 · region / 82 in every run and quarter; in the last quarter nordic's a_law is
    baseline's of the same replicate plus 0.1 in regions 0-9."""
    path = build_fixture(tmp_path_factory.mktemp("paper") / "results.sqlite", n_runs=6, arms=("baseline", "nordic"))
    add_engine_comparisons(path)
    connection = sqlite3.connect(path)
    connection.executescript(f"""
        UPDATE series SET share_adopted_victim = 0.043 * tick / {LAST_TICK},
                          share_adopted_law = 0.43 * tick / {LAST_TICK};
        UPDATE region_series SET rho = 0.42 + 0.1 * region / 82.0;
        CREATE INDEX paired ON region_series(tick, region, run_id);
        UPDATE region_series SET a_law = {SHIFT} + (
            SELECT b.a_law FROM region_series b JOIN runs rb ON rb.run_id = b.run_id
            WHERE rb.arm = 'baseline' AND b.tick = region_series.tick AND b.region = region_series.region
              AND rb.replicate = (SELECT replicate FROM runs WHERE run_id = region_series.run_id))
        WHERE tick = {LAST_TICK} AND region < {len(SHIFTED_REGIONS)}
          AND run_id IN (SELECT run_id FROM runs WHERE arm = 'nordic');
    """)
    connection.commit()
    connection.close()
    return path


@pytest.fixture(scope="module")
def two_arms(two_arm_path):
    return load(two_arm_path)


@pytest.fixture(scope="module")
def two_arm_report(two_arms) -> str:
    return render_report(two_arms)


def test_limits_round_out_to_steps_of_one_two_or_five():
    assert fitted_limits([0.4213, 0.5187], (0.0, 1.0)) == pytest.approx((0.42, 0.52))
    assert fitted_limits([0.0, 4.3], (0.0, 100.0), from_zero=True) == pytest.approx((0.0, 5.0))
    assert fitted_limits([0.0, 43.0], (0.0, 100.0), from_zero=True) == pytest.approx((0.0, 50.0))
    assert fitted_limits([0.2, 0.9], (0.0, 1.0), fixed=True) == (0.0, 1.0)
    assert fitted_limits([0.0, 0.0], (0.0, 100.0), from_zero=True) == (0.0, 100.0)  # nothing to fit
    assert symmetric_limits([-0.13, 0.07], 1.0) == pytest.approx((-0.15, 0.15))


def test_adoption_axes_fit_each_panel_and_the_fixed_scale_stays_available(two_arms):
    figure, _ = figures.adoption_figure(two_arms)
    limits = {axes.get_title(loc="left"): axes.get_ylim() for axes in figure.axes if axes.get_title(loc="left")}
    assert limits["Victim-centred procedure"] == pytest.approx((0.0, 5.0))      # values up to 4.3 %
    assert limits["Law (Art. 127.1 investigations)"] == pytest.approx((0.0, 50.0))  # values up to 43 %
    fixed, _ = figures.adoption_figure(two_arms, fixed_scale=True)
    assert all(axes.get_ylim() == (0.0, 100.0) for axes in fixed.axes if axes.get_title(loc="left"))


def _colourbar_limits(figure):
    return figure.axes[-1].get_ylim()  # the colour bar is the last axes of a map


def test_map_colours_fit_the_values_and_the_map_shows_the_end_of_the_run(two_arms):
    figure, data = maps.map_figure(two_arms, metric="rho")
    assert _colourbar_limits(figure) == pytest.approx((0.42, 0.52))
    assert data["quarter"].iloc[0] == "2012Q4"
    assert set(data["arm"]) == {"baseline"}  # the reference, not both arms pooled
    fixed, _ = maps.map_figure(two_arms, metric="rho", year=2005, fixed_scale=True)
    assert _colourbar_limits(fixed) == pytest.approx((0.0, 1.0))


def test_the_enlarged_panel_shows_exactly_its_dashed_box(two_arms):
    figure, _ = maps.map_figure(two_arms)
    figure.canvas.draw()
    x_min, x_max, y_min, y_max = geo.european_russia_bounds(geo.load_shapes())
    country, enlarged = figure.axes[0], figure.axes[1]
    assert enlarged.get_xlim() == pytest.approx((x_min, x_max))
    assert enlarged.get_ylim() == pytest.approx((y_min, y_max))
    box = next(p for p in country.patches if p.get_linestyle() == "--")
    assert (box.get_x(), box.get_y(), box.get_width(), box.get_height()) == pytest.approx(
        (x_min, y_min, x_max - x_min, y_max - y_min))


def test_per_arm_maps_hold_each_arms_own_medians(two_arms, two_arm_path):
    _, data = maps.arm_maps_figure(two_arms, "a_law")
    assert list(pd.unique(data["arm"])) == ["baseline", "nordic"]
    for arm in ("baseline", "nordic"):
        rows = query(two_arm_path, "SELECT s.region, s.a_law FROM region_series s JOIN runs r USING (run_id) "
                                   "WHERE r.arm = ? AND s.tick = ?", (arm, LAST_TICK))
        by_region = {}
        for region, value in rows:
            by_region.setdefault(region, []).append(value)
        shown = data[data["arm"] == arm].set_index("region")["value"]
        for region, values in by_region.items():
            assert shown[region] == pytest.approx(statistics.median(values), abs=1e-12)


def test_difference_map_holds_paired_means_and_outlines_where_the_interval_excludes_zero(two_arms, two_arm_path):
    figure, data = maps.difference_map_figure(two_arms, "a_law")
    rows = query(two_arm_path, "SELECT r.arm, r.replicate, s.region, s.a_law FROM region_series s "
                               "JOIN runs r USING (run_id) WHERE s.tick = ?", (LAST_TICK,))
    values = {(arm, replicate, region): value for arm, replicate, region, value in rows}
    shown = data.set_index("region")
    outlined = 0
    for region in sorted({key[2] for key in values}):
        differences = [values[("nordic", r, region)] - values[("baseline", r, region)] for r in range(3)]
        mean = statistics.fmean(differences)
        half = scipy_stats.t.ppf(0.975, 2) * statistics.stdev(differences) / 3 ** 0.5
        assert shown.loc[region, "mean_diff"] == pytest.approx(mean, abs=1e-12)
        assert shown.loc[region, "pairs"] == 3
        excludes = mean - half > 0 or mean + half < 0
        assert bool(shown.loc[region, "excludes_zero"]) == excludes
        outlined += excludes
    for region in SHIFTED_REGIONS:  # the hand-set shift: exactly 0.1 in every replicate
        assert shown.loc[region, "mean_diff"] == pytest.approx(SHIFT)
        assert shown.loc[region, "excludes_zero"]
    titles = [text.get_text() for text in figure.texts]
    assert any(title.startswith(f"nordic − baseline: {outlined} regions outlined") for title in titles)


def _legend_colours(axes) -> dict:
    legend = axes.get_legend()
    return {text.get_text(): mcolors.to_hex(line.get_color())
            for text, line in zip(legend.get_texts(), legend.get_lines())}


def test_an_arm_has_one_colour_in_every_figure(two_arms):
    expected = {"baseline": ARM_COLOURS[0], "nordic": ARM_COLOURS[1]}  # the reference first
    assert arm_colours(two_arms) == expected
    adoption, _ = figures.adoption_figure(two_arms)
    resistance, _ = figures.resistance_figure(two_arms)
    trajectories, _ = compare_figures.trajectories_figure(two_arms)
    for figure in (adoption, resistance, trajectories):
        assert _legend_colours(figure.axes[0]) == expected
    forest, _ = compare_figures.forest_figure(two_arms, ["final_adopted_law"])
    axes = forest.axes[0]
    arm_at = {tick: label.get_text() for tick, label in zip(axes.get_yticks(), axes.get_yticklabels())}
    markers = [line for line in axes.get_lines() if line.get_marker() == "o"]
    assert markers
    for line in markers:
        assert mcolors.to_hex(line.get_markeredgecolor()) == expected[arm_at[line.get_ydata()[0]]]


def test_overlapping_bands_keep_their_arm_colour_at_the_edges(two_arms):
    figure, _ = figures.adoption_figure(two_arms)
    axes = figure.axes[0]
    for colour in (ARM_COLOURS[0], ARM_COLOURS[1]):
        lines = [line for line in axes.get_lines() if mcolors.to_hex(line.get_color()) == colour]
        assert len(lines) == 3  # the median and the band's two edges
    fills = axes.collections
    assert fills and all(fill.get_alpha() <= 0.1 for fill in fills)


def test_labels_are_words_with_units_not_column_names(two_arms, two_arm_report):
    figure, _ = figures.targets_figure(two_arms)
    labels = [axes.get_xlabel() for axes in figure.axes if axes.get_xlabel()]
    assert "NGO law (Z1) (year)" in labels
    assert not any("_" in label for label in labels)
    html_text = two_arm_report
    for raw in ("effect_dz", "<th class=\"num\">vrf</th>", "final_adopted_law</td>"):
        assert raw not in html_text
    assert "<td class=\"\">Regions adopted at the end: law reform</td>" in html_text
    assert "<td class=\"\">Cases opened (cases per quarter), sum over the window</td>" in html_text  # target
    assert "z1_year (year)" not in html_text


def test_a_comparison_report_maps_each_arm_and_the_difference_and_names_the_heatmap_arm(two_arm_report):
    html_text = two_arm_report
    for figure_id in ("fig-map-arms-a_law", "fig-map-difference-a_law", "fig-map-arms-rho", "fig-map-difference-rho"):
        assert f'id="{figure_id}"' in html_text
    assert 'id="fig-map-a_law"' not in html_text  # no pooled map
    assert "Arm <strong>baseline</strong> only: the arms are not pooled" in html_text


def test_heatmap_of_several_arms_holds_the_reference_arms_medians(two_arms, two_arm_path):
    _, data = figures.heatmap_figure(two_arms, "rho")
    names = dict(query(two_arm_path, "SELECT region, name FROM regions"))
    (value,) = query(two_arm_path, "SELECT s.rho FROM region_series s JOIN runs r USING (run_id) "
                                   "WHERE r.arm = 'baseline' AND s.region = 5 AND s.tick = 0")[0]
    row = data.xs(names[5], level="name")
    assert float(row["1997Q1"].iloc[0]) == pytest.approx(value)


def _png_size_and_dpi(path: Path) -> tuple[int, int, float]:
    data = path.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    position = data.index(b"pHYs")
    pixels_per_metre = struct.unpack(">I", data[position + 4:position + 8])[0]
    return width, height, pixels_per_metre * 0.0254


def test_exported_png_is_300_dpi_and_svg_is_written(two_arms, tmp_path):
    figure, _ = figures.adoption_figure(two_arms)
    written = save_figure(figure, tmp_path / "adoption")
    assert sorted(p.suffix for p in written) == [".png", ".svg"]
    width, _, dpi = _png_size_and_dpi(tmp_path / "adoption.png")
    assert dpi == pytest.approx(300, abs=0.5)
    assert width >= 7 * 300  # a 7.5-inch figure, trimmed to its content


def test_policysim_report_passes_the_options_through(two_arm_path, tmp_path):
    executable = engine_executable()
    if executable is None:
        pytest.skip("no policysim executable")
    out, figures_dir = tmp_path / "report.html", tmp_path / "figures"
    completed = subprocess.run([str(executable), "report", str(two_arm_path), "-o", str(out), "--figures",
                                str(figures_dir), "--map-year", "2005", "--arms", "nordic", "--reference",
                                "baseline", "--fixed-scales"], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    html_text = out.read_text(encoding="utf-8")
    assert "in 2005Q4 (the last recorded quarter up to the end of 2005)" in html_text
    assert "the colour scale is fixed at 0–1" in html_text
    assert _png_size_and_dpi(figures_dir / "fig-map-difference-a_law.png")[2] == pytest.approx(300, abs=0.5)
    assert (figures_dir / "fig-map-difference-a_law.svg").is_file()

    refused = subprocess.run([str(executable), "report", str(two_arm_path), "-o", str(tmp_path / "no.html"),
                              "--arms", "danish"], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 64
    assert "no arm 'danish' in the database; its arms: baseline, nordic" in refused.stderr
    assert not (tmp_path / "no.html").exists()


def test_no_figure_of_a_comparison_reaches_past_its_page(two_arms):
    # Each figure's widest labels: a diverging colour bar's minus-signed ticks and its label (the
    # maps), a long title with an arm's name (the heatmap), the federal stance's panel title in the
    # right column (the trajectories), the targets' quantities under three panels a row.
    built = {"adoption": figures.adoption_figure(two_arms), "resistance": figures.resistance_figure(two_arms),
             "events": figures.event_timing_figure(two_arms), "heatmap": figures.heatmap_figure(two_arms),
             "targets": figures.targets_figure(two_arms),
             "trajectories": compare_figures.trajectories_figure(two_arms),
             "forest": compare_figures.forest_figure(two_arms), "map": maps.map_figure(two_arms),
             "arm maps": maps.arm_maps_figure(two_arms), "difference map": maps.difference_map_figure(two_arms)}
    assert {name: outside_the_page(figure) for name, (figure, _) in built.items()} == {name: [] for name in built}
    assert {name: overlapping_labels(figure) for name, (figure, _) in built.items()} == {name: [] for name in built}
