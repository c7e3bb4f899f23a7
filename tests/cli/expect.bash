# Sourced by the command-line tests (not a test itself: only *.sh files are).
# in_fresh_folder: $work, a new temporary folder removed when the script exits, becomes the
# current folder, and $failures starts at 0.
# fail MESSAGE counts a failure and prints it; ok MESSAGE prints a check that passed.
# check WHAT EXPECTED ACTUAL: ok when ACTUAL is EXPECTED, a failure saying both otherwise.
# expect CODE MESSAGE ARGS...: `$exe ARGS` exits with CODE and its output (stdout and stderr)
# holds MESSAGE (may be empty). expect_match CODE PATTERN ARGS...: the same, with PATTERN an
# extended regular expression. Both count failures in $failures and print one line per check.
expect() { expect_with -F "$@"; }
expect_match() { expect_with -E "$@"; }

# expect_with GREP_MODE CODE EXPECTED ARGS...: the check both run, grep's -F or -E choosing how
# EXPECTED is read.
expect_with() {
  local mode=$1 expected_code=$2 expected=$3
  shift 3
  local output code
  output=$("$exe" "$@" 2>&1)
  code=$?
  if [ "$code" -ne "$expected_code" ]; then
    echo "FAIL $*: exit $code, expected $expected_code; output: $output"
    failures=$((failures + 1))
  elif ! grep -q "$mode" -- "$expected" <<<"$output"; then
    echo "FAIL $*: message lacks '$expected': $output"
    failures=$((failures + 1))
  else
    echo "ok   $*: $(head -n1 <<<"$output")"
  fi
}

in_fresh_folder() {
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cd "$work" || exit 1
  failures=0
}

fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

ok() { echo "ok   $*"; }

check() {
  if [ "$2" = "$3" ]; then
    ok "$1: $3"
  else
    fail "$1: expected '$2', got '$3'"
  fi
}
