"""analysis.equivalence: two engines' national means compared within Monte Carlo error.

The databases here are written by hand with the engine's tables (manifest with store_schema, runs,
series), their values drawn from known distributions, so what the comparison must find is known.
"""

from __future__ import annotations

import json
import math
import sqlite3
import subprocess

import numpy as np
import pytest

from analysis.equivalence import Comparison, compare, compare_means, holm_rejected, main
from conftest import REPO_ROOT, engine_executable

QUARTERS = [f"{year}Q{q}" for year in (2000, 2001) for q in (1, 2, 3, 4)]


def write_database(path, outcome, series, arm="baseline", failed=0):
    """outcome: one value a run (NaN: undefined); series: {metric: array (runs x quarters)}; the
    first `failed` runs failed."""
    connection = sqlite3.connect(path)
    schema = {"outcomes": ["final_law"], "series_metrics": list(series)}
    connection.execute("CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO manifest VALUES ('store_schema', ?)", (json.dumps(schema),))
    connection.execute("CREATE TABLE runs(run_id INTEGER PRIMARY KEY, arm TEXT, replicate INTEGER, status TEXT, "
                       "final_law REAL)")
    columns = ", ".join(f'"{m}" REAL' for m in series)
    connection.execute(f"CREATE TABLE series(run_id INTEGER, tick INTEGER, quarter TEXT, {columns})")
    for run, value in enumerate(outcome):
        status = "failed: non-finite state" if run < failed else "ok"
        connection.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?)", (run, arm, run, status, float(value)))
        for tick, quarter in enumerate(QUARTERS):
            values = [float(series[m][run, tick]) for m in series]
            marks = ", ".join("?" * len(values))
            connection.execute(f"INSERT INTO series VALUES (?, ?, ?, {marks})", (run, tick, quarter, *values))
    connection.commit()
    connection.close()
    return path


def draws(seed, runs=1000, shift=None):
    """A run outcome ~ N(0.4, 0.1) and a rising series with noise sd 0.05; `shift` = (tick, amount)."""
    rng = np.random.default_rng(seed)
    rising = np.linspace(0.1, 0.8, len(QUARTERS)) + rng.normal(0.0, 0.05, (runs, len(QUARTERS)))
    if shift is not None:
        rising[:, shift[0]] += shift[1]
    constant = np.zeros((runs, len(QUARTERS)))
    return rng.normal(0.4, 0.1, runs), {"law": rising, "unit": constant}


def test_welch_statistic_and_p_value_match_the_closed_form():
    # n = 2 each, equal variances 2: se = sqrt(2/2 + 2/2), t = 1/sqrt(2) on 2 degrees of freedom,
    # whose two-sided p-value is 1 - t / sqrt(2 + t^2) (Student's t with 2 df in closed form).
    c = compare_means("x", "end", np.array([0.0, 2.0]), np.array([1.0, 3.0]))
    assert c.standard_error == pytest.approx(math.sqrt(2.0), rel=1e-14)
    assert c.z == pytest.approx(1.0 / math.sqrt(2.0), rel=1e-14)
    t = 1.0 / math.sqrt(2.0)
    assert c.p_value == pytest.approx(1.0 - t / math.sqrt(2.0 + t * t), rel=1e-9)


def test_holm_steps_down_until_the_first_p_value_above_its_threshold():
    # Thresholds at alpha 0.01 over 3: 0.01/3, 0.01/2, 0.01/1. 0.001 <= 0.00333 and 0.004 <= 0.005
    # are rejected; 0.03 > 0.01 stops.
    ps = [0.03, 0.001, 0.004]
    comparisons = [Comparison("x", str(i), 0.0, 0.0, 1.0, p) for i, p in enumerate(ps)]
    assert [c.p_value for c in holm_rejected(comparisons, 0.01)] == [0.001, 0.004]
    # 0.004 > 0.01/3 when it is the smallest: nothing rejected.
    assert holm_rejected([Comparison("x", "0", 0, 0, 1, 0.004)] * 3, 0.01) == []


def test_constant_quantities_must_be_equal():
    assert compare_means("unit", "2000Q1", np.zeros(5), np.zeros(5)).p_value == 1.0
    assert compare_means("unit", "2000Q1", np.zeros(5), np.ones(5)).p_value == 0.0
    # A constant moved by 1e-7 of itself (single precision): different by default, the same when
    # the caller allows 1e-6.
    single = np.full(5, 0.3 * (1 + 1e-7))
    assert compare_means("P", "2000Q1", np.full(5, 0.3), single).p_value == 0.0
    assert compare_means("P", "2000Q1", np.full(5, 0.3), single, constant_tolerance=1e-6).p_value == 1.0


def test_a_constant_on_one_side_only_is_judged_by_fishers_exact_test():
    # One run of 200 off the other side's constant: every table with one such run in 400 is as
    # likely, so p = 1. Twenty runs all on one side: p = 2 C(200, 20) / C(400, 20), about 1.2e-6.
    stray = np.zeros(200)
    stray[17] = 1.0
    assert compare_means("x", "q", np.zeros(200), stray).p_value == pytest.approx(1.0, rel=1e-12)
    many = np.zeros(200)
    many[:20] = 1.0
    expected = 2.0 * math.exp(sum(math.log(200 - i) - math.log(400 - i) for i in range(20)))
    assert compare_means("x", "q", many, np.zeros(200)).p_value == pytest.approx(expected, rel=1e-9)


