#!/usr/bin/env bash
# A sweep's run that fails with an ordinary error (injected with POLICYSIM_TEST_FAIL_ARM: once a
# scenario is accepted, nothing else makes the model throw but a NaN) is stored as failed with its
# factor values, seed and error; the other runs go on; the sweep exits 70 saying how many failed
# and where to look; a rerun reuses the failed runs as it reuses the others.
# Usage: sweep_failed_runs.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
source "$(dirname "$0")/expect.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: failing
sweep:
  design: grid
  replications: 2
  factors:
    gamma: {values: [0.05, 0.1, 0.2]}
YAML
db=out/results.sqlite
q() { sqlite3 "$db" "$1"; }

output=$(POLICYSIM_TEST_FAIL_ARM=p1 "$exe" sweep sweep.yaml -o out -j 2 -q 2>&1)
check "exit status with failed runs" 70 "$?"
grep -qF "2 of 6 runs failed" <<<"$output" || fail "no count of the failed runs: $output"
grep -qF "SELECT * FROM runs WHERE status != 'ok' in out/results.sqlite" <<<"$output" ||
  fail "no place to look for them: $output"
check "runs stored" 6 "$(q "SELECT count(*) FROM runs")"
check "the failed runs, with their error" \
  "p1|0|0.1|failed: failure injected by POLICYSIM_TEST_FAIL_ARM
p1|1|0.1|failed: failure injected by POLICYSIM_TEST_FAIL_ARM" \
  "$(q "SELECT arm, replicate, gamma, status FROM runs WHERE status != 'ok' ORDER BY replicate")"
# Common random numbers: a failed run's seed is its replicate's seed at every other point.
check "the failed runs' seeds" 0 \
  "$(q "SELECT count(*) FROM runs f JOIN runs o ON o.replicate = f.replicate AND o.arm = 'p0'
        WHERE f.arm = 'p1' AND f.seed != o.seed")"
check "the failed runs have no outcomes" 0 \
  "$(q "SELECT count(*) FROM runs WHERE arm = 'p1' AND peak_resistance IS NOT NULL")"
check "the other points ran" "p0|2
p2|2" "$(q "SELECT arm, count(*) FROM runs WHERE status = 'ok' GROUP BY arm")"

# The rerun reuses all six, the failed ones included, and still says they failed.
output=$("$exe" sweep sweep.yaml -o out -j 2 -q 2>&1)
check "exit status of the rerun" 70 "$?"
grep -qF "reusing 6 runs" <<<"$output" || fail "the rerun does not reuse every run: $output"
check "runs after the rerun" 6 "$(q "SELECT count(*) FROM runs")"

# Without the injection the same sweep succeeds.
"$exe" sweep sweep.yaml -o clean -j 2 -q >/dev/null 2>&1
check "exit status without failures" 0 "$?"
exit $failures
