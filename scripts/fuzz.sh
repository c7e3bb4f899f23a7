#!/usr/bin/env bash
# Fuzzes the scenario reader with libFuzzer for SECONDS (default 60), starting from the shipped
# scenarios and the regression corpus. Builds only the fuzz target, with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer, in build-fuzz/. Exits non-zero on a crash, a leak, a sanitizer
# report, a timeout or any exception other than a ScenarioError; the input that did it is left in
# build-fuzz/findings/ and belongs in tests/fuzz/regressions/ once the bug is fixed.
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true

cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPOLICYSIM_FUZZ=ON -DPOLICYSIM_TESTS=OFF -DPOLICYSIM_BENCH=OFF >/dev/null
cmake --build build-fuzz --target scenario_fuzzer --parallel "$(nproc)"

# libFuzzer adds what it finds to the first folder; the seeds are copied there, not touched.
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/findings
cp scenarios/*.yaml scenarios/smoke/*.yaml tests/fuzz/regressions/* "$corpus"/
# libFuzzer's progress goes to build-fuzz/fuzz.log; its final statistics, or on a finding the log's
# end, to stderr.
status=0
build-fuzz/tests/fuzz/scenario_fuzzer "$corpus" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -dict=tests/fuzz/scenario.dict -print_final_stats=1 \
  -artifact_prefix=build-fuzz/findings/ "$@" > build-fuzz/fuzz.log 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  tail -n 60 build-fuzz/fuzz.log >&2
  echo "fuzz: the scenario reader failed on an input (build-fuzz/findings/); see build-fuzz/fuzz.log" >&2
  exit "$status"
fi
grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' build-fuzz/fuzz.log >&2
