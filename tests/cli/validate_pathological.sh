#!/usr/bin/env bash
# `policysim validate` on hostile files: each must exit 65 and say what is wrong.
# Usage: validate_pathological.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

printf ',' >"$dir/comma.yaml"
: >"$dir/empty.yaml"
python3 -c "print('a: ' * 0 + '[' * 1000 + ']' * 1000)" >"$dir/deep.yaml"
head -c 4096 /dev/urandom >"$dir/binary.yaml"
printf '\x00\x01\x02ELF' >>"$dir/binary.yaml"

check() {
  local file=$1 expected_words=$2
  local output code
  output=$("$exe" validate "$file" 2>&1)
  code=$?
  if [ "$code" -ne 65 ]; then
    echo "FAIL $(basename "$file"): exit $code, expected 65; output: $output"
    failures=$((failures + 1))
  elif ! grep -qi -- "$expected_words" <<<"$output"; then
    echo "FAIL $(basename "$file"): message lacks '$expected_words': $output"
    failures=$((failures + 1))
  else
    echo "ok   $(basename "$file"): $(head -n1 <<<"$output")"
  fi
}

check "$dir/comma.yaml" "comma.yaml"
check "$dir/empty.yaml" "empty"
check "$dir/deep.yaml" "deep"
check "$dir/binary.yaml" "binary"

# A missing file is missing input (66), not a bad scenario.
"$exe" validate "$dir/does-not-exist.yaml" >/dev/null 2>&1
code=$?
if [ "$code" -ne 66 ]; then
  echo "FAIL missing file: exit $code, expected 66"
  failures=$((failures + 1))
fi
# A directory is not a scenario either, and the message says which it is.
output=$("$exe" validate "$dir" 2>&1)
code=$?
if [ "$code" -ne 66 ] || ! grep -q "not a regular file" <<<"$output"; then
  echo "FAIL directory: exit $code, expected 66 and 'not a regular file'; output: $output"
  failures=$((failures + 1))
fi
exit $failures
