#!/usr/bin/env bash
# Runs every test: the C++ suite (Release, warnings as errors), the analysis tests, and the C++ suite
# again under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

scripts/build.sh build -DPOLICYSIM_WERROR=ON
(cd build && ctest --output-on-failure --parallel "$(nproc)")

# The sanitized build runs the C++ suite only: python and clang-format do not change under it.
scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DPOLICYSIM_SANITIZE=ON -DPOLICYSIM_BENCH=OFF \
  -DPOLICYSIM_WERROR=ON
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --parallel "$(nproc)" --label-exclude nosan)
