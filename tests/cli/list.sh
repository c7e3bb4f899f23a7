#!/usr/bin/env bash
# `policysim list`: the parameters with the symbols, priors and ranges of MODEL.md §7, the
# instruments with the defaults of §6, the outcomes and metrics a results database holds, the
# regions and districts of the data, the spec's symbols accepted in scenarios, and the glossary
# page that the same tables make.
# Usage: list.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

source "$(dirname "$0")/expect.bash"

# check_json NAME PYTHON_ASSERTIONS JSON_FILE [MORE_FILES...]: the assertions, run with the parsed
# file as `doc` and the further files as sys.argv[2:].
check_json() {
  local name=$1 code=$2
  shift 2
  if /usr/bin/python3 -c "import json, sys
doc = json.load(open(sys.argv[1]))
$code" "$@"; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    failures=$((failures + 1))
  fi
}

# MODEL.md §7: "β_R resistance | 3.0 | 1–6", "β_M emulation; h_M | 1.0; 4 ticks | 0–3; 2–8",
# "β_T[k] capacity (law, victim, multi, unit) | 2, 2, 1, 1 | 0–4".
expect_match 0 '^beta_resistance +beta_R +3 +1 to 6 +logit +weight of resistance' list parameters
expect_match 0 '^emulation_half_life_ticks +h_M +4 +2 to 8 +quarters' list parameters
expect_match 0 '^beta_capacity\.multi +beta_T\.multi +1 +0 to 4 ' list parameters
"$exe" list parameters --json >"$dir/parameters.json"
check_json "parameters --json: fields, spec symbols, priors and ranges of MODEL.md §7" '
by_name = {p["name"]: p for p in doc["parameters"]}
assert all(set(p) == {"name", "symbol", "description", "unit", "default", "plausible_range",
                      "valid_range"} for p in doc["parameters"])
assert by_name["beta_resistance"]["symbol"] == "beta_R"
assert by_name["beta_resistance"]["default"] == 3.0
assert by_name["beta_resistance"]["plausible_range"] == [1.0, 6.0]
assert by_name["beta_learning"]["symbol"] == "beta_L" and by_name["beta_learning"]["default"] == 1.5
assert [by_name["beta_capacity." + k]["default"] for k in ("law", "victim", "multi", "unit")] == [2, 2, 1, 1]
assert by_name["betaJR"]["symbol"] == "betaJR" and by_name["betaJR"]["default"] == 3.0
symbols = [p["symbol"] for p in doc["parameters"] if p["symbol"]]
assert len(symbols) == len(set(symbols)), "a symbol names two parameters"
' "$dir/parameters.json"

# MODEL.md §6: training's visibility is 0.2 and its direct effects 0.5, 0.5, 0, 0; a conference's
# 0.5 and 0, 0.5, 1.0, 0, and it builds ties; a task-force tour's visibility is 0.8.
expect_match 0 '^training +0\.2 +0\.5 +0\.5 +0 +0 ' list instruments
"$exe" list instruments --json >"$dir/instruments.json"
check_json "instruments --json: the defaults of MODEL.md §6" '
by_name = {m["name"]: m for m in doc["instruments"]}
assert len(by_name) == 8
assert by_name["conference"]["visibility"] == 0.5 and by_name["conference"]["builds_ties"] is True
assert by_name["conference"]["effects"] == {"law": 0.0, "victim": 0.5, "multi": 1.0, "unit": 0.0}
assert by_name["training"]["builds_ties"] is False
assert by_name["task_force_tour"]["visibility"] == 0.8
assert by_name["legislation_push"]["visibility"] == 0.9
' "$dir/instruments.json"

# Outcomes and metrics are the columns a run stores, in the same order, with the same meanings.
expect_match 0 '^law_passed_year +year +Law passed' list outcomes
expect_match 0 '^region_series +rho +0-1 ' list metrics
"$exe" list outcomes --json >"$dir/outcomes.json"
"$exe" list metrics --json >"$dir/metrics.json"
"$exe" run "$src/scenarios/smoke/tiny.yaml" --reps 1 -q -o "$dir/tiny" >/dev/null 2>&1
check_json "outcomes and metrics --json: the columns and column_meanings of a results database" '
import sqlite3
db = sqlite3.connect(sys.argv[2])
runs = [row[1] for row in db.execute("PRAGMA table_info(runs)")]
series = [row[1] for row in db.execute("PRAGMA table_info(series)")]
outcomes = [o["name"] for o in doc["outcomes"]]
assert runs[6:] == outcomes, (runs, outcomes)
metrics = json.load(open(sys.argv[3]))["metrics"]
assert series[3:] == [m["name"] for m in metrics if m["table"] == "series"]
stored = {(t, c): (u, d) for t, c, u, d in
          db.execute("SELECT table_name, column_name, unit, description FROM column_meanings")}
