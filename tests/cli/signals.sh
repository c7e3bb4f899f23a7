#!/usr/bin/env bash
# SIGINT, SIGTERM and SIGHUP during `policysim run` and `compare`: the runs in flight are stored
# whole, the database is committed and marked interrupted, the command says how many runs are
# stored and exits 128 + the signal's number; rerunning the same command finishes the work, and
# the database then holds what an uninterrupted command writes. A second signal ends at once and
# still leaves no part of a run behind.
# Usage: signals.sh POLICYSIM_EXE SOURCE_DIR
set -u
set -m  # background commands keep SIGINT (without job control a shell ignores it for them)
exe=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

# Runs of a few hundredths of a second or more: 200 of them on one thread take several seconds,
# and the database commits every second of work (or 32 runs), so a signal arrives with runs both
# stored and to do, on an idle machine as on a loaded one.
cat >"$work/slow.yaml" <<'YAML'
name: slow
start: 1997Q1
end: 2002Q4
synthetic: {regions: 10000, districts: 7, seed: 3}
replications: 200
seed: 5
arms:
  - {name: other, description: a second arm for compare, parameters: {gamma: 0.2}}
YAML

# runs_stored DB: the number of rows in `runs` (0 while the database does not exist yet).
runs_stored() {
  /usr/bin/python3 - "$1" <<'PY'
import sqlite3, sys, os
if not os.path.exists(sys.argv[1]):
    print(0)
else:
    try:
        print(sqlite3.connect(sys.argv[1], timeout=5).execute("SELECT count(*) FROM runs").fetchone()[0])
    except sqlite3.Error:
        print(0)
PY
}

# consistent DB TICKS: the database passes SQLite's integrity check, and every stored run has
# its outcomes and all TICKS rows of its series (a run is stored whole or not at all).
consistent() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ticks = int(sys.argv[2])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity check"
bad = db.execute("SELECT r.arm, r.replicate, count(s.tick) FROM runs r LEFT JOIN series s "
                 "ON s.run_id = r.run_id GROUP BY r.run_id HAVING count(s.tick) != ?", (ticks,)).fetchall()
assert not bad, f"runs without all their series: {bad}"
nulls = db.execute("SELECT count(*) FROM runs WHERE final_adopted_law IS NULL").fetchone()[0]
assert nulls == 0, f"{nulls} runs without outcomes"
PY
}

# content DB: every run's seed, status, outcomes, series and events by (arm, replicate), and the
# comparisons; not run ids or wall times, which differ between any two commands.
content() {
  /usr/bin/python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def columns(table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in ("run_id", "wall_seconds")]
runs = ", ".join(f'r."{c}"' for c in columns("runs"))
for row in db.execute(f"SELECT {runs} FROM runs r ORDER BY arm, replicate"):
    print("run", row)
for table in ("series", "events"):
    cols = columns(table)
    order = ", ".join(str(i) for i in range(1, len(cols) + 3))
    select = ", ".join(f't."{c}"' for c in cols)
    for row in db.execute(f"SELECT r.arm, r.replicate, {select} FROM {table} t JOIN runs r "
                          f"ON r.run_id = t.run_id ORDER BY {order}"):
        print(table, row)
for table in ("targets", "comparisons"):
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
        cols = columns(table)
        order = ", ".join(str(i) for i in range(1, len(cols) + 1))
        select = ", ".join(f'"{c}"' for c in cols)
        for row in db.execute(f"SELECT {select} FROM {table} ORDER BY {order}"):
            print(table, row)
PY
}

# manifest_value DB KEY
manifest_value() {
  /usr/bin/python3 -c 'import sqlite3, sys; r = sqlite3.connect(sys.argv[1]).execute("SELECT value FROM manifest WHERE key = ?", (sys.argv[2],)).fetchone(); print(r[0] if r else "")' "$1" "$2"
}

# The uninterrupted reference, one per command.
for command in run compare; do
  "$exe" "$command" "$work/slow.yaml" -j 2 -q -o "$work/reference-$command" >/dev/null 2>&1 ||
    fail "the uninterrupted $command failed"
  content "$work/reference-$command/results.sqlite" >"$work/reference-$command.txt" ||
    fail "the content of the uninterrupted $command cannot be read"
done

