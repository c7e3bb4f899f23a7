"""A small database laid out as `policysim calibrate` writes one, its numbers chosen by hand.

Two parameters, beta0.law on [-6, -1] and beta0.victim on [-7, -2]; generation 0 of four particles
and generation 1 of four accepted out of nine proposals, stored with weights 1, 2, 3, 4 (0.1 to 0.4
once normalised). Each proposal ran replicates 0 and 1 (the fitting seeds); each final particle
ran replicates 2 and 3 (held out), and one held-out run failed and has no values. One held-out run
has no value of "resistance stays moderate" (NULL): judged, not in range.

Five targets, one of each role, their shares consistent with the held-out runs' values:

| target                   | role          | held-out share (by hand)              | met  |
|--------------------------|---------------|---------------------------------------|------|
| law implementation       | fitted        | .1·1 + .2·1 + .3·½ + .4·½ = 0.65      | yes  |
| cases in 2000            | predicted     | .1·½ + .2·1 + .3·0 + .4·½ = 0.45      | no   |
| convictions in 2000      | uninformative | .1·½ + .2·1 + .3·1 + .4·1 = 0.95      | —    |
| resistance stays moderate| check         | .1·1 + .2·1 + .3·1 + .4·½ = 0.8       | —    |
| law is punitive          | fitted        | undefined: no run passed the law      | no   |

so "1 of 3 informative targets met on held-out seeds". The last generation's weighted quantiles,
by hand: beta0.law at -4.0 (weight .4), -3.0 (.2), -2.5 (.3), -2.0 (.1) has 5 % -4, median -3,
95 % -2; beta0.victim at -6.8 (.4), -5.5 (.3), -3.0 (.1), -2.2 (.2) has -6.8, -5.5, -2.2.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

FITTING_REPLICATES = 2
HELD_OUT_REPLICATES = (2, 3)
FAILED_HELD_OUT_RUN = ("g01_p00000001", 4)
"""(arm, replicate) of a held-out run that failed: not judged."""

PARAMETERS = [
    # parameter, column, prior low, prior high, mean, sd, q05, q50, q95, note
    ("beta0.law", "beta0_law", -6.0, -1.0, -3.15, 0.8884, -4.0, -3.0, -2.0, ""),
    ("beta0.victim", "beta0_victim", -7.0, -2.0, -5.11, 2.1801, -6.8, -5.5, -2.2, "crowds the low edge"),
]

FINAL_PARTICLES = [
    # arm, stored weight, beta0.law, beta0.victim
    ("g01_p00000001", 1.0, -2.0, -3.0),
    ("g01_p00000003", 2.0, -3.0, -2.2),
    ("g01_p00000004", 3.0, -2.5, -5.5),
    ("g01_p00000007", 4.0, -4.0, -6.8),
]

TARGETS = [
    # name, metric, stat, window, range, share, counted, given
    ("law implementation", "mean_law", "last", ["2000Q4", "2000Q4"], [0.2, 0.5], 0.6, True, None),
    ("cases in 2000", "cases", "sum", ["2000Q1", "2000Q4"], [5, 20], 0.6, True, None),
    ("convictions in 2000", "convictions", "sum", ["2000Q1", "2000Q4"], [1, 10], 0.6, True, None),
    ("resistance stays moderate", "resistance_mean", "mean", ["1999Q1", "2000Q4"], [0.0, 0.8], 0.6, False, None),
    ("law is punitive", "lambda", "last", ["2000Q1", "2000Q4"], [0.0, 0.4999], 0.6, True,
     {"outcome": "law_passed_year", "range": [1997.0, 2000.75]}),
]

CALIBRATION_TARGETS = [
    # target, counted, fitted, informative, required, prior, posterior [low, high], held-out [low, high]
    ("law implementation", 1, 1, 1, 0.6, 0.2, 0.7, 0.5, 1.0, 0.65, 0.5, 1.0),
    ("cases in 2000", 1, 0, 1, 0.6, 0.1, 0.5, 0.0, 1.0, 0.45, 0.0, 1.0),
    ("convictions in 2000", 1, 1, 0, 0.6, 0.9, 0.95, 0.5, 1.0, 0.95, 0.5, 1.0),
    ("resistance stays moderate", 0, 0, 0, 0.6, 1.0, 1.0, 1.0, 1.0, 0.8, 0.5, 1.0),
    ("law is punitive", 1, 1, 1, 0.6, 0.1, None, None, None, None, None, None),
]

HELD_OUT_VALUES = {
    # per target, per final particle: its two held-out runs' values
    "law implementation": [(0.3, 0.4), (0.25, 0.45), (0.3, 0.9), (0.1, 0.35)],
    "cases in 2000": [(10, 30), (6, 19), (0, 25), (40, 12)],
    "convictions in 2000": [(3, 12), (2, 5), (1, 10), (4, 4)],
    "resistance stays moderate": [(0.31, 0.35), (0.4, 0.38), (0.33, 0.36), (0.37, None)],
    "law is punitive": [(0.2, 0.2), (0.2, 0.2), (0.2, 0.2), (0.2, 0.2)],
}

FITTING_VALUE = {"law implementation": 0.9, "cases in 2000": 100, "convictions in 2000": 50,
                 "resistance stays moderate": 0.95, "law is punitive": 0.7}
"""Every fitting run's value: outside each range, so that a fitting run counted as held out shows."""

