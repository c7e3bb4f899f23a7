#!/usr/bin/python3
"""Is an engine statistically equivalent to the engine before it?

    bench/equivalence.py BEFORE_EXE AFTER_EXE [--scenario scenarios/baseline.yaml] [--reps 1000]
                         [--seed S] [--after-seed S2] [--after-scenario FILE] [-j N]
                         [--alpha 0.01] [--constant-tolerance 1e-12] [--keep DIR]

Runs `EXE run SCENARIO --reps N --seed S -o DIR -q` with each executable and judges the two
results databases with `analysis/equivalence.py`: every national series metric in every quarter,
and every per-run outcome, is a cell, and each cell's mean over one engine's replications is
compared with the other's. Both engines use the same seed (the scenario's unless --seed) unless
--after-seed gives the second its own. --keep writes the databases to DIR/before and DIR/after
(replacing results already there) instead of a temporary folder.

Exit 0: equivalent. 1: not equivalent. 2: usage error (bad arguments, a missing file).
3: an engine run failed, so nothing could be compared.

The criterion
-------------
A change of the random draws (32-bit uniforms, another exp, single-precision state) changes every
run, so the two engines' replicates are two independent samples of the model's distribution.
Each cell is judged by Welch's two-sample test of the difference of means, z = (mean_after -
mean_before) / sqrt(var_before/n_before + var_after/n_after), its p-value from Student's t with
the Welch-Satterthwaite degrees of freedom (at 1000 replications practically the normal).

There are about two thousand cells (33 metrics x 64 quarters and the outcomes of the baseline),
and a cell's neighbours in time are strongly correlated. The family is tested with Holm's
step-down correction at a family-wise error rate of 1 %: the p-values are sorted, and the k-th
smallest of m is a difference if it and all smaller ones are at most 0.01 / (m - k + 1). Holm
holds the family-wise rate under any dependence between the cells; positive correlation across
quarters only makes it conservative (fewer independent chances of a false alarm than cells).
At 1000 replications a side and ~2000 cells the first threshold is |z| of about 4.6, so a cell's
mean must move by about 4.6 * sqrt(2/1000) = 0.21 of its standard deviation to be found with
even odds; smaller shifts are within Monte Carlo error by this standard. The largest |z| and the
cells with the smallest p-values are printed whatever the verdict.

Cells a t-test cannot judge:
- constant in both (a metric that is 0 before an event can happen): the constants must agree
  (to a relative 1e-12: a reordered sum may move the last bit of a value every run shares, which
  is no Monte Carlo error); two different constants are a difference. A change to single-precision
  state moves such values by about 1e-7 of themselves: it passes --constant-tolerance 1e-6 and
  says so, since no replication count can tell that difference from none.
- constant in one engine and not in the other: a rare event that only one engine's runs show.
  With k runs off the constant on one side and none on the other, Fisher's exact test of that
  2 x 2 table gives the p-value, in the same Holm family.
- undefined in some runs (an outcome such as `z2_year` is NULL when the law never passes): the
  mean is over the runs that have it, and the share of runs without it is a cell of its own; so
  is the share of failed runs.

Paired, as information only. With the same seeds, replicate r of both engines starts from the same
seed; before a change of the draws the runs are identical (common random numbers), and a paired
test would see shifts far below Monte Carlo error. After a change of the draws the pairs are no
longer correlated, so the paired test is no stronger than the unpaired one, while for a change of
last bits only it calls differences significant that no user could tell from Monte Carlo error.
So the unpaired test is the criterion, and with equal seeds the paired comparison is printed
beside it: how many runs are identical in every cell, and the largest paired |z|.
"""
import argparse
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from analysis import equivalence  # noqa: E402

FAMILY_WISE_ALPHA = 0.01  # the probability of calling two equal engines different
WORST_SHOWN = 10


class UsageError(Exception):
    pass


class RunFailed(Exception):
    pass


def run_engine(exe, scenario, reps, seed, out_dir, threads):
    """One engine's replications, into out_dir/results.sqlite."""
    command = [str(exe), "run", str(scenario), "--reps", str(reps), "-o", str(out_dir), "-q",
               "--overwrite"]
    if seed is not None:
        command += ["--seed", str(seed)]
    if threads:
        command += ["-j", str(threads)]
    started = time.monotonic()
    finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - started
    database = pathlib.Path(out_dir) / "results.sqlite"
    if finished.returncode != 0 or not database.exists():
        raise RunFailed(f"{' '.join(command)}: exit {finished.returncode}\n{finished.stderr}")
    return database, seconds


