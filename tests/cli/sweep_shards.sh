#!/usr/bin/env bash
# A sweep run as three shards (--shard 1/3, 2/3, 3/3, as a job array would), merged with
# `policysim merge` and summarised by the same command on the merged folder, holds what one
# process holds, row by row by point and replicate (timings and run ids aside), sensitivity
# included; merging a shard twice adds nothing; a shard of another design is refused.
# Usage: sweep_shards.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0

source "$src/tests/cli/expect.bash"
source "$src/tests/cli/sweep_content.bash"

fail() { echo "FAIL $*"; failures=$((failures + 1)); }

cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
cat >sweep.yaml <<'YAML'
scenario: tiny.yaml
name: sharded
sweep:
  design: saltelli
  points: 8
  replications: 2
  factors:
    gamma: {}
    beta_resistance: {}
YAML

expect 0 'results:' sweep sweep.yaml -o whole -q
expect 0 'shard 1/3: 11 of the 32 points' sweep sweep.yaml -o shard1 --shard 1/3 --dry-run
for i in 1 2 3; do
  expect 0 "of shard $i/3" sweep sweep.yaml -o shard$i --shard $i/3 -q
done
expect 0 'merged 3 shards into merged/results.sqlite: 64 runs added, 0 already there' \
  merge merged shard1 shard2 shard3
expect 0 'merged 1 shard into merged/results.sqlite: 0 runs added, 22 already there' \
  merge merged shard2
expect 0 'reusing 64 runs already in merged/results.sqlite' sweep sweep.yaml -o merged -q
if [ "$(sweep_content merged/results.sqlite | md5sum)" = "$(sweep_content whole/results.sqlite | md5sum)" ]; then
  echo "ok   three shards merged hold what one process holds"
else
  fail "three shards merged differ from one process"
fi

# A shard of another design (more base samples) is not joined to these.
sed -i 's/points: 8/points: 9/' sweep.yaml
expect 0 '' sweep sweep.yaml -o other --shard 1/3 -q
expect 73 'sweep_design:' merge merged2 shard1 other
expect 73 'made from other inputs' merge merged other
expect 66 'no results database at' merge merged3 shard1 nowhere

exit $failures
