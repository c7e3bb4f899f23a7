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

# NGOs that outweigh the regions are counted and named with the parameters that set them, in the
# scenario or in one arm only.
sed 's/parameters: {gamma: 0.2}/parameters: {ngo_count_base: 100}/' "$work/huge.yaml" >"$work/ngos.yaml"
printf 'parameters: {ngo_count_base: 100}\n' >>"$work/huge.yaml"
check_ngos() {
  local output
  output=$(timeout 60 "$exe" "$@" -o "$work/out" 2>&1)
  if grep -qE "[0-9.]+ GiB of it for its 40800000000[0-9]* NGOs, .*\(ngo_count_base, " <<<"$output"; then
    echo "ok   $*: names the NGOs"
  else
    echo "FAIL $*: the NGOs are not named: $output"
    failures=$((failures + 1))
  fi
}
check run "$work/huge.yaml" -j 1
check_ngos run "$work/huge.yaml" -j 1
check_ngos compare "$work/ngos.yaml" -j 1

[ "$failures" -eq 0 ]
