#!/usr/bin/python3
"""bench/equivalence.py on real runs: it can pass and it can fail.

    equivalence_test.py EXE

EXE against itself with independent seeds must be equivalent (exit 0), and with the same seed
report every run identical; against a scenario whose
beta_resistance is a tenth higher it must not be (exit 1); bad arguments exit 2. The seeds are
fixed, so each outcome is reproducible for a given executable; after a change of the engine's
draws the first is a new sample, which fails with a probability of 1 % at most. The criterion
itself, its false-alarm rate on synthetic samples included, is tested with analysis.equivalence
(tests/analysis/test_equivalence.py).
"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE.parent.parent / "bench" / "equivalence.py"

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def engine(exe):
    def run(*arguments):
        finished = subprocess.run([sys.executable, str(SCRIPT), exe, exe, *arguments],
                                  capture_output=True, text=True)
        return finished.returncode, finished.stdout + finished.stderr

    code, output = run("--reps", "200", "--seed", "1", "--after-seed", "2")
    check(code == 0 and "verdict: EQUIVALENT" in output,
          f"the same engine, independent seeds: equivalent (exit {code})")
    if code != 0:
        print(output)
    code, output = run("--reps", "200", "--seed", "1", "--after-seed", "2",
                       "--after-scenario", str(HERE / "beta_resistance_raised.yaml"))
    check(code == 1 and "NOT EQUIVALENT" in output,
          f"beta_resistance a tenth higher: not equivalent (exit {code})")
    if code != 1:
        print(output)
    code, output = run("--reps", "50", "--seed", "1")
    check(code == 0 and "paired (same seeds, information only): 50 of 50 runs identical" in output,
          f"the same engine and seed: every run identical, shown as paired information (exit {code})")
    code, output = run("--reps", "1")
    check(code == 2 and "--reps" in output, f"--reps 1 is a usage error (exit {code})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    engine(sys.argv[1])
    sys.exit(1 if failures else 0)
