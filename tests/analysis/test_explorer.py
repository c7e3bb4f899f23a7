"""The interactive page, loaded in headless Chromium: selections applied through its controls change
the map, the trajectories' marker and the readouts to the values the database holds."""

import shutil
import sqlite3
import statistics
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis import load
from analysis.explorer import write_explorer
from analysis.report import write_report
from make_fixture import build_fixture

CHROMIUM_TIMEOUT_SECONDS = 120
HALF_A_THOUSANDTH = 0.0005 + 1e-12  # the page stores values in thousandths


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, Path]:
    """(explore.html, its database): arms baseline and nordic, 3 replicates each."""
    folder = tmp_path_factory.mktemp("explorer")
    database = build_fixture(folder / "results.sqlite", n_runs=6, arms=("baseline", "nordic"))
    return write_explorer(load(database)), database


class _Dom(HTMLParser):
    """The attributes of the map's regions and of the elements with an id, from a dumped DOM."""

    def __init__(self):
        super().__init__()
        self.regions, self.by_id, self.polylines = {}, {}, []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "path" and "data-code" in attributes:
            self.regions[attributes["data-code"]] = attributes
        if tag == "polyline":
            self.polylines.append(attributes)
        if "id" in attributes:
            self.by_id[attributes["id"]] = attributes


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("headless Chromium is needed to test the interactive page: run scripts/install-deps.sh "
                    "(Debian package chromium)", pytrace=False)
    return found


def _rendered(path: Path, selection: str) -> _Dom:
    """The page's DOM after its script ran, opened at `path#selection` in headless Chromium."""
    command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--virtual-time-budget=10000", "--dump-dom", f"{path.as_uri()}#{selection}"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT_SECONDS)
    assert completed.returncode == 0, completed.stderr[-2000:]
    dom = _Dom()
    dom.feed(completed.stdout)
    return dom


def _values(database: Path, arm: str, metric: str, quarter: str) -> tuple[dict, float]:
    """Per region code, the median across the arm's runs; and the median across runs of the mean
    over regions, straight from the database."""
    connection = sqlite3.connect(database)
    rows = connection.execute(f"SELECT g.code, s.run_id, s.{metric} FROM region_series s JOIN runs r USING (run_id) "
                              "JOIN regions g ON g.region = s.region WHERE r.arm = ? AND s.quarter = ?",
                              (arm, quarter)).fetchall()
    connection.close()
    by_region, by_run = {}, {}
    for code, run_id, value in rows:
        by_region.setdefault(code, []).append(value)
        by_run.setdefault(run_id, []).append(value)
    return ({code: statistics.median(values) for code, values in by_region.items()},
            statistics.median(statistics.fmean(values) for values in by_run.values()))


def _assert_page_shows(dom: _Dom, database: Path, arm: str, metric: str, quarter: str, region: str) -> None:
    status = dom.by_id["status"]
    assert (status["data-arm"], status["data-outcome"], status["data-quarter"]) == (arm, metric, quarter)
    medians, national = _values(database, arm, metric, quarter)
    assert set(dom.regions) == set(medians)
    for code, median in medians.items():
        assert abs(float(dom.regions[code]["data-value"]) - median) <= HALF_A_THOUSANDTH, code
    assert abs(float(dom.by_id["national"]["data-value"]) - national) <= HALF_A_THOUSANDTH
    assert abs(float(dom.by_id["region-readout"]["data-value"]) - medians[region]) <= HALF_A_THOUSANDTH
    emphasised = [line for line in dom.polylines if line.get("stroke-width") == "2.6"]
    assert [line["data-arm"] for line in emphasised] == [arm]


def test_choosing_an_arm_an_outcome_and_a_quarter_changes_the_map_to_the_databases_values(page):
    path, database = page
    first = _rendered(path, "arm=nordic&outcome=rho&quarter=2005Q4&region=RU-KHA")
    _assert_page_shows(first, database, "nordic", "rho", "2005Q4", "RU-KHA")
    second = _rendered(path, "arm=baseline&outcome=a_law&quarter=2001Q2&region=RU-MOW")
    _assert_page_shows(second, database, "baseline", "a_law", "2001Q2", "RU-MOW")
    changed = [code for code in first.regions if first.regions[code]["fill"] != second.regions[code]["fill"]]
    assert len(changed) > len(first.regions) // 2


def test_the_page_needs_no_network_and_no_other_file(page):
    text = page[0].read_text(encoding="utf-8")
    assert "<script src" not in text and "<link" not in text
    assert "https://" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")


def test_the_report_writes_the_page_beside_it(tmp_path):
    database = build_fixture(tmp_path / "results.sqlite", n_runs=2)
    write_report(database)
    assert "explore.html" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "explore.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
