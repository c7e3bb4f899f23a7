# Sourced by the sweep tests (not a test itself: only *.sh files are).
# sweep_content DB prints what a sweep's database holds, keyed by (arm, replicate): its regions,
# design, sensitivity measures (where the design has them), runs, events and targets (their
# verdicts and each run's values, where the scenario has them), without run_id (the
# order runs were stored in) and wall_seconds. Two databases print the same exactly when they
# hold the same results, whatever processes, shards or interruptions made them.
# stored_runs DB prints how many runs DB holds (0 before it exists).

# The columns of TABLE in DB but run_id and wall_seconds, as t."a", t."b", ...
sweep_content_columns() {
  sqlite3 "$1" "SELECT group_concat('t.\"' || name || '\"') FROM pragma_table_info('$2')
                WHERE name NOT IN ('run_id', 'wall_seconds')"
}

sweep_content() {
  local db=$1
  sqlite3 "$db" "SELECT * FROM regions ORDER BY region"
  sqlite3 "$db" "SELECT * FROM design ORDER BY factor_index"
  if [ -n "$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE name = 'sensitivity'")" ]; then
    sqlite3 "$db" "SELECT * FROM sensitivity ORDER BY outcome, factor"
  fi
  sqlite3 "$db" "SELECT $(sweep_content_columns "$db" runs) FROM runs t ORDER BY t.arm, t.replicate"
  sqlite3 "$db" "SELECT k.arm, k.replicate, $(sweep_content_columns "$db" events) FROM events t
                 JOIN runs k ON k.run_id = t.run_id ORDER BY k.arm, k.replicate, t.event"
  if [ -n "$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE name = 'targets'")" ]; then
    sqlite3 "$db" "SELECT * FROM targets ORDER BY name"
    sqlite3 "$db" "SELECT k.arm, k.replicate, t.name, t.value FROM target_values t
                   JOIN runs k ON k.run_id = t.run_id ORDER BY k.arm, k.replicate, t.name"
  fi
}

stored_runs() { sqlite3 "$1" "SELECT count(*) FROM runs" 2>/dev/null || echo 0; }