def read_cells(database):
    """The runs as rows (in replicate order) and the cells as columns, for the paired comparison.

    Returns (values, labels, replicates): values is a float array (runs x cells), NaN where a run
    has no value; labels are (name, quarter), quarter None for the per-run outcomes.
    """
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    runs = pd.read_sql("SELECT * FROM runs ORDER BY replicate", db)
    series = pd.read_sql("SELECT * FROM series", db)
    db.close()
    outcomes = [c for c in runs.columns
                if c not in ("run_id", "arm", "replicate", "seed", "status", "wall_seconds")]
    columns = [runs[name].to_numpy(dtype=float) for name in outcomes]
    labels = [(name, None) for name in outcomes]
    row = pd.Series(np.arange(len(runs)), index=runs["run_id"]).loc[series["run_id"]].to_numpy()
    ticks = np.sort(series["tick"].unique())
    column = series["tick"].map({t: i for i, t in enumerate(ticks)}).to_numpy()
    quarter_of_tick = dict(zip(series["tick"], series["quarter"]))
    for name in (c for c in series.columns if c not in ("run_id", "tick", "quarter")):
        grid = np.full((len(runs), len(ticks)), np.nan)
        grid[row, column] = series[name].to_numpy(dtype=float)
        columns += list(grid.T)
        labels += [(name, quarter_of_tick[t]) for t in ticks]
    return np.column_stack(columns), labels, runs["replicate"].to_numpy()


