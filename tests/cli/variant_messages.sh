#!/usr/bin/env bash
# `policysim validate` on variants: what a variant changes from its base is printed under its
# summary; a bare `interventions:` that drops the base's programmes warns and says how to add; an
# unknown name to remove is an error (65) at its line with the closest inherited name; a parameter
# outside its plausible range warns with the range.
# Usage: variant_messages.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
source "$(dirname "$0")/expect.bash"
in_fresh_folder

# A variant outside the repository, naming the baseline and its data by absolute path.
variant() {
  printf 'extends: %s\ndata_dir: %s\nname: eu\n%s' "$src/scenarios/baseline.yaml" \
    "$src/scenarios/data" "$1" >"$2"
}

variant 'donors_add: [{name: EU, foreignness: 0.8, foreign: true}]
interventions_add:
  - {name: EU police training, donor: EU, instrument: training, start: 2008Q1, end: 2011Q4, targets: {district: Far Eastern}}
' add.yaml
# The baseline has 6 donors and 14 interventions; the variant adds one of each.
expect 0 'eu: 1997Q1-2012Q4 (64 ticks), 83 regions (russia83), 7 donors, 15 interventions' validate add.yaml
expect 0 "changes from $src/scenarios/baseline.yaml:" validate add.yaml
expect 0 '    donor `EU` added' validate add.yaml
expect 0 '    intervention `EU police training` added' validate add.yaml

variant 'donors_add: [{name: EU, foreignness: 0.8, foreign: true}]
interventions:
  - {name: EU police training, donor: EU, instrument: training, start: 2008Q1, end: 2011Q4, targets: all}
' bare.yaml
expect 0 'bare.yaml:5:1: warning: `interventions` replaces the 14 interventions inherited from' validate bare.yaml
expect 0 'and drops 14 of them' validate bare.yaml
expect 0 'to keep them and add yours, write `interventions_add:` instead' validate bare.yaml
expect 0 '    intervention `Task force tour` removed' validate bare.yaml

variant 'interventions_remove: [Task force tuor]
' remove.yaml
expect 65 'remove.yaml:4:24: unknown intervention `Task force tuor` in `interventions_remove`; did you mean `Task force tour`?' validate remove.yaml

variant 'parameters: {beta_resistance: 9}
' range.yaml
expect 0 'range.yaml:4:31: warning: parameter `beta_resistance` = 9 is outside its plausible range 1 to 6' validate range.yaml
expect 0 '    parameter `beta_resistance` 3 -> 9' validate range.yaml

[ "$failures" -eq 0 ]
