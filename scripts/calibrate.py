#!/usr/bin/python3
"""Calibrate the historical baseline against its stylised-fact targets (MODEL.md §9).

Each evaluation writes a temporary scenario that `extends:` the base scenario (by absolute path)
and sets the trial values in its `parameters:` block, runs `policysim run` with a fixed seed and a
fixed number of replications (so every evaluation sees the same random numbers), and reads the
`targets` table of the results database.

Score (lower is better):

    sum over targets of max(0, required share + margin - simulated share)
  + prior_weight * sum over parameters of ((value - prior) / (range width))^2

The search is a coarse scan, one group at a time (a grid for a single parameter, a Latin hypercube
for the parameters of one event searched jointly), over the plausible ranges and then over windows
half as wide, followed by a random local refinement over all parameters with a shrinking step.
Priors and plausible ranges come from sim/model/parameter_table.cpp; a parameter may narrow its
range on the command line (NAME=LO:HI), never widen it. With --start prior (the default) every
parameter the base's `parameters:` block sets and the search does not vary is held at its prior,
so the result does not depend on the values the base file holds.

Examples (docs/calibration.md gives the two commands behind the shipped baseline):

    /usr/bin/python3 scripts/calibrate.py                       # default groups, from the priors
    /usr/bin/python3 scripts/calibrate.py --eval                # report the base scenario as is
    /usr/bin/python3 scripts/calibrate.py --eval psi0=-5 chi0=-4.5
    /usr/bin/python3 scripts/calibrate.py psi0 chi0,chi3=5:15 --rounds 1 --refine 50
    /usr/bin/python3 scripts/calibrate.py --variants            # the §10 variants, summarised

Standard library, numpy and pandas only.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PARAMETER_TABLE = ROOT / "sim" / "model" / "parameter_table.cpp"

# The default search: groups of parameters, in the order the coarse search visits them (national
# events first, since regional cases and convictions depend on when the law passes). A group holds
# the parameters of one event, which trade off against each other and are searched jointly.
# "calibrate": an intercept or scale MODEL.md §7 marks for calibration; "assumed": a parameter
# §7 marks as assumed, calibrated only because the intercepts alone cannot meet the facts (the
# event-clock shapes k_ev are marked "assumed; calibrate the timing spread of §9").
DEFAULT_GROUPS = [
    ["psi0", "k_ev_law"],
    ["upsilon0.first", "upsilon0.second", "k_ev_unit"],
    ["chi0", "chi3", "P_Z2", "k_ev_restrictive"],
    ["beta0.law"],
    ["case_rate"],
    ["betaJ0", "p_conv"],
    ["beta0.victim"],
    ["beta0.multi"],
    ["beta0.unit"],
]

# What each parameter mainly governs, and its status in MODEL.md §7.
GOVERNS = {
    "psi0": ("calibrate", "law passed in 2003-04"),
    "k_ev_law": ("assumed", "spread of the law's timing around 2003-04"),
    "upsilon0.first": ("calibrate", "special MIA unit (U = 1) by 2002"),
    "upsilon0.second": ("calibrate", "federal unit (U = 2) in 2006-08"),
    "k_ev_unit": ("assumed", "spread of the unit steps' timing"),
    "chi0": ("calibrate", "NGO law (Z1) in 2005-07, foreign-agents law (Z2) in 2011-12"),
    "chi3": ("calibrate", "NGO law (Z1) in 2005-07, foreign-agents law (Z2) in 2011-12"),
    "P_Z2": ("assumed", "foreign-agents law (Z2) in 2011-12 rather than in 2008"),
    "k_ev_restrictive": ("assumed", "spread of the restrictive laws' timing"),
    "beta0.law": ("calibrate", "cases in 10-30 % of regions in 2004; under a third adopted law"),
    "case_rate": ("calibrate", "cases in 2005 and 2006"),
    "betaJ0": ("calibrate", "convictions in 2006"),
    "p_conv": ("calibrate", "convictions in 2006"),
    "beta0.victim": ("calibrate", "under a third adopted victim procedure by 2007"),
    "beta0.multi": ("calibrate", "multi-agency reform (no target of its own)"),
    "beta0.unit": ("calibrate", "regional units, which feed U through upsilon1"),
}


@dataclass
class Spec:
    name: str
    prior: float
    lo: float
    hi: float


def _number(text: str) -> float:
    text = text.strip()
    m = re.fullmatch(r"std::log\((.+)\)", text)
    if m:
        return math.log(_number(m.group(1)))
    m = re.fullmatch(r"(.+)\s*/\s*(.+)", text)
    if m:
        return _number(m.group(1)) / _number(m.group(2))
    return float(text)


def read_parameter_table(path: Path = PARAMETER_TABLE) -> dict[str, Spec]:
    """Name -> (prior, plausible low, plausible high) from the model's parameter table."""
    text = path.read_text()
    specs: dict[str, Spec] = {}
    row = re.compile(r'\{\s*"([A-Za-z0-9_.]+)"\s*,\s*([^,]+?)\s*,\s*([^,]+?)\s*,\s*([^,]+?)\s*,')
    for m in row.finditer(text):
        name, prior, lo, hi = m.groups()
        try:
            specs[name] = Spec(name, _number(prior), _number(lo), _number(hi))
        except ValueError:
            continue
    return specs


