#!/usr/bin/env bash
# A memory limit set on a control group nested below the process's own is read: a run of 10^6
# regions (about 560 MB) in a group limited to 400 MiB is refused with 64 before the country is
# built, dry run included, instead of being killed by the kernel. Needs root and a writable
# memory controller (cgroup v2, or v1's memory hierarchy); exits 77 (skipped) without them.
# Usage: memory_control_group.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
work=$(mktemp -d)
group=""
cleanup() {
  if [ -n "$group" ] && [ -d "$group" ]; then
    # Move any process left in it out, then remove it.
    while read -r pid; do echo "$pid" >"$parent/cgroup.procs" 2>/dev/null; done <"$group/cgroup.procs"
    rmdir "$group"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
skip() {
  echo "skipped: $1"
  exit 77
}

# The process's own group, as /proc/self/cgroup names it, and the file that limits it.
if own=$(sed -n 's/^0:://p' /proc/self/cgroup) && [ -n "$own" ] && [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  parent=/sys/fs/cgroup$own
  limit_file=memory.max
  grep -qw memory "$parent/cgroup.controllers" 2>/dev/null ||
    skip "the memory controller is not enabled for $parent (cgroup v2)"
elif own=$(sed -n 's/^[0-9]*:\([a-z,]*,\)\{0,1\}memory\(,[a-z,]*\)\{0,1\}:\(.*\)$/\3/p' /proc/self/cgroup) && [ -n "$own" ] &&
  [ -d /sys/fs/cgroup/memory ]; then
  parent=/sys/fs/cgroup/memory$own
  limit_file=memory.limit_in_bytes
else
  skip "no memory control group in /proc/self/cgroup"
fi
[ "$(id -u)" -eq 0 ] || skip "creating a control group needs root"
group="$parent/policysim-test-$$"
mkdir "$group" 2>/dev/null || { group=""; skip "cannot create a control group under $parent"; }
echo $((400 * 1024 * 1024)) >"$group/$limit_file" 2>/dev/null ||
  skip "cannot set $limit_file in $group"
echo "in $group ($limit_file = 400 MiB)"

cat >"$work/million.yaml" <<'YAML'
name: million
start: 1997Q1
end: 1997Q4
synthetic: {regions: 1000000, districts: 7, seed: 3}
YAML

failures=0
check() {
  local output code
  # The command runs inside the group: the shell moves itself in, then becomes policysim.
  output=$(bash -c 'echo $$ >"$1/cgroup.procs" && shift && exec timeout 120 "$@"' _ "$group" \
    "$exe" "$@" -o "$work/out" 2>&1)
  code=$?
  if [ "$code" -ne 64 ]; then
    echo "FAIL $*: exit $code, expected 64; output: $output"
    failures=$((failures + 1))
  elif ! grep -qE "needs about [0-9.]+ MiB of memory, more than the 400 MiB" <<<"$output"; then
    echo "FAIL $*: the message does not give the estimate and the group's 400 MiB: $output"
    failures=$((failures + 1))
  elif [ -e "$work/out" ]; then
    echo "FAIL $*: wrote $work/out"
    failures=$((failures + 1))
  else
    echo "ok   $*: $output"
  fi
}
check run "$work/million.yaml" -j 1
check run "$work/million.yaml" -j 1 --dry-run
[ "$failures" -eq 0 ]
