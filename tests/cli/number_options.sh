#!/usr/bin/env bash
# Numeric options out of range or not numbers: each must exit 64 and say which option, what was
# given and what is allowed; values in range are taken.
# Usage: number_options.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
baseline="$src/scenarios/baseline.yaml"
arms="$src/scenarios/compare_interventions.yaml"
failures=0

source "$(dirname "$0")/expect.bash"
rejects() { expect 64 "$@"; }
accepts() { expect 0 "" "$@"; }

whole="give a whole number from"
rejects "--reps: '0' is not allowed: $whole 1 to 2147483647" run "$baseline" --reps 0 --dry-run
rejects "--reps: '2.5' is not allowed" run "$baseline" --reps 2.5 --dry-run
rejects "--reps: 'ten' is not allowed" run "$baseline" --reps ten --dry-run
rejects "--seed: '-3' is not allowed: $whole 0 to 18446744073709551615" \
  run "$baseline" --seed -3 --dry-run
rejects "--seed: '18446744073709551616' is not allowed" \
  run "$baseline" --seed 18446744073709551616 --dry-run
rejects "--threads: '-1' is not allowed: $whole 0 to 4096 (0: all cores)" \
  run "$baseline" -j -1 --dry-run
rejects "--precision: '0' is not allowed: give a number above 0" \
  compare "$arms" --precision 0 --dry-run
rejects "--precision: 'inf' is not allowed" compare "$arms" --precision inf --dry-run
rejects "--batch: '0' is not allowed: $whole 1 to" compare "$arms" --batch 0 --dry-run
rejects "--max-reps: '1' is not allowed: $whole 2 to 1000000" \
  compare "$arms" --max-reps 1 --dry-run
rejects "--bootstrap: '-5' is not allowed: $whole 0 to" compare "$arms" --bootstrap -5 --dry-run
rejects "--threads: '-2' is not allowed: $whole 0 to 4096 (0: all CPUs)" bench -j -2

accepts run "$baseline" --reps 1 --seed 18446744073709551615 -j 0 --dry-run
accepts compare "$arms" --precision 0.05 --outcome final_mean_law --batch 5 --max-reps 2 \
  --bootstrap 0 --dry-run
exit $failures
