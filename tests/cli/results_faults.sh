#!/usr/bin/env bash
# Faults met by the results folder: each is injected, then the exit code, the message and what the
# folder holds afterwards are checked. A database must never hold wrong results, a refusal must
# leave the file as it was, and a resumed experiment must hold exactly what an uninterrupted one
# holds (table contents compared by (arm, replicate), leaving out the timing column).
# Usage: results_faults.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$(cd "$2" && pwd)
tiny="$src/scenarios/smoke/tiny.yaml"
work=$(mktemp -d)
chmod 755 "$work"  # an unprivileged user must reach it in the read-only cases
trap 'rm -rf "$work"' EXIT
failures=0 faults=0 lost=0 wrong=0
run_as=()  # a command prefix for policysim (another user's, in the read-only cases)

fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# expect NAME CODE FRAGMENT ARGS...: policysim ARGS exits with CODE and says FRAGMENT.
expect() {
  local name=$1 code=$2 fragment=$3
  shift 3
  local output got
  output=$("${run_as[@]}" "$exe" "$@" 2>&1)
  got=$?
  if [ "$got" -ne "$code" ]; then
    fail "$name: exit $got, expected $code: $(tail -n3 <<<"$output")"
  elif ! grep -qF -- "$fragment" <<<"$output"; then
    fail "$name: message lacks '$fragment': $(tail -n3 <<<"$output")"
  else
    ok "$name: $(grep -F -- "$fragment" <<<"$output" | head -n1 | cut -c1-150)"
  fi
}

# The contents of a results database, keyed by (arm, replicate) instead of run_id (which follows
# the order runs finished in) and without wall_seconds (timing).
columns() {
  sqlite3 "$1" "SELECT group_concat('t.\"' || name || '\"') FROM pragma_table_info('$2')
                WHERE name NOT IN ('run_id', 'wall_seconds')"
}
content() {
  local db=$1 table order
  sqlite3 "$db" "SELECT * FROM regions ORDER BY region"
  for table in runs series events region_series; do
    case $table in
      runs) order="" ;;
      events) order=", t.event" ;;
      series) order=", t.tick" ;;
      region_series) order=", t.tick, t.region" ;;
    esac
    sqlite3 "$db" "SELECT '$table', $(columns "$db" $table) FROM $table t
                   JOIN runs k ON k.run_id = t.run_id ORDER BY k.arm, k.replicate$order"
  done
}
runs_in() { sqlite3 "$1" "SELECT count(*) FROM runs" 2>/dev/null || echo 0; }

# The reference: 120 replicates with their regional series, uninterrupted. The faults below are
# injected into copies of it or into experiments that should end equal to it.
same=(--seed 5 --regions -j 2 -q)
"$exe" run "$tiny" "${same[@]}" --reps 120 -o "$work/reference" >/dev/null 2>&1 ||
  fail "reference run"
reference=$(content "$work/reference/results.sqlite" | md5sum)

# 1. A file that the scenario extends changes: the stored runs must not be reused.
mkdir -p "$work/extends"
sed "s|^regions: russia83|regions: russia83\ndata_dir: $src/scenarios/data|" "$tiny" \
  >"$work/extends/b2.yaml"
printf 'extends: b2.yaml\nname: v2\n' >"$work/extends/v2.yaml"
"$exe" run "$work/extends/v2.yaml" --reps 5 -q -o "$work/stale" >/dev/null 2>&1 || fail "v2 run"
before=$(md5sum <"$work/stale/results.sqlite")
sed -i 's/beta0: {law: -3.5/beta0: {law: -1.0/' "$work/extends/b2.yaml"
faults=$((faults + 1))
expect "base file changed under extends" 73 "made from other inputs than this command's" \
  run "$work/extends/v2.yaml" --reps 5 -q -o "$work/stale"
expect "base file changed: what changed" 73 "scenario (resolved, sha256)" \
  run "$work/extends/v2.yaml" --reps 5 -q -o "$work/stale"
