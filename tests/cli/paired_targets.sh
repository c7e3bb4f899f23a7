#!/usr/bin/env bash
# Paired targets (an arm against the base on common seeds). `policysim compare` judges them on
# the mean of the pairs and its 95 % t interval: for an outcome target these must be the
# comparisons table's own numbers for that outcome, and the mean the one recomputed here from
# the runs table. `policysim run` says who judges them. `policysim calibrate` runs each proposal
# in the arm too (arms named PROPOSAL+ARM, on the same replicates) and reports the target; under
# mpirun, with the same results.
# Usage: paired_targets.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$(realpath "$1")
src=$(cd "$2" && pwd)
source "$src/tests/cli/expect.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >cuts.yaml <<'YAML'
extends: tiny.yaml
name: cuts
arms:
  - {name: no_grants, interventions_remove: [Grants to exposed regions]}
targets_add:
  - {name: victim lower without grants, arm: no_grants, metric: final_mean_victim,
     stat: outcome, range: [-1.0, -1.0e-9]}
  - {name: law keeps more of its peak than victim, arm: no_grants,
     metric: share_of_peak_kept_law, minus: share_of_peak_kept_victim, stat: outcome,
     range: [1.0e-9, 1.0]}
YAML

"$exe" compare cuts.yaml --reps 30 -q -o cmp >compare.out 2>&1 || fail "compare: $(cat compare.out)"
verdict=$(grep -A1 "victim lower without grants" compare.out | tail -n1)
# "...: mean M, 95% interval [L, H] over N pairs; ..."
read -r mean low high pairs < <(sed -E 's/.*mean ([^,]+), 95% interval \[([^,]+), ([^]]+)\] over ([0-9]+) pairs.*/\1 \2 \3 \4/' <<<"$verdict")
check "pairs of the paired target" 30 "$pairs"
read -r table_mean table_low table_high < <(sqlite3 -separator ' ' cmp/results.sqlite \
  "SELECT mean_diff, t_low, t_high FROM comparisons
   WHERE arm = 'no_grants' AND reference = 'base' AND outcome = 'final_mean_victim'")
same() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(abs(a - b) > 1e-3 * max(1e-9, abs(b)))" "$1" "$2"; }
same "$mean" "$table_mean" && ok "its mean is the comparisons table's ($table_mean)" ||
  fail "paired target mean $mean, comparisons table $table_mean"
same "$low" "$table_low" && same "$high" "$table_high" &&
  ok "its interval is the comparisons table's" ||
  fail "paired target interval [$low, $high], comparisons table [$table_low, $table_high]"
recomputed=$(sqlite3 cmp/results.sqlite \
  "SELECT avg(a.final_mean_victim - b.final_mean_victim) FROM runs a JOIN runs b
   ON a.replicate = b.replicate AND a.arm = 'no_grants' AND b.arm = 'base'")
same "$mean" "$recomputed" && ok "its mean is the runs' mean paired difference ($recomputed)" ||
  fail "paired target mean $mean, recomputed from the runs $recomputed"
# The verdict follows from the interval: met exactly when it lies below zero.
expected_verdict=$(python3 -c "import sys; print('MET' if float(sys.argv[1]) <= -1e-9 and float(sys.argv[2]) >= -1 else 'NOT MET')" "$high" "$low")
actual_verdict=$(grep "victim lower without grants" compare.out | sed -E 's/^(MET|NOT MET) .*/\1/')
check "the verdict" "$expected_verdict" "$actual_verdict"
# The verdicts are stored: the outcome target's numbers are the comparisons table's, bit for bit.
stored=$(sqlite3 -separator ' ' cmp/results.sqlite \
  "SELECT p.pairs, p.met, p.mean_diff = c.mean_diff AND p.t_low = c.t_low AND p.t_high = c.t_high
   FROM paired_targets p JOIN comparisons c ON c.arm = p.arm AND c.reference = 'base'
   AND c.outcome = p.metric WHERE p.name = 'victim lower without grants'")
check "the stored verdict: pairs, met, the comparisons table's interval" \
  "30 $([ "$actual_verdict" = MET ] && echo 1 || echo 0) 1" "$stored"
check "paired targets stored" 2 "$(sqlite3 cmp/results.sqlite 'SELECT count(*) FROM paired_targets')"
# `minus`: within each of the arm's runs, law's kept share minus victim's.
minus_mean=$(grep -A1 "law keeps more of its peak than victim" compare.out | tail -n1 |
  sed -E 's/.*mean ([^,]+),.*/\1/')
recomputed=$(sqlite3 cmp/results.sqlite \
  "SELECT avg(share_of_peak_kept_law - share_of_peak_kept_victim) FROM runs WHERE arm = 'no_grants'
   AND share_of_peak_kept_law IS NOT NULL AND share_of_peak_kept_victim IS NOT NULL")
same "$minus_mean" "$recomputed" && ok "a minus target's mean is the arm's own ($recomputed)" ||
  fail "minus target mean $minus_mean, recomputed $recomputed"
stored_minus=$(sqlite3 cmp/results.sqlite "SELECT minus || ' ' || mean_diff FROM paired_targets
  WHERE name = 'law keeps more of its peak than victim'")
read -r minus_metric minus_stored <<<"$stored_minus"
check "a minus target's stored metric" share_of_peak_kept_victim "$minus_metric"
same "$minus_stored" "$recomputed" && ok "a minus target's stored mean is the arm's own" ||
  fail "minus target stored mean $minus_stored, recomputed $recomputed"

expect 0 "2 paired targets compare an arm with the base" run cuts.yaml --reps 2 -q -o run

cat >calibrate.yaml <<'YAML'
scenario: cuts.yaml
name: cuts_fit
calibration:
  particles: 10
  replications: 3
  held_out: 2
  generations: 2
  parameters:
    gamma:
YAML
"$exe" calibrate calibrate.yaml -o cal >calibrate.out 2>&1 || fail "calibrate: $(cat calibrate.out)"
runs=$(sqlite3 cal/results.sqlite "SELECT count(*) FROM runs WHERE arm LIKE '%+no_grants'")
base_runs=$(sqlite3 cal/results.sqlite "SELECT count(*) FROM runs WHERE arm NOT LIKE '%+%'")
check "runs in the arm, one for each of the proposals' own" "$base_runs" "$runs"
unpaired=$(sqlite3 cal/results.sqlite "SELECT count(*) FROM runs a WHERE a.arm NOT LIKE '%+%'
  AND NOT EXISTS (SELECT 1 FROM runs b WHERE b.arm = a.arm || '+no_grants'
                  AND b.replicate = a.replicate)")
check "proposal runs without their arm's twin" 0 "$unpaired"
row=$(sqlite3 -separator ' ' cal/results.sqlite "SELECT fitted, arm FROM calibration_targets
                                                 WHERE target = 'victim lower without grants'")
check "the paired target is fitted, against its arm" "1 no_grants" "$row"
row=$(sqlite3 cal/results.sqlite "SELECT arm IS NULL FROM calibration_targets
                                  WHERE target = 'resistance stays moderate'")
check "a target of the base's runs has no arm" 1 "$row"
grep -q "victim lower without grants" calibrate.out && ok "the summary reports it" ||
  fail "the summary lacks the paired target: $(cat calibrate.out)"

# Under MPI the ranks build the same twin arms: the same runs and tables as one process.
if "$exe" version | grep -q '^MPI: Open MPI' && command -v mpirun >/dev/null; then
  # Open MPI keeps memory to its exit that LeakSanitizer reports as leaks in every rank (see
  # tests/CMakeLists.txt): in a sanitized build, leaks are not checked for this command alone.
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    mpirun --allow-run-as-root --oversubscribe -n 2 "$exe" calibrate calibrate.yaml -o cal_mpi -j 1 \
    >mpi.out 2>&1 || fail "calibrate under mpirun: $(cat mpi.out)"
  for query in "SELECT * FROM calibration_particles" "SELECT * FROM calibration_targets" \
    "SELECT r.arm, r.replicate, t.name, t.value FROM runs r JOIN target_values t USING (run_id)
     ORDER BY 1, 2, 3"; do
    check "under MPI: $query" "$(sqlite3 cal/results.sqlite "$query" | md5sum)" \
      "$(sqlite3 cal_mpi/results.sqlite "$query" | md5sum)"
  done
else
  echo "skip: the MPI check (no MPI in this build or no mpirun)"
fi

# scripts/paired_search.py over the same database: every proposal, as the runs table counts them.
proposals=$(sqlite3 cal/results.sqlite "SELECT count(DISTINCT arm) FROM runs WHERE arm NOT LIKE '%+%'")
searched=$(python3 "$src/scripts/paired_search.py" cal/results.sqlite \
  --paired "victim lower without grants" --given "resistance stays moderate" | head -n1 |
  sed -E 's/^([0-9]+) proposals.*/\1/')
check "proposals paired_search.py reads" "$proposals" "$searched"

exit $failures
