"""Are two engines statistically the same? National means per quarter, and every run outcome,
compared between two results databases of the same scenario run with different engines.

A change to the engine that alters the bits of its results (a vector `exp`, 32-bit uniforms, a
reordered sum) must keep the model: over many replications, each national series' mean in each
quarter, and each outcome's mean, must agree with the previous engine's within Monte Carlo error.

    /usr/bin/python3 -m analysis.equivalence BEFORE AFTER [--arm NAME] [--alpha 0.01]

BEFORE and AFTER are results databases (or their folders), e.g. of `policysim run
scenarios/baseline.yaml --reps 1000` with the old and the new build. The two engines draw
different random numbers, so the samples are independent: each mean is compared by Welch's t
statistic, and the family of all comparisons by Holm's step-down procedure at `alpha`. The
probability that two engines with the same distribution are called different is so at most
`alpha` (0.01 by default), whatever the correlation between quarters. A quantity constant in both
databases (a series before anything can happen) must be equal. A quantity constant in one and not
in the other (a rare event that only one engine's runs show) is judged by Fisher's exact test of
how many runs leave the constant on each side. The share of failed runs is compared too, and so
is, for an outcome undefined in some runs (`z2_year` when the law never passes), the share of runs
without it. Exit 0 when equivalent, 1 when a mean differs, 2 on bad input.

`bench/equivalence.py` runs two engines and judges them with this comparison.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import stats

from .load import resolve_database_path

CONSTANT_TOLERANCE = 1e-12
"""Relative difference under which two constant quantities count as equal (by default: a reordered
sum may move the last bit of a value all runs share). A change to single-precision state moves
such values by about 1e-7 and says so with a larger tolerance (--constant-tolerance)."""


@dataclass(frozen=True)
class Comparison:
    """One mean compared: a national series in one quarter, or a run outcome."""

    quantity: str
    when: str
    mean_before: float
    mean_after: float
    standard_error: float
    p_value: float

    @property
    def z(self) -> float:
        difference = self.mean_after - self.mean_before
        if self.standard_error == 0.0:
            return 0.0 if difference == 0.0 else math.inf
        return difference / self.standard_error


@dataclass(frozen=True)
class Verdict:
    comparisons: list[Comparison]
    rejected: list[Comparison]
    alpha: float
    runs_before: int
    runs_after: int

    @property
    def equivalent(self) -> bool:
        return not self.rejected


def _schema(connection: sqlite3.Connection) -> dict:
    row = connection.execute("SELECT value FROM manifest WHERE key = 'store_schema'").fetchone()
    if row is None:
        raise ValueError("its manifest has no store_schema: not a policysim results database")
    return json.loads(row[0])


def _arms(connection: sqlite3.Connection) -> list[str]:
    return [r[0] for r in connection.execute("SELECT DISTINCT arm FROM runs ORDER BY arm")]


def _outcomes(connection: sqlite3.Connection, arm: str, columns: list[str]) -> dict[str, np.ndarray]:
    """Each outcome column of the arm's completed runs."""
    if not columns:
        return {}
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = connection.execute(f"SELECT {quoted} FROM runs WHERE arm = ? AND status = 'ok' ORDER BY replicate",
                              (arm,)).fetchall()
    values = np.array(rows, dtype=float).reshape(len(rows), len(columns))
    return {c: values[:, i] for i, c in enumerate(columns)}


def _failed(connection: sqlite3.Connection, arm: str) -> np.ndarray:
    """1 for each of the arm's runs that failed, 0 for each that completed."""
    rows = connection.execute("SELECT status != 'ok' FROM runs WHERE arm = ? ORDER BY replicate", (arm,))
    return np.array([r[0] for r in rows.fetchall()], dtype=float)