def yaml_number(value: float) -> str:
    return f"{value:.6g}"


class Evaluator:
    """Runs the base scenario with trial parameters and scores the target report."""

    def __init__(self, policysim: Path, base: Path, reps: int, seed: int | None, threads: int,
                 specs: dict[str, Spec], margin: float, prior_weight: float,
                 assumed_factor: float, verbose: bool):
        self.policysim = policysim
        self.base = base.resolve()
        self.data_dir = self.base.parent / "data"
        self.reps = reps
        self.seed = seed
        self.threads = threads
        self.specs = specs
        self.margin = margin
        self.prior_weight = prior_weight
        self.assumed_factor = assumed_factor
        self.verbose = verbose
        self.workdir = Path(tempfile.mkdtemp(prefix="policysim-calib-"))
        self.pinned: dict[str, float] = {}
        self.annual_cases = False
        self.count = 0
        self.cache: dict[tuple, tuple[float, pd.DataFrame]] = {}

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)

    def scenario_text(self, values: dict[str, float]) -> str:
        lines = [f"extends: {self.base}", "name: calibration_trial"]
        if self.data_dir.exists():
            lines.append(f"data_dir: {self.data_dir}")
        values = {**self.pinned, **values}
        if values:
            lines.append("parameters:")
            lines += [f"  {name}: {yaml_number(v)}" for name, v in sorted(values.items())]
        return "\n".join(lines) + "\n"

    def run(self, values: dict[str, float], keep: Path | None = None) -> tuple[pd.DataFrame, str]:
        """Runs the trial scenario; returns the targets table and the printed report."""
        self.count += 1
        scenario = self.workdir / "trial.yaml"
        scenario.write_text(self.scenario_text(values))
        out = keep if keep is not None else self.workdir / f"run{self.count}"
        if out.exists():
            shutil.rmtree(out)
        cmd = [str(self.policysim), "run", str(scenario), "--reps", str(self.reps), "-o", str(out),
               "-q", "-j", str(self.threads)]
        if self.seed is not None:
            cmd += ["--seed", str(self.seed)]
        if self.annual_cases:
            cmd.append("--regions")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"policysim failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        with sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True) as con:
            # Checks (counted = 0) hold by construction and constrain nothing: not scored.
            targets = pd.read_sql("SELECT name, share_required, share_met, met FROM targets "
                                  "WHERE counted = 1", con)
            if self.annual_cases:
                targets = pd.concat([targets, annual_cases_check(con)], ignore_index=True)
        if keep is None:
            shutil.rmtree(out, ignore_errors=True)
        return targets, proc.stdout

    def score_targets(self, targets: pd.DataFrame) -> float:
        # A share with no run to judge (a condition no run met) is NULL: scored as none met.
        met = targets.share_met.fillna(0.0)
        shortfall = (targets.share_required + self.margin - met).clip(lower=0.0)
        return float(shortfall.sum())

    def prior_penalty(self, values: dict[str, float]) -> float:
        total = 0.0
        for name, v in values.items():
            s = self.specs[name]
            weight = self.prior_weight
            if GOVERNS.get(name, ("assumed", ""))[0] == "assumed":
                weight *= self.assumed_factor
            total += weight * ((v - s.prior) / (s.hi - s.lo)) ** 2
        return total

    def __call__(self, values: dict[str, float]) -> tuple[float, pd.DataFrame]:
        key = tuple(sorted((k, round(v, 6)) for k, v in values.items()))
        if key in self.cache:
            return self.cache[key]
        targets, _ = self.run(values)
        score = self.score_targets(targets) + self.prior_penalty(values)
        self.cache[key] = (score, targets)
        return score, targets


