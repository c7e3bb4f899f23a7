#!/usr/bin/env bash
# Runs per second of `policysim sweep` on the baseline's beta_R sweep, at -j 1 (the reference),
# -j 2, and under `mpirun -n 2` (-j 1 a rank), alternating the three, ROUNDS times, each into a
# fresh folder; prints each measurement and the medians, as runs per second and as a ratio to
# -j 1. Then the rate at which runs are copied into a database that holds others (how rank 0
# takes in the ranks' databases at the end). The figures go in bench/RESULTS.md.
# Usage: bench/sweep_ranks.sh POLICYSIM_EXE [REPS [ROUNDS]]   (REPS replicates of each of the 10
# points; default 200, so 2000 runs; ROUNDS default 3)
set -euo pipefail
exe=$(realpath "$1")
reps=${2:-200}
rounds=${3:-3}
src=$(cd "$(dirname "$0")/.." && pwd)
sweep=$src/scenarios/sweeps/baseline_beta_r.yaml
runs=$((10 * reps))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "policysim sweep of $runs runs ($sweep --reps $reps), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "commit $(git -C "$src" rev-parse --short HEAD), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# seconds WAY: the wall time of one sweep the way named, into a fresh folder.
seconds() {
  local out=$work/$1-$RANDOM
  local start end
  start=$(date +%s.%N)
  case $1 in
    j1) "$exe" sweep "$sweep" --reps "$reps" -o "$out" -j 1 -q >/dev/null ;;
    j2) "$exe" sweep "$sweep" --reps "$reps" -o "$out" -j 2 -q >/dev/null ;;
    mpi2) mpirun --allow-run-as-root --oversubscribe -n 2 "$exe" sweep "$sweep" --reps "$reps" \
            -o "$out" -j 1 -q >/dev/null 2>&1 ;;
  esac
  end=$(date +%s.%N)
  rm -rf "$out"
  calc "$end - $start"
}

calc() { awk "BEGIN {print $1}"; }
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -A times
for round in $(seq "$rounds"); do
  for way in j1 j2 mpi2; do
    t=$(seconds "$way")
    times[$way]+="$t "
    printf 'round %d  %-5s %7.2f s  %7.0f runs/s\n' "$round" "$way" "$t" "$(calc "$runs / $t")"
  done
done
reference=$(tr ' ' '\n' <<<"${times[j1]}" | grep . | median)
for way in j1 j2 mpi2; do
  m=$(tr ' ' '\n' <<<"${times[$way]}" | grep . | median)
  printf 'median %-5s %7.2f s  %7.0f runs/s  %.2fx -j 1\n' "$way" "$m" "$(calc "$runs / $m")" \
    "$(calc "$reference / $m")"
done

# The take-in: rank 0 copies a rank's runs into a database already holding others (its own), which
# is slower than a copy into an empty one (SQLite's transfer optimisation). Two halves of the
# sweep, the second merged into the first.
for i in 1 2; do
  "$exe" sweep "$sweep" --reps "$reps" -o "$work/half$i" --shard "$i/2" -j 2 -q >/dev/null
done
"$exe" merge "$work/merged" "$work/half1" >/dev/null
start=$(date +%s.%N)
"$exe" merge "$work/merged" "$work/half2" >/dev/null
end=$(date +%s.%N)
added=$(sqlite3 "$work/half2/results.sqlite" "SELECT count(*) FROM runs")
printf 'merge of %d runs into a database of %d: %.2f s, %.0f runs/s\n' "$added" "$((runs - added))" \
  "$(calc "$end - $start")" "$(calc "$added / ($end - $start)")"
