#!/usr/bin/env bash
# Applies each one-line change of tests/mutation/mutations.txt to the rule formulas in turn,
# rebuilds, runs the model tests and the golden check, and prints the changes no test caught
# (survivors). Exit 1 when any survives. Run on demand, not in CI: it rebuilds once a change.
#   tests/mutation/mutate.sh [BUILD_DIR]     (default: build, configured as scripts/build.sh does)
# A build without link-time optimisation (scripts/build.sh build-mutation
# -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=OFF -DPOLICYSIM_BENCH=OFF) relinks far faster.
set -uo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
[ -x "$build/policysim" ] || { echo "mutate: build $build first (scripts/build.sh $build)" >&2; exit 64; }

# The suite that judges each change: the model tests, then the golden files.
suite_fails() {
  if ! cmake --build "$build" --target policysim tests_model >/dev/null 2>&1; then
    echo "does not compile"
  elif ! "$build/tests/tests_model" >/dev/null 2>&1; then
    echo "model tests"
  elif ! /usr/bin/python3 tests/golden/golden.py "$build/policysim" check >/dev/null 2>&1; then
    echo "golden files"
  fi
}

# Unchanged, the suite must pass, or every change would count as caught.
if baseline=$(suite_fails) && [ -n "$baseline" ]; then
  echo "mutate: the unchanged code fails the suite ($baseline) in $build: fix that first" >&2
  exit 1
fi

backup=$(mktemp)
current=""
restore() { [ -n "$current" ] && cp "$backup" "$current"; current=""; }
trap 'restore; rm -f "$backup"' EXIT
trap 'exit 130' INT TERM

survivors=0 total=0
while IFS='|' read -r file find replace; do
  file=$(echo "$file" | xargs); find=$(echo "$find" | sed 's/^ *//; s/ *$//')
  replace=$(echo "$replace" | sed 's/^ *//; s/ *$//')
  [[ -z "$file" || "$file" == \#* ]] && continue
  total=$((total + 1))
  count=$(grep -cF -- "$find" "$file")
  if [ "$count" != 1 ]; then
    echo "mutate: '$find' is found $count times in $file, not once: fix mutations.txt" >&2
    exit 65
  fi
  cp "$file" "$backup"; current=$file
  FIND="$find" REPLACE="$replace" /usr/bin/python3 - "$file" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path).read()
open(path, "w").write(text.replace(os.environ["FIND"], os.environ["REPLACE"], 1))
PY
  caught=$(suite_fails)
  restore
  if [ -n "$caught" ]; then
    echo "caught ($caught): $file: $find -> $replace"
  else
    echo "SURVIVED: $file: $find -> $replace"
    survivors=$((survivors + 1))
  fi
done < tests/mutation/mutations.txt

cmake --build "$build" --target policysim tests_model >/dev/null 2>&1
echo "$survivors of $total changes survived"
[ "$survivors" -eq 0 ]
