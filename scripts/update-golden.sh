#!/usr/bin/env bash
# Rewrites tests/golden/*.txt from the current build. Only for an intended change of results:
# say in the commit why the numbers moved.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh build
/usr/bin/python3 tests/golden/golden.py build/policysim update
