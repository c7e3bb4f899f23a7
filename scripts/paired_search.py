#!/usr/bin/env python3
"""How a calibration's paired target moves over every parameter point it tried.

    python3 scripts/paired_search.py DB --paired "multi lower in 2010 after cuts" \
        --given "multidisciplinary meetings common by the end of 2008"

Reads the results database of `policysim calibrate` whose scenario has the paired target (an arm
against the base, docs/scenarios.md). For every proposal of every generation, on its fitting
replicates: the paired change of the target's statistic (arm minus base, mean over the pairs)
relative to the base's mean, whether its 95 % t interval lies in the target's range, and whether
the proposal meets `--given` (a target of the base's runs: its share of runs in range at least
the required share). Prints how many proposals meet each and both, and the quantiles of the
relative change over all proposals and over those meeting `--given` (docs/calibration.md, "The
channels")."""

import argparse
import json
import math
import sqlite3
import statistics
import sys

import yaml

# Two-sided 95 % quantiles of Student's t, by degrees of freedom (a printed table).
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
        10: 2.228, 14: 2.145, 19: 2.093, 29: 2.045}


def t975(df: int) -> float:
    # Beyond the table's rows, the nearest row below: a slightly wider interval.
    return T975[max(k for k in T975 if k <= df)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--paired", required=True, help="a paired target's name")
    parser.add_argument("--given", required=True, help="a target of the base's runs")
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.database}?mode=ro", uri=True)
    manifest = dict(db.execute("SELECT key, value FROM manifest"))
    targets = {t["name"]: t for t in yaml.safe_load(manifest["scenario_resolved"])["targets"]}
    for name in (args.paired, args.given):
        if name not in targets:
            sys.exit(f"{args.database}: no target named {name!r}; targets: {', '.join(targets)}")
    paired, given = targets[args.paired], targets[args.given]
    if "arm" not in paired or "arm" in given:
        sys.exit("--paired must name a paired target (with `arm`), --given one of the base's runs")
    replicates = json.loads(manifest["calibration"])["replications"]
    values = {}
    for name in (args.paired, args.given):
        for arm, replicate, value in db.execute(
                "SELECT r.arm, r.replicate, t.value FROM target_values t JOIN runs r USING (run_id) "
                "WHERE t.name = ? AND r.replicate < ?", (name, replicates)):
            values[(name, arm, replicate)] = value
    proposals = sorted({arm for (_, arm, _) in values if "+" not in arm})
    low, high = paired["range"]
    given_low, given_high = given["range"]
    counts = {"proposals": 0, "given": 0, "paired": 0, "both": 0}
    changes, changes_given = [], []
    for proposal in proposals:
        twin = f"{proposal}+{paired['arm']}"
        base = [values.get((args.paired, proposal, r)) for r in range(replicates)]
        arm = [values.get((args.paired, twin, r)) for r in range(replicates)]
        pairs = [(a, b) for a, b in zip(arm, base) if a is not None and b is not None]
        if len(pairs) < 2:
            continue
        d = [a - b for a, b in pairs]
        mean = statistics.mean(d)
        half = t975(len(d) - 1) * statistics.stdev(d) / math.sqrt(len(d))
        met_paired = low <= mean - half and mean + half <= high
        judged = [values.get((args.given, proposal, r)) for r in range(replicates)]
        in_range = sum(v is not None and given_low <= v <= given_high for v in judged)
        met_given = in_range >= given.get("share", 0.6) * replicates
        level = statistics.mean(b for _, b in pairs)
        counts["proposals"] += 1
        counts["given"] += met_given
        counts["paired"] += met_paired
        counts["both"] += met_given and met_paired
        if level > 0:
            changes.append(mean / level)
            if met_given:
                changes_given.append(mean / level)
    print(f"{counts['proposals']} proposals on {replicates} replicates each: {counts['given']} meet "
          f"{args.given!r}, {counts['paired']} meet {args.paired!r}, {counts['both']} both")
    for label, xs in (("every proposal", changes), (f"those meeting {args.given!r}", changes_given)):
        if not xs:
            continue
        xs.sort()
        q = lambda f: xs[round(f * (len(xs) - 1))]
        print(f"relative paired change of {paired['metric']}, {label} ({len(xs)}): min {xs[0]:+.3f}, "
              f"5% {q(0.05):+.3f}, median {q(0.5):+.3f}, 95% {q(0.95):+.3f}, max {xs[-1]:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
