#!/usr/bin/env bash
# The `sensitivity` table of a sweep holds, for each outcome and factor, the estimators of
# sensitivity/ applied to each point's mean over its replicates in the design's order: checked
# against the same formulas computed here from the `runs` and `design` tables alone (Sobol' S1
# (Saltelli 2010) and ST (Jansen) for a Saltelli design; Morris's mu*, mu, sigma, with each step's
# change of the factor in the unit interval read back from the stored values). A factor that an
# outcome does not depend on gets 0: T_obs, the obstruction threshold, is read only by the
# obstruction rule, which tiny.yaml switches off. The share of each point's runs meeting each
# target gets the same measures: checked against the shares recomputed here from each run's
# outcome, or its stored series over the target's window; without --series (the statistics from
# the series in memory) and on a rerun that reuses every run (from `target_values`) the sweep
# stores the same. The report of the sweep draws the measures.
# Usage: sweep_sensitivity.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
source "$src/tests/cli/expect.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
# Two targets that some runs meet and others not: an outcome, and a series' mean over a window.
cat >>tiny.yaml <<'YAML'
  - name: law implementation low
    metric: final_mean_law
    stat: outcome
    range: [0.0, 0.05]
  - name: resistance low in 1999-2000
    metric: resistance_mean
    stat: mean
    window: [1999Q1, 2000Q4]
    range: [0.0, 0.3254]
YAML
for design in saltelli morris; do
  cat >$design.yaml <<YAML
scenario: tiny.yaml
name: tiny_$design
sweep:
  design: $design
  points: $([ $design = saltelli ] && echo 16 || echo 6)
  replications: 2
  factors:
    gamma: {}
    beta_resistance: {range: [1.5, 4.5]}
    donor.Russian ministries.foreignness: {}
    T_obs: {}
YAML
done
expect 0 'target: resistance low in 1999-2000' sweep saltelli.yaml -o saltelli -q --series
expect 0 'factors ranked by mu*' sweep morris.yaml -o morris -q --series
expect 0 'factors ranked by ST' sweep saltelli.yaml -o no_series -q
expect 0 'reusing 192 runs' sweep saltelli.yaml -o saltelli -q
# Runs are numbered as they finish: target values are compared by point and replicate.
for query in "SELECT * FROM sensitivity ORDER BY outcome, factor" \
  "SELECT t.name, r.arm, r.replicate, t.value FROM target_values t JOIN runs r USING (run_id)
   ORDER BY t.name, r.arm, r.replicate"; do
  stored=$(sqlite3 saltelli/results.sqlite "$query")
  if [ -n "$stored" ] && [ "$stored" = "$(sqlite3 no_series/results.sqlite "$query")" ]; then
    echo "ok   the same without --series, and after a rerun that reuses every run: ${query:0:40}"
  else
    echo "FAIL differs without --series, or after a rerun: $query"
    failures=$((failures + 1))
  fi
done

# The report of the Saltelli sweep opens with its Sobol' bars, the targets' shares in a figure of
# their own (tests/analysis checks the data behind them).
expect 0 'saltelli/report.html' report saltelli
for figure in fig-sobol fig-sobol-targets fig-response-final_mean_law; do
  if grep -q "id=\"$figure\"" saltelli/report.html; then
    echo "ok   the report draws $figure"
  else
    echo "FAIL the report of the Saltelli sweep has no $figure"
    failures=$((failures + 1))
  fi
done

python3 - <<'PY' || failures=$((failures + 1))
import math, sqlite3, statistics, sys

def load(path):
    db = sqlite3.connect(path)
    factors = db.execute("SELECT column_name, low, high FROM design ORDER BY factor_index").fetchall()
    outcomes = [r[0] for r in db.execute(
        "SELECT column_name FROM column_meanings WHERE table_name = 'runs' AND role = 'outcome'")]
    points = {}
    for row in db.execute("SELECT arm, %s, %s FROM runs WHERE status = 'ok'" % (
            ", ".join('"%s"' % f[0] for f in factors), ", ".join('"%s"' % o for o in outcomes))):
        points.setdefault(row[0], []).append(row[1:])
    names = sorted(points)
    k = len(factors)
    x = [points[n][0][:k] for n in names]
    means = {}
    for i, o in enumerate(outcomes):
        values = [[r[k + i] for r in points[n] if r[k + i] is not None] for n in names]
        means[o] = [sum(v) / len(v) if v else None for v in values]
    means.update(target_shares(db, names))
    stored = {(r[0], r[1]): r[2:] for r in db.execute(
        "SELECT outcome, factor, first_order, total, mu, mu_star, sigma FROM sensitivity")}
    return factors, x, means, stored