def _series(connection: sqlite3.Connection, arm: str, columns: list[str]) -> dict[tuple[str, str], np.ndarray]:
    """(metric, quarter) -> the values of the arm's completed runs."""
    if not columns:
        return {}
    quoted = ", ".join(f's."{c}"' for c in columns)
    rows = connection.execute(
        f"SELECT s.quarter, {quoted} FROM series s JOIN runs r ON r.run_id = s.run_id "
        "WHERE r.arm = ? AND r.status = 'ok' ORDER BY s.tick, r.replicate", (arm,)).fetchall()
    by_quarter: dict[str, list[tuple]] = {}
    for row in rows:
        by_quarter.setdefault(row[0], []).append(row[1:])
    result = {}
    for quarter, values in by_quarter.items():
        table = np.array(values, dtype=float)
        for i, column in enumerate(columns):
            result[(column, quarter)] = table[:, i]
    return result


def compare_means(quantity: str, when: str, before: np.ndarray, after: np.ndarray,
                  constant_tolerance: float = CONSTANT_TOLERANCE) -> Comparison:
    """Welch's t test of equal means; NaN values (a quantity undefined in a run) are left out."""
    before, after = before[~np.isnan(before)], after[~np.isnan(after)]
    mean_before = float(before.mean()) if before.size else math.nan
    mean_after = float(after.mean()) if after.size else math.nan
    if before.size < 2 or after.size < 2:
        # Too few defined values to estimate an error: equal only when both are absent.
        same = before.size == after.size == 0
        return Comparison(quantity, when, mean_before, mean_after, 0.0, 1.0 if same else 0.0)
    var_before, var_after = before.var(ddof=1), after.var(ddof=1)
    standard_error = math.sqrt(var_before / before.size + var_after / after.size)
    if standard_error == 0.0:
        scale = max(abs(mean_before), abs(mean_after), 1.0)
        same = abs(mean_after - mean_before) <= constant_tolerance * scale
        return Comparison(quantity, when, mean_before, mean_after, 0.0, 1.0 if same else 0.0)
    constant_before, constant_after = before.min() == before.max(), after.min() == after.max()
    if constant_before != constant_after:
        # Only one engine's runs leave the constant: a handful of rare events, whose count is judged
        # exactly (Fisher's test of runs off the constant on each side); Welch's normal
        # approximation of a few counts errs both ways in the tails Holm's thresholds reach.
        constant, other = (before, after) if constant_before else (after, before)
        off = int(np.sum(other != constant[0]))
        p_value = float(stats.fisher_exact([[0, constant.size], [off, other.size - off]])[1])
        return Comparison(quantity, when, mean_before, mean_after, standard_error, p_value)
    # Welch's t with Welch-Satterthwaite degrees of freedom (scipy's ttest_ind(equal_var=False),
    # computed from the moments above so near-constant data give no spurious precision warning).
    share_before, share_after = var_before / before.size, var_after / after.size
    freedom = (share_before + share_after) ** 2 / (
        share_before ** 2 / (before.size - 1) + share_after ** 2 / (after.size - 1))
    t = (mean_after - mean_before) / standard_error
    p_value = float(2.0 * stats.t.sf(abs(t), freedom))
    return Comparison(quantity, when, mean_before, mean_after, standard_error, p_value)


def holm_rejected(comparisons: list[Comparison], alpha: float) -> list[Comparison]:
    """Holm's step-down procedure: the comparisons whose equality is rejected at family-wise
    error `alpha`."""
    ordered = sorted(comparisons, key=lambda c: c.p_value)
    count = len(ordered)
    rejected = []
    for rank, comparison in enumerate(ordered):
        if comparison.p_value > alpha / (count - rank):
            break
        rejected.append(comparison)
    return rejected


