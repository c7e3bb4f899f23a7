#!/usr/bin/env bash
# A sweep over distributions: each point's stored value is its factor's quantile at the design's
# coordinate (a Sobol' design's first rows are (1/2, 1/2), (3/4, 1/4), (1/4, 3/4)), the `design`
# table and the manifest record the distribution, a changed distribution is refused for reuse,
# and a grid over a normal cut only at its valid range is refused.
# Usage: sweep_distribution.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
source "$(dirname "$0")/expect.bash"
in_fresh_folder

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: tiny_distribution
sweep:
  design: sobol
  points: 3
  factors:
    psi0: {distribution: normal, mean: -5, sd: 0.5}
    beta_R: {distribution: triangular, range: [1, 4], mode: 2}
YAML

expect 0 'psi0 (column psi0): normal(mean -5, sd 0.5) over -50 to 50 (its valid range)' \
  sweep sweep.yaml -o out --dry-run
expect 0 'sobol sweep of 2 factors, 3 points x 1 replicates' sweep sweep.yaml -o out -q --reps 1
db=out/results.sqlite
# psi0 at probabilities 1/2, 3/4, 1/4: -5 and -5 +- 0.5 z(0.75), z(0.75) = 0.6744897502.
# beta_R, triangular on [1, 4] with mode 2 (F(mode) = 1/3), at 1/2, 1/4, 3/4:
# 4 - sqrt(0.5 * 3 * 2), 1 + sqrt(0.25 * 3 * 1), 4 - sqrt(0.25 * 3 * 2).
check "the points' values" \
  "p0|-5.000000|2.267949|p1|-4.662755|1.866025|p2|-5.337245|2.775255" \
  "$(sqlite3 "$db" "SELECT arm, printf('%.6f', psi0), printf('%.6f', beta_resistance) FROM runs
    ORDER BY arm" | paste -sd'|')"
check "the design table" "psi0|-50.0|50.0|normal(mean -5, sd 0.5)|beta_R|1.0|4.0|triangular(mode 2)" \
  "$(sqlite3 "$db" 'SELECT factor, low, high, distribution FROM design ORDER BY factor_index' |
    paste -sd'|')"
check "the manifest's design" '{"mean":-5.0,"name":"normal","open":true,"sd":0.5}' \
  "$(sqlite3 "$db" "SELECT json_extract(value, '$.factors[0].distribution') FROM manifest
    WHERE key = 'sweep'")"
expect 0 'reusing 3 runs already in out/results.sqlite' sweep sweep.yaml -o out -q --reps 1

# Another distribution is another design: refused for reuse, the runs kept.
sed -i 's/sd: 0.5/sd: 0.6/' sweep.yaml
expect 73 'sweep_design:' sweep sweep.yaml -o out -q --reps 1
check "runs after the refusal" 3 "$(sqlite3 "$db" 'SELECT count(*) FROM runs')"

# A grid takes quantiles 0 and 1: an open normal has no ends there.
cat >grid.yaml <<'YAML'
scenario: tiny.yaml
sweep:
  design: grid
  levels: 3
  factors:
    psi0: {distribution: normal, mean: -5, sd: 0.5}
YAML
expect 65 'grid.yaml:6:5: a grid takes factor `psi0` at quantiles 0 and 1' sweep grid.yaml -o grid
[ -e grid ] && fail "the refused grid created grid/"

exit $failures
