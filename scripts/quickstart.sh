#!/usr/bin/env bash
# Installs what is missing, builds policysim, runs the default scenario (the historical baseline)
# end to end and writes its report: results, a summary table, the stylised-fact targets and plots
# (--regions keeps the per-region series that the report's maps and heatmap draw).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build
./build/policysim run scenarios/baseline.yaml --reps 100 --regions -o results/baseline
./build/policysim report results/baseline