def target_shares(db, names):
    """Each target's share of each point's runs whose statistic lies in its range, the statistic
    recomputed from the run's outcome or from its stored series; and each stored value checked."""
    global failed
    shares = {}
    for name, metric, stat, first, last, low, high in db.execute(
            "SELECT name, metric, stat, window_start, window_end, low, high FROM targets"):
        if stat == "outcome":
            sql = 'SELECT run_id, arm, "%s" FROM runs WHERE status = \'ok\'' % metric
        else:
            assert stat == "mean", stat
            sql = ('SELECT r.run_id, r.arm, avg(s."%s") FROM runs r JOIN series s USING (run_id) '
                   "WHERE r.status = 'ok' AND s.quarter BETWEEN '%s' AND '%s' GROUP BY r.run_id"
                   % (metric, first, last))
        stored = dict(db.execute("SELECT run_id, value FROM target_values WHERE name = ?", (name,)))
        met = {}
        for run_id, arm, value in db.execute(sql):
            if value is not None or stored.get(run_id, 0.0) is not None:
                check("target %s run %d" % (name, run_id), value, stored.get(run_id))
            met.setdefault(arm, []).append(value is not None and low <= value <= high)
        shares["target: " + name] = [sum(met[n]) / len(met[n]) for n in names]
    return shares

failed = 0
def check(what, expected, got):
    global failed
    if got is None or abs(expected - got) > 1e-9 * max(1.0, abs(expected)):
        print("FAIL %s: computed %r, stored %r" % (what, expected, got))
        failed += 1

factors, x, means, stored = load("saltelli/results.sqlite")
k = len(factors)
checked = 0
for outcome, f in means.items():
    if any(v is None for v in f) or len(set(f)) == 1:
        continue
    n = len(f) // (k + 2)
    fa = [f[j * (k + 2)] for j in range(n)]
    fb = [f[j * (k + 2) + 1] for j in range(n)]
    centre = sum(fa + fb) / (2 * n)
    variance = sum((v - centre) ** 2 for v in fa + fb) / (2 * n)
    for i, (column, _, _) in enumerate(factors):
        fab = [f[j * (k + 2) + 2 + i] for j in range(n)]
        s1 = sum((fb[j] - centre) * (fab[j] - fa[j]) for j in range(n)) / n / variance
        st = sum((fa[j] - fab[j]) ** 2 for j in range(n)) / n / (2 * variance)
        check("S1 %s %s" % (outcome, column), s1, stored[(outcome, column)][0])
        check("ST %s %s" % (outcome, column), st, stored[(outcome, column)][1])
        checked += 1
inert = [v for (o, c), v in stored.items() if c == "T_obs"]
if not inert or any(v[0] != 0 or v[1] != 0 for v in inert):
    print("FAIL T_obs, inert with obstruction off, has indices other than 0: %r" % inert)
    failed += 1
if not stored[("final_mean_law", "gamma")][1] > 0:
    print("FAIL gamma has no total index for final_mean_law")
    failed += 1
for target in ("target: law implementation low", "target: resistance low in 1999-2000"):
    if (target, "gamma") not in stored:
        print("FAIL no Sobol' indices of the share of runs meeting %r" % target)
        failed += 1
print("ok   %d Sobol' indices equal the formulas computed from the runs" % checked)

factors, x, means, stored = load("morris/results.sqlite")
unit = [[(v - low) / (high - low) for v, (_, low, high) in zip(row, factors)] for row in x]
checked = 0
for outcome, f in means.items():
    if (outcome, factors[0][0]) not in stored:
        continue
    effects = [[] for _ in factors]
    for t in range(len(f) // (k + 1)):
        for s in range(k):
            a, b = t * (k + 1) + s, t * (k + 1) + s + 1
            moved = [i for i in range(k) if abs(unit[b][i] - unit[a][i]) > 1e-12]
            assert len(moved) == 1, "a Morris step moves one factor"
            i = moved[0]
            effects[i].append((f[b] - f[a]) / (unit[b][i] - unit[a][i]))
    for i, (column, _, _) in enumerate(factors):
        e = effects[i]
        check("mu %s %s" % (outcome, column), sum(e) / len(e), stored[(outcome, column)][2])
        check("mu* %s %s" % (outcome, column), sum(map(abs, e)) / len(e), stored[(outcome, column)][3])
        check("sigma %s %s" % (outcome, column), statistics.stdev(e), stored[(outcome, column)][4])
        checked += 1
inert = [v for (o, c), v in stored.items() if c == "T_obs"]
if not inert or any(v[3] != 0 for v in inert):
    print("FAIL T_obs, inert with obstruction off, has mu* other than 0: %r" % inert)
    failed += 1
print("ok   %d Morris effects equal the formulas computed from the runs" % checked)
sys.exit(1 if failed or checked == 0 else 0)
PY

exit $failures
