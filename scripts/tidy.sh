#!/usr/bin/env bash
# Static checks of the C++ code; any finding fails.
# 1. clang-tidy (checks, and the reason for each one left out, in .clang-tidy) over every C++
#    source of sim/, tests/ and bench/ that BUILD_DIR compiles, in parallel, with that build's
#    compile commands. clang parses every file here, so the code must compile with clang too.
#    About 5 CPU-seconds a file: a quarter of an hour of CPU for the whole tree.
# 2. Each header of sim/ compiled on its own (clang, syntax only): a header includes what it uses,
#    rather than leaning on what its includers happened to include before it. This is narrower
#    than include-what-you-use, which without a mapping file of the project's own wants every
#    header a phase reaches through phases/phases.hpp included by name, and drops <compare> where
#    a defaulted operator<=> needs it.
# Usage: scripts/tidy.sh [BUILD_DIR]   (default build; made by scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build_dir=${1:-build}
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "tidy: no $build_dir/compile_commands.json: build first with scripts/build.sh $build_dir" >&2
  exit 66
fi
build_abs=$(cd "$build_dir" && pwd)
jobs=$(nproc)

# The Release build's link-time optimisation adds -fno-fat-lto-objects, a GCC flag clang does not
# know: its warning is not a finding of the code.
# run-clang-tidy exits non-zero when any file has a finding; its own lines (the command of each
# file, counts of suppressed warnings) are dropped from what it prints.
log="$build_dir/clang-tidy.log"
status=0
run-clang-tidy -p "$build_dir" -quiet -j "$jobs" -extra-arg=-Wno-ignored-optimization-argument "^$root/(sim|tests|bench)/" >"$log" 2>&1 || status=$?
grep -v -E '^(clang-tidy|/usr/bin/clang-tidy)|^[0-9]+ warnings? generated\.$|^Suppressed [0-9]+ warnings|^Use -header-filter' \
  "$log" >&2 || true
if [ "$status" -ne 0 ]; then
  echo "tidy: clang-tidy found the problems above (all of them: $log)" >&2
  exit 1
fi

# Flags of the project (C++20, the include roots, Eigen as a system header, the generated headers).
header_status=0
git ls-files 'sim/*.hpp' | xargs -P "$jobs" -I{} sh -c \
  'printf "#include \"%s\"\n" "$1" | clang++ -fsyntax-only -std=c++20 -Wall -Wextra \
     -DPOLICYSIM_PORTABLE_MATH=0 -I"$2" -I"$3/sim/generated" -isystem /usr/include/eigen3 \
     -x c++ - || { echo "tidy: $1 does not compile on its own: include what it uses" >&2; exit 1; }' \
  _ {} "$root" "$build_abs" || header_status=$?
[ "$header_status" -eq 0 ] || exit 1
echo "tidy: clang-tidy and the headers found nothing" >&2
