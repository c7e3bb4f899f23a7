#!/usr/bin/env bash
# `mpirun -n 3 policysim calibrate`, each batch's runs handed out in blocks across the ranks,
# holds what one process holds, row by row by arm and replicate (timings and run ids aside), the
# calibration's tables included, with every rank running some and no rank database left behind.
# Killed (one rank SIGKILLed, which ends the job) or stopped (SIGTERM to every rank) and run again,
# under MPI or in one process, it reuses the runs stored and ends the same. A rank that fails stops every rank with its message
# (MPI_Abort). Skips (77) when this build has no MPI.
# Usage: calibrate_mpi.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$(realpath "$1")
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
source "$src/tests/cli/calibration_content.bash"
in_fresh_folder

# Root in containers; three ranks on however few cores there are.
mpi=(mpirun --allow-run-as-root --oversubscribe -n 3)

# The small calibration of calibrate.sh: its targets are bands around the runs at beta0.law -2.5
# and beta0.victim -3, which the prior mostly misses, so that the later generations run.
cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >small.yaml <<'YAML'
extends: tiny.yaml
name: recovery
targets:
  - {name: law implementation, metric: mean_law, stat: last, window: [2000Q4, 2000Q4],
     range: [0.079, 0.110], share: 0.6, source: "runs at beta0.law -2.5, beta0.victim -3"}
  - {name: victim implementation, metric: mean_victim, stat: last, window: [2000Q4, 2000Q4],
     range: [0.033, 0.053], share: 0.6, source: "runs at beta0.law -2.5, beta0.victim -3"}
  - {name: resistance stays moderate, metric: resistance_mean, stat: mean,
     window: [1999Q1, 2000Q4], range: [0.0, 0.8], source: met whatever the parameters}
calibration:
  particles: 20
  replications: 5
  held_out: 5
  generations: 3
  parameters:
    beta0.law: {range: [-6, -1]}
    beta0.victim: {range: [-7, -2]}
YAML

"$exe" calibrate small.yaml -o whole -j 2 >/dev/null 2>&1 || fail "the calibration in one process"
reference=$(calibration_content whole/results.sqlite | md5sum)
runs=$(stored_runs whole/results.sqlite)
check "one process ran three generations" 3 \
  "$(sqlite3 whole/results.sqlite "SELECT count(*) FROM calibration_generations")"

output=$("${mpi[@]}" "$exe" calibrate small.yaml -o ranks3 -j 1 2>&1)
code=$?
if [ "$code" -ne 0 ]; then
  fail "mpirun -n 3: exit $code: $output"
elif [ "$(calibration_content ranks3/results.sqlite | md5sum)" = "$reference" ]; then
  ok "mpirun -n 3 holds what one process holds ($runs runs and the tables, row by row)"
else
  fail "mpirun -n 3 differs from one process"
fi
[ "$(grep -c '^results: ' <<<"$output")" -eq 1 ] || fail "not one summary (rank 0's): $output"
# A line a batch: "policysim: 320 runs on 3 ranks: 117 on rank 0, 102 on rank 1, 101 on rank 2"
per_rank=$(grep -o 'runs on 3 ranks: .*' <<<"$output" | grep -oE '[0-9]+ on rank [0-9]' |
  awk '{runs[$4] += $1} END {for (r = 0; r < 3; ++r) printf "%d ", runs[r]}')
read -r rank0 rank1 rank2 <<<"$per_rank"
if [ $((rank0 + rank1 + rank2)) -eq "$runs" ] && [ "$rank1" -gt 0 ] && [ "$rank2" -gt 0 ]; then
  ok "the runs were shared: $rank0, $rank1 and $rank2 on ranks 0, 1 and 2"
else
  fail "the runs were not shared among the ranks: '$per_rank' of $runs in $output"
fi
[ ! -e ranks3/ranks ] || fail "the ranks' databases were left in ranks3/ranks"
dry=$("${mpi[@]}" "$exe" calibrate small.yaml -o ranks3 --dry-run 2>&1)
[ "$(grep -c '^generation 0 runs 100 ' <<<"$dry")" -eq 1 ] || fail "the dry run is not printed once: $dry"

