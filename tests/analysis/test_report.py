"""The report is one self-contained HTML file holding every section and figure."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis import sections
from analysis.report import render_report, write_report
from analysis.sections import register_section

REPO_ROOT = Path(__file__).resolve().parents[2]
VOID_ELEMENTS = {"meta", "img", "br", "hr", "link", "input", "col", "area", "base", "source", "wbr"}


class _Checker(HTMLParser):
    """Checks nesting and collects every reference to another resource."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.references, self.images, self.ids = [], [], [], [], []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)
        for name in ("src", "href", "data", "poster"):
            if attributes.get(name):
                self.references.append(attributes[name])
        if tag == "img":
            self.images.append(attributes.get("src", ""))
        if "id" in attributes:
            self.ids.append(attributes["id"])

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def report_html(results):
    return render_report(results)


def test_the_report_is_well_formed_html(report_html):
    assert report_html.startswith("<!DOCTYPE html>")
    checker = _Checker()
    checker.feed(report_html)
    checker.close()
    assert not checker.errors
    assert not checker.stack
    assert len(checker.ids) == len(set(checker.ids))


def test_the_report_references_no_external_asset(report_html):
    checker = _Checker()
    checker.feed(report_html)
    for reference in checker.references:
        assert reference.startswith(("#", "data:")), reference
    assert not re.search(r"(?i)(https?:|file:)//", report_html.replace("http://www.w3.org/", ""))
    assert "url(" not in report_html
    assert checker.images and all(src.startswith("data:image/png;base64,") for src in checker.images)


def test_the_report_has_every_section_with_captioned_figures(report_html, results):
    for key in ("scenario", "manifest", "summary", "adoption", "resistance", "events"):
        assert f'<section id="{key}">' in report_html
    if not results.region_series.empty:
        assert 'id="fig-heatmap"' in report_html
    figure_count = report_html.count("<figure ")
    assert figure_count == report_html.count("<figcaption>") >= 3
    assert "Not available for this database" not in report_html or results.region_series.empty


def test_the_report_shows_the_scenario_yaml_and_manifest(report_html, results):
    assert "<details>" in report_html and "Resolved scenario" in report_html
    assert results.scenario_name in report_html
    for key in ("start_quarter", "end_quarter"):
        if key in results.manifest:
            assert results.manifest[key] in report_html


def test_the_target_table_lists_each_target(report_html, results):
    if results.targets.empty:
        pytest.skip("the database records no targets")
    for name in results.targets["name"]:
        assert f"<td class=\"\">{name}</td>" in report_html
    assert report_html.count('class="met"') + report_html.count('class="unmet"') >= len(results.targets)


def test_a_registered_section_appears_in_the_report(results):
    @register_section("extra-test-section", "Extra test section", 999)
    def extra(results_, context):
        return "<p>extra body</p>"
    try:
        html_text = render_report(results)
    finally:
        del sections.SECTIONS["extra-test-section"]
    assert '<section id="extra-test-section"><h2>Extra test section</h2><p>extra body</p></section>' in html_text
    assert '<a href="#extra-test-section">' in html_text


def test_figures_can_be_saved_beside_the_report(database_path, tmp_path):
    out = write_report(database_path, tmp_path / "report.html", figures_dir=tmp_path / "figures")
    assert out.is_file()
    assert (tmp_path / "figures" / "fig-adoption.png").is_file()
    assert (tmp_path / "figures" / "fig-adoption.svg").is_file()


def test_the_command_line_prints_the_report_path(database_path, tmp_path):
    out = tmp_path / "cli" / "report.html"
    completed = subprocess.run([sys.executable, "-m", "analysis.report", str(database_path), "-o", str(out)],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_modules_run_as_files_from_any_folder_without_pythonpath(database_path, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    report, page = tmp_path / "elsewhere.html", tmp_path / "explore.html"
    for module, out in (("report", report), ("explorer", page)):
        completed = subprocess.run([sys.executable, str(REPO_ROOT / "analysis" / f"{module}.py"),
                                    str(database_path), "-o", str(out)],
                                   cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120)
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.strip() == str(out)
        assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    completed = subprocess.run([sys.executable, str(REPO_ROOT / "analysis" / "report.py"),
                                str(tmp_path / "absent.sqlite")],
                               cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 66
    assert "Traceback" not in completed.stderr


def test_the_command_line_rejects_a_missing_database(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "analysis.report", str(tmp_path / "absent.sqlite")],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 66
    assert "no results database" in completed.stderr


def test_the_command_line_rejects_a_file_that_is_not_a_database(tmp_path):
    garbage = tmp_path / "results.sqlite"
    garbage.write_text("not a database\n")
    completed = subprocess.run([sys.executable, "-m", "analysis.report", str(garbage)],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 66
    assert "is not a results database" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not (tmp_path / "report.html").exists()
