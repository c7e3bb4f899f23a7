#!/usr/bin/env bash
# A sweep run as three shards (--shard 1/3, 2/3, 3/3, as a job array would), merged with
# `policysim merge` and summarised by the same command on the merged folder, holds what one
# process holds, row by row by point and replicate (timings and run ids aside), sensitivity
# included, and each run's target values; merging a shard twice adds nothing; a shard of another
# design is refused.
# Usage: sweep_shards.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
source "$src/tests/cli/expect.bash"
source "$src/tests/cli/sweep_content.bash"
in_fresh_folder

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
expect 64 'merged/results.sqlite is a file: OUT is the folder to merge into' \
  merge merged/results.sqlite shard1
if [ "$(sweep_content merged/results.sqlite | md5sum)" = "$(sweep_content whole/results.sqlite | md5sum)" ]; then
  echo "ok   three shards merged hold what one process holds"
else
  fail "three shards merged differ from one process"
fi

# Each run's value of the scenario's target travels with it from its shard.
values="SELECT t.name, r.arm, r.replicate, t.value FROM target_values t JOIN runs r USING (run_id)
        ORDER BY t.name, r.arm, r.replicate"
whole_values=$(sqlite3 whole/results.sqlite "$values")
if [ -n "$whole_values" ] && [ "$whole_values" = "$(sqlite3 merged/results.sqlite "$values")" ]; then
  echo "ok   the merged shards hold each run's target values"
else
  fail "the merged shards' target values differ from one process's"
fi

# A shard of another design (more base samples) is not joined to these.
sed -i 's/points: 8/points: 9/' sweep.yaml
expect 0 '' sweep sweep.yaml -o other --shard 1/3 -q
expect 73 'sweep_design:' merge merged2 shard1 other
expect 73 'made from other inputs' merge merged other
expect 66 'no results database at' merge merged3 shard1 nowhere

# Merged sweep shards are summarised by rerunning the sweep; the runs of `policysim run` are not
# a sweep, and their merge says nothing of one.
expect 0 'run the same `policysim sweep FILE` with -o merged' merge merged shard1
expect 0 '' run tiny.yaml --reps 2 -o runs -q
check "a merge of a run's database mentions no sweep" 0 \
  "$("$exe" merge runs_merged runs 2>&1 | grep -c 'policysim sweep')"

exit $failures
