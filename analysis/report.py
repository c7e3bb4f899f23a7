"""Write one self-contained HTML report of a results database.

    /usr/bin/python3 -m analysis.report RESULTS_DB_OR_DIR [-o report.html] [--figures DIR]
        [--map-year YEAR] [--arms A,B] [--reference ARM] [--fixed-scales]

From a folder other than the repository root, run the file instead, with no PYTHONPATH:
`/usr/bin/python3 path/to/analysis/report.py RESULTS_DB_OR_DIR ...`.

A database written by `policysim sweep` gets the sections of a sweep (analysis/sweep_sections.py):
its sensitivity first, then response curves and the design. One written by `policysim calibrate`
gets those of a calibration (analysis/calibration_sections.py): the posterior first, then the
generations, the predictive check of each target, the held-out values and the settings.

Figures are embedded as base64 PNG; the CSS is inlined; the page references no other file.
With the regional series, the interactive page explore.html is written beside the report
(analysis/explorer.py). The path of the written report is printed on stdout. Exit codes: 0 written, 64 a bad option (an
arm the database lacks), 66 no results database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path


# Run as a file from any folder (`python3 /path/to/analysis/report.py ...`), this module is
# not in its package and its relative imports would fail: name the package and put its parent
# on the path, as PEP 366 describes, so no PYTHONPATH is needed.
if __name__ == "__main__" and not __package__:
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    __package__ = "analysis"

from . import calibration_sections  # noqa: F401  (registers the sections of a calibration's database)
from . import compare_figures  # noqa: F401  (registers the "Arms compared" section)
from . import sweep_sections  # noqa: F401  (registers the sections of a sweep's database)
from .html_render import escape, page
from .arms import reference_arm, selected_arms
from .calibration_figures import is_calibration
from .explorer import EXPLORER_METRICS, write_explorer
from .load import NotAResultsDatabase, Results, load
from .sections import REGION_METRICS, ReportContext, ordered_sections
from .sweep_figures import is_sweep

DATABASE_TITLES = {"runs": "Scenario", "sweep": "Sweep", "calibration": "Calibration"}


def database_kind(results: Results) -> str:
    """Which command wrote the database: "calibration" (`policysim calibrate`), "sweep" (`policysim
    sweep`) or "runs" (`policysim run` and `compare`)."""
    if is_calibration(results):
        return "calibration"
    return "sweep" if is_sweep(results) else "runs"


def render_report(results: Results, context: ReportContext | None = None) -> str:
    """The report's HTML text, with every registered section that has something to show."""
    context = context or ReportContext()
    navigation, bodies = [], []
    kind = database_kind(results)
    for section in ordered_sections(kind):
        body = section.build(results, context)
        if body is None:
            continue
        navigation.append((section.key, section.title))
        bodies.append(f'<section id="{escape(section.key)}"><h2>{escape(section.title)}</h2>{body}</section>')
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    version = results.manifest.get("policysim_version", "?")
    commit = results.manifest.get("git_commit", "?")
    subtitle = (f'<p class="subtitle">{results.n_runs} runs · policysim {escape(version)} ({escape(commit)}) · '
                f"database <code>{escape(results.path.name)}</code> · report generated {generated}</p>")
    return page(f"{DATABASE_TITLES[kind]}: {results.scenario_name}", subtitle, navigation, bodies)


def write_report(database: str | Path, out_path: str | Path | None = None, figures_dir: str | Path | None = None,
                 map_year: int | None = None, arms: list[str] | None = None, reference: str | None = None,
                 fixed_scales: bool = False) -> Path:
    """Load a database, write its report (default: report.html beside the database) and return the path.

    ValueError, before anything is written, when `arms` or `reference` names an arm the database lacks.
    """
    results = load(database, region_metrics=sorted(set(REGION_METRICS) | set(EXPLORER_METRICS)))
    selected_arms(results, arms)
    reference_arm(results, reference)
    out_path = Path(out_path) if out_path else results.path.with_name("report.html")
    context = ReportContext(figures_dir=Path(figures_dir) if figures_dir else None, map_year=map_year, arms=arms,
                            reference=reference, fixed_scales=fixed_scales)
    html_text = render_report(results, context)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(html_text, encoding="utf-8")
    if not results.region_series.empty:
        try:
            write_explorer(results, out_path.with_name("explore.html"))
        except (KeyError, ValueError):
            pass  # no outlines (a synthetic country): the report's map section says so
    return out_path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="python3 -m analysis.report", description=__doc__.splitlines()[0])
    parser.add_argument("database", help="results.sqlite, or the experiment folder holding it")
    parser.add_argument("-o", "--out", help="report file (default: report.html beside the database)")
    parser.add_argument("--figures", help="also save every figure as PNG (300 dpi) and SVG in this folder")
    parser.add_argument("--map-year", type=int, default=None,
                        help="year whose last quarter the maps show (default: the last quarter of the run)")
    parser.add_argument("--arms", type=lambda text: [a.strip() for a in text.split(",") if a.strip()],
                        help="comma-separated arms to map (default: every arm)")
    parser.add_argument("--reference", help="arm the difference maps subtract (default: the comparisons' reference)")
    parser.add_argument("--fixed-scales", action="store_true",
                        help="draw levels on 0–1 (adoption on 0–100 %%) instead of scales fitted to the data")
    args = parser.parse_args(argv)
    try:
        path = write_report(args.database, args.out, args.figures, args.map_year, args.arms, args.reference,
                            args.fixed_scales)
    except (FileNotFoundError, NotAResultsDatabase) as error:
        print(f"error: {error}", file=sys.stderr)
        return 66
    except ValueError as error:
        print(f"error: {error}; see --arms and --reference", file=sys.stderr)
        return 64
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
