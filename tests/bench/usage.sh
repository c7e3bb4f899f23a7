#!/usr/bin/env bash
# A benchmark executable's command line: --help exits 0, a bad argument exits 64 with a message
# (as the policysim command does).
# Usage: usage.sh BENCH_EXE
set -u
exe=$1
if ! "$exe" --help >/dev/null; then
  echo "FAIL $exe --help: exit $?"
  exit 1
fi
output=$("$exe" bogus 2>&1)
code=$?
if [ "$code" -ne 64 ]; then
  echo "FAIL $exe bogus: exit $code, expected 64; output: $output"
  exit 1
fi
if ! grep -q "bogus" <<<"$output"; then
  echo "FAIL $exe bogus: the message does not name the bad argument: $output"
  exit 1
fi
echo "ok $exe"