# interrupt COMMAND SIGNAL CODE: starts COMMAND, sends SIGNAL once runs are stored, then checks.
interrupt() {
  local command=$1 signal=$2 expected=$3 asked=200
  [ "$command" = compare ] && asked=400
  local out="$work/$command-$signal" db="$work/$command-$signal/results.sqlite"
  "$exe" "$command" "$work/slow.yaml" -j 1 -q -o "$out" >"$work/stdout" 2>"$work/stderr" &
  local pid=$!
  local waited=0
  while [ "$(runs_stored "$db")" -lt 1 ] && [ "$waited" -lt 600 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -s "$signal" "$pid"
  wait "$pid"
  local code=$?
  local stored
  stored=$(runs_stored "$db")
  if [ "$code" -ne "$expected" ]; then
    fail "$command SIG$signal: exit $code, expected $expected; stderr: $(cat "$work/stderr")"
  elif ! grep -qx "policysim: interrupted: $stored of $asked runs stored; rerun the same command to resume" "$work/stderr"; then
    fail "$command SIG$signal: the message does not say $stored of $asked runs stored: $(cat "$work/stderr")"
  elif [ "$stored" -ge "$asked" ]; then
    fail "$command SIG$signal: every run was stored before the signal; nothing was interrupted"
  elif ! consistent "$db" 24; then
    fail "$command SIG$signal: the database is not consistent"
  elif [ "$(manifest_value "$db" complete)" != false ] ||
    [ "$(manifest_value "$db" interrupted_by)" != "SIG$signal" ]; then
    fail "$command SIG$signal: the manifest does not say it was interrupted by SIG$signal"
  elif ! "$exe" export "$db" -o "$work/csv-$command-$signal" 2>"$work/export-stderr" >/dev/null ||
    ! grep -q "interrupted by SIG$signal.*not yet computed.*rerun" "$work/export-stderr"; then
    fail "$command SIG$signal: the export does not say the results are not yet computed: $(cat "$work/export-stderr")"
  elif ! "$exe" "$command" "$work/slow.yaml" -j 2 -q -o "$out" >/dev/null 2>"$work/stderr"; then
    fail "$command SIG$signal: the rerun failed: $(cat "$work/stderr")"
  elif ! content "$db" >"$work/content.txt" || ! cmp -s "$work/content.txt" "$work/reference-$command.txt"; then
    fail "$command SIG$signal: after the rerun the database differs from an uninterrupted $command"
  elif [ "$(manifest_value "$db" complete)" != true ]; then
    fail "$command SIG$signal: after the rerun the manifest does not say complete"
  else
    echo "ok   $command SIG$signal: exit $code, $stored of $asked runs stored, resumed to identical content"
  fi
}
interrupt run INT 130
interrupt run TERM 143
interrupt run HUP 129
interrupt compare INT 130
interrupt compare TERM 143

# Two signals: the second ends the process at once, by the signal; what is stored is whole.
db="$work/twice/results.sqlite"
"$exe" run "$work/slow.yaml" -j 1 -q -o "$work/twice" >/dev/null 2>&1 &
pid=$!
waited=0
while [ "$(runs_stored "$db")" -lt 1 ] && [ "$waited" -lt 600 ]; do
  sleep 0.1
  waited=$((waited + 1))
done
kill -s INT "$pid"
kill -s INT "$pid"
wait "$pid"
code=$?
if [ "$code" -ne 130 ]; then
  fail "two SIGINTs: exit $code, expected 130"
elif ! consistent "$db" 24; then
  fail "two SIGINTs: the database is not consistent"
elif ! "$exe" run "$work/slow.yaml" -j 2 -q -o "$work/twice" >/dev/null 2>&1 ||
  ! content "$db" >"$work/content.txt" || ! cmp -s "$work/content.txt" "$work/reference-run.txt"; then
  fail "two SIGINTs: the rerun does not give the uninterrupted content"
else
  echo "ok   two SIGINTs: exit $code, consistent, resumed to identical content"
fi

# nohup's SIGHUP stays ignored: the run goes on to the end.
nohup "$exe" run "$work/slow.yaml" --reps 3 -j 1 -q -o "$work/nohup" >/dev/null 2>&1 &
pid=$!
sleep 0.2
kill -s HUP "$pid" 2>/dev/null
wait "$pid"
code=$?
if [ "$code" -ne 0 ] || [ "$(runs_stored "$work/nohup/results.sqlite")" -ne 3 ]; then
  fail "under nohup, SIGHUP stopped the run (exit $code)"
else
  echo "ok   under nohup, SIGHUP is ignored"
fi

[ "$failures" -eq 0 ]
