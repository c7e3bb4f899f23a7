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


def write_database(path, outcome, series, arm="baseline"):
    """outcome: one value a run; series: {metric: array (runs x quarters)}."""
    connection = sqlite3.connect(path)
    schema = {"outcomes": ["final_law"], "series_metrics": list(series)}
    connection.execute("CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO manifest VALUES ('store_schema', ?)", (json.dumps(schema),))
    connection.execute("CREATE TABLE runs(run_id INTEGER PRIMARY KEY, arm TEXT, replicate INTEGER, status TEXT, "
                       "final_law REAL)")
    columns = ", ".join(f'"{m}" REAL' for m in series)
    connection.execute(f"CREATE TABLE series(run_id INTEGER, tick INTEGER, quarter TEXT, {columns})")
    for run, value in enumerate(outcome):
        connection.execute("INSERT INTO runs VALUES (?, ?, ?, 'ok', ?)", (run, arm, run, float(value)))
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


def test_two_samples_of_one_distribution_are_equivalent(tmp_path):
    # Two independent samples of one distribution: Holm keeps the chance of calling them
    # different below alpha = 0.01 (these seeds are fixed, so the test is deterministic).
    before = write_database(tmp_path / "before.sqlite", *draws(1))
    after = write_database(tmp_path / "after.sqlite", *draws(2))
    verdict = compare(before, after)
    assert verdict.equivalent
    assert len(verdict.comparisons) == 1 + 2 * len(QUARTERS)
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
