"""Build a small, realistic policysim results database without the engine.

Used by the analysis tests only when no policysim executable is available. The tables follow the
engine's schema (manifest, regions, runs, series, region_series, events, targets, target_values); the
numbers come from a toy diffusion process, not from the model.

    /usr/bin/python3 tests/analysis/make_fixture.py OUT.sqlite [--runs 8]
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root, when run as a script
from analysis.paths import region_table_path

COLUMN_MEANINGS = Path(__file__).resolve().parent / "column_meanings.json"
REFORMS = ("law", "victim", "multi", "unit")
START_YEAR, END_YEAR = 1997, 2012
HIGH_EXPOSURE_DISTRICTS = ("Far Eastern", "Northwestern")

SCENARIO_YAML = """\
name: fixture
description: >
  Development fixture with the engine's schema: a toy diffusion process, not the model.
start: 1997Q1
end: 2012Q4
replications: {runs}
"""


def _regions() -> list[tuple[int, str, str, str]]:
    """(region, code, name, district) for the 83 subjects, or 83 synthetic ones without the data."""
    table = region_table_path()
    if table.is_file():
        with table.open(encoding="utf-8") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda row: row["iso_3166_2"])
        return [(i, r["iso_3166_2"], r["name_en"], r["federal_district_2000s"]) for i, r in enumerate(rows)]
    districts = ("Central", "Northwestern", "Southern", "Volga", "Ural", "Siberian", "Far Eastern")
    return [(i, f"RU-X{i:02d}", f"Region {i}", districts[i % 7]) for i in range(83)]


def _quarters() -> list[str]:
    return [f"{year}Q{q}" for year in range(START_YEAR, END_YEAR + 1) for q in range(1, 5)]


def _decimal_year(tick: int | None) -> float | None:
    return None if tick is None else START_YEAR + tick / 4.0


def _first_tick(flags: np.ndarray) -> int | None:
    hits = np.flatnonzero(flags)
    return int(hits[0]) if hits.size else None


def _create_schema(db: sqlite3.Connection, series_metrics: list[str], outcome_columns: list[str]) -> None:
    db.executescript("""
        CREATE TABLE manifest(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE regions(region INTEGER PRIMARY KEY, code TEXT, name TEXT, district TEXT);
        CREATE TABLE region_series(run_id INTEGER, tick INTEGER, quarter TEXT, region INTEGER,
            a_law REAL, a_victim REAL, a_multi REAL, a_unit REAL, c REAL, cJ REAL, aJ REAL,
            rho REAL, s REAL, cases REAL);
        CREATE TABLE events(run_id INTEGER, tick INTEGER, quarter TEXT, kind TEXT, region INTEGER,
            detail TEXT);
        CREATE TABLE targets(name TEXT, metric TEXT, stat TEXT, window_start TEXT, window_end TEXT,
            low REAL, high REAL, share_required REAL, share_met REAL, met INTEGER, source TEXT);
        CREATE TABLE target_values(name TEXT, run_id INTEGER, value REAL);
    """)
    runs_columns = ", ".join(["beta_R REAL", "alpha_F REAL"] + [f"{c} REAL" for c in outcome_columns])
    db.execute("CREATE TABLE runs(run_id INTEGER PRIMARY KEY, arm TEXT, replicate INTEGER, seed TEXT, "
               f"status TEXT, wall_seconds REAL, {runs_columns})")
    metric_columns = ", ".join(f"{m} REAL" for m in series_metrics)
    db.execute(f"CREATE TABLE series(run_id INTEGER, tick INTEGER, quarter TEXT, {metric_columns})")


def _simulate_run(rng: np.random.Generator, districts: list[str], n_ticks: int) -> dict:
    """Toy regional diffusion: logistic rise with regional delays, decay after foreign funding stops."""
    n_regions = len(districts)
    exposure = np.array([1.0 if d in HIGH_EXPOSURE_DISTRICTS else 0.4 for d in districts])
    years = START_YEAR + np.arange(n_ticks) / 4.0
    speed = {"law": 1.0, "victim": 0.8, "multi": 0.7, "unit": 0.9}
    delay_years = {"law": 0.0, "victim": 2.0, "multi": 2.5, "unit": 1.0}
    adoption = {}
    for k in REFORMS:
        midpoint = (2007.0 + delay_years[k] + rng.normal(0, 3.0, n_regions) - 3.0 * exposure
                    + rng.normal(0, 0.7))
        level = 1.0 / (1.0 + np.exp(-(years[:, None] - midpoint[None, :]) * speed[k]))
        if k in ("victim", "multi"):
            level *= np.where(years[:, None] > 2008, np.exp(-(years[:, None] - 2008) * 0.05), 1.0)
        adoption[k] = np.clip(level * rng.uniform(0.4, 1.0, n_regions), 0, 1)
    eta = np.clip(rng.normal(0.3, 0.1, n_regions), 0.01, 0.99)
    push = 0.25 / (1.0 + np.exp(-(years - 2004.0) * 1.2))
    rho = np.clip(eta[None, :] + push[:, None] * exposure[None, :] + rng.normal(0, 0.02, (n_ticks, n_regions)), 0, 1)
    federal_stance = np.clip(0.3 + 0.4 / (1.0 + np.exp(-(years - 2005.5) * 0.9)) + rng.normal(0, 0.01, n_ticks), 0, 1)
    cases = rng.poisson(4.0 * adoption["law"] * (1 + exposure))
    return {"adoption": adoption, "rho": rho, "P": federal_stance, "cases": cases, "years": years}


def _event_ticks(rng: np.random.Generator, n_ticks: int) -> dict:
    def draw(mean_year: float, spread: float, never_share: float) -> int | None:
        if rng.uniform() < never_share:
            return None
        tick = int(round((rng.normal(mean_year, spread) - START_YEAR) * 4))
        return tick if 0 <= tick < n_ticks else None
    return {"law_passed": draw(2003.9, 0.6, 0.0), "u1": draw(2002.2, 0.7, 0.0), "u2": draw(2007.0, 1.0, 0.1),
            "z1": draw(2006.0, 0.8, 0.05), "z2": draw(2012.0, 0.7, 0.3)}


def build_fixture(path: str | Path, n_runs: int = 8, seed: int = 7, arms: tuple[str, ...] = ("baseline",)) -> Path:
    """Write a fixture database at `path` (replaced if present) and return its path.

    Runs are dealt to the arms in turn (run 1 to the first arm, run 2 to the second, ...).
    """
    path = Path(path)
    if path.exists():
        path.unlink()
    rng = np.random.default_rng(seed)
    regions = _regions()
    districts = [r[3] for r in regions]
    quarters = _quarters()
    n_ticks, n_regions = len(quarters), len(regions)
    series_metrics = ([f"adopted_{k}" for k in REFORMS] + [f"share_adopted_{k}" for k in REFORMS]
                      + [f"mean_{k}" for k in REFORMS]
                      + ["resistance_mean", "resistance_q05", "resistance_q50", "resistance_q95",
                         "resistance_toured_minus_other", "P", "U", "law_in_force", "lambda", "Z1", "Z2",
                         "cases", "convictions", "regions_with_cases", "share_regions_with_cases",
                         "ngos_alive", "foreign_intensity", "domestic_intensity"])
    outcome_columns = ([f"final_adopted_{k}" for k in REFORMS] + [f"adopted_12q_after_foreign_stop_{k}" for k in REFORMS]
                       + [f"quarters_to_third_{k}" for k in REFORMS]
                       + ["peak_resistance", "final_resistance", "law_passed_year", "u1_year", "u2_year",
                          "z1_year", "z2_year", "total_cases", "total_convictions"]
                       + [f"morans_i_{k}" for k in REFORMS] + [f"share_of_peak_kept_{k}" for k in REFORMS])

    db = sqlite3.connect(path)
    _create_schema(db, series_metrics, outcome_columns)
    db.executemany("INSERT INTO regions VALUES (?, ?, ?, ?)", regions)
    target_values = {"law_by_2004": [], "cases_2005": [], "z1_2005_07": [], "u2_2006_08": []}

    for run_id in range(1, n_runs + 1):
        sim = _simulate_run(rng, districts, n_ticks)
        events = _event_ticks(rng, n_ticks)
        adopted = {k: sim["adoption"][k] >= 0.5 for k in REFORMS}
        unit_level = np.zeros(n_ticks)
        if events["u1"] is not None:
            unit_level[events["u1"]:] = 1
        if events["u2"] is not None:
            unit_level[max(events["u2"], events["u1"] or 0):] = 2
        step = lambda tick: np.arange(n_ticks) >= tick if tick is not None else np.zeros(n_ticks, bool)  # noqa: E731
        law_in_force, z1, z2 = step(events["law_passed"]), step(events["z1"]), step(events["z2"])
        national_cases = sim["cases"].sum(axis=1)
        convictions = rng.binomial(national_cases, 0.15)
        rho = sim["rho"]
        rows = []
        for t in range(n_ticks):
            row = [run_id, t, quarters[t]]
            row += [int(adopted[k][t].sum()) for k in REFORMS]
            row += [float(adopted[k][t].mean()) for k in REFORMS]
            row += [float(sim["adoption"][k][t].mean()) for k in REFORMS]
            row += [float(rho[t].mean()), *map(float, np.quantile(rho[t], [0.05, 0.5, 0.95])),
                    float(0.08 * (sim["years"][t] > 2003.5)), float(sim["P"][t]), float(unit_level[t]),
                    float(law_in_force[t]), 0.3 if law_in_force[t] else 0.8, float(z1[t]), float(z2[t]),
                    float(national_cases[t]), float(convictions[t]), int((sim["cases"][t] > 0).sum()),
                    float((sim["cases"][t] > 0).mean()), float(150 + rng.integers(-5, 5)),
                    float(1.0 if sim["years"][t] < 2006 else 0.2), 0.4]
            rows.append(row)
        db.executemany(f"INSERT INTO series VALUES ({', '.join('?' * (3 + len(series_metrics)))})", rows)

        region_rows = [(run_id, t, quarters[t], r, *(float(sim["adoption"][k][t, r]) for k in REFORMS),
                        float(min(1, sim["adoption"]["law"][t, r] * 1.2)), float(sim["adoption"]["law"][t, r] * 0.6),
                        float(sim["adoption"]["law"][t, r] * 0.5), float(rho[t, r]), float(0.5 - 0.3 * rho[t, r]),
                        float(sim["cases"][t, r]))
                       for t in range(n_ticks) for r in range(n_regions)]
        db.executemany("INSERT INTO region_series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", region_rows)

        event_rows = []
        for kind, key, detail in (("law_passed", "law_passed", "lambda=0.30"), ("unit_created", "u1", "U=1"),
                                  ("unit_created", "u2", "U=2"), ("ngo_law", "z1", ""), ("foreign_agents_law", "z2", "")):
            if events[key] is not None:
                event_rows.append((run_id, events[key], quarters[events[key]], kind, None, detail))
        for _ in range(int(rng.integers(3, 12))):
            tick = int(rng.integers(24, n_ticks))
            event_rows.append((run_id, tick, quarters[tick], "ngo_closed", int(rng.integers(0, n_regions)), ""))
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)", event_rows)

        final = {k: int(adopted[k][-1].sum()) for k in REFORMS}
        outcomes = ([final[k] for k in REFORMS] + [int(adopted[k][min(n_ticks - 1, 48)].sum()) for k in REFORMS]
                    + [_first_tick(adopted[k].mean(axis=1) >= 1 / 3) or n_ticks for k in REFORMS]
                    + [float(rho.mean(axis=1).max()), float(rho[-1].mean())]
                    + [_decimal_year(events[key]) for key in ("law_passed", "u1", "u2", "z1", "z2")]
                    + [float(national_cases.sum()), float(convictions.sum())]
                    + [float(rng.uniform(0.05, 0.4)) for _ in REFORMS]
                    + [float(final[k] / max(1, adopted[k].sum(axis=1).max())) for k in REFORMS])
        db.execute(f"INSERT INTO runs VALUES ({', '.join('?' * (8 + len(outcome_columns)))})",
                   [run_id, arms[(run_id - 1) % len(arms)], (run_id - 1) // len(arms), str(7000 + run_id), "ok", float(rng.uniform(0.2, 0.6)),
                    3.0, 0.15, *outcomes])

        year_index = {year: slice((year - START_YEAR) * 4, (year - START_YEAR) * 4 + 4) for year in range(START_YEAR, END_YEAR + 1)}
        target_values["law_by_2004"].append((run_id, float(law_in_force[year_index[2004]].max())))
        target_values["cases_2005"].append((run_id, float(national_cases[year_index[2005]].sum())))
        target_values["z1_2005_07"].append((run_id, _decimal_year(events["z1"])))
        target_values["u2_2006_08"].append((run_id, _decimal_year(events["u2"])))

    target_specs = [
        ("law_by_2004", "law_in_force", "max", "2003Q1", "2004Q4", 1.0, 1.0, 0.5, "MODEL.md §9: law passed 2003-04"),
        ("cases_2005", "cases", "sum", "2005Q1", "2005Q4", 40.0, 160.0, 0.6, "MODEL.md §9: 80 cases in 2005"),
        ("z1_2005_07", "z1_year", "year", "2005Q1", "2007Q4", 2005.0, 2007.75, 0.5, "MODEL.md §9: NGO law Jan 2006"),
        ("u2_2006_08", "u2_year", "year", "2006Q1", "2008Q4", 2006.0, 2008.75, 0.5, "MODEL.md §9: federal unit 2007"),
    ]
    for name, metric, stat, window_start, window_end, low, high, required, source in target_specs:
        values = [v for _, v in target_values[name]]
        share = float(np.mean([v is not None and low <= v <= high for v in values]))
        db.execute("INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (name, metric, stat, window_start, window_end, low, high, required, share, int(share >= required), source))
        db.executemany("INSERT INTO target_values VALUES (?, ?, ?)", [(name, run, v) for run, v in target_values[name]])

    manifest = {"scenario_name": "fixture", "scenario_sha256": "0" * 64, "scenario_yaml": SCENARIO_YAML.format(runs=n_runs),
                "start_quarter": quarters[0], "end_quarter": quarters[-1], "policysim_version": "fixture",
                "git_commit": "fixture", "compiler": "none", "threads": "1", "host": "fixture", "cpu": "fixture",
                "started_at": "2000-01-01T00:00:00Z", "finished_at": "2000-01-01T00:00:01Z"}
    # What the engine means by each column: tests/analysis/column_meanings.json is the output of
    # `policysim list outcomes|metrics --json` (test_load checks that it still is).
    engine = json.loads(COLUMN_MEANINGS.read_text())
    db.execute("CREATE TABLE column_meanings(table_name TEXT, column_name TEXT, role TEXT, unit TEXT, "
               "description TEXT)")
    region_metrics = ["a_law", "a_victim", "a_multi", "a_unit", "c", "cJ", "aJ", "rho", "s", "cases"]
    present = {"runs": set(outcome_columns), "series": set(series_metrics), "region_series": set(region_metrics)}
    db.executemany("INSERT INTO column_meanings VALUES (?, ?, ?, ?, ?)",
                   [("runs", o["name"], "outcome", o["unit"], o["description"])
                    for o in engine["outcomes"] if o["name"] in present["runs"]]
                   + [(m["table"], m["name"], "metric", m["unit"], m["description"])
                      for m in engine["metrics"] if m["name"] in present[m["table"]]])
    # The store's own manifest rows: its format and the columns it wrote (outside manifest_json).
    schema = {"parameters": ["beta_R", "alpha_F"], "outcomes": outcome_columns,
              "series_metrics": series_metrics,
              "region_metrics": region_metrics}
    db.executemany("INSERT INTO manifest VALUES (?, ?)",
                   list(manifest.items()) + [("manifest_json", json.dumps(manifest)), ("store_format", "1"),
                                             ("store_schema", json.dumps(schema))])
    db.commit()
    db.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    print(build_fixture(args.out, n_runs=args.runs))


if __name__ == "__main__":
    main()