def compare(before_path: str | Path, after_path: str | Path, arm: str | None = None,
            alpha: float = 0.01, constant_tolerance: float = CONSTANT_TOLERANCE) -> Verdict:
    """Every national series mean per quarter and every outcome mean of one arm, compared."""
    with sqlite3.connect(f"file:{resolve_database_path(before_path)}?mode=ro", uri=True) as before, \
            sqlite3.connect(f"file:{resolve_database_path(after_path)}?mode=ro", uri=True) as after:
        schema_before, schema_after = _schema(before), _schema(after)
        arms = _arms(before)
        if arm is None:
            if len(arms) != 1:
                raise ValueError(f"the databases hold arms {arms}: name one with --arm")
            arm = arms[0]
        if arm not in arms or arm not in _arms(after):
            raise ValueError(f"arm {arm!r} is not in both databases (before: {arms}, after: {_arms(after)})")
        outcomes = [c for c in schema_before.get("outcomes", []) if c in schema_after.get("outcomes", [])]
        metrics = [c for c in schema_before.get("series_metrics", [])
                   if c in schema_after.get("series_metrics", [])]
        outcome_before, outcome_after = _outcomes(before, arm, outcomes), _outcomes(after, arm, outcomes)
        series_before, series_after = _series(before, arm, metrics), _series(after, arm, metrics)
        runs_before = len(next(iter(outcome_before.values()), []))
        runs_after = len(next(iter(outcome_after.values()), []))
        failed_before, failed_after = _failed(before, arm), _failed(after, arm)

    judge = functools.partial(compare_means, constant_tolerance=constant_tolerance)
    comparisons = [judge("failed runs", "share", failed_before, failed_after)]
    comparisons += [judge(name, "end", outcome_before[name], outcome_after[name]) for name in outcomes]
    comparisons += [judge(name, "share undefined", np.isnan(outcome_before[name]).astype(float),
                          np.isnan(outcome_after[name]).astype(float))
                    for name in outcomes
                    if np.isnan(outcome_before[name]).any() or np.isnan(outcome_after[name]).any()]
    missing = sorted(set(series_before) ^ set(series_after))
    if missing:
        raise ValueError(f"the databases cover different quarters, e.g. {missing[0][1]}: run the same scenario")
    comparisons += [judge(metric, quarter, values, series_after[(metric, quarter)])
                    for (metric, quarter), values in series_before.items()]
    return Verdict(comparisons, holm_rejected(comparisons, alpha), alpha, runs_before, runs_after)


def describe(verdict: Verdict) -> str:
    finite = [c for c in verdict.comparisons if c.standard_error > 0.0]
    largest = max(finite, key=lambda c: abs(c.z), default=None)
    lines = [f"{len(verdict.comparisons)} means compared ({verdict.runs_before} runs before, "
             f"{verdict.runs_after} after); Holm's family-wise error {verdict.alpha:g}"]
    if largest is not None:
        lines.append(f"largest difference: {largest.quantity} at {largest.when}: {largest.mean_before:.6g} -> "
                     f"{largest.mean_after:.6g} (z = {largest.z:+.2f}, p = {largest.p_value:.3g})")
    if verdict.equivalent:
        lines.append("equivalent: no mean differs beyond Monte Carlo error")
    else:
        lines.append(f"NOT equivalent: {len(verdict.rejected)} means differ:")
        for c in verdict.rejected[:20]:
            lines.append(f"  {c.quantity} at {c.when}: {c.mean_before:.6g} -> {c.mean_after:.6g} "
                         f"(z = {c.z:+.2f}, p = {c.p_value:.3g})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m analysis.equivalence", description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="results database (or folder) of the previous engine")
    parser.add_argument("after", help="results database (or folder) of the changed engine")
    parser.add_argument("--arm", help="the arm to compare (needed when the databases hold several)")
    parser.add_argument("--alpha", type=float, default=0.01,
                        help="family-wise probability of calling equal engines different (default 0.01)")
    parser.add_argument("--constant-tolerance", type=float, default=CONSTANT_TOLERANCE,
                        help=f"relative difference of two constants still equal (default {CONSTANT_TOLERANCE:g})")
    args = parser.parse_args(argv)
    if not 0.0 < args.alpha < 1.0:
        print(f"equivalence: --alpha {args.alpha} is not in (0, 1)", file=sys.stderr)
        return 2
    try:
        verdict = compare(args.before, args.after, args.arm, args.alpha, args.constant_tolerance)
    except (OSError, ValueError, sqlite3.Error) as error:
        print(f"equivalence: {error}", file=sys.stderr)
        return 2
    print(describe(verdict))
    return 0 if verdict.equivalent else 1


if __name__ == "__main__":
    sys.exit(main())