def test_more_failed_runs_and_more_undefined_outcomes_are_found(tmp_path):
    before = write_database(tmp_path / "before.sqlite", *draws(1))
    outcome, series = draws(2)
    outcome[:100] = np.nan  # a tenth of the runs without the outcome, where before had none
    after = write_database(tmp_path / "after.sqlite", outcome, series, failed=100)
    verdict = compare(before, after)
    rejected = {(c.quantity, c.when) for c in verdict.rejected}
    # The 100 runs without the outcome are the failed ones, so neither the outcome's mean nor its
    # share undefined among completed runs moves: the share of failed runs does (0 against 0.1).
    assert rejected == {("failed runs", "share")}
    assert verdict.runs_after == 900
    outcome[100:200] = np.nan
    after = write_database(tmp_path / "undefined.sqlite", outcome, series, failed=100)
    rejected = {(c.quantity, c.when) for c in compare(before, after).rejected}
    assert rejected == {("failed runs", "share"), ("final_law", "share undefined")}


def model_like_sample(rng, runs, quarters=64):
    """Runs x quantities shaped like the model's: paths correlated over quarters, skewed and
    discrete values, rare events, constants, undefined values."""
    paths = np.cumsum(rng.normal(size=(runs, quarters, 4)), axis=1).reshape(runs, -1)
    skewed = rng.exponential(size=(runs, 20)) ** 2
    counts = rng.poisson(0.3, size=(runs, 20)).astype(float)
    rare = (rng.random(size=(runs, 40)) < 0.005).astype(float)
    constant = np.zeros((runs, 10))
    undefined = rng.normal(size=(runs, 10))
    undefined[rng.random(size=undefined.shape) < 0.3] = np.nan
    return np.column_stack([paths, skewed, counts, rare, constant, undefined])


def family(before, after):
    return [compare_means("x", str(k), before[:, k], after[:, k]) for k in range(before.shape[1])]


def test_false_alarms_stay_near_the_family_wise_error_and_a_half_sd_shift_is_found():
    # 100 pairs of samples of one distribution (fixed seed: the test is deterministic). At
    # family-wise 1 % one false alarm is expected; four or more would be a rate above about 3 %.
    rng = np.random.default_rng(20261207)
    false_alarms = sum(bool(holm_rejected(family(model_like_sample(rng, 200), model_like_sample(rng, 200)), 0.01))
                       for _ in range(100))
    assert false_alarms <= 3
    # One path quantity shifted by half its standard deviation: z about 0.5 sqrt(200 / 2) = 5,
    # above Holm's first threshold here (about 4.3), so found in most pairs.
    found = 0
    for _ in range(20):
        before, after = model_like_sample(rng, 200), model_like_sample(rng, 200)
        after[:, 100] += 0.5 * before[:, 100].std()
        found += ("x", "100") in {(c.quantity, c.when) for c in holm_rejected(family(before, after), 0.01)}
    assert found >= 14


def test_two_samples_of_one_distribution_are_equivalent(tmp_path):
    # Two independent samples of one distribution: Holm keeps the chance of calling them
    # different below alpha = 0.01 (these seeds are fixed, so the test is deterministic).
    before = write_database(tmp_path / "before.sqlite", *draws(1))
    after = write_database(tmp_path / "after.sqlite", *draws(2))
    verdict = compare(before, after)
    assert verdict.equivalent
    # the share of failed runs, the outcome, two metrics in each quarter
    assert len(verdict.comparisons) == 2 + 2 * len(QUARTERS)
    assert verdict.runs_before == verdict.runs_after == 1000


def test_a_shift_of_six_standard_errors_in_one_quarter_is_found(tmp_path):
    # The mean's standard error in a quarter is 0.05 * sqrt(2 / 1000) = 0.00224; shift one quarter
    # by 6 of them: its p-value (about 2e-9) is far below Holm's first threshold 0.01 / 17.
    shift = 6 * 0.05 * math.sqrt(2 / 1000)
    before = write_database(tmp_path / "before.sqlite", *draws(1))
    after = write_database(tmp_path / "after.sqlite", *draws(2, shift=(5, shift)))
    verdict = compare(before, after)
    assert not verdict.equivalent
    assert [(c.quantity, c.when) for c in verdict.rejected] == [("law", QUARTERS[5])]
    assert main([str(before), str(after)]) == 1


def test_bad_input_is_refused_with_exit_2(tmp_path, capsys):
    before = write_database(tmp_path / "before.sqlite", *draws(1, runs=10))
    other = write_database(tmp_path / "other.sqlite", *draws(1, runs=10), arm="withdrawal")
    assert main([str(before), str(other)]) == 2
    assert "arm 'baseline' is not in both databases" in capsys.readouterr().err
    assert main([str(before), str(tmp_path / "missing.sqlite")]) == 2


@pytest.mark.engine
def test_the_engine_with_two_seeds_is_equivalent_to_itself(tmp_path):
    engine, repo_root = engine_executable(), REPO_ROOT
    # Two seeds of one engine are two samples of one distribution: equivalent except with
    # probability at most alpha = 0.01 (the seeds are fixed, so the result is too).
    folders = []
    for seed in (11, 12):
        out = tmp_path / f"seed{seed}"
        subprocess.run([str(engine), "run", str(repo_root / "scenarios" / "smoke" / "tiny.yaml"), "--reps", "200",
                        "--seed", str(seed), "-o", str(out), "-q"], check=True, cwd=repo_root, timeout=300)
        folders.append(out)
    verdict = compare(*folders)
    assert verdict.equivalent, [(c.quantity, c.when, c.p_value) for c in verdict.rejected]
    assert verdict.runs_before == verdict.runs_after == 200
