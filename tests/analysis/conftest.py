"""Where the analysis tests get their results database.

1. The policysim engine: $POLICYSIM_EXE (set by ctest), else build/policysim under the repository
   root. It runs the tiny smoke scenario with 4 replications and the regional series.
2. Only when there is no executable (or POLICYSIM_ANALYSIS_FIXTURE=1 is set): the fixture database
   of make_fixture.py. Tests marked `engine` are then skipped, with the reason shown, not passed.

Tests take `results` (a loaded Results) and `database_path` (for direct sqlite3 checks) and need no
change whichever source is used. A calibration's database (`calibration_source`) comes the same two
ways: the engine calibrates two intercepts of the tiny scenario (CALIBRATION_YAML), else the
database of make_calibration_fixture.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis.load import Results, load  # noqa: E402
from make_calibration_fixture import build_calibration_fixture  # noqa: E402
from make_fixture import build_fixture  # noqa: E402

SMOKE_SCENARIO = REPO_ROOT / "scenarios" / "smoke" / "tiny.yaml"
ENGINE_REPLICATIONS = 4  # --reps of the engine's run: replicates 0 to 3
ENGINE_TIMEOUT_SECONDS = 120

CALIBRATION_YAML = """\
extends: {scenario}
name: tiny_calibration
targets:
  - {{name: law implementation, metric: mean_law, stat: last, window: [2000Q4, 2000Q4],
     range: [0.079, 0.110], share: 0.6, source: runs at beta0.law -2.5 and beta0.victim -3}}
  - {{name: victim implementation, metric: mean_victim, stat: last, window: [2000Q4, 2000Q4],
     range: [0.0335, 0.0534], share: 0.6, source: runs at beta0.law -2.5 and beta0.victim -3}}
  - {{name: law adopters in 2000, metric: adopted_law, stat: sum, window: [2000Q1, 2000Q4],
     range: [4, 7], share: 0.9, source: runs at beta0.law -2.5 and beta0.victim -3}}
  - {{name: the first adopter, metric: adopted_law, stat: last, window: [1997Q1, 1997Q1],
     range: [1, 83], counted: false, source: the initial adopter}}
  - {{name: resistance stays moderate, metric: resistance_mean, stat: mean, window: [1999Q1, 2000Q4],
     range: [0.0, 0.8], source: met whatever the parameters}}
calibration:
  particles: 40
  replications: 8
  held_out: 10
  generations: 4
  fit: [law implementation, victim implementation, resistance stays moderate]
  parameters:
    beta0.law: {{range: [-6, -1]}}
    beta0.victim: {{range: [-7, -2]}}
