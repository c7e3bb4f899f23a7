# Sourced by the MPI command-line tests (not a test itself: only *.sh files are), after
# expect.bash and sweep_content.bash.
# runs_in_folder FOLDER: the runs stored in FOLDER's database and in its ranks' databases.
# kill_rank1_midway FOLDER MOST TOTAL COMMAND...: runs COMMAND (an mpirun job writing into FOLDER,
# its output in FOLDER.log) and SIGKILLs its rank 1 once 20 to 20 + MOST - 1 runs are stored;
# fails unless the job then ends with fewer than TOTAL runs stored. Sets $stored to the runs kept.

runs_in_folder() {
  local total=0 db
  for db in "$1"/results.sqlite "$1"/ranks/*/results.sqlite; do
    [ -f "$db" ] && total=$((total + $(stored_runs "$db")))
  done
  echo "$total"
}

kill_rank1_midway() {
  local folder=$1 most=$2 total=$3 launcher target rank1="" pid
  shift 3
  "$@" >"$folder.log" 2>&1 &
  launcher=$!
  target=$((20 + RANDOM % most))
  while kill -0 "$launcher" 2>/dev/null && [ "$(runs_in_folder "$folder")" -lt "$target" ]; do
    sleep 0.01
  done
  for pid in $(pgrep -P "$launcher"); do
    [ "$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -x 'OMPI_COMM_WORLD_RANK=1')" ] && rank1=$pid
  done
  if [ -z "$rank1" ] || ! kill -KILL "$rank1" 2>/dev/null; then
    wait "$launcher"
    fail "$folder: rank 1 could not be killed: the job ended first ($(runs_in_folder "$folder") runs)"
    return 1
  fi
  for _ in $(seq 600); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$launcher" 2>/dev/null; then
    fail "$folder: the job still runs a minute after rank 1 was killed"
    pkill -KILL -P "$launcher"
    kill -KILL "$launcher"
  fi
  wait "$launcher" 2>/dev/null
  stored=$(runs_in_folder "$folder")
  [ "$stored" -lt "$total" ] || fail "$folder: every run was stored before the kill"
}
