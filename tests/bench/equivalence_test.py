#!/usr/bin/python3
"""bench/equivalence.py can pass and can fail.

    equivalence_test.py criterion        # the criterion on synthetic samples (no executable)
    equivalence_test.py engine EXE       # the script on real runs of EXE

criterion: hand-computed cases of Holm's correction and of the cells a t-test cannot judge; the
family-wise false-alarm rate over 200 pairs of samples drawn from one distribution shaped like
the model's cells (correlated paths over quarters, skewed and discrete values, rare events,
constants), which must stay near its nominal 1 %; and a shift of one cell by half a standard
deviation, which must be found.

engine: EXE against itself with independent seeds must be equivalent (exit 0); against a
scenario whose beta_resistance is a tenth higher it must not be (exit 1); bad arguments exit 2.
The seeds are fixed, so each outcome is reproducible for a given executable; a change of the
engine's draws gives (a) a new sample, which fails with a probability of 1 % at most.
"""
import importlib.util
import pathlib
import subprocess
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCRIPT = ROOT / "bench" / "equivalence.py"
spec = importlib.util.spec_from_file_location("equivalence", SCRIPT)
equivalence = importlib.util.module_from_spec(spec)
spec.loader.exec_module(equivalence)

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def model_like_sample(rng, runs, quarters=64):
    """Runs x cells, shaped like the model's series and outcomes."""
    paths = np.cumsum(rng.normal(size=(runs, quarters, 6)), axis=1).reshape(runs, -1)
    skewed = rng.exponential(size=(runs, 40)) ** 2
    counts = rng.poisson(0.3, size=(runs, 40)).astype(float)
    rare = (rng.random(size=(runs, 40)) < 0.005).astype(float)
    constant = np.zeros((runs, 20))
    missing = rng.normal(size=(runs, 10))
    missing[rng.random(size=missing.shape) < 0.3] = np.nan
    return np.column_stack([paths, skewed, counts, rare, constant, missing])


def criterion():
    rejected, thresholds = equivalence.holm(np.array([0.02, 0.001, 0.004]), 0.01)
    check(list(rejected) == [False, True, True] and np.allclose(thresholds, [0.01, 0.01 / 3, 0.005]),
          "Holm at 0.01 of p = 0.02, 0.001, 0.004: thresholds 0.01, 0.0033, 0.005; the two smallest rejected")
    rejected, _ = equivalence.holm(np.array([0.004, 0.004, 0.004]), 0.01)
    check(not rejected.any(), "Holm stops at the first p above its threshold (0.004 > 0.01/3)")

    ones = np.ones((50, 1))
    result = equivalence.compare_cells(ones, 2 * ones)
    check(result.at[0, "how"] == "different constants" and result.at[0, "different"],
          "two different constants are a difference")
    result = equivalence.compare_cells(ones, ones.copy())
    check(result.at[0, "how"] == "equal constants" and not result.at[0, "different"],
          "two equal constants are no difference")
    stray = np.zeros((200, 1))
    stray[17] = 1
    result = equivalence.compare_cells(np.zeros((200, 1)), stray)
    # Fisher's exact test of [[0, 200], [1, 199]]: each table with one run off in 400 is as likely.
    check(result.at[0, "how"] == "fisher" and abs(result.at[0, "p"] - 1.0) < 1e-12
          and not result.at[0, "different"], "one stray run against a constant: Fisher p = 1")
    many = np.zeros((200, 1))
    many[:20] = 1
    result = equivalence.compare_cells(np.zeros((200, 1)), many)
    # P(all 20 off-runs fall on one side) = 2 * C(200, 20) / C(400, 20), about 1.2e-6.
    expected = 2 * np.exp(sum(np.log(200 - i) - np.log(400 - i) for i in range(20)))
    check(result.at[0, "how"] == "fisher" and abs(result.at[0, "p"] / expected - 1) < 1e-6
          and result.at[0, "different"],
          f"20 runs off a constant on one side only: Fisher p = {expected:.3g}, a difference")
    before = np.array([[1.0], [2.0], [3.0], [4.0]])
    after = np.array([[3.0], [4.0], [5.0], [np.nan]])
    result = equivalence.compare_cells(before, after)
    # means 2.5 and 4, variances 5/3 and 1: se = sqrt(5/12 + 1/3) = sqrt(0.75)
    check(abs(result.at[0, "z"] - 1.5 / np.sqrt(0.75)) < 1e-12 and result.at[0, "n_after"] == 3,
          "Welch's z of 1..4 against 3..5 and a missing value: 1.5 / sqrt(0.75)")

    rng = np.random.default_rng(20261207)
    trials, runs = 200, 200
    false_alarms = 0
    for _ in range(trials):
        result = equivalence.compare_cells(model_like_sample(rng, runs), model_like_sample(rng, runs))
        false_alarms += bool(result["different"].any())
    # Nominal 1 % of 200 is 2; seven or more would be a rate above about 3.5 %.
    check(false_alarms <= 6,
          f"same distribution: {false_alarms} of {trials} family-wise false alarms (nominal 1 %)")

    found = 0
    for _ in range(50):
        before, after = model_like_sample(rng, runs), model_like_sample(rng, runs)
        after[:, 300] += 0.5 * np.std(before[:, 300])  # one path cell, half a standard deviation
        result = equivalence.compare_cells(before, after)
        found += bool(result.at[300, "different"])
    # z is about 0.5 * sqrt(200 / 2) = 5, above Holm's first threshold (about 4.4 here).
    check(found >= 35, f"one cell shifted by half a standard deviation: found in {found} of 50")


def engine(exe):
    def run(*arguments):
        finished = subprocess.run([sys.executable, str(SCRIPT), exe, exe, *arguments],
                                  capture_output=True, text=True)
        return finished.returncode, finished.stdout + finished.stderr

    code, output = run("--reps", "200", "--seed", "1", "--after-seed", "2")
    check(code == 0 and "verdict: EQUIVALENT" in output,
          f"the same engine, independent seeds: equivalent (exit {code})")
    if code != 0:
        print(output)
    code, output = run("--reps", "200", "--seed", "1", "--after-seed", "2",
                       "--after-scenario", str(HERE / "beta_resistance_raised.yaml"))
    check(code == 1 and "NOT EQUIVALENT" in output,
          f"beta_resistance a tenth higher: not equivalent (exit {code})")
    if code != 1:
        print(output)
    code, output = run("--reps", "1")
    check(code == 2 and "--reps" in output, f"--reps 1 is a usage error (exit {code})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["criterion"] and len(sys.argv) == 2:
        criterion()
    elif sys.argv[1:2] == ["engine"] and len(sys.argv) == 3:
        engine(sys.argv[2])
    else:
        sys.exit(__doc__)
    sys.exit(1 if failures else 0)
