#!/usr/bin/env bash
# `mpirun -n 3 policysim sweep`, its runs handed out in blocks across the ranks, holds what one
# process holds, row by row by point and replicate (timings and run ids aside), sensitivity
# included, with every rank running some and no rank database left behind. Killed (one rank
# SIGKILLed, which ends the job) and run again, under MPI or in one process, it runs only the
# missing runs and ends the same. A rank that fails stops every rank with its message (MPI_Abort) instead of leaving
# them waiting. Skips (77) when this build has no MPI.
# Usage: sweep_mpi.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
if ! "$exe" version | grep -q '^MPI: Open MPI'; then
  echo "skip: this policysim was built without MPI ($("$exe" version | grep '^MPI:'))"
  exit 77
fi
if ! command -v mpirun >/dev/null; then
  echo "skip: no mpirun on the PATH (Debian: openmpi-bin)"
  exit 77
fi
source "$src/tests/cli/expect.bash"
source "$src/tests/cli/sweep_content.bash"
source "$src/tests/cli/mpi_kill.bash"
in_fresh_folder

# Root in containers; three ranks on however few cores there are.
mpi=(mpirun --allow-run-as-root --oversubscribe -n 3)

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
# A target read from the series, which a sweep keeps only in memory: each rank judges its own runs,
# and the shares' measures must come out as one process's.
cat >>tiny.yaml <<'YAML'
  - name: law implementation low in 2000
    metric: mean_law
    stat: mean
    window: [2000Q1, 2000Q4]
    range: [0.0, 0.03]
YAML
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: spread
sweep:
  design: saltelli
  points: 64
  replications: 2
  factors:
    gamma: {}
    beta_resistance: {}
YAML
runs=512  # 64 x (2 factors + 2) points, 2 replicates each


"$exe" sweep sweep.yaml -o whole -j 1 -q >/dev/null 2>&1 || fail "the sweep in one process"
reference=$(sweep_content whole/results.sqlite | md5sum)
[ "$(stored_runs whole/results.sqlite)" -eq "$runs" ] || fail "one process stored other than $runs runs"
target_shares() {
  sqlite3 "$1" "SELECT count(*) FROM sensitivity WHERE outcome LIKE 'target: %' AND total IS NOT NULL"
}
# Both factors move the share of runs meeting it.
[ "$(target_shares whole/results.sqlite)" -eq 2 ] || fail "one process measured no target share"

output=$("${mpi[@]}" "$exe" sweep sweep.yaml -o ranks3 -j 1 -q 2>&1)
code=$?
if [ "$code" -ne 0 ]; then
  fail "mpirun -n 3: exit $code: $output"
elif [ "$(sweep_content ranks3/results.sqlite | md5sum)" = "$reference" ]; then
  ok "mpirun -n 3 holds what one process holds ($runs runs, row by row)"
else
  fail "mpirun -n 3 differs from one process"
fi
[ "$(grep -c '^results: ' <<<"$output")" -eq 1 ] || fail "not one summary (rank 0's): $output"
# "policysim: 512 runs on 3 ranks: 170 on rank 0, 171 on rank 1, 171 on rank 2"
shares=$(grep -o 'runs on 3 ranks: .*' <<<"$output")
busy=$(grep -oE '[0-9]+ on rank' <<<"$shares" | grep -vc '^0 ')
total=$(grep -oE '[0-9]+ on rank' <<<"$shares" | awk '{s += $1} END {print s + 0}')
if [ "$total" -eq "$runs" ] && [ "$busy" -ge 2 ]; then
  ok "the runs were shared: $shares"
else
  fail "the runs were not shared among the ranks: '$shares' in $output"
fi
[ ! -e ranks3/ranks ] || fail "the ranks' databases were left in ranks3/ranks"
dry=$("${mpi[@]}" "$exe" sweep sweep.yaml -o ranks3 --dry-run 2>&1)
[ "$(grep -c '^first 5 of 256 points' <<<"$dry")" -eq 1 ] || fail "the dry run is not printed once: $dry"

# Resume: rank 1 SIGKILLed once some runs are stored, which ends the job; the same command under
# MPI, or in one process, then runs the rest. A sweep long enough to be stopped midway: 4800 runs.
cat >long.yaml <<'YAML'
scenario: tiny.yaml
name: long
sweep:
  design: latin_hypercube
  points: 600
  replications: 8
  seed: 3
  factors:
    gamma: {}
    beta_resistance: {}
    intervention.Far East training.intensity: {}
YAML
long_runs=4800
"$exe" sweep long.yaml -o long -j 1 -q >/dev/null 2>&1 || fail "the long sweep in one process"
long_reference=$(sweep_content long/results.sqlite | md5sum)
# kill_midway FOLDER: the job killed midway (mpi_kill.bash).
kill_midway() {
  kill_rank1_midway "$1" 100 "$long_runs" "${mpi[@]}" "$exe" sweep long.yaml -o "$1" -j 1 -q
}

# resumed WAY FOLDER COMMAND...: COMMAND resumes the killed sweep in FOLDER, reusing the $stored
# runs kept, and ends with one process's content.
resumed() {
  local way=$1 folder=$2 output
  shift 2
  output=$("$@" 2>&1) || fail "$way: the resume: $output"
  if grep -qF "reusing $stored runs already in $folder/results.sqlite" <<<"$output"; then
    ok "$way reused the $stored runs stored before the kill: $(grep -F 'took in' <<<"$output")"
  else
    fail "$way does not say it reused $stored runs: $output"
  fi
  if [ "$(sweep_content "$folder/results.sqlite" | md5sum)" = "$long_reference" ]; then
    ok "killed, then $way: identical to one process"
  else
    fail "killed, then $way: content differs from one process"
  fi
  [ ! -e "$folder/ranks" ] || fail "$way left the ranks' databases in $folder/ranks"
}

if kill_midway killed; then
  resumed "resumed under MPI" killed "${mpi[@]}" "$exe" sweep long.yaml -o killed -j 1 -q
fi
# The runs a killed MPI job left in its ranks' databases are taken in by one process too.
if kill_midway killed_once; then
  resumed "resumed by one process" killed_once "$exe" sweep long.yaml -o killed_once -j 2 -q
fi

# A rank that cannot write its database (its folder's name taken by a file) stops the job.
mkdir -p failing/ranks
touch failing/ranks/2
output=$(timeout 120 "${mpi[@]}" "$exe" sweep sweep.yaml -o failing -j 1 -q 2>&1)
code=$?
if [ "$code" -eq 124 ]; then
  fail "a failing rank left the others waiting (killed after 120 s)"
elif [ "$code" -ne 0 ] && grep -qF "rank 2 of 3 of the MPI sweep failed" <<<"$output" &&
  grep -qF "failing/ranks/2 is a file" <<<"$output"; then
  ok "a failing rank stops the job: exit $code, $(grep -F 'is a file' <<<"$output" | head -n1)"
else
  fail "a failing rank: exit $code: $output"
fi

exit $failures
