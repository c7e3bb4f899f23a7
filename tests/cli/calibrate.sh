#!/usr/bin/env bash
# `policysim calibrate` on a small synthetic problem: runs made at known values of two
# parameters give the targets (each a band the known values' runs fall in), and the calibration,
# from uniform priors, must find them again: the posterior's 90 % intervals cover them and are
# much narrower than the priors. A target every run meets under the priors is marked
# uninformative and left out of the count. A smaller calibration on one thread, killed with
# SIGKILL and resumed, ends with the same runs and tables as one run whole on two threads. A
# scenario without a calibration is refused with a clear message (an MPI launch: calibrate_mpi.sh).
# Usage: calibrate.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$(realpath "$1")
src=$(cd "$2" && pwd)
source "$src/tests/cli/expect.bash"
source "$src/tests/cli/sweep_content.bash"
source "$src/tests/cli/calibration_content.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
true_law=-2.5
true_victim=-3
cat >truth.yaml <<YAML
extends: tiny.yaml
name: truth
parameters:
  beta0: {law: $true_law, victim: $true_victim}
YAML
"$exe" run truth.yaml --reps 200 -q -o truth >/dev/null 2>&1 || fail "the runs at the known values"
# The 10th and 90th percentiles of a metric in 2000Q4 over the known values' 200 runs.
percentile() {
  sqlite3 truth/results.sqlite "SELECT $1 FROM series WHERE quarter = '2000Q4' ORDER BY $1
                                LIMIT 1 OFFSET $2"
}
cat >calibration.yaml <<YAML
extends: tiny.yaml
name: recovery
targets:
  - {name: law implementation, metric: mean_law, stat: last, window: [2000Q4, 2000Q4],
     range: [$(percentile mean_law 20), $(percentile mean_law 179)], share: 0.6,
     source: runs at the known values}
  - {name: victim implementation, metric: mean_victim, stat: last, window: [2000Q4, 2000Q4],
     range: [$(percentile mean_victim 20), $(percentile mean_victim 179)], share: 0.6,
     source: runs at the known values}
  - {name: resistance stays moderate, metric: resistance_mean, stat: mean,
     window: [1999Q1, 2000Q4], range: [0.0, 0.8], source: met whatever the parameters}
calibration:
  particles: 50
  replications: 10
  held_out: 20
  generations: 5
  parameters:
    beta0.law: {range: [-6, -1]}
    beta0.victim: {range: [-7, -2]}
YAML

expect 0 "into results/recovery_calibration/results.sqlite" calibrate calibration.yaml --dry-run
[ -e results ] && fail "the dry run wrote results"

"$exe" calibrate calibration.yaml -o reference -j 2 >reference.txt 2>&1 ||
  fail "the calibration: $(cat reference.txt)"
db=reference/results.sqlite
for row in "beta0.law $true_law 5" "beta0.victim $true_victim 5"; do
  read -r parameter truth width <<<"$row"
  interval=$(sqlite3 "$db" "SELECT q05 || ' ' || q95 FROM calibration_parameters
                            WHERE parameter = '$parameter'")
  read -r low high <<<"$interval"
  if awk -v l="$low" -v h="$high" -v t="$truth" -v w="$width" \
      'BEGIN { exit !(l <= t && t <= h && h - l < w / 4) }'; then
    ok "$parameter: 90% interval [$low, $high] covers $truth, under a quarter of the prior's width"
  else
    fail "$parameter: 90% interval [$low, $high] against the known $truth (prior width $width)"
  fi
done
check "the target met under the priors" "0|1.0" \
  "$(sqlite3 "$db" "SELECT informative, prior_share FROM calibration_targets
                    WHERE target = 'resistance stays moderate'")"
check "the targets the priors miss" "1|1" \
  "$(sqlite3 "$db" "SELECT min(informative), min(fitted) FROM calibration_targets
                    WHERE target LIKE '%implementation'")"
if grep -qF "informative targets met on held-out seeds by the posterior; 1 target is met under the prior already: reported, not counted" reference.txt; then
  ok "the summary leaves the uninformative target out of its count"
else
  fail "the summary's count: $(tail -n 3 reference.txt)"
fi
grep -qE "^one posterior particle on its own held-out runs meets a median of [0-2] of the 2 " reference.txt ||
  fail "the summary lacks the particles' own count: $(tail -n 2 reference.txt)"
check "each final particle's own count, and no other particle's" "50|0" \
  "$(sqlite3 "$db" "SELECT count(held_out_targets_met) FILTER (WHERE generation = last),
                           count(held_out_targets_met) FILTER (WHERE generation < last)
                    FROM calibration_particles,
                         (SELECT max(generation) AS last FROM calibration_generations)")"
check "held-out runs of each final particle" "50|20" \
  "$(sqlite3 "$db" "SELECT count(DISTINCT arm), min(n) FROM (SELECT arm, count(*) AS n FROM runs
                    WHERE replicate >= 10 GROUP BY arm)")"

# A smaller calibration of the same targets, whole on two threads, then on one thread killed
# once some runs are stored and resumed.
sed -e 's/^  particles: 50$/  particles: 20/' -e 's/^  replications: 10$/  replications: 5/' \
  -e 's/^  held_out: 20$/  held_out: 5/' -e 's/^  generations: 5$/  generations: 3/' \
  calibration.yaml >small.yaml
"$exe" calibrate small.yaml -o whole -j 2 >/dev/null 2>&1 || fail "the small calibration"
reference_content=$(calibration_content whole/results.sqlite | md5sum)
[ "$(stored_runs whole/results.sqlite)" -gt 500 ] ||
  fail "the small calibration holds $(stored_runs whole/results.sqlite) runs"
"$exe" calibrate small.yaml -o killed -j 1 >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null && [ "$(stored_runs killed/results.sqlite)" -lt 300 ]; do
  sleep 0.01
done
if kill -KILL "$pid" 2>/dev/null; then
  ok "killed with $(stored_runs killed/results.sqlite) runs stored"
else
  fail "the calibration finished before it could be killed"
fi
wait "$pid" 2>/dev/null
output=$("$exe" calibrate small.yaml -o killed -j 1 2>&1) || fail "the resume: $output"
grep -qE "reused [0-9]+ runs already in killed/results.sqlite" <<<"$output" ||
  fail "the resume does not say it reused runs: $(tail -n 2 <<<"$output")"
if [ "$(calibration_content killed/results.sqlite | md5sum)" = "$reference_content" ]; then
  ok "killed and resumed on one thread: the same runs and tables as whole on two"
else
  fail "killed and resumed on one thread: content differs from the whole calibration"
fi

expect 64 "declares no calibration: add a \`calibration:\` block" calibrate tiny.yaml
exit $failures