ANNUAL_CASES = "(check) cases in 10-30 percent of regions during 2004"


def annual_cases_check(con: sqlite3.Connection, low: float = 0.1, high: float = 0.3,
                       required: float = 0.6) -> pd.DataFrame:
    """§9 "cases in only 16 of 89 regions in 2004" read literally: the share of regions with at
    least one case in any quarter of 2004 (needs the per-region series). The baseline's target
    can only use the national series, whose largest quarterly share is a lower bound of this."""
    per_region = pd.read_sql(
        "SELECT run_id, region, sum(cases) AS cases FROM region_series "
        "WHERE quarter LIKE '2004Q%' GROUP BY run_id, region", con)
    share = (per_region.cases > 0).groupby(per_region.run_id).mean()
    met_share = float(((share >= low) & (share <= high)).mean())
    return pd.DataFrame([{"name": ANNUAL_CASES, "share_required": required,
                          "share_met": met_share, "met": int(met_share >= required)}])


def describe(values: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.4g}" for k, v in values.items())


def scan(evaluate: Evaluator, values: dict[str, float], groups: list[list[str]],
         bounds: dict[str, tuple[float, float]], points: int, samples: int, rounds: int,
         rng: np.random.Generator) -> dict[str, float]:
    """Coarse search, one group at a time, `rounds` times.

    A group of one parameter is scanned on a grid of `points` values; a group of several (the
    parameters of one event, which trade off against each other) is searched jointly with a Latin
    hypercube of `samples` points. The first round covers the whole plausible range, each later
    round a window half as wide around the current values.
    """
    values = dict(values)
    best, targets = evaluate(values)
    for r in range(rounds):
        width_factor = 1.0 / (2 ** r)
        for group in groups:
            box = {}
            for name in group:
                lo, hi = bounds[name]
                half = (hi - lo) / 2 * width_factor
                box[name] = (lo, hi) if r == 0 else (max(lo, values[name] - half),
                                                     min(hi, values[name] + half))
            if len(group) == 1:
                (name,) = group
                trials = [{name: float(v)} for v in np.linspace(*box[name], points)]
            else:
                trials = []
                strata = {n: rng.permutation(samples) for n in group}
                for i in range(samples):
                    trial = {}
                    for n in group:
                        lo, hi = box[n]
                        trial[n] = float(lo + (strata[n][i] + rng.random()) / samples * (hi - lo))
                    trials.append(trial)
            for change in trials:
                trial = dict(values)
                trial.update(change)
                s, t = evaluate(trial)
                if s < best - 1e-12:
                    best, targets, values = s, t, trial
            if evaluate.verbose:
                shown = " ".join(f"{n}={values[n]:.4g}" for n in group)
                print(f"  scan {r + 1} {shown:<60} score {best:.4f}   "
                      f"met {int(targets.met.sum())}/{len(targets)}", flush=True)
    return values


