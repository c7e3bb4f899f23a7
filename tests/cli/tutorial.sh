#!/usr/bin/env bash
# docs/tutorial.md runs as written: its ```yaml blocks that start with `# file: PATH` are written
# to PATH, its ```sh blocks are run in order from a copy of the repository's scenarios (with
# ./build/policysim the policysim under test), and then its quoted output, its figures and the
# answer it states are checked against what the commands produced.
# Usage: tutorial.sh POLICYSIM_EXE SOURCE_DIR
set -u
exe=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}

mkdir -p "$work/build"
ln -s "$exe" "$work/build/policysim"
cp -r "$src/scenarios" "$work/scenarios"
rm -f "$work/scenarios/eu_programme.yaml"  # the tutorial writes it

# The page's blocks: files to write, commands to run, and the output it quotes.
/usr/bin/python3 - "$src/docs/tutorial.md" "$work" <<'PY' || exit 1
import pathlib, re, sys
page, work = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2])
blocks = re.findall(r"^```(\w*)\n(.*?)^```$", page, flags=re.S | re.M)
commands, quoted = [], []
for language, body in blocks:
    first = body.splitlines()[0] if body else ""
    if language == "yaml" and first.startswith("# file: "):
        target = work / first[len("# file: "):].strip()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body)
    elif language == "sh":
        commands.append(body)
    elif language == "":
        quoted.extend(line for line in body.splitlines() if line.strip())
if not commands or not quoted:
    sys.exit("docs/tutorial.md: no ```sh commands or no quoted output found")
(work / "commands.sh").write_text("".join(commands))
(work / "quoted.txt").write_text("\n".join(quoted) + "\n")
PY

cd "$work" || exit 1
if ! bash -e -x commands.sh >commands.log 2>&1; then
  fail "the tutorial's commands stopped:"
  tail -n 30 commands.log
  exit 1
fi
echo "ok   the tutorial's $(grep -c '^+ ' commands.log) commands ran"

# Every quoted line appears in what the commands printed: its pieces between `...` in order on
# one line of the output.
cat commands.log eu_against_base.txt eu_against_us.txt >printed.txt
/usr/bin/python3 - <<'PY' || failures=$((failures + 1))
import pathlib, sys
printed = pathlib.Path("printed.txt").read_text().splitlines()
missing = []
for line in pathlib.Path("quoted.txt").read_text().splitlines():
    pieces = [p.strip() for p in line.replace("(...)", "...").split("...") if p.strip()]
    def holds(out):
        at = 0
        for piece in pieces:
            at = out.find(piece, at)
            if at < 0:
                return False
            at += len(piece)
        return True
    if not any(holds(out) for out in printed):
        missing.append(line)
for line in missing:
    print(f"FAIL the tutorial quotes a line the commands did not print: {line}")
if missing:
    sys.exit(1)
print("ok   every quoted line was printed")
PY

for figure in figures/fig-map-difference-a_law.png figures/fig-map-difference-a_law.svg \
  figures/fig-map-difference-rho.png results/eu_vs_us/report.html results/eu_vs_us/explore.html; do
  [ -s "$figure" ] || fail "the tutorial names $figure, which was not written"
done

# The answer the page states: co-run, the programme raises law implementation where it works
# more than the US-run one does, with less resistance there; both intervals exclude zero.
/usr/bin/python3 - <<'PY' || failures=$((failures + 1))
import sqlite3, sys
con = sqlite3.connect("file:results/eu_vs_us/results.sqlite?mode=ro", uri=True)
rows = {o: (low, high) for o, low, high in con.execute(
    "SELECT outcome, t_low, t_high FROM comparisons WHERE arm = 'eu' AND reference = 'us'")}
law, resistance = rows.get("targeted_final_mean_law"), rows.get("targeted_final_resistance")
if law is None or resistance is None or not (law[0] > 0 and resistance[1] < 0):
    print(f"FAIL eu - us where the programme works: law {law}, resistance {resistance}")
    sys.exit(1)
print(f"ok   eu - us where the programme works: law interval {law}, resistance {resistance}")
PY

[ "$failures" -eq 0 ] || {
  echo "$failures checks failed"
  exit 1
}
