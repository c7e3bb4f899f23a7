#!/usr/bin/env bash
# A missing or unreadable input is missing input (exit 66) for every command that reads one, with
# a message naming the file and saying what to give instead.
# Usage: missing_input.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

source "$(dirname "$0")/expect.bash"

missing="$dir/no-such.yaml"
no_such="no-such.yaml: no such file; check the path"
expect 66 "$no_such" validate "$missing"
expect 66 "$no_such" run "$missing" -o "$dir/out"
expect 66 "$no_such" run "$missing" --dry-run
expect 66 "$no_such" compare "$missing" -o "$dir/out"
expect 66 "$no_such" compare "$missing" --dry-run
[ -e "$dir/out" ] && { echo "FAIL a missing scenario created $dir/out"; failures=$((failures + 1)); }

# A folder is not a scenario.
expect 66 "$dir: not a regular file; give the path of a .yaml scenario" validate "$dir"
expect 66 "$dir: not a regular file" run "$dir" --dry-run

# A file named by `extends:` that is missing: reported at the line that names it.
printf 'name: child\nextends: parent.yaml\n' >"$dir/child.yaml"
parent_missing="child.yaml:2:10: \`extends\` names $dir/parent.yaml, which does not exist"
expect 66 "$parent_missing" validate "$dir/child.yaml"
expect 66 "$parent_missing" run "$dir/child.yaml" --dry-run
expect 66 "$parent_missing" compare "$dir/child.yaml" --dry-run

# An unreadable file (root reads every file, so this is checked only for other users).
if [ "$(id -u)" -ne 0 ]; then
  cp "$src/scenarios/smoke/tiny.yaml" "$dir/unreadable.yaml"
  chmod 000 "$dir/unreadable.yaml"
  expect 66 "unreadable.yaml: cannot open the file for reading; check its permissions" \
    validate "$dir/unreadable.yaml"
  expect 66 "cannot open the file for reading" run "$dir/unreadable.yaml" --dry-run
fi

# `report` and `export` read a results folder (or its results.sqlite).
no_results="no results database at $dir/no-such-results (no such file); give a folder written by"
expect 66 "$no_results" report "$dir/no-such-results"
expect 66 "$no_results" export "$dir/no-such-results"
mkdir "$dir/empty-results"
no_database="no results database at $dir/empty-results/results.sqlite (no such file)"
expect 66 "$no_database" report "$dir/empty-results"
expect 66 "$no_database" export "$dir/empty-results"

# An existing scenario still runs: the check above is not a blanket refusal.
expect 0 "" validate "$src/scenarios/smoke/tiny.yaml"
exit $failures
