#!/usr/bin/python3
"""Is an engine statistically equivalent to the engine before it?

    bench/equivalence.py BEFORE_EXE AFTER_EXE [--scenario scenarios/baseline.yaml] [--reps 1000]
                         [--seed S] [--after-seed S2] [--after-scenario FILE] [-j N] [--keep DIR]

Runs `EXE run SCENARIO --reps N --seed S -o DIR -q` with each binary and compares the two
results databases: every national series metric at every quarter, and every per-run outcome of
`runs`, is a cell; each cell's mean over the replications of one engine is compared with the
other's. Both engines use the same seed unless --after-seed says otherwise.

Exit 0: equivalent. 1: not equivalent. 2: usage error (bad arguments, a missing file).
3: an engine run failed, so nothing could be compared.

The criterion
-------------
A change of the random draws (32-bit uniforms, another exp, single-precision state) changes every
run, so the two engines' replicates are two independent samples of the model's distribution.
Each cell is judged by Welch's two-sample test of the difference of means, z = (mean_after -
mean_before) / sqrt(var_before/n_before + var_after/n_after), with its p-value from Student's t
and the Welch-Satterthwaite degrees of freedom (at 1000 replications practically the normal).

There are about two thousand cells (33 metrics x 64 quarters, and the outcomes), and a cell's
neighbours in time are strongly correlated. The family of cells is tested with Holm's step-down
correction at a family-wise error rate of 1 %: the cells' p-values are sorted, and the k-th
smallest of m is a difference if it and all smaller ones are below 0.01 / (m - k + 1). Holm
holds its family-wise rate under any dependence between the cells; positive correlation across
quarters only makes it conservative (fewer independent chances of a false alarm than cells).
At 1000 replications a side and ~2000 cells the first threshold is |z| of about 4.6, so a cell's
mean must move by about 4.6 * sqrt(2/1000) = 0.21 of its standard deviation to be seen with even
odds; smaller shifts are within Monte Carlo error by this standard. The largest |z| and its cell
are always printed, together with the cells that come closest.

Cells that a t-test cannot judge:
- constant in both (e.g. a metric that is 0 before an event can happen): the two constants must
  be equal, bit for bit; two different constants are a difference (p = 0).
- constant in one engine, not in the other: a rare event seen by only one engine. With k runs
  of n off the constant on one side and none on the other, the cell is judged by Fisher's exact
  test of that 2 x 2 table, inside the same Holm family; a t-test would take the constant side's
  zero variance at face value and call one stray run a certain difference.
- values missing (an outcome that is NULL when its event never happened, e.g. `z2_year`): the
  mean is over the runs that have a value, and the share of runs with none is a cell of its own.
  So is the share of failed runs (status other than `ok`).
A metric, outcome or quarter present in one database and not in the other is a difference.

Paired, as information. With the same seeds the two engines' replicate r start from the same
seed, and before a change of draws the runs are identical (common random numbers): the paired
differences are zero, or tiny when only the last bits of a computation moved, and a paired test
sees shifts far below Monte Carlo error. After a change of draws the pairs are no longer
correlated and the paired test is no stronger than the unpaired one, while it would call
differences of last bits significant that no user could tell from Monte Carlo error. So the
unpaired Welch test is the criterion, and when the seeds agree the paired one is printed only as
information: how many runs are identical in every cell, and the largest paired |z|.
"""
import argparse
import math
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd
from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parent.parent
FAMILY_WISE_ALPHA = 0.01
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
    """The runs as rows and the cells as columns.

    Returns (values, labels, replicates): values is a float array (runs x cells) with NaN where a
    run has no value; labels is a list of (name, quarter) with quarter None for the per-run
    outcomes and the shares of missing values.
    """
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    runs = pd.read_sql("SELECT * FROM runs ORDER BY replicate", db)
    series = pd.read_sql("SELECT * FROM series", db)
    db.close()
    replicates = runs["replicate"].to_numpy()
    columns, labels = [], []

    failed = (runs["status"] != "ok").to_numpy(dtype=float)
    columns.append(failed)
    labels.append(("share of failed runs", None))

    # Every column after the bookkeeping ones is an outcome (docs/results.md).
    outcomes = [c for c in runs.columns
                if c not in ("run_id", "arm", "replicate", "seed", "status", "wall_seconds")]
    for name in outcomes:
        value = runs[name].to_numpy(dtype=float)
        columns.append(value)
        labels.append((name, None))
        columns.append(np.isnan(value).astype(float))
        labels.append((f"share with no {name}", None))

    metrics = [c for c in series.columns if c not in ("run_id", "tick", "quarter")]
    row_of_run = pd.Series(np.arange(len(runs)), index=runs["run_id"])
    row = row_of_run.loc[series["run_id"]].to_numpy()
    ticks = np.sort(series["tick"].unique())
    column_of_tick = {t: i for i, t in enumerate(ticks)}
    tick_column = series["tick"].map(column_of_tick).to_numpy()
    quarter_of_tick = dict(zip(series["tick"], series["quarter"]))
    for name in metrics:
        grid = np.full((len(runs), len(ticks)), np.nan)
        grid[row, tick_column] = series[name].to_numpy(dtype=float)
        for i, tick in enumerate(ticks):
            columns.append(grid[:, i])
            labels.append((name, quarter_of_tick[tick]))
    return np.column_stack(columns), labels, replicates


