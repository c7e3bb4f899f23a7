#!/usr/bin/env bash
# Memory that runs out while the work runs (here under `ulimit -v`, which the estimate before the
# start does not read) is reported as what it is, with what to reduce, and exit 71, not as a
# bug in policysim (70).
# Usage: out_of_memory.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 10^6 regions need about 560 MB; 300 MB of address space cannot hold them.
cat >"$work/million.yaml" <<'YAML'
name: million
start: 1997Q1
end: 1997Q4
synthetic: {regions: 1000000, districts: 7, seed: 3}
YAML
output=$(ulimit -v 300000 && "$exe" run "$work/million.yaml" -j 1 -q -o "$work/out" 2>&1)
code=$?
if [ "$code" -ne 71 ]; then
  echo "FAIL exit $code, expected 71; output: $output"
  exit 1
elif ! grep -qF "policysim: out of memory" <<<"$output" ||
  ! grep -qF "fewer threads (-j), fewer replications (--reps) or arms, fewer regions" <<<"$output" ||
  grep -qF "bug" <<<"$output"; then
  echo "FAIL the message does not say out of memory and what to reduce: $output"
  exit 1
fi
echo "ok   $output"
