#!/usr/bin/env bash
# Runs every test: the C++ suite, the command-line checks, clang-format and the analysis tests on the
# Release build, clang-tidy and a check that each header compiles on its own (scripts/tidy.sh), a
# minute of libFuzzer over the scenario reader (scripts/fuzz.sh), then the C++
# suite again under AddressSanitizer and UndefinedBehaviorSanitizer, in
# a build with the portable elementary functions (POLICYSIM_PORTABLE_MATH), so both kinds are tested.
# Under CI (CI=true) warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

scripts/build.sh build -DPOLICYSIM_WERROR=$werror
(cd build && ctest --output-on-failure --parallel "$(nproc)")

# clang-tidy over every source with the Release build's compile commands; a finding fails.
scripts/tidy.sh build

# A minute of libFuzzer over the scenario reader (clang, ASan, UBSan); a finding fails the command.
scripts/fuzz.sh 60

# The tests labelled nosan are skipped: python, clang-format and the layering check do not change
# under the sanitizers, and four command-line checks cannot run under them (the reason of each is
# in tests/CMakeLists.txt). The other command-line checks run, under the sanitizers too.
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DPOLICYSIM_SANITIZE=ON -DPOLICYSIM_BENCH=OFF \
  -DPOLICYSIM_PORTABLE_MATH=ON -DPOLICYSIM_WERROR=$werror
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" ctest --output-on-failure --parallel "$(nproc)" --label-exclude nosan)