def holm(p_values, alpha):
    """Holm's step-down rejections, and each p-value's threshold in the step-down order."""
    m = len(p_values)
    order = np.argsort(p_values, kind="stable")
    thresholds = np.empty(m)
    thresholds[order] = alpha / (m - np.arange(m))
    rejected = np.zeros(m, dtype=bool)
    for k in order:
        if p_values[k] > thresholds[k]:
            break
        rejected[k] = True
    return rejected, thresholds


def compare_cells(before, after, alpha=FAMILY_WISE_ALPHA):
    """The criterion of the module's docstring, cell by cell (columns of before and after).

    Returns a DataFrame with one row per cell: n, mean and standard deviation of each side, the
    difference, its standard error, z, p, how it was judged (welch, fisher, equal constants,
    different constants, empty) and whether it is a difference after Holm's correction.
    """
    n_b = np.sum(~np.isnan(before), axis=0)
    n_a = np.sum(~np.isnan(after), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        # Empty cells give NaN means with a warning; they are set aside below.
        warnings.simplefilter("ignore", RuntimeWarning)
        mean_b, mean_a = np.nanmean(before, axis=0), np.nanmean(after, axis=0)
        var_b, var_a = np.nanvar(before, axis=0, ddof=1), np.nanvar(after, axis=0, ddof=1)
        lo_b, hi_b = np.nanmin(before, axis=0), np.nanmax(before, axis=0)
        lo_a, hi_a = np.nanmin(after, axis=0), np.nanmax(after, axis=0)
        var_b = np.where(n_b > 1, var_b, 0.0)
        var_a = np.where(n_a > 1, var_a, 0.0)
        se = np.sqrt(var_b / n_b + var_a / n_a)
        z = (mean_a - mean_b) / se
    const_b = (n_b > 0) & (lo_b == hi_b)
    const_a = (n_a > 0) & (lo_a == hi_a)
    cells = len(n_b)
    p = np.full(cells, np.nan)
    how = np.full(cells, "welch", dtype=object)

    # A side with no values at all: the share-of-missing cell beside it judges the difference.
    empty = (n_b == 0) | (n_a == 0)
    how[empty] = "empty"

    both = const_b & const_a & ~empty
    same = both & (lo_b == lo_a)
    how[same] = "equal constants"
    how[both & ~same] = "different constants"
    p[both & ~same] = 0.0

    welch = ~empty & ~const_b & ~const_a
    with np.errstate(invalid="ignore", divide="ignore"):
        df = (var_b / n_b + var_a / n_a) ** 2 / (
            (var_b / n_b) ** 2 / np.maximum(n_b - 1, 1) + (var_a / n_a) ** 2 / np.maximum(n_a - 1, 1))
    p[welch] = 2 * stats.t.sf(np.abs(z[welch]), df[welch])

    for k in np.flatnonzero(~empty & (const_b ^ const_a)):
        constant = lo_b[k] if const_b[k] else lo_a[k]
        other = after[:, k] if const_b[k] else before[:, k]
        other = other[~np.isnan(other)]
        off = int(np.sum(other != constant))
        n_const = int(n_b[k] if const_b[k] else n_a[k])
        p[k] = stats.fisher_exact([[0, n_const], [off, len(other) - off]])[1]
        how[k] = "fisher"

    tested = ~np.isnan(p)
    rejected = np.zeros(cells, dtype=bool)
    threshold = np.full(cells, np.nan)
    if tested.any():
        rejected[tested], threshold[tested] = holm(p[tested], alpha)
    return pd.DataFrame({
        "n_before": n_b, "n_after": n_a, "mean_before": mean_b, "mean_after": mean_a,
        "difference": mean_a - mean_b, "se": se, "z": z, "p": p, "how": how,
        "threshold": threshold, "different": rejected})


def paired_summary(before, after):
    """Runs identical in every cell, and the largest paired |z| (replicates matched row by row)."""
    same_or_both_missing = (before == after) | (np.isnan(before) & np.isnan(after))
    identical_runs = int(np.sum(np.all(same_or_both_missing, axis=1)))
    d = after - before
    n = np.sum(~np.isnan(d), axis=0)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        z = np.nanmean(d, axis=0) / (np.nanstd(d, axis=0, ddof=1) / np.sqrt(n))
    z = np.where(np.isfinite(z), z, np.nan)
    worst = int(np.nanargmax(np.abs(z))) if np.isfinite(z).any() else None
    return identical_runs, worst, (abs(z[worst]) if worst is not None else 0.0)


def label_text(label):
    name, quarter = label
    return name if quarter is None else f"{name} {quarter}"


def report(result, labels, alpha, out=sys.stdout):
    judged = result[result["how"] != "empty"]
    counts = judged["how"].value_counts()
    print(f"cells compared: {len(judged)} ("
          + ", ".join(f"{counts.get(k, 0)} {k}" for k in
                      ("welch", "fisher", "equal constants", "different constants"))
          + f"); Holm at family-wise {alpha:g}", file=out)
    welch = judged[judged["how"] == "welch"]
    if len(welch):
        k = welch["z"].abs().idxmax()
        print(f"largest |z|: {abs(result.at[k, 'z']):.2f} at {label_text(labels[k])}", file=out)
    worst = judged[~np.isnan(judged["p"])].sort_values("p", kind="stable").head(WORST_SHOWN)
    print(f"\n{'cell':44} {'mean before':>12} {'mean after':>12} {'difference':>11} "
          f"{'std. error':>10} {'z':>7} {'p':>9} {'needed':>9}", file=out)
    for k, row in worst.iterrows():
        mark = " DIFFERENT" if row["different"] else ""
        note = " (Fisher)" if row["how"] == "fisher" else ""
        print(f"{label_text(labels[k]):44.44} {row['mean_before']:12.6g} {row['mean_after']:12.6g} "
              f"{row['difference']:11.4g} {row['se']:10.4g} {row['z']:7.2f} {row['p']:9.2g} "
              f"{row['threshold']:9.2g}{note}{mark}", file=out)


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
        before, labels_b, reps_b = read_cells(db_before)
        after, labels_a, reps_a = read_cells(db_after)

    print(f"before: {args.before} {args.scenario} seed {seed if seed is not None else 'of the scenario'}"
          f", {len(reps_b)} runs in {s_before:.1f} s")
    print(f"after:  {args.after} {after_scenario} seed "
          f"{after_seed if after_seed is not None else 'of the scenario'}"
          f", {len(reps_a)} runs in {s_after:.1f} s")

    only_before = sorted(set(labels_b) - set(labels_a), key=str)
    only_after = sorted(set(labels_a) - set(labels_b), key=str)
    for side, missing in (("before", only_before), ("after", only_after)):
        if missing:
            print(f"only {side}: {len(missing)} cells, e.g. "
                  + ", ".join(label_text(x) for x in missing[:5]))
    # Both sides are laid out alike, so that identical runs give identical sums.
    index_b = {label: i for i, label in enumerate(labels_b)}
    index_a = {label: i for i, label in enumerate(labels_a)}
    common = [label for label in labels_b if label in index_a]
    before = before[:, [index_b[x] for x in common]]
    after = after[:, [index_a[x] for x in common]]

    result = compare_cells(before, after, args.alpha)
    report(result, common, args.alpha)

    if seed == after_seed and args.after_scenario is None and np.array_equal(reps_b, reps_a):
        identical, worst, worst_z = paired_summary(before, after)
        text = f"paired (same seeds, information only): {identical} of {len(reps_b)} runs identical"
        if worst is not None:
            text += f"; largest paired |z| {worst_z:.2f} at {label_text(common[worst])}"
        print("\n" + text)

    different = int(result["different"].sum())
    equivalent = different == 0 and not only_before and not only_after
    print("\nverdict: " + ("EQUIVALENT" if equivalent else
                           f"NOT EQUIVALENT ({different} cells differ"
                           + (", cells missing on one side" if only_before or only_after else "")
                           + ")"))
    return 0 if equivalent else 1


if __name__ == "__main__":
    sys.exit(main())