assert all(stored[("runs", o["name"])] == (o["unit"], o["description"]) for o in doc["outcomes"])
assert all(stored[(m["table"], m["name"])] == (m["unit"], m["description"]) for m in metrics)
assert len(stored) == len(outcomes) + len(metrics)
' "$dir/outcomes.json" "$dir/tiny/results.sqlite" "$dir/metrics.json"

"$exe" list events --json >"$dir/events.json"
check_json "events --json: the forced_events names of docs/scenarios.md" '
forced = [e["name"] for e in doc["events"] if e["kind"] == "forced"]
assert forced == ["law", "unit_special", "unit_federal", "ngo_law", "foreign_agents_law"]
assert "ngo_closed" in [e["name"] for e in doc["events"] if e["kind"] == "reported"]
' "$dir/events.json"

# The 83 federal subjects of 2008 in the seven federal districts of the 2000s.
expect_match 0 'RU-MOW +Moscow +Central +yes +yes +yes' list regions
expect_match 0 '^Far Eastern +RU-KHA +' list regions
"$exe" list regions --json >"$dir/regions.json"
check_json "regions --json: 83 regions, 7 districts" '
assert len(doc["regions"]) == 83 and len(doc["districts"]) == 7
assert sum(d["regions"] for d in doc["districts"]) == 83
assert [r["index"] for r in doc["regions"]] == list(range(83))
' "$dir/regions.json"
"$exe" list regions --scenario "$src/scenarios/smoke/synthetic.yaml" --json >"$dir/synthetic.json"
check_json "regions --scenario: the scenario's synthetic country of 200 regions in 7 districts" '
assert len(doc["regions"]) == 200 and len(doc["districts"]) == 7
' "$dir/synthetic.json"
expect 66 "$dir/nowhere/russia_regions_83.csv does not exist; give the folder holding it with --data-dir DIR" \
  list regions --data-dir "$dir/nowhere"
expect 64 "what: nothing not in {parameters,instruments,outcomes,metrics,events,regions" list nothing
expect 64 "list glossary\` prints Markdown" list glossary --json

# The spec's symbols are accepted in a scenario as the parameters they stand for.
scenario() {
  printf 'name: alias\nextends: %s\ndata_dir: %s\nparameters:\n%s\n' \
    "$src/scenarios/smoke/tiny.yaml" "$src/scenarios/data" "$1" >"$dir/$2.yaml"
}
scenario '  beta_R: 60' symbol_out_of_range
expect 65 "parameter \`beta_resistance\` (written \`beta_R\`) = 60 is outside its valid range" \
  validate "$dir/symbol_out_of_range.yaml"
scenario $'  beta_R: 4\n  beta_resistance: 4' symbol_and_name
expect 65 "parameter \`beta_resistance\` is given twice; keep one" validate "$dir/symbol_and_name.yaml"
scenario '  beta_RR: 4' symbol_typo
expect 65 "did you mean \`beta_R\`" validate "$dir/symbol_typo.yaml"
scenario '  beta_T: {law: 3}' symbol_group
scenario '  beta_capacity: {law: 3}' name_group
scenario '  beta_capacity: {law: 2}' prior_group
for name in symbol_group name_group prior_group; do
  "$exe" run "$dir/$name.yaml" --reps 1 -q -o "$dir/run-$name" >/dev/null 2>&1
done
outcomes_of() {
  /usr/bin/python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT * FROM runs').fetchall()[0][6:])" "$1"
}
symbol=$(outcomes_of "$dir/run-symbol_group/results.sqlite")
name=$(outcomes_of "$dir/run-name_group/results.sqlite")
prior=$(outcomes_of "$dir/run-prior_group/results.sqlite")
if [ -n "$symbol" ] && [ "$symbol" = "$name" ] && [ "$symbol" != "$prior" ]; then
  echo "ok   beta_T: {law: 3} runs as beta_capacity: {law: 3}, not as the prior"
else
  echo "FAIL beta_T: {law: 3} does not run as beta_capacity: {law: 3}"
  failures=$((failures + 1))
fi

# docs/glossary.md is what the tables make.
if "$exe" list glossary | diff -u "$src/docs/glossary.md" - >"$dir/glossary.diff"; then
  echo "ok   docs/glossary.md is the output of \`policysim list glossary\`"
else
  echo "FAIL docs/glossary.md differs from \`policysim list glossary\` (rewrite it with"
  echo "     policysim list glossary > docs/glossary.md):"
  head -n 20 "$dir/glossary.diff"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