[ "$(md5sum <"$work/stale/results.sqlite")" = "$before" ] || fail "refused database was changed"
if "$exe" run "$work/extends/v2.yaml" --reps 5 -q -o "$work/stale" 2>&1 | grep -q "reusing"; then
  wrong=$((wrong + 5))
fi
# A data file changed in place is a different input too.
mkdir -p "$work/data-changed/data"
cp "$src"/scenarios/data/russia_regions_*.csv "$work/data-changed/data/"
sed "s|^regions: russia83|regions: russia83\ndata_dir: data|" "$tiny" >"$work/data-changed/s.yaml"
"$exe" run "$work/data-changed/s.yaml" --reps 3 -q -o "$work/data-changed/out" >/dev/null 2>&1 ||
  fail "data run"
sed -i 's/Moscow/Moskva/' "$work/data-changed/data/russia_regions_83.csv"
faults=$((faults + 1))
expect "region data file changed" 73 "data file russia_regions_83.csv (sha256)" \
  run "$work/data-changed/s.yaml" --reps 3 -q -o "$work/data-changed/out"

# The database alone makes its runs again, identical.
expect "reproduce from the manifest alone" 0 "results:" \
  reproduce "$work/reference" -o "$work/reproduced" -q
[ "$(content "$work/reproduced/results.sqlite" | md5sum)" = "$reference" ] ||
  fail "reproduced runs differ from the original's"
expect "reproduce into the folder read from" 73 "another directory" \
  reproduce "$work/reference" -o "$work/reference"
# So does a comparison's, with its table: against a chosen reference, with regional series.
"$exe" compare "$src/scenarios/eu_programme.yaml" --arms eu --reference us --reps 3 --seed 5 \
  --regions -j 2 -q -o "$work/compared" >/dev/null 2>&1 || fail "comparison to reproduce"
expect "reproduce a comparison" 0 "eu - us" reproduce "$work/compared" -o "$work/recompared" -q
comparisons() { sqlite3 "$1" "SELECT * FROM comparisons ORDER BY arm, reference, outcome"; }
[ "$(content "$work/recompared/results.sqlite" | md5sum)" = \
  "$(content "$work/compared/results.sqlite" | md5sum)" ] ||
  fail "a reproduced comparison's runs differ from the original's"
[ "$(comparisons "$work/recompared/results.sqlite" | md5sum)" = \
  "$(comparisons "$work/compared/results.sqlite" | md5sum)" ] ||
  fail "a reproduced comparison's table differs from the original's"
[ "$(sqlite3 "$work/recompared/results.sqlite" "SELECT count(*) FROM runs")" = 6 ] ||
  fail "a reproduced comparison of two arms and 3 replicates does not hold 6 runs"

# 2. Two writers on one folder: the second is refused at once, naming the first.
"$exe" run "$tiny" --reps 3000 --seed 1 -j 1 -q -o "$work/shared" >/dev/null 2>&1 &
first=$!
for _ in $(seq 200); do
  grep -q '"pid"' "$work/shared/policysim.lock" 2>/dev/null && break
  sleep 0.05
done
faults=$((faults + 1))
expect "second writer, other seed" 73 "in use by another policysim process (pid $first" \
  run "$tiny" --reps 3000 --seed 2 -j 1 -q -o "$work/shared"
expect "second writer, same seed" 73 "in use by another policysim process" \
  run "$tiny" --reps 3000 --seed 1 -j 1 -q -o "$work/shared"
expect "compare as second writer" 73 "in use by another policysim process" \
  compare "$src/scenarios/compare_interventions.yaml" --reps 2 -q -o "$work/shared"
kill -KILL "$first" 2>/dev/null
wait "$first" 2>/dev/null
# The kernel released the killed holder's lock: the same command resumes.
expect "resume after the holder was killed" 0 "results:" \
  run "$tiny" --reps 60 --seed 1 -j 2 -q -o "$work/shared"
expect "other seed after the holder was killed" 73 "seed: 1 there, 2 now" \
  run "$tiny" --reps 60 --seed 2 -j 2 -q -o "$work/shared"