def refine(evaluate: Evaluator, values: dict[str, float], bounds: dict[str, tuple[float, float]],
           iterations: int, rng: np.random.Generator) -> dict[str, float]:
    """Random local search: perturb all parameters at once, keep improvements, shrink the step."""
    values = dict(values)
    best, targets = evaluate(values)
    step = 0.15
    names = list(bounds)
    for i in range(iterations):
        trial = dict(values)
        for name in names:
            lo, hi = bounds[name]
            if rng.random() < 0.5:
                trial[name] = float(np.clip(values[name] + rng.normal(0, step * (hi - lo)), lo, hi))
        s, t = evaluate(trial)
        if s < best - 1e-12:
            best, targets, values = s, t, trial
            if evaluate.verbose:
                print(f"  refine {i + 1:4d} score {best:.4f} met {int(targets.met.sum())}/"
                      f"{len(targets)}  {describe(values)}", flush=True)
        if (i + 1) % max(1, iterations // 4) == 0:
            step *= 0.6
    return values


VARIANTS = ["baseline", "historical_replay", "us_style", "nordic_network", "domestic_ngo_led",
            "funding_withdrawal", "backlash_sensitive", "no_tip_coercion"]


def variant_summary(policysim: Path, scenarios: Path, reps: int, threads: int) -> pd.DataFrame:
    """Runs the baseline and each MODEL.md §10 variant; one row of outcomes per scenario."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="policysim-variants-") as tmp:
        for name in VARIANTS:
            out = Path(tmp) / name
            cmd = [str(policysim), "run", str(scenarios / f"{name}.yaml"), "--reps", str(reps),
                   "-o", str(out), "-q", "-j", str(threads)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                raise RuntimeError(f"{name}: policysim failed:\n{proc.stdout}\n{proc.stderr}")
            with sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True) as con:
                runs = pd.read_sql("SELECT * FROM runs", con)
                series = pd.read_sql(
                    "SELECT run_id, quarter, resistance_mean, resistance_q95, cases "
                    "FROM series", con)
            year = series.quarter.str[:4].astype(int)
            mid = series[(year >= 2004) & (year <= 2007)].groupby("run_id")
            rows.append({
                "scenario": name,
                "law year (median)": runs.law_passed_year.median(),
                "law by 2004 (%)": 100 * (runs.law_passed_year < 2005).mean(),
                "Z1 year (median)": runs.z1_year.median(),
                "Z1 by 2007 (%)": 100 * (runs.z1_year < 2008).mean(),
                "Z2 by 2012 (%)": 100 * runs.z2_year.notna().mean(),
                "resistance 2004-07": mid.resistance_mean.mean().mean(),
                "peak resistance": runs.peak_resistance.mean(),
                "final resistance": runs.final_resistance.mean(),
                "peak mean law": runs.peak_mean_law.mean(),
                "peak mean victim": runs.peak_mean_victim.mean(),
                "peak mean multi": runs.peak_mean_multi.mean(),
                "kept law": runs.share_of_peak_kept_law.median(),
                "kept victim": runs.share_of_peak_kept_victim.median(),
                "kept multi": runs.share_of_peak_kept_multi.median(),
                "law keeps most (%)": 100 * (
                    (runs.share_of_peak_kept_law >= runs.share_of_peak_kept_victim)
                    & (runs.share_of_peak_kept_law >= runs.share_of_peak_kept_multi)).mean(),
                "final adopted law": runs.final_adopted_law.mean(),
                "final adopted victim": runs.final_adopted_victim.mean(),
                "final adopted multi": runs.final_adopted_multi.mean(),
                "Moran law": runs.morans_i_law.median(),
                "Moran multi": runs.morans_i_multi.median(),
                "total cases": runs.total_cases.mean(),
            })
    return pd.DataFrame(rows).set_index("scenario")


def markdown_table(frame: pd.DataFrame) -> str:
    """The frame transposed (one column per scenario) as a Markdown table."""
    t = frame.T
    lines = ["| | " + " | ".join(t.columns) + " |", "|---|" + "---:|" * len(t.columns)]
    for metric, row in t.iterrows():
        cells = []
        for v in row:
            if v != v:
                cells.append("-")
            elif abs(v) >= 100:
                cells.append(f"{v:.0f}")
            elif abs(v) >= 10:
                cells.append(f"{v:.1f}")
            else:
                cells.append(f"{v:.3g}")
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_parameter(arg: str, specs: dict[str, Spec]) -> tuple[str, float, float]:
    name, _, rng = arg.partition("=")
    if name not in specs:
        raise SystemExit(f"unknown parameter `{name}` (not in {PARAMETER_TABLE})")
    s = specs[name]
    lo, hi = s.lo, s.hi
    if rng:
        a, _, b = rng.partition(":")
        lo, hi = float(a), float(b)
        if lo < s.lo - 1e-12 or hi > s.hi + 1e-12 or lo >= hi:
            raise SystemExit(f"{name}: range {lo}..{hi} must lie inside the plausible range "
                             f"{s.lo}..{s.hi}")
    return name, lo, hi


def parse_values(args: list[str], specs: dict[str, Spec]) -> dict[str, float]:
    values = {}
    for arg in args:
        name, _, v = arg.partition("=")
        if name not in specs or not v:
            raise SystemExit(f"expected NAME=VALUE with a parameter of the table, got `{arg}`")
        values[name] = float(v)
    return values


def print_report(evaluate: Evaluator, values: dict[str, float], keep: Path | None) -> None:
    targets, text = evaluate.run(values, keep=keep)
    report = text[text.find("Stylised-fact targets"):] if "Stylised-fact targets" in text else text
    print(report)
    extra = targets[targets.name == ANNUAL_CASES]
    for _, row in extra.iterrows():
        print(f"{'MET' if row.met else 'NOT MET':<8} {row['name']}: in [0.1, 0.3] in "
              f"{100 * row.share_met:.0f}% of runs (needed {100 * row.share_required:.0f}%)")


def yaml_block(values: dict[str, float], specs: dict[str, Spec],
               governs: dict[str, str]) -> str:
    lines = ["parameters:"]
    for name, v in values.items():
        s = specs[name]
        note = governs.get(name, "")
        status = GOVERNS.get(name, ("", ""))[0]
        comment = f"# prior {s.prior:.4g}, range {s.lo:.4g}..{s.hi:.4g}; calibrated"
        if status == "assumed":
            comment += " (assumed in §7)"
        if note:
            comment += f": {note}"
        lines.append(f"  {name}: {yaml_number(round(v, 3))}   {comment}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parameters", nargs="*",
                    help="NAME or NAME=LO:HI (dotted names of sim/model/parameter_table.cpp); "
                         "NAME,NAME,... for a group searched jointly; default: DEFAULT_GROUPS. "
                         "With --eval: NAME=VALUE to evaluate")
    ap.add_argument("--policysim", default=str(ROOT / "build-calib" / "policysim"),
                    help="the policysim executable (default: build-calib/policysim)")
    ap.add_argument("--base", default=str(ROOT / "scenarios" / "baseline.yaml"),
                    help="scenario to extend (default: scenarios/baseline.yaml)")
    ap.add_argument("--reps", type=int, default=100, help="replications per evaluation (100)")
    ap.add_argument("--seed", type=int, default=None,
                    help="base seed (default: the scenario's, 20120101 for the baseline)")
    ap.add_argument("-j", "--threads", type=int, default=2, help="policysim worker threads (2)")
    ap.add_argument("--points", type=int, default=9, help="grid points per coarse scan (9)")
    ap.add_argument("--samples", type=int, default=60,
                    help="Latin-hypercube points per joint search of a group (60)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of one-at-a-time scans (2)")
    ap.add_argument("--refine", type=int, default=150,
                    help="iterations of the random local refinement (150)")
    ap.add_argument("--margin", type=float, default=0.1,
                    help="safety margin added to each required share in the score (0.1)")
    ap.add_argument("--prior-weight", type=float, default=0.02,
                    help="weight of the squared distance from the priors in range units (0.02)")
    ap.add_argument("--assumed-factor", type=float, default=10.0,
                    help="factor on the prior weight for parameters §7 marks as assumed (10)")
    ap.add_argument("--start", choices=["prior", "base"], default="prior",
                    help="start from the priors (default) or from the base scenario's values")
    ap.add_argument("--rng-seed", type=int, default=1, help="seed of the refinement (1)")
    ap.add_argument("--eval", action="store_true",
                    help="only run the base scenario with the given NAME=VALUE and print the report")
    ap.add_argument("--annual-cases", action="store_true",
                    help="also score the share of regions with a case during 2004 from the "
                         "per-region series (slower: about 1 s an evaluation)")
    ap.add_argument("--variants", action="store_true",
                    help="run the baseline and the §10 variants as they are and print a summary")
    ap.add_argument("--keep", default=None, help="directory for the final run's database")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    specs = read_parameter_table()
    policysim = Path(args.policysim)
    if not policysim.exists():
        raise SystemExit(f"{policysim} not found; build it: cmake -S . -B build-calib -G Ninja "
                         "-DPOLICYSIM_TESTS=OFF -DPOLICYSIM_BENCH=OFF && "
                         "cmake --build build-calib --target policysim -j2")
    if args.variants:
        frame = variant_summary(policysim, Path(args.base).resolve().parent, args.reps,
                                args.threads)
        print(markdown_table(frame))
        return 0
    evaluate = Evaluator(policysim, Path(args.base), args.reps, args.seed, args.threads, specs,
                         args.margin, args.prior_weight, args.assumed_factor,
                         verbose=not args.quiet)
    evaluate.annual_cases = args.annual_cases
    keep = Path(args.keep) if args.keep else None
    try:
        if args.eval:
            values = parse_values(args.parameters, specs)
            print_report(evaluate, values, keep)
            return 0

        governs = {name: note for name, (_, note) in GOVERNS.items()}
        if args.parameters:
            groups_text = [arg.split(",") for arg in args.parameters]
        else:
            groups_text = DEFAULT_GROUPS
        bounds, groups = {}, []
        for group_text in groups_text:
            group = []
            for arg in group_text:
                name, lo, hi = parse_parameter(arg, specs)
                if name in bounds:
                    raise SystemExit(f"{name} is named twice")
                bounds[name] = (lo, hi)
                group.append(name)
            groups.append(group)
        in_base = base_parameters(Path(args.base))
        if args.start == "prior":
            # Start from the priors: the base's own calibrated values are set back to their
            # priors too, so that the result does not depend on what the base file holds now.
            evaluate.pinned = {name: specs[name].prior for name in in_base
                               if name in specs and name not in bounds}
            values = {name: float(np.clip(specs[name].prior, *bounds[name])) for name in bounds}
        else:
            values = {name: float(np.clip(in_base.get(name, specs[name].prior), *bounds[name]))
                      for name in bounds}
        if evaluate.pinned and evaluate.verbose:
            print("held at their priors: " + describe(evaluate.pinned))
        t0 = time.time()
        s0, t_start = evaluate(values)
        print(f"start: score {s0:.4f}, {int(t_start.met.sum())}/{len(t_start)} targets met; "
              f"{describe(values)}", flush=True)
        rng = np.random.default_rng(args.rng_seed)
        values = scan(evaluate, values, groups, bounds, args.points, args.samples, args.rounds, rng)
        values = refine(evaluate, values, bounds, args.refine, rng)
        score, targets = evaluate(values)
        print(f"\nbest: score {score:.4f} (targets {evaluate.score_targets(targets):.4f}, "
              f"prior {evaluate.prior_penalty(values):.4f}), {int(targets.met.sum())}/"
              f"{len(targets)} met, {evaluate.count} evaluations, {time.time() - t0:.0f} s\n")
        print(yaml_block(values, specs, governs))
        print()
        print_report(evaluate, values, keep)
        return 0
    finally:
        evaluate.close()


def base_parameters(base: Path) -> dict[str, float]:
    """The values a scenario's own `parameters:` block gives, by dotted name (flat blocks only)."""
    text = base.read_text()
    block = re.search(r"^parameters:\s*\n((?:[ \t]+.*\n?|\s*\n)*)", text, re.M)
    values = {}
    if block:
        for line in block.group(1).splitlines():
            m = re.match(r"\s+([A-Za-z0-9_.]+)\s*:\s*([-+0-9.eE]+)\s*(#.*)?$", line)
            if m:
                values[m.group(1)] = float(m.group(2))
    return values


if __name__ == "__main__":
    sys.exit(main())
