"""A small database laid out as `policysim sweep` writes one, with outcomes of known form.

Two factors: β_R on four levels (a Morris-like grid: grouped by value in the response curves) and
γ sampled at many values (cut into tenths of its range). Each point's runs share replicate seeds;
final_mean_law = 0.9 - 0.15 β_R + 0.5 γ + noise of the replicate. One run failed (status not ok,
outcomes NULL) and must not be drawn. The `sensitivity` table holds Sobol' rows given here (the
figures draw them as stored), for two outcomes and one target's share.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np

BETA_R_LEVELS = (1.5, 2.5, 3.5, 4.5)
GAMMA_RANGE = (0.02, 0.3)
REPLICATES = 3
FAILED_RUN = (5, 1)
"""(point, replicate) of the run stored as failed."""

FACTORS = [
    {"factor": "beta_resistance", "column": "beta_resistance", "kind": "parameter", "low": 1.5, "high": 4.5,
     "values": [], "unit": "logit", "description": "sweep factor beta_resistance: weight of resistance β_R"},
    {"factor": "gamma", "column": "gamma", "kind": "parameter", "low": 0.02, "high": 0.3, "values": [],
     "unit": "per quarter", "description": "sweep factor gamma: largest step of implementation γ"},
]

OUTCOMES = [
    ("final_mean_law", "0-1", "Mean implementation at the end: law reform"),
    ("peak_resistance", "0-1", "Peak of mean resistance"),
]

SENSITIVITY = [
    # outcome, factor, S1, S1 low, S1 high, ST, ST low, ST high
    ("final_mean_law", "beta_resistance", 0.61, 0.52, 0.70, 0.66, 0.58, 0.75),
    ("final_mean_law", "gamma", 0.30, 0.22, 0.39, 0.35, 0.28, 0.44),
    ("peak_resistance", "beta_resistance", 0.05, -0.02, 0.11, 0.08, 0.04, 0.12),
    ("peak_resistance", "gamma", 0.85, 0.78, 0.91, 0.92, 0.86, 0.98),
    ("target: law passed in 2003-04", "beta_resistance", 0.40, 0.30, 0.50, 0.55, 0.45, 0.66),
    ("target: law passed in 2003-04", "gamma", 0.10, 0.02, 0.18, 0.20, 0.11, 0.29),
]


MORRIS = [
    # outcome, factor, mu, mu*, sigma
    ("final_mean_law", "beta_resistance", -0.45, 0.45, 0.02),
    ("final_mean_law", "gamma", 0.14, 0.14, 0.01),
    ("peak_resistance", "beta_resistance", 0.0, 0.0, 0.0),
    ("peak_resistance", "gamma", 0.17, 0.17, 0.03),
]


def points(seed: int = 3) -> list[tuple[float, float]]:
    """(β_R, γ) of each point: every level of β_R with six values of γ drawn uniformly."""
    rng = np.random.default_rng(seed)
    return [(level, float(rng.uniform(*GAMMA_RANGE))) for level in BETA_R_LEVELS for _ in range(6)]


def build_sweep_fixture(path: str | Path, seed: int = 3, method: str = "sobol") -> Path:
    """Write the fixture at `path` (replaced if present) and return its path; its `sensitivity` rows
    are SENSITIVITY's (method "sobol") or MORRIS's ("morris")."""
    path = Path(path)
    path.unlink(missing_ok=True)
    rng = np.random.default_rng(seed + 1)
    noise = rng.normal(0, 0.05, REPLICATES)  # common random numbers: one draw per replicate
    design = {"design": "saltelli" if method == "sobol" else "morris", "points": 24, "levels": 4, "seed": "1",
              "factors": [{k: f[k] for k in ("factor", "column", "kind", "low", "high", "values")} for f in FACTORS]}
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE column_meanings(table_name TEXT, column_name TEXT, role TEXT, unit TEXT, description TEXT);
        CREATE TABLE runs(run_id INTEGER PRIMARY KEY, arm TEXT, replicate INTEGER, seed TEXT, status TEXT,
            wall_seconds REAL, beta_resistance REAL, gamma REAL, final_mean_law REAL, peak_resistance REAL);
        CREATE TABLE sensitivity(outcome TEXT, factor TEXT, method TEXT, first_order REAL, first_order_low REAL,
            first_order_high REAL, total REAL, total_low REAL, total_high REAL, mu REAL, mu_star REAL, sigma REAL);
    """)
    manifest = {"scenario_name": "fixture_sweep", "replications": str(REPLICATES), "sweep": json.dumps(design),
                "store_schema": json.dumps({"parameters": ["beta_resistance", "gamma"],
                                            "outcomes": [name for name, _, _ in OUTCOMES]})}
    db.executemany("INSERT INTO manifest VALUES (?, ?)", manifest.items())
    db.executemany("INSERT INTO column_meanings VALUES ('runs', ?, 'parameter', ?, ?)",
                   [(f["column"], f["unit"], f["description"]) for f in FACTORS])
    db.executemany("INSERT INTO column_meanings VALUES ('runs', ?, 'outcome', ?, ?)",
                   [(name, unit, description) for name, unit, description in OUTCOMES])
    run_id = 0
    for p, (beta_r, gamma) in enumerate(points(seed)):
        for r in range(REPLICATES):
            run_id += 1
            failed = (p, r) == FAILED_RUN
            law = None if failed else 0.9 - 0.15 * beta_r + 0.5 * gamma + float(noise[r])
            resistance = None if failed else 0.4 + 0.6 * gamma + 0.01 * r
            db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, 0.001, ?, ?, ?, ?)",
                       (run_id, f"p{p:02d}", r, str(100 + r), "failed: NaN in rho" if failed else "ok",
                        beta_r, gamma, law, resistance))
    if method == "sobol":
        db.executemany("INSERT INTO sensitivity VALUES (?, ?, 'sobol', ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
                       SENSITIVITY)
    else:
        db.executemany("INSERT INTO sensitivity VALUES (?, ?, 'morris', NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?)",
                       MORRIS)
    db.commit()
    db.close()
    return path


if __name__ == "__main__":
    import sys

    print(build_sweep_fixture(sys.argv[1] if len(sys.argv) > 1 else "sweep_fixture.sqlite"))