# What a third command prints from the raced folder is what a fresh folder gives for seed 1.
summary() { "$exe" run "$tiny" --reps 60 --seed 1 -j 2 -q -o "$1" 2>/dev/null | grep -v '^results:'; }
if [ "$(summary "$work/shared" | md5sum)" = "$(summary "$work/shared-fresh" | md5sum)" ]; then
  ok "the folder two writers raced for gives seed 1's numbers"
else
  fail "the folder two writers raced for gives other numbers than seed 1's"
  wrong=$((wrong + 1))
fi

# Two writers started at the same moment, as in `run --seed 1 -o D & run --seed 2 -o D`: one
# writes, the other is refused, and the folder then gives the numbers of the seed that wrote.
for trial in 1 2 3; do
  folder="$work/race$trial"
  "$exe" run "$tiny" --reps 150 --seed 1 -j 1 -q -o "$folder" >"$work/race-1.out" 2>&1 &
  one=$!
  "$exe" run "$tiny" --reps 150 --seed 2 -j 1 -q -o "$folder" >"$work/race-2.out" 2>&1 &
  two=$!
  wait "$one"; code_one=$?
  wait "$two"; code_two=$?
  faults=$((faults + 1))
  if [ "$code_one" -eq 0 ] && [ "$code_two" -eq 73 ]; then winner=1; loser=2
  elif [ "$code_one" -eq 73 ] && [ "$code_two" -eq 0 ]; then winner=2; loser=1
  else
    fail "race $trial: exits $code_one and $code_two, expected one 0 and one 73"
    continue
  fi
  grep -q "in use by another policysim process" "$work/race-$loser.out" ||
    fail "race $trial: the refusal does not name the holder: $(cat "$work/race-$loser.out")"
  race_summary() { "$exe" run "$tiny" --reps 150 --seed "$2" -j 2 -q -o "$1" 2>/dev/null | grep -v '^results:'; }
  if [ "$(race_summary "$folder" "$winner" | md5sum)" = \
       "$(race_summary "$work/race-fresh$winner" "$winner" | md5sum)" ]; then
    ok "race $trial: seed $winner wrote, seed $loser was refused, and the folder gives seed $winner's numbers"
  else
    fail "race $trial: the folder gives other numbers than seed $winner's"
    wrong=$((wrong + 1))
  fi
done

# A database whose runs disagree with its manifest is refused, not trusted.
cp -r "$work/reference" "$work/tampered"
sqlite3 "$work/tampered/results.sqlite" "UPDATE runs SET seed = '12345' WHERE replicate = 7"
faults=$((faults + 1))
expect "runs disagree with the manifest" 73 "its runs and its manifest disagree" \
  run "$tiny" "${same[@]}" --reps 120 -o "$work/tampered"

# 3. Corrupt pages: refused before anything is written, the file left as it was.
cp -r "$work/reference" "$work/corrupt"
size=$(stat -c %s "$work/corrupt/results.sqlite")
page=$(sqlite3 "$work/corrupt/results.sqlite" "PRAGMA page_size")
head -c "$page" /dev/urandom |
  dd of="$work/corrupt/results.sqlite" bs="$page" seek=$((size / page / 2)) conv=notrunc 2>/dev/null
faults=$((faults + 1))
before=$(md5sum <"$work/corrupt/results.sqlite")
expect "corrupt pages" 73 "is damaged" run "$tiny" "${same[@]}" --reps 200 -o "$work/corrupt"
[ "$(md5sum <"$work/corrupt/results.sqlite")" = "$before" ] || fail "corrupt database was written"

# Foreign databases and files, and an output path that is a file.
mkdir -p "$work/foreign" "$work/garbage"
sqlite3 "$work/foreign/results.sqlite" "CREATE TABLE measurements(x); INSERT INTO measurements VALUES (1)"
head -c 10000 /dev/urandom >"$work/garbage/results.sqlite"
echo "not a folder" >"$work/file"
faults=$((faults + 3))
expect "SQLite database of another program" 73 "not a policysim results database" \
  run "$tiny" --reps 2 -q -o "$work/foreign"
