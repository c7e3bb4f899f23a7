#!/usr/bin/env python3
"""Fixed-seed results of small scenarios, compared exactly with tests/golden/<name>.txt.

    golden.py POLICYSIM_EXE check    # exit 1 and show the first differences if anything changed
    golden.py POLICYSIM_EXE update   # rewrite the golden files (scripts/update-golden.sh)

Every number is written with repr(), which round-trips a double exactly, so a change in the last bit
of any outcome or series value fails the check. Rewrite the files only for an intended change of
the model's results, and say in the commit why the numbers moved.
"""
import difflib
import pathlib
import sqlite3
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# name -> (scenario, replications, seed)
CASES = {
    "tiny": ("scenarios/smoke/tiny.yaml", 4, 1),
    "synthetic": ("scenarios/smoke/synthetic.yaml", 2, 2),
    # Several blocks of the fixed tree of sums over regions: pins the bits of large countries'.
    "synthetic_blocks": ("scenarios/smoke/synthetic_blocks.yaml", 2, 3),
    # TIP, the law, the federal unit, courts and obstruction: the rules the others never reach.
    "pressure": ("scenarios/smoke/pressure.yaml", 4, 20031201),
}


def render(database: pathlib.Path) -> str:
    db = sqlite3.connect(database)
    lines = []
    runs = db.execute("SELECT * FROM runs ORDER BY arm, replicate")
    names = [d[0] for d in runs.description]
    for row in runs.fetchall():
        record = dict(zip(names, row))
        for skip in ("run_id", "wall_seconds"):
            record.pop(skip)
        lines.append("run " + " ".join(f"{k}={record[k]!r}" for k in record))
    series = db.execute(
        "SELECT r.replicate, s.* FROM series s JOIN runs r USING (run_id) "
        "ORDER BY r.arm, r.replicate, s.tick")
    names = [d[0] for d in series.description]
    for row in series.fetchall():
        record = dict(zip(names, row))
        record.pop("run_id")
        lines.append("series " + " ".join(f"{k}={record[k]!r}" for k in record))
    events = db.execute(
        "SELECT r.replicate, e.tick, e.kind, e.region, e.detail FROM events e "
        "JOIN runs r USING (run_id) ORDER BY r.arm, r.replicate, e.event")
    for row in events.fetchall():
        lines.append("event " + " ".join(repr(v) for v in row))
    return "\n".join(lines) + "\n"


def produce(exe: str, name: str, workdir: pathlib.Path) -> str:
    scenario, reps, seed = CASES[name]
    out = workdir / name
    subprocess.run([exe, "run", str(ROOT / scenario), "--reps", str(reps), "--seed", str(seed),
                    "-j", "2", "-o", str(out), "-q"], check=True, stdout=subprocess.DEVNULL)
    return render(out / "results.sqlite")


def main() -> int:
    exe, mode = sys.argv[1], sys.argv[2]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for name in CASES:
            text = produce(exe, name, pathlib.Path(tmp))
            golden = HERE / f"{name}.txt"
            if mode == "update":
                golden.write_text(text)
                print(f"wrote {golden}")
            elif not golden.exists() or golden.read_text() != text:
                failed = True
                expected = golden.read_text().splitlines() if golden.exists() else []
                diff = difflib.unified_diff(expected, text.splitlines(), str(golden), "now",
                                            lineterm="", n=0)
                print(f"{name}: results differ from {golden}:")
                for line in list(diff)[:20]:
                    print("  " + line[:300])
                print("If the change is intended, run scripts/update-golden.sh and say why in the "
                      "commit.")
            else:
                print(f"{name}: identical to {golden.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