EXPECTED_HELD_OUT_SHARES = {"law implementation": 0.65, "cases in 2000": 0.45, "convictions in 2000": 0.95,
                            "resistance stays moderate": 0.8}
EXPECTED_ROLES = {"law implementation": ("fitted", True), "cases in 2000": ("predicted", False),
                  "convictions in 2000": ("uninformative", True), "resistance stays moderate": ("check", True),
                  "law is punitive": ("fitted", False)}
EXPECTED_HEADLINE = ("1 of 3 informative targets met on held-out seeds by the posterior (fitted: 1 of 2; "
                     "predicted, not fitted: 0 of 1); 1 target is met under the prior already: reported, "
                     "not counted")


def _scenario_yaml() -> str:
    targets = []
    for name, metric, stat, window, value_range, share, counted, given in TARGETS:
        target = {"name": name, "metric": metric, "stat": stat, "window": window, "range": value_range,
                  "share": share}
        if not counted:
            target["counted"] = False
        if given:
            target["given"] = given
        targets.append(target)
    scenario = {"name": "fixture_calibration", "description": "A calibration laid out by hand.",
                "start": "1997Q1", "end": "2000Q4", "targets": targets}
    return json.dumps(scenario, indent=1)  # JSON is YAML


def build_calibration_fixture(path: str | Path) -> Path:
    """Write the fixture at `path` (replaced if present) and return its path."""
    path = Path(path)
    path.unlink(missing_ok=True)
    settings = {"method": "abc-smc", "particles": 4, "replications": FITTING_REPLICATES, "quantile": 0.5,
                "fit": [], "batch": 64, "seed": "1",
                "parameters": [{"factor": p[0], "column": p[1], "kind": "parameter", "low": p[2], "high": p[3],
                                "values": []} for p in PARAMETERS]}
    manifest = {"scenario_name": "fixture_calibration", "replications": "5", "calibration": json.dumps(settings),
                "scenario_resolved": _scenario_yaml(), "complete": "true",
                "store_schema": json.dumps({"outcomes": ["law_passed_year"]})}
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE column_meanings(table_name TEXT, column_name TEXT, role TEXT, unit TEXT, description TEXT);
        CREATE TABLE runs(run_id INTEGER PRIMARY KEY, arm TEXT, replicate INTEGER, seed TEXT, status TEXT,
            wall_seconds REAL, beta0_law REAL, beta0_victim REAL, law_passed_year REAL);
        CREATE TABLE target_values (name TEXT, run_id INTEGER, value REAL, PRIMARY KEY (name, run_id))
            WITHOUT ROWID;
        CREATE TABLE calibration_generations (generation INTEGER PRIMARY KEY, tolerance REAL,
            particles INTEGER, proposals INTEGER, acceptance REAL, effective_sample_size REAL);
        CREATE TABLE calibration_particles (generation INTEGER, particle INTEGER, arm TEXT, weight REAL,
            distance REAL, "beta0_law" REAL, "beta0_victim" REAL, PRIMARY KEY (generation, particle));
        CREATE TABLE calibration_parameters (parameter TEXT PRIMARY KEY, column_name TEXT, prior_low REAL,
            prior_high REAL, mean REAL, sd REAL, q05 REAL, q50 REAL, q95 REAL, note TEXT);
        CREATE TABLE calibration_targets (target TEXT PRIMARY KEY, counted INTEGER, fitted INTEGER,
            informative INTEGER, share_required REAL, prior_share REAL, posterior_share REAL,
            posterior_low REAL, posterior_high REAL, held_out_share REAL, held_out_low REAL,
            held_out_high REAL);
    """)
    db.executemany("INSERT INTO manifest VALUES (?, ?)", manifest.items())
    db.executemany("INSERT INTO column_meanings VALUES ('runs', ?, 'parameter', 'logit', ?)",
                   [(column, f"calibrated parameter {name}: adoption hazard intercept ({name.split('.')[1]})")
                    for name, column, *_ in PARAMETERS])
    db.executemany("INSERT INTO calibration_generations VALUES (?, ?, ?, ?, ?, ?)",
                   [(0, None, 4, 4, 1.0, 4.0), (1, 2.5, 4, 9, 4 / 9, 1 / 0.3)])
    prior_particles = [(f"g00_p{p:08d}", 0.25, -5.0 + p, -6.0 + p) for p in range(4)]
    db.executemany("INSERT INTO calibration_particles VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(0, p, arm, weight, 4.0 - p, law, victim)
                    for p, (arm, weight, law, victim) in enumerate(prior_particles)]
                   + [(1, p, arm, weight, 2.0 - 0.5 * p, law, victim)
                      for p, (arm, weight, law, victim) in enumerate(FINAL_PARTICLES)])
    db.executemany("INSERT INTO calibration_parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", PARAMETERS)
    db.executemany("INSERT INTO calibration_targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", CALIBRATION_TARGETS)

    final = {arm: (law, victim) for arm, _, law, victim in FINAL_PARTICLES}
    proposals = [(arm, law, victim) for arm, _, law, victim in prior_particles]
    proposals += [(f"g01_p{p:08d}", *final.get(f"g01_p{p:08d}", (-1.5 - 0.1 * p, -2.5 - 0.1 * p))) for p in range(9)]
    run_id = 0

    def add_run(arm, replicate, law, victim, status="ok"):
        nonlocal run_id
        run_id += 1
        db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, 0.01, ?, ?, NULL)",
                   (run_id, arm, replicate, str(1000 + replicate), status, law, victim))
        return run_id

    for arm, law, victim in proposals:
        for replicate in range(FITTING_REPLICATES):
            run = add_run(arm, replicate, law, victim)
            db.executemany("INSERT INTO target_values VALUES (?, ?, ?)",
                           [(name, run, value) for name, value in FITTING_VALUE.items()])
    for p, (arm, _, law, victim) in enumerate(FINAL_PARTICLES):
        for k, replicate in enumerate(HELD_OUT_REPLICATES):
            run = add_run(arm, replicate, law, victim)
            db.executemany("INSERT INTO target_values VALUES (?, ?, ?)",
                           [(name, run, values[p][k]) for name, values in HELD_OUT_VALUES.items()])
    add_run(*FAILED_HELD_OUT_RUN, *final[FAILED_HELD_OUT_RUN[0]], status="failed: NaN in rho")
    db.commit()
    db.close()
    return path


if __name__ == "__main__":
    import sys

    print(build_calibration_fixture(sys.argv[1] if len(sys.argv) > 1 else "calibration_fixture.sqlite"))
