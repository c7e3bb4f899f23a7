#!/usr/bin/env bash
# A synthetic country too large for the machine's memory is refused before it is built: exit 64,
# a message that says how much memory it needs and what to change, and nothing written.
# Usage: memory_check.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# 4e9 regions need terabytes, more than any machine this runs on; the dry run would build them.
cat >"$work/huge.yaml" <<'YAML'
name: huge
start: 1997Q1
end: 1997Q4
synthetic: {regions: 4000000000, districts: 7, seed: 3}
reference: base
arms:
  - {name: other, description: the same again, parameters: {gamma: 0.2}}
YAML

check() {
  local output code
  output=$(timeout 60 "$exe" "$@" -o "$work/out" 2>&1)
  code=$?
  if [ "$code" -ne 64 ]; then
    echo "FAIL $*: exit $code, expected 64; output: $output"
    failures=$((failures + 1))
  elif ! grep -qE "needs about [0-9.]+ GiB of memory, more than the [0-9.]+ GiB this machine has" <<<"$output" ||
    ! grep -qF "4000000000 regions" <<<"$output" || ! grep -qF "Use fewer threads (-j)" <<<"$output"; then
    echo "FAIL $*: message lacks the estimate or the remedy: $output"
    failures=$((failures + 1))
  elif [ -e "$work/out" ]; then
    echo "FAIL $*: wrote $work/out"
    failures=$((failures + 1))
  else
    echo "ok   $*: $output"
  fi
}
check run "$work/huge.yaml" -j 1
check run "$work/huge.yaml" -j 1 --dry-run
check run "$work/huge.yaml" -j 2 --regions
check compare "$work/huge.yaml" -j 1

[ "$failures" -eq 0 ]