# kill_midway FOLDER: the job killed midway (mpi_kill.bash).
kill_midway() {
  kill_rank1_midway "$1" 700 "$runs" "${mpi[@]}" "$exe" calibrate small.yaml -o "$1" -j 1
}

# resumed WAY FOLDER COMMAND...: COMMAND resumes the stopped calibration in FOLDER, reusing the
# $stored runs kept, and ends with one process's content.
resumed() {
  local way=$1 folder=$2 output
  shift 2
  # The log alone: under mpirun, the summary on stdout could cut into its lines.
  output=$("$@" 2>&1 >/dev/null) || fail "$way: the resume: $output"
  if grep -qF "reused $stored runs already in $folder/results.sqlite" <<<"$output"; then
    ok "$way reused the $stored runs stored before it was stopped $(grep -oF 'took in' <<<"$output")"
  else
    fail "$way does not say it reused $stored runs: $output"
  fi
  if [ "$(calibration_content "$folder/results.sqlite" | md5sum)" = "$reference" ]; then
    ok "killed, then $way: identical to one process"
  else
    fail "killed, then $way: content differs from one process"
  fi
  [ ! -e "$folder/ranks" ] || fail "$way left the ranks' databases in $folder/ranks"
}

if kill_midway killed; then
  resumed "resumed under MPI" killed "${mpi[@]}" "$exe" calibrate small.yaml -o killed -j 1
fi
# The runs a killed MPI job left in its ranks' databases are taken in by one process too.
if kill_midway killed_once; then
  resumed "resumed by one process" killed_once "$exe" calibrate small.yaml -o killed_once -j 2
fi

# SIGTERM to every rank, as a scheduler stops a job (or Ctrl-C on mpirun, which passes it on),
# stops the calibration as it stops one process: rank 0 takes the ranks' runs in and marks it
# interrupted, every rank returns, and the same command goes on to one process's result.
"${mpi[@]}" "$exe" calibrate small.yaml -o signalled -j 1 >/dev/null 2>signalled.log &
launcher=$!
target=$((20 + RANDOM % 300))
while kill -0 "$launcher" 2>/dev/null && [ "$(runs_in_folder signalled)" -lt "$target" ]; do
  sleep 0.01
done
kill -TERM $(pgrep -P "$launcher" -f "calibrate small.yaml") 2>/dev/null
for _ in $(seq 600); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$launcher" 2>/dev/null; then
  fail "the job still runs a minute after SIGTERM"
  pkill -KILL -P "$launcher"
  kill -KILL "$launcher"
fi
wait "$launcher" 2>/dev/null
stored=$(runs_in_folder signalled)
interrupted=$(sqlite3 signalled/results.sqlite "SELECT value FROM manifest WHERE key = 'interrupted_by'")
if [ -n "$interrupted" ] && [ "$stored" -lt "$runs" ] && [ ! -e signalled/ranks ]; then
  ok "SIGTERM stopped every rank: interrupted by $interrupted with $stored runs, all in rank 0's database"
else
  fail "SIGTERM: interrupted by '$interrupted', $stored runs, ranks folder: $(ls signalled): $(cat signalled.log)"
fi
resumed "resumed after SIGTERM" signalled "${mpi[@]}" "$exe" calibrate small.yaml -o signalled -j 1

# A rank that cannot write its database (its folder's name taken by a file) stops the job.
mkdir -p failing/ranks
touch failing/ranks/2
output=$(timeout 120 "${mpi[@]}" "$exe" calibrate small.yaml -o failing -j 1 2>&1)
code=$?
if [ "$code" -eq 124 ]; then
  fail "a failing rank left the others waiting (killed after 120 s)"
elif [ "$code" -ne 0 ] && grep -qF "rank 2 of 3 of the MPI calibration failed" <<<"$output" &&
  grep -qF "failing/ranks/2 is a file" <<<"$output"; then
  ok "a failing rank stops the job: exit $code, $(grep -F 'is a file' <<<"$output" | head -n1)"
else
  fail "a failing rank: exit $code: $output"
fi

exit $failures