"""
"""The engine's calibration: two fitted targets (ranges spanning 80 % of the runs at the values in
their source), one predicted (informative, not fitted), one uninformative and one check; held-out
seeds for the last generation. About 7 s on two threads."""


@dataclass(frozen=True)
class DatabaseSource:
    """The database under test and where it came from ("engine" or "fixture")."""

    path: Path
    kind: str
    detail: str
    printed: str = ""
    """What the engine printed on stdout (a calibration's summary); empty for a fixture."""


def engine_executable() -> Path | None:
    """$POLICYSIM_EXE, else build/policysim when it exists; None when neither does."""
    if os.environ.get("POLICYSIM_ANALYSIS_FIXTURE") == "1":
        return None
    from_environment = os.environ.get("POLICYSIM_EXE")
    if from_environment:
        return Path(from_environment)
    candidate = REPO_ROOT / "build" / "policysim"
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def find_database(out_dir: Path) -> Path:
    """results.sqlite in the output folder, else the only *.sqlite below it."""
    preferred = out_dir / "results.sqlite"
    if preferred.is_file():
        return preferred
    found = sorted(out_dir.rglob("*.sqlite"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one results database under {out_dir}, found {[str(p) for p in found]}")
    return found[0]


def run_engine(executable: Path, out_dir: Path) -> Path:
    """Run the smoke scenario with the engine and return the database it wrote (fails the session otherwise)."""
    command = [str(executable), "run", str(SMOKE_SCENARIO), "--reps", str(ENGINE_REPLICATIONS), "--seed", "7", "--regions",
               "-o", str(out_dir), "--quiet"]
    run_command(command)
    try:
        return find_database(out_dir)
    except FileNotFoundError as error:
        pytest.fail(f"the engine wrote no database: {error}", pytrace=False)


def run_command(command: list[str]) -> subprocess.CompletedProcess:
    """Run the engine and return what it did; fails the session when it cannot run or fails."""
    try:
        completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True,
                                   timeout=ENGINE_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"cannot run the engine ({' '.join(command)}): {error}", pytrace=False)
    if completed.returncode != 0:
        pytest.fail(f"the engine failed (exit {completed.returncode}): {' '.join(command)}\n{completed.stderr[-2000:]}",
                    pytrace=False)
    return completed


@pytest.fixture(scope="session")
def database_source(tmp_path_factory, pytestconfig) -> DatabaseSource:
    """The database under test: from the engine when there is one, else the fixture."""
    executable = engine_executable()
    if executable is None:
        path = build_fixture(tmp_path_factory.mktemp("fixture") / "results.sqlite")
        source = DatabaseSource(path, "fixture", "no policysim executable: fixture database (make_fixture.py)")
    else:
        path = run_engine(executable, tmp_path_factory.mktemp("engine"))
        source = DatabaseSource(path, "engine", f"{executable} run {SMOKE_SCENARIO.relative_to(REPO_ROOT)}")
    pytestconfig.stash[SOURCE_KEY] = source
    return source


@pytest.fixture(scope="session")
def calibration_source(tmp_path_factory, pytestconfig) -> DatabaseSource:
    """A calibration's database: the engine's calibration of CALIBRATION_YAML when there is an
    engine, else the hand-made one of make_calibration_fixture.py."""
    executable = engine_executable()
    folder = tmp_path_factory.mktemp("calibration")
    if executable is None:
        path = build_calibration_fixture(folder / "results.sqlite")
        source = DatabaseSource(path, "fixture", "no policysim executable: make_calibration_fixture.py")
    else:
        scenario = folder / "calibration.yaml"
        scenario.write_text(CALIBRATION_YAML.format(scenario=SMOKE_SCENARIO), encoding="utf-8")
        completed = run_command([str(executable), "calibrate", str(scenario), "-o", str(folder / "out"), "-j", "2"])
        source = DatabaseSource(folder / "out" / "results.sqlite", "engine",
                                f"{executable} calibrate (conftest.CALIBRATION_YAML)", completed.stdout)
    pytestconfig.stash[CALIBRATION_SOURCE_KEY] = source
    return source


@pytest.fixture(scope="session")
def database_path(database_source) -> Path:
    """Path of the results database under test, for direct sqlite3 checks."""
    return database_source.path


@pytest.fixture(scope="session")
def results(database_path) -> Results:
    """The database under test, loaded."""
    return load(database_path)


@pytest.fixture(autouse=True)
def _skip_engine_assertions_on_fixture(request):
    if request.node.get_closest_marker("engine") is None:
        return
    source = request.getfixturevalue("database_source")
    if source.kind != "engine":
        pytest.skip("engine-specific assertion: skipped on the fixture database (no policysim executable)")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


SOURCE_KEY = pytest.StashKey[DatabaseSource]()
CALIBRATION_SOURCE_KEY = pytest.StashKey[DatabaseSource]()


def pytest_configure(config):
    config.addinivalue_line("markers", "engine: assertion about the engine's own output; skipped on the fixture")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    source = config.stash.get(SOURCE_KEY, None)
    if source is not None:
        terminalreporter.write_line(f"analysis tests used the {source.kind} database: {source.detail}")
    calibration = config.stash.get(CALIBRATION_SOURCE_KEY, None)
    if calibration is not None:
        terminalreporter.write_line(f"calibration tests used the {calibration.kind} database: {calibration.detail}")
