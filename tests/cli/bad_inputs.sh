#!/usr/bin/env bash
# The catalogue of bad scenario files (tests/scenario/bad_inputs): `policysim validate` and
# `policysim run --dry-run` on each must exit with the code its first line names, put the first
# problem at the line and column named there (0:0: no position, as for a file refused for its
# size), say the fragment named there, print nothing on stdout and create nothing. Then the cases
# generated here rather than committed: empty, binary, not UTF-8, too large, many problems (bounded
# output), deep nesting, an alias bomb, a missing file and a folder.
# Each file's first line: "# expect: CODE at LINE:COLUMN: MESSAGE FRAGMENT".
# Usage: bad_inputs.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
catalogue="$src/tests/scenario/bad_inputs"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
checked=0

fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# check FILE CODE LINE COLUMN FRAGMENT COMMAND...: runs `policysim COMMAND... FILE` and checks it.
check() {
  local file=$1 code=$2 line=$3 column=$4 fragment=$5
  shift 5
  local out="$dir/out"
  rm -rf "$out"
  local stdout stderr status
  stdout=$("$exe" "$@" "$file" 2>"$dir/stderr")
  status=$?
  stderr=$(cat "$dir/stderr")
  local where="$file:$line:$column: "
  [ "$line" = 0 ] && where="$file: "
  local first
  first=$(head -n1 <<<"$stderr")
  checked=$((checked + 1))
  if [ "$status" -ne "$code" ]; then
    fail "$* $(basename "$file"): exit $status, expected $code; stderr: $first"
  elif [ "${first:0:${#where}}" != "$where" ]; then
    fail "$* $(basename "$file"): first problem not at '$where': $first"
  elif ! grep -qF -- "$fragment" <<<"$stderr"; then
    fail "$* $(basename "$file"): message lacks '$fragment': $stderr"
  elif [ -n "$stdout" ]; then
    fail "$* $(basename "$file"): printed on stdout: $stdout"
  elif [ -e "$out" ]; then
    fail "$* $(basename "$file"): created $out"
  fi
}

# Both commands on FILE.
check_both() {
  check "$@" validate
  check "$@" run --dry-run -o "$dir/out"
}

files=0
for file in "$catalogue"/*.yaml; do
  header=$(head -n1 "$file")
  if [[ ! "$header" =~ ^"# expect: "([0-9]+)" at "([0-9]+):([0-9]+)": "(.+)$ ]]; then
    fail "$(basename "$file"): first line is not '# expect: CODE at LINE:COLUMN: FRAGMENT'"
    continue
  fi
  files=$((files + 1))
  check_both "$file" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}" \
    "${BASH_REMATCH[4]}"
done
[ "$files" -ge 60 ] || fail "the catalogue holds $files files; it must hold at least 60"

# Generated cases.
: >"$dir/empty.yaml"
check_both "$dir/empty.yaml" 65 1 1 "the file holds no YAML map"

printf 'name: t\n\x00\x01\x02ELF\n' >"$dir/binary.yaml"
check_both "$dir/binary.yaml" 65 2 1 "this is not a UTF-8 text file (byte 8 is a NUL or not valid UTF-8)"

printf 'name: caf\xe9\n' >"$dir/latin1.yaml"
check_both "$dir/latin1.yaml" 65 1 10 "not a UTF-8 text file (byte 9"

# One byte over 4 MiB, all of it valid YAML: refused for its size alone, before parsing.
{
  echo "name: t"
  head -c $((4 * 1024 * 1024 + 1 - 8 - 1)) /dev/zero | tr '\0' '#'
  echo
} >"$dir/huge.yaml"
check_both "$dir/huge.yaml" 65 0 0 "the file is more than 4.0 MiB (4194304 bytes); a scenario file may be at most 4.0 MiB (4194304 bytes)"

# 100 000 unknown keys (under the size limit): the first 50 problems and a count of the rest.
{
  printf 'name: t\nstart: 2000Q1\nend: 2003Q4\nsynthetic: {regions: 10, districts: 2}\n'
  seq -f 'unknown_%g: 1' 1 100000
} >"$dir/many.yaml"
check_both "$dir/many.yaml" 65 5 1 "$dir/many.yaml: ... and 99950 more problems of the same file"
"$exe" validate "$dir/many.yaml" 2>"$dir/stderr"
lines=$(wc -l <"$dir/stderr")
bytes=$(wc -c <"$dir/stderr")
[ "$lines" -eq 51 ] || fail "many.yaml: $lines lines of messages, expected 51 (50 problems and a count)"
[ "$bytes" -le 65536 ] || fail "many.yaml: $bytes bytes of messages, expected at most 64 KiB"

python3 -c "print('[' * 1000 + ']' * 1000)" >"$dir/deep_flow.yaml"
check_both "$dir/deep_flow.yaml" 65 2 1 "nesting too deep for the YAML parser"
python3 -c "
print('name: t')
for depth in range(100):
    print('  ' * depth + 'k%d:' % depth)" >"$dir/deep_block.yaml"
# The first node below 64 levels: line 66 (after `name:` and 64 keys), indented 2 x 64 spaces.
check_both "$dir/deep_block.yaml" 65 66 129 "nesting deeper than 64 levels"

# Ten aliases of ten aliases of ... (10^8 nodes once expanded): refused at the node limit.
python3 -c "
print('a: &a [x, x, x, x, x, x, x, x, x, x]')
for previous, name in zip('abcdefg', 'bcdefgh'):
    print('%s: &%s [%s]' % (name, name, ', '.join(['*' + previous] * 10)))" >"$dir/aliases.yaml"
# Reported at the anchor whose copies pass the limit: the first list, line 1, column 4.
check_both "$dir/aliases.yaml" 65 1 4 "expands to more than 1048576 nodes"

# A missing file and a folder are missing input (66), not bad scenarios.
check_both "$dir/does-not-exist.yaml" 66 0 0 "no such file; check the path"
mkdir "$dir/folder.yaml"
check_both "$dir/folder.yaml" 66 0 0 "not a regular file; give the path of a .yaml scenario"

echo "$checked checks of $((files + 10)) bad inputs, $failures failed"
exit $failures