def paired_summary(before, after):
    """Runs identical in every cell, and the largest paired |z| with its cell (None if none)."""
    same = (before == after) | (np.isnan(before) & np.isnan(after))
    identical_runs = int(np.sum(np.all(same, axis=1)))
    differences = after - before
    n = np.sum(~np.isnan(differences), axis=0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        # A cell without a difference in any run has no paired z (0/0); one shifted by the same
        # amount in every run has an infinite one.
        warnings.simplefilter("ignore", RuntimeWarning)
        z = np.nanmean(differences, axis=0) / (np.nanstd(differences, axis=0, ddof=1) / np.sqrt(n))
    z = np.abs(np.where(np.isnan(z), 0.0, z))
    worst = int(np.argmax(z))
    return identical_runs, (worst if z[worst] > 0 else None), z[worst]


def label_text(label):
    name, quarter = label
    return name if quarter is None else f"{name} {quarter}"


def report(verdict):
    """Cells compared, the largest |z|, the cells with the smallest p-values, and what Holm needs."""
    comparisons = verdict.comparisons
    judged = [c for c in comparisons if c.standard_error > 0.0]
    print(f"cells compared: {len(comparisons)} ({len(judged)} with Monte Carlo error, "
          f"{len(comparisons) - len(judged)} constant in both); Holm at family-wise {verdict.alpha:g}")
    if judged:
        largest = max(judged, key=lambda c: abs(c.z))
        print(f"largest |z|: {abs(largest.z):.2f} at {largest.quantity} {largest.when}")
    ordered = sorted(comparisons, key=lambda c: c.p_value)
    rejected = {id(c) for c in verdict.rejected}
    print(f"\n{'cell':46} {'mean before':>12} {'mean after':>12} {'difference':>11} "
          f"{'std. error':>10} {'z':>7} {'p':>9} {'Holm':>9}")
    for rank, c in enumerate(ordered[:WORST_SHOWN]):
        needed = verdict.alpha / (len(ordered) - rank)
        print(f"{c.quantity + ' ' + c.when:46.46} {c.mean_before:12.6g} {c.mean_after:12.6g} "
              f"{c.mean_after - c.mean_before:11.4g} {c.standard_error:10.4g} {c.z:7.2f} "
              f"{c.p_value:9.2g} {needed:9.2g}" + (" DIFFERENT" if id(c) in rejected else ""))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Compare two engines' means per cell over independent replications "
                    "(Welch, Holm at family-wise 1 %%); see the module's docstring.")
    parser.add_argument("before", help="policysim executable before the change")
    parser.add_argument("after", help="policysim executable after the change")
    parser.add_argument("--scenario", default=str(ROOT / "scenarios" / "baseline.yaml"))
    parser.add_argument("--after-scenario", help="scenario of the after engine (default: --scenario)")
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--seed", type=int, help="base seed (default: the scenario's)")
    parser.add_argument("--after-seed", type=int, help="base seed of the after engine (default: --seed)")
    parser.add_argument("-j", "--threads", type=int, help="worker threads of each run")
    parser.add_argument("--alpha", type=float, default=FAMILY_WISE_ALPHA,
                        help="family-wise error rate (default 0.01)")
    parser.add_argument("--constant-tolerance", type=float, default=equivalence.CONSTANT_TOLERANCE,
                        help="relative difference of two constants still equal (default 1e-12; "
                             "single-precision state needs about 1e-6, and says so)")
    parser.add_argument("--keep", help="write the two databases to DIR/before and DIR/after")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return 0 if stop.code == 0 else 2
    try:
        for exe in (args.before, args.after):
            if not pathlib.Path(exe).is_file():
                raise UsageError(f"no executable {exe}")
        after_scenario = args.after_scenario or args.scenario
        for scenario in (args.scenario, after_scenario):
            if not pathlib.Path(scenario).is_file():
                raise UsageError(f"no scenario {scenario}")
        if args.reps < 2:
            raise UsageError("--reps must be at least 2")
        if not 0 < args.alpha < 1:
            raise UsageError("--alpha must be between 0 and 1")
    except UsageError as error:
        print(f"equivalence.py: {error}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="equivalence-") as scratch:
        keep = pathlib.Path(args.keep) if args.keep else pathlib.Path(scratch)
        seed = args.seed
        after_seed = args.after_seed if args.after_seed is not None else seed
        try:
            db_before, s_before = run_engine(args.before, args.scenario, args.reps, seed,
                                             keep / "before", args.threads)
            db_after, s_after = run_engine(args.after, after_scenario, args.reps, after_seed,
                                           keep / "after", args.threads)
        except RunFailed as error:
            print(f"equivalence.py: {error}", file=sys.stderr)
            return 3
        try:
            verdict = equivalence.compare(db_before, db_after, alpha=args.alpha,
                                          constant_tolerance=args.constant_tolerance)
        except (OSError, ValueError, sqlite3.Error) as error:
            print(f"equivalence.py: {error}", file=sys.stderr)
            return 3
        before, labels_b, reps_b = read_cells(db_before)
        after, labels_a, reps_a = read_cells(db_after)

    def seed_text(value):
        return "of the scenario" if value is None else value
    print(f"before: {args.before} {args.scenario} seed {seed_text(seed)}, {len(reps_b)} runs "
          f"in {s_before:.1f} s")
    print(f"after:  {args.after} {after_scenario} seed {seed_text(after_seed)}, {len(reps_a)} runs "
          f"in {s_after:.1f} s")
    # analysis.equivalence compares what both databases have; a cell of one only is a difference.
    only = {"before": set(labels_b) - set(labels_a), "after": set(labels_a) - set(labels_b)}
    for side, cells in only.items():
        if cells:
            print(f"only {side}: {len(cells)} cells, e.g. "
                  + ", ".join(label_text(x) for x in sorted(cells, key=str)[:5]))
    report(verdict)

    if seed == after_seed and np.array_equal(reps_b, reps_a) and labels_b == labels_a:
        identical, worst, worst_z = paired_summary(before, after)
        text = f"paired (same seeds, information only): {identical} of {len(reps_b)} runs identical"
        if worst is not None:
            text += f"; largest paired |z| {worst_z:.2f} at {label_text(labels_b[worst])}"
        print("\n" + text)

    equivalent = verdict.equivalent and not only["before"] and not only["after"]
    print("\nverdict: " + ("EQUIVALENT" if equivalent else
                           f"NOT EQUIVALENT ({len(verdict.rejected)} cells differ"
                           + (", cells missing on one side" if only["before"] or only["after"] else "")
                           + ")"))
    return 0 if equivalent else 1


if __name__ == "__main__":
    sys.exit(main())
