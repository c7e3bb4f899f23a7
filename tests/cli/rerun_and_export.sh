#!/usr/bin/env bash
# A scenario copied out of the repository runs on the shipped data; a rerun after editing it is
# refused (73) and says how to replace the results, which --overwrite does, but only for a
# policysim results database; a rerun with nothing left to do says so rather than "0/0"; a run
# with --regions says how large its database may grow, and does not grow larger; `export
# --tables` writes the tables named and refuses an unknown one with the closest name.
# Usage: rerun_and_export.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
source "$(dirname "$0")/expect.bash"
in_fresh_folder
unset POLICYSIM_DATA

# Outside the repository, with no data/ folder above it.
cp "$src/scenarios/smoke/tiny.yaml" tiny.yaml
expect 0 'tiny: 1997Q1-2000Q4 (16 ticks), 83 regions (russia83)' validate tiny.yaml
expect 0 '' run tiny.yaml -o out -q

# Everything reused: no "runs 0/0 (100%)".
expect 0 'runs: none to do' run tiny.yaml -o out
if "$exe" run tiny.yaml -o out 2>&1 | grep -q '0/0'; then fail "a full reuse prints 0/0"; fi

# An edited scenario is refused, and the message names --overwrite.
sed -i 's/^seed: 20240601/seed: 7/' tiny.yaml
expect 73 'or replace its results with --overwrite' run tiny.yaml -o out -q
expect 0 '--overwrite: removed the earlier results out/results.sqlite (scenario '"'"'tiny'"'"')' \
  run tiny.yaml -o out -q --overwrite
expect 0 'manifest.csv' export out --tables manifest -o csv-seed
grep -qE '^seed,"?7"?$' csv-seed/manifest.csv || fail "the overwritten database lacks the new seed"

# --overwrite never removes a file that is not a policysim results database.
mkdir -p notours
echo 'precious' >notours/results.sqlite
expect 73 'is not a policysim results database' run tiny.yaml -o notours -q --overwrite
[ "$(cat notours/results.sqlite)" = precious ] || fail "--overwrite changed a file that is not ours"

# The database size is said before the runs; the database stays below it.
expect_match 0 'database: up to about [0-9]+ MiB \(runs x quarters x regions = 20 x 16 x 83 rows of region series\)' \
  run tiny.yaml -o big --reps 20 --regions --dry-run
output=$("$exe" run tiny.yaml -o big --reps 20 --regions -q 2>&1)
bound_mib=$(grep -oE 'database: up to about [0-9]+ MiB' <<<"$output" | grep -oE '[0-9]+')
size=$(stat -c %s big/results.sqlite)
if [ -z "$bound_mib" ]; then
  fail "a run with --regions does not say the database size: $output"
elif [ "$size" -gt $((bound_mib * 1048576)) ]; then
  fail "the database ($size bytes) is larger than the bound said ($bound_mib MiB)"
else
  echo "ok   database $size bytes, bound $bound_mib MiB"
fi

# export --tables.
expect 0 'runs.csv' export out --tables runs,series -o csv-some
[ -f csv-some/runs.csv ] && [ -f csv-some/series.csv ] || fail "export --tables left out a table named"
[ "$(ls csv-some | wc -l)" -eq 2 ] || fail "export --tables wrote tables not named: $(ls csv-some)"
expect 64 'unknown table `runz`; did you mean `runs`? valid tables: manifest, regions, runs' \
  export out --tables runz
expect 66 'holds no rows in table `region_series` (they are written by `run` or `compare` with --regions)' \
  export out --tables region_series -o csv-none

[ "$failures" -eq 0 ]
