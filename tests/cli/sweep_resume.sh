#!/usr/bin/env bash
# A sweep killed with SIGKILL at random moments and resumed by the same command ends with the
# content of an uninterrupted sweep, row by row by point and replicate (timings left out); no
# stored run is ever lost; the rerun says how many runs it reused. A sweep whose scenario, or a
# file it extends, changed is refused for reuse.
# Usage: sweep_resume.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
source "$src/tests/cli/expect.bash"
source "$src/tests/cli/sweep_content.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: resumed
sweep:
  design: latin_hypercube
  points: 600
  replications: 2
  seed: 3
  factors:
    gamma: {}
    beta_resistance: {}
    intervention.Far East training.intensity: {}
YAML
runs=1200

"$exe" sweep sweep.yaml -o reference -j 2 -q >/dev/null 2>&1 || fail "the uninterrupted sweep"
reference=$(sweep_content reference/results.sqlite | md5sum)
[ "$(stored_runs reference/results.sqlite)" -eq "$runs" ] || fail "the reference holds other than $runs runs"

# Killed once some runs are stored, a different number each round: it waits for runs, not a
# clock, so that a slow machine kills as often as a fast one.
kills=0 lost=0 previous=0
for round in $(seq 8); do
  target=$((previous + 1 + RANDOM % 40))
  "$exe" sweep sweep.yaml -o killed -j 1 -q >/dev/null 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(stored_runs killed/results.sqlite)" -lt "$target" ]; do
    sleep 0.01
  done
  if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  now=$(stored_runs killed/results.sqlite)
  if [ "$now" -lt "$previous" ]; then
    lost=$((lost + previous - now))
    fail "round $round: $((previous - now)) stored runs lost"
  fi
  previous=$now
done
[ "$kills" -ge 1 ] || fail "no sweep was killed: each finished before its runs were counted"
output=$("$exe" sweep sweep.yaml -o killed -j 2 -q 2>&1) || fail "the final resume: $output"
if grep -qF "reusing $previous runs already in killed/results.sqlite" <<<"$output"; then
  ok "the resume says it reused the $previous runs stored"
else
  fail "the resume does not say it reused $previous runs: $output"
fi
if [ "$(sweep_content killed/results.sqlite | md5sum)" = "$reference" ]; then
  ok "$kills SIGKILLs then resume: identical to the uninterrupted sweep ($previous of $runs runs stored before the last)"
else
  fail "SIGKILLs then resume: content differs from the uninterrupted sweep"
fi

# An extended file changed: the sweep's scenario is another, and its runs are not reused.
sed -i 's/^seed: 20240601/seed: 7/' tiny.yaml
output=$("$exe" sweep sweep.yaml -o killed -q 2>&1)
code=$?
if [ "$code" -eq 73 ] && grep -qF "made from other inputs than this command's" <<<"$output"; then
  ok "a changed extended file is refused: $(head -n1 <<<"$output" | cut -c1-120)"
else
  fail "a changed extended file: exit $code, expected 73: $output"
fi
[ "$(sweep_content killed/results.sqlite | md5sum)" = "$reference" ] || fail "the refusal changed the file"

echo "kills: $kills, runs lost: $lost"
exit $failures
