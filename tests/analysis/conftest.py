"""Where the analysis tests get their results database.

1. The policysim engine: $POLICYSIM_EXE (set by ctest), else build/policysim under the repository
   root. It runs the tiny smoke scenario with 4 replications and the regional series.
2. Only when there is no executable (or POLICYSIM_ANALYSIS_FIXTURE=1 is set): the fixture database
   of make_fixture.py. Tests marked `engine` are then skipped, with the reason shown, not passed.

Tests take `results` (a loaded Results) and `database_path` (for direct sqlite3 checks) and need no
change whichever source is used.
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
from make_fixture import build_fixture  # noqa: E402

SMOKE_SCENARIO = REPO_ROOT / "scenarios" / "smoke" / "tiny.yaml"
ENGINE_REPLICATIONS = 4  # --reps of the engine's run: replicates 0 to 3
ENGINE_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class DatabaseSource:
    """The database under test and where it came from ("engine" or "fixture")."""

    path: Path
    kind: str
    detail: str


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
    try:
        completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True,
                                   timeout=ENGINE_TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"cannot run the engine ({' '.join(command)}): {error}", pytrace=False)
    if completed.returncode != 0:
        pytest.fail(f"the engine failed (exit {completed.returncode}): {' '.join(command)}\n{completed.stderr[-2000:]}",
                    pytrace=False)
    try:
        return find_database(out_dir)
    except FileNotFoundError as error:
        pytest.fail(f"the engine wrote no database: {error}", pytrace=False)


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


def pytest_configure(config):
    config.addinivalue_line("markers", "engine: assertion about the engine's own output; skipped on the fixture")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    source = config.stash.get(SOURCE_KEY, None)
    if source is not None:
        terminalreporter.write_line(f"analysis tests used the {source.kind} database: {source.detail}")
