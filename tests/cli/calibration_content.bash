# Sourced by the calibration tests (not a test itself: only *.sh files are), after
# sweep_content.bash.
# calibration_content DB prints what a calibration's database holds: its runs, their events and
# target values, keyed by (arm, replicate), and its tables (calibration_generations, _particles,
# _parameters, _targets); not run_id (the order runs were stored in) nor wall_seconds. Two
# databases print the same exactly when they hold the same calibration, whatever processes or
# interruptions made them.

calibration_content() {
  local db=$1 table
  sqlite3 "$db" "SELECT $(sweep_content_columns "$db" runs) FROM runs t ORDER BY t.arm, t.replicate"
  sqlite3 "$db" "SELECT k.arm, k.replicate, $(sweep_content_columns "$db" events) FROM events t
                 JOIN runs k ON k.run_id = t.run_id ORDER BY k.arm, k.replicate, t.event"
  sqlite3 "$db" "SELECT k.arm, k.replicate, t.name, t.value FROM target_values t
                 JOIN runs k ON k.run_id = t.run_id ORDER BY k.arm, k.replicate, t.name"
  for table in generations particles parameters targets; do
    sqlite3 "$db" "SELECT * FROM calibration_$table"
  done
}
