# Sourced by the command-line tests (not a test itself: only *.sh files are).
# expect CODE MESSAGE ARGS...: `$exe ARGS` exits with CODE and its output (stdout and stderr)
# holds MESSAGE (may be empty). Counts failures in $failures and prints one line per check.
expect() {
  local expected_code=$1 expected=$2
  shift 2
  local output code
  output=$("$exe" "$@" 2>&1)
  code=$?
  if [ "$code" -ne "$expected_code" ]; then
    echo "FAIL $*: exit $code, expected $expected_code; output: $output"
    failures=$((failures + 1))
  elif ! grep -qF -- "$expected" <<<"$output"; then
    echo "FAIL $*: message lacks '$expected': $output"
    failures=$((failures + 1))
  else
    echo "ok   $*: $(head -n1 <<<"$output")"
  fi
}
