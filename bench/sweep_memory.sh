#!/usr/bin/env bash
# Peak memory (maximum resident set size) of `policysim sweep` as the sweep grows: the smoke
# scenario (83 regions, 16 quarters) in a Latin hypercube and in a Morris design, at 1 000 runs
# and at 100 000 runs reached by more replicates and by more points. Each large sweep is given
# as its ratio to the 1 000-run sweep of the same design, measured in the same invocation.
# Usage: bench/sweep_memory.sh POLICYSIM [threads]   (e.g. build-perf/policysim 2)
set -euo pipefail
exe=$(realpath "$1")
threads=${2:-2}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# sweep NAME DESIGN POINTS REPLICATES: the peak in KiB of that sweep, run to its end.
sweep() {
  cat >"$work/$1.yaml" <<YAML
scenario: $source_dir/scenarios/smoke/tiny.yaml
name: $1
sweep:
  design: $2
  points: $3
  replications: $4
  seed: 5
  factors: {gamma: {}, beta_resistance: {}, beta0.law: {}}
YAML
  local started=$SECONDS
  /usr/bin/time -f %M -o "$work/$1.kib" "$exe" sweep "$work/$1.yaml" -o "$work/$1" -j "$threads" \
    -q >/dev/null
  local runs
  runs=$(sqlite3 "$work/$1/results.sqlite" "SELECT count(*) FROM runs")
  printf '%-10s %-16s points %5s x %4s replicates = %6s runs  %3s s  peak %6s KiB' "$1" "$2" \
    "$3" "$4" "$runs" $((SECONDS - started)) "$(cat "$work/$1.kib")" >&2
  rm -rf "${work:?}/$1"
  cat "$work/$1.kib"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "  %.3f of the 1 000-run sweep\n", a / b }' >&2; }

# A Morris design's `points` counts trajectories of (factors + 1) = 4 points each.
echo "policysim sweep, -j $threads: peak memory (max RSS)" >&2
small=$(sweep lhs_small latin_hypercube 100 10); echo >&2
reps=$(sweep lhs_reps latin_hypercube 100 1000); ratio "$reps" "$small"
points=$(sweep lhs_points latin_hypercube 10000 10); ratio "$points" "$small"
small=$(sweep mor_small morris 25 10); echo >&2
reps=$(sweep mor_reps morris 25 1000); ratio "$reps" "$small"
points=$(sweep mor_points morris 2500 10); ratio "$points" "$small"
