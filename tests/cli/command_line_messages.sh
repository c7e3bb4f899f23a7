#!/usr/bin/env bash
# Mistakes on the command line get 64 and a message that says what is wrong and what is meant:
# a mistyped subcommand or option names the closest valid one, a subcommand that does not exist
# is refused even with --help after it, an empty output path is refused, and a dry run's
# estimate counts only the threads that have runs to do, in readable units.
# Usage: command_line_messages.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
tiny="$src/scenarios/smoke/tiny.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0

source "$(dirname "$0")/expect.bash"

expect_match 64 'unknown subcommand `rn`; did you mean `run`\? valid subcommands: run, compare,' rn "$tiny"
expect_match 64 'unknown subcommand `expot`; did you mean `export`\?' expot results
expect_match 64 'unknown subcommand `plot`; valid subcommands: run' plot --help
expect_match 64 'unknown subcommand `plot`' plot
expect_match 64 'policysim run: unknown option `--rep`; did you mean `--reps`\?' run "$tiny" --rep 3
expect_match 64 'policysim run: unknown option `--rep`; did you mean `--reps`\?' run "$tiny" --rep=3
expect_match 64 'policysim compare: unknown option `--outcom`; did you mean `--outcome`\?' compare "$tiny" --outcom x
expect_match 64 'policysim compare: unknown arm `us_styl` in `--reference`; did you mean `us_style`\?' \
  compare "$src/scenarios/compare_interventions.yaml" --reference us_styl --dry-run
# Nothing is close to --bogus: no suggestion, the valid options.
expect_match 64 'unknown option `--bogus`; valid options: --help' run "$tiny" --bogus
expect_match 0 'Usage: .* run' run --help

expect_match 64 '--out: an empty path is not allowed' run "$tiny" -o ""
expect_match 64 '--out: an empty path is not allowed' compare "$tiny" -o ""
expect_match 64 '--out: an empty path is not allowed' export "$work" -o ""
expect_match 64 '--out: an empty path is not allowed' report "$work" -o ""
if [ -e "$work/results.sqlite" ] || [ -e "$work/results" ]; then
  echo "FAIL an empty -o wrote into the current folder"
  failures=$((failures + 1))
fi

# 3 replications on 4096 threads: 3 busy threads, times in ms or s, never "e-07 s".
expect_match 0 'estimate: [0-9.]+ (ms|s) per run, about [0-9.]+ (ms|s) on 3 threads \(of the 4096 asked for' \
  run "$tiny" --reps 3 -j 4096 --dry-run
output=$("$exe" run "$tiny" --reps 3 -j 4096 --dry-run 2>&1)
if grep -qE '[0-9]e[-+][0-9]' <<<"$output"; then
  echo "FAIL the dry run prints a number in scientific notation: $output"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ]