expect "file that is not SQLite" 73 "is not an SQLite database" \
  run "$tiny" --reps 2 -q -o "$work/garbage"
expect "output path is a file" 73 "is a file, not a directory" run "$tiny" --reps 2 -q -o "$work/file"

# Locked by another program (an sqlite3 shell holding a write transaction).
cp -r "$work/reference" "$work/locked"
(echo "BEGIN IMMEDIATE;"; sleep 14) | sqlite3 "$work/locked/results.sqlite" &
holder=$!
sleep 0.5
faults=$((faults + 1))
expect "locked by another program" 73 "is locked by another program" \
  run "$tiny" "${same[@]}" --reps 121 -o "$work/locked"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# Read-only folder and read-only file, as a user without the right to write them (root may
# write anything, so root's test runs policysim as nobody).
if [ "$(id -u)" -eq 0 ]; then run_as=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
cp -r "$work/reference" "$work/readonly"
rm -f "$work/readonly/policysim.lock"
chmod 555 "$work/readonly"
chmod 444 "$work/readonly/results.sqlite"
faults=$((faults + 2))
expect "read-only folder" 73 "read-only for you; write the results elsewhere with -o DIR" \
  run "$tiny" "${same[@]}" --reps 121 -o "$work/readonly"
chmod 755 "$work/readonly"
if [ "$(id -u)" -eq 0 ]; then chown 65534 "$work/readonly"; fi
expect "read-only file" 73 "is read-only for you, so no runs can be added to it" \
  run "$tiny" "${same[@]}" --reps 121 -o "$work/readonly"
run_as=()

# 4. A full disk (a file-size limit, its signal ignored so that writes fail instead), then the
# same command without the limit: the result equals the uninterrupted run's.
faults=$((faults + 1))
output=$(trap '' XFSZ; ulimit -f 5000; "$exe" run "$tiny" "${same[@]}" --reps 120 -o "$work/full" 2>&1)
code=$?
stored=$(runs_in "$work/full/results.sqlite")
if [ "$code" -eq 74 ] && [ "$stored" -lt 120 ]; then
  ok "file-size limit: exit 74 with $stored of 120 runs stored: $(grep policysim <<<"$output" | head -n1 | cut -c1-150)"
else
  fail "file-size limit: exit $code with $stored runs: $output"
fi
"$exe" run "$tiny" "${same[@]}" --reps 120 -o "$work/full" >/dev/null 2>&1 || fail "resume after full disk"
if [ "$(content "$work/full/results.sqlite" | md5sum)" = "$reference" ]; then
  ok "resumed after a full disk: identical to the uninterrupted run"
else
  fail "resumed after a full disk: content differs"
  wrong=$((wrong + 1))
fi

# 5. SIGKILL at random moments, then the same command: identical content, and no run once
# stored is ever lost.
kills=0
previous=0
for round in $(seq 12); do
  "$exe" run "$tiny" "${same[@]}" --reps 120 -o "$work/killed" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%02d' $((RANDOM % 60 + 5)))"
  if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  now=$(runs_in "$work/killed/results.sqlite")
  if [ "$now" -lt "$previous" ]; then
    lost=$((lost + previous - now))
    fail "round $round: $((previous - now)) stored runs lost"
  fi
  previous=$now
done
faults=$((faults + kills))
"$exe" run "$tiny" "${same[@]}" --reps 120 -o "$work/killed" >/dev/null 2>&1 || fail "final resume"
if [ "$(content "$work/killed/results.sqlite" | md5sum)" = "$reference" ]; then
  ok "$kills SIGKILLs then resume: identical to the uninterrupted run"
else
  fail "SIGKILLs then resume: content differs"
  wrong=$((wrong + 1))
fi

echo "faults injected: $faults, runs lost: $lost, wrong results reused: $wrong"
[ "$lost" -eq 0 ] && [ "$wrong" -eq 0 ] || failures=$((failures + 1))
exit $failures
