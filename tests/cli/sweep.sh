#!/usr/bin/env bash
# `policysim sweep`: a dry run says the design's size and first points and writes nothing; a grid
# stores its ranges' ends exactly and every point runs on the same replicate seeds; a point's
# results equal, bit for bit, a plain `policysim run` of the scenario with that point's values
# written in (the serial twin); a rerun reuses every run; the report draws a sweep; a changed
# design is refused; the shipped example of docs/sweeps.md runs.
# Usage: sweep.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
source "$(dirname "$0")/expect.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: tiny_sweep
sweep:
  design: grid
  levels: 3
  replications: 2
  factors:
    gamma: {range: [0.05, 0.2]}
    intervention.Far East training.start: {values: [1998Q1, 1999Q2]}
YAML

# The dry run: 3 x 2 points, 2 replicates each; nothing written.
expect 0 'sweep: grid design of 2 factors, 6 points x 2 replicates = 12 runs' \
  sweep sweep.yaml -o out --dry-run
expect 0 'p4  0.2  1998Q1' sweep sweep.yaml -o out --dry-run
[ -e out ] && fail "the dry run created out/"

expect 0 'results: out/results.sqlite' sweep sweep.yaml -o out -q
db=out/results.sqlite
check "runs stored" 12 "$(sqlite3 "$db" 'SELECT count(*) FROM runs')"
# The grid's ends are the range's ends, exactly: equal to the literals as doubles.
check "gamma of the first and last points" "1|1" "$(sqlite3 "$db" "SELECT gamma = 0.05 FROM runs \
  WHERE arm = 'p0' AND replicate = 0; SELECT gamma = 0.2 FROM runs WHERE arm = 'p5' AND \
  replicate = 0" | paste -sd'|')"
check "the middle level" 0.125 "$(sqlite3 "$db" "SELECT gamma FROM runs WHERE arm = 'p2' LIMIT 1")"
# A start is a decimal year: 1999Q2 is 1999.25.
check "start of the last point" 1999.25 \
  "$(sqlite3 "$db" "SELECT intervention_Far_East_training_start FROM runs WHERE arm = 'p5' LIMIT 1")"
# Common random numbers: replicate r has one seed at every point.
check "seeds per replicate" "1|1" \
  "$(sqlite3 "$db" 'SELECT count(DISTINCT seed) FROM runs GROUP BY replicate' | paste -sd'|')"
check "the design table" "gamma|0.05|0.2||intervention.Far East training.start|1998.0|1999.25|[1998Q1, 1999Q2]" \
  "$(sqlite3 "$db" 'SELECT factor, low, high, value_list FROM design ORDER BY factor_index' |
    paste -sd'|')"
check "series stored without --series" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM series')"

# The serial twin: the scenario with point p5's values written in, run plainly on the same seed.
cat >twin.yaml <<'YAML'
extends: tiny.yaml
name: twin
parameters: {gamma: 0.2}
interventions_replace:
  - name: Far East training
    donor: US government
    instrument: training
    start: 1999Q2
    end: 1999Q4
    targets: {district: Far Eastern}
    intensity: 0.8
YAML
expect 0 '' run twin.yaml -o twin --reps 2 -q
outcomes=$(sqlite3 "$db" "SELECT column_name FROM column_meanings WHERE table_name = 'runs' AND \
  role = 'outcome'")
differs=$(sed 's/.*/s."&" IS NOT t."&"/' <<<"$outcomes" | paste -sd'|' | sed 's/|/ OR /g')
check "outcome columns compared" 38 "$(wc -l <<<"$outcomes")"
check "point p5 against its plain run, replicate by replicate" "2|0" "$(sqlite3 "$db" \
  "ATTACH 'twin/results.sqlite' AS twin; SELECT count(*), coalesce(sum($differs), 0) FROM runs s
   JOIN twin.runs t ON s.replicate = t.replicate AND s.seed = t.seed WHERE s.arm = 'p5'" |
  tr -d ' ')"
# ... and differs from the other points: the factors reach the runs.
check "point p0 differs from p5's plain run" 1 "$(sqlite3 "$db" \
  "ATTACH 'twin/results.sqlite' AS twin; SELECT count(*) > 0 FROM runs s JOIN twin.runs t
   ON s.replicate = t.replicate WHERE s.arm = 'p0' AND ($differs)")"

# A rerun reuses every run; --series stores the series of the runs it makes.
expect 0 'reusing 12 runs already in out/results.sqlite' sweep sweep.yaml -o out -q
expect 0 '' sweep sweep.yaml -o series --series --reps 1 -q
check "series with --series" $((6 * 16)) "$(sqlite3 series/results.sqlite 'SELECT count(*) FROM series')"

# `reproduce` remakes plain runs only: it would remake the scenario without its sweep.
expect 66 'was written by `policysim sweep`' reproduce out -o again
[ -e again/results.sqlite ] && fail "reproduce of a sweep wrote again/results.sqlite"

# The report of a sweep draws the outcomes against the factors (a grid has no sensitivity measures).
expect 0 'out/report.html' report out
grep -q '<section id="responses">' out/report.html || fail "the report of a sweep has no response curves"
grep -q '<section id="adoption">' out/report.html && fail "the report of a sweep draws its points as arms"

# A changed design is refused, and the message says what changed.
sed -i 's/levels: 3/levels: 4/' sweep.yaml
expect 73 'sweep_design:' sweep sweep.yaml -o out -q
check "runs after the refusal" 12 "$(sqlite3 "$db" 'SELECT count(*) FROM runs')"

# A scenario without a sweep is a usage error.
expect 64 'declares no sweep: add a `sweep:` block' sweep tiny.yaml -o none

# The shipped example of docs/sweeps.md, two replicates a point.
expect 0 'baseline_beta_r: grid sweep of 2 factors, 10 points x 2 replicates, 20 runs' \
  sweep "$src/scenarios/sweeps/baseline_beta_r.yaml" -o example --reps 2 -q
check "beta_R levels of the example" "1.5|2.25|3.0|3.75|4.5" \
  "$(sqlite3 example/results.sqlite 'SELECT DISTINCT beta_resistance FROM runs ORDER BY 1' |
    paste -sd'|')"

exit $failures
