"""The report's sections, kept in a registry.

A section is one function `(results, context) -> html or None` registered with `@register_section`;
returning None leaves the section out (for instance when the database has no targets). A later
analysis (arms compared, sensitivity) adds one figure function in figures.py and one section here.
Each section says which databases it is for: those of `policysim run` and `compare` ("runs"), those
of `policysim sweep` ("sweep", whose points are not arms to draw in bands), those of `policysim
calibrate` ("calibration", whose proposals are not arms either), or several.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from . import figures, maps
from .arms import reference_arm, selected_arms
from .figures import save_figure
from .html_render import Markup, escape, figure_block, note_block, table_block
from .labels import format_value, outcome_label, reform_measure, target_label
from .load import Results
from .scenario import scenario_summary
from .stats import BAND_QUANTILES, outcome_summary

REFORM_HEADERS = {"law": "Law", "victim": "Victim-centred", "multi": "Multi-agency", "unit": "Police unit"}
"""Column headers of the per-reform summary table."""

DATA_ABSENT_ERRORS = (ValueError, KeyError, FileNotFoundError)
"""Errors a figure raises when the database lacks what it needs; the section then says so."""


@dataclass
class ReportContext:
    """Options and state shared by the sections of one report."""

    figures_dir: Path | None = None
    dpi: int = 130
    map_year: int | None = None
    """Year whose last quarter the maps show; None: the last quarter of the run."""
    fixed_scales: bool = False
    """Draw levels on their natural 0–1 (0–100 %) scales instead of scales fitted to the data."""
    arms: list[str] | None = None
    """Arms the maps show (all when None)."""
    reference: str | None = None
    """Arm the difference maps subtract (the comparisons' reference when None)."""
    quantiles: tuple[float, float, float] = BAND_QUANTILES
    saved_figures: list[Path] = field(default_factory=list)

    def figure(self, figure: Figure, figure_id: str, caption: str, alt: str) -> str:
        """Embed a figure in the page (and save PNG and SVG when a figures folder was given)."""
        if self.figures_dir is not None:
            self.saved_figures.extend(save_figure(figure, self.figures_dir / figure_id))
        return figure_block(figure, caption, alt, figure_id, dpi=self.dpi)


@dataclass(frozen=True)
class Section:
    """One report section: anchor key, heading, order on the page, and the function that builds it."""

    key: str
    title: str
    order: float
    build: Callable[[Results, ReportContext], str | None]
    kinds: tuple[str, ...] = ("runs",)
    """The databases it is for: "runs" (`policysim run` and `compare`), "sweep" (`policysim sweep`),
    "calibration" (`policysim calibrate`)."""


SECTIONS: dict[str, Section] = {}


def register_section(key: str, title: str, order: float, kinds: tuple[str, ...] = ("runs",)):
    """Decorator adding a section builder to the registry (a later registration with the same key wins)."""
    def decorator(build: Callable[[Results, ReportContext], str | None]):
        SECTIONS[key] = Section(key=key, title=title, order=order, build=build, kinds=kinds)
        return build
    return decorator


def ordered_sections(kind: str = "runs") -> list[Section]:
    """Registered sections for databases of `kind` ("runs", "sweep" or "calibration"), in page order."""
    return sorted((section for section in SECTIONS.values() if kind in section.kinds),
                  key=lambda section: section.order)


def _band_words(context: ReportContext) -> str:
    low, _, high = context.quantiles
    return f"the line is the median across runs and the band spans the {low:.0%}–{high:.0%} quantiles"


def _figure_or_note(build: Callable[[], tuple[Figure, pd.DataFrame]], render: Callable[[Figure], str]) -> str:
    try:
        figure, _ = build()
    except DATA_ABSENT_ERRORS as error:
        return note_block(f"Not available for this database: {error}")
    return render(figure)


@register_section("scenario", "Scenario", 10)
def scenario_section(results: Results, context: ReportContext) -> str:
    """Scenario name, description, period and the resolved YAML (collapsed)."""
    # The scenario after `extends:` (databases before it was stored hold the file as written only).
    yaml_text = results.manifest.get("scenario_resolved") or results.manifest.get("scenario_yaml")
    summary = scenario_summary(yaml_text)
    name = summary["name"] or results.scenario_name
    parts = [f'<p class="lead"><strong>{escape(name)}</strong>'
             + (f": {escape(summary['description'])}" if summary["description"] else "") + "</p>"]
    cards = [
        ("runs", str(results.n_runs)),
        ("arms", ", ".join(a or "(unnamed)" for a in results.arms) or "—"),
        ("period", f"{results.manifest.get('start_quarter', '?')} – {results.manifest.get('end_quarter', '?')}"),
        ("regions", str(len(results.regions)) if not results.regions.empty else "—"),
    ]
    parts.append('<div class="cards">' + "".join(
        f'<div class="card"><div class="value">{escape(value)}</div><div class="label">{escape(label)}</div></div>'
        for label, value in cards) + "</div>")
    if yaml_text:
        parts.append(f"<details><summary>Resolved scenario (YAML)</summary><pre>{escape(yaml_text)}</pre></details>")
    return "".join(parts)


MANIFEST_KEY_ORDER = ("scenario_name", "scenario_file", "scenario_sha256", "scenario_summary", "start_quarter",
                      "end_quarter", "replications", "seed", "policysim_version", "git_commit", "build_type",
                      "compiler", "cxx_flags", "libraries", "rng", "elementary_functions", "threads", "host", "cpu",
                      "started_at", "finished_at")
"""Provenance keys shown first, in this order; any others follow alphabetically."""


def _manifest_value_html(value: object) -> object:
    """A manifest value for the table: small JSON objects as "key value" pairs, long text collapsed."""
    if isinstance(value, str) and value.startswith("{"):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    if isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values()) and len(value) <= 16:
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (dict, list)):
        value = json.dumps(value, sort_keys=True, indent=1)
    text = str(value)
    if len(text) > 160:
        return Markup(f"<details><summary>{len(text):,} characters</summary><pre>{escape(text)}</pre></details>")
    return text


@register_section("manifest", "Run manifest", 95, kinds=("runs", "sweep", "calibration"))
def manifest_section(results: Results, context: ReportContext) -> str:
    """The manifest's keys and values (scenario text shown in the scenario section)."""
    hidden = {"scenario_yaml", "scenario_resolved", "manifest_json"}
    keys = [k for k in MANIFEST_KEY_ORDER if k in results.manifest]
    keys += sorted(k for k in results.manifest if k not in keys and k not in hidden)
    rows = [{"key": key, "value": _manifest_value_html(results.manifest[key])} for key in keys]
    if not rows:
        return note_block("The database has no manifest.")
    return table_block(pd.DataFrame(rows), css_class="keyvalue", show_header=False)


def _range_text(record, unit: str) -> str:
    if not record.n_runs:
        return "—"
    return f"{format_value(record.q_low, unit)} – {format_value(record.q_high, unit)}"


def _reform_table(summary: pd.DataFrame, multiple_arms: bool) -> str:
    """Per-reform outcomes: one row per measure (and arm), one column per reform, mean and range."""
    rows: dict[tuple, dict] = {}
    reforms: list[str] = []
    for record in summary.itertuples(index=False):
        measure = reform_measure(record.outcome)
        if measure is None:
            continue
        label, unit, reform_key = measure
        reform = REFORM_HEADERS.get(reform_key, reform_key)
        if reform not in reforms:
            reforms.append(reform)
        row = rows.setdefault((record.arm, label), {**({"arm": record.arm} if multiple_arms else {}),
                                                    "measure": label, "unit": unit})
        row[reform] = Markup(f'{escape(format_value(record.mean, unit))}'
                             f'<span class="range">{escape(_range_text(record, unit))}</span>')
    if not rows:
        return ""
    frame = pd.DataFrame(list(rows.values())).fillna("—")
    return "<h3>Per reform</h3>" + table_block(frame, numeric_columns=tuple(reforms), css_class="outcomes")


def _national_table(summary: pd.DataFrame, multiple_arms: bool, low: float, high: float) -> str:
    """National outcomes: one row per outcome (and arm) with mean, range and runs with none."""
    rows = []
    for record in summary.itertuples(index=False):
        if reform_measure(record.outcome) is not None:
            continue
        label, unit = outcome_label(record.outcome)
        row = {"arm": record.arm} if multiple_arms else {}
        row.update({"outcome": label, "unit": unit, "mean": format_value(record.mean, unit),
                    f"{low:.0%}–{high:.0%} range": _range_text(record, unit),
                    "runs with none": f"{record.n_none} of {record.n_runs + record.n_none}" if record.n_none else ""})
        rows.append(row)
    if not rows:
        return ""
    return "<h3>National</h3>" + table_block(pd.DataFrame(rows), numeric_columns=(
        "mean", f"{low:.0%}–{high:.0%} range", "runs with none"))


@register_section("summary", "Summary outcomes", 20)
def summary_section(results: Results, context: ReportContext) -> str | None:
    """Each per-run outcome: mean and quantile range across runs, and how many runs had none."""
    summary = outcome_summary(results, context.quantiles)
    if summary.empty:
        return note_block("The runs table has no outcome columns.")
    low, _, high = context.quantiles
    multiple_arms = summary["arm"].nunique() > 1
    intro = (f"<p>Mean across {results.n_runs} runs, with the {low:.0%}–{high:.0%} range of runs in small type. "
             "Years are decimal (2003.0 is 2003Q1, 2003.75 is 2003Q4); “none” counts runs in which the event "
             "did not happen or the value was not defined.</p>")
    return (intro + _national_table(summary, multiple_arms, low, high)
            + _reform_table(summary, multiple_arms))


@register_section("targets", "Stylised-fact targets", 40)
def targets_section(results: Results, context: ReportContext) -> str | None:
    """Target table (range, share of runs in range, met) and the per-target panels."""
    table = figures.target_table(results)
    if table.empty:
        return note_block("This database records no stylised-fact targets.")
    rows = []
    for target in table.itertuples(index=False):
        met = bool(target.met) if pd.notna(target.met) else None
        status = Markup('<span class="met">✓ met</span>' if met else '<span class="unmet">✗ unmet</span>'
                        if met is not None else "—")
        if not target.counted:
            status = Markup(f"{status} (a check, not counted)")
        window = f"{target.window_start or ''} – {target.window_end or ''}".strip(" –")
        low = "" if pd.isna(target.low) else f"{target.low:g}"
        high = "" if pd.isna(target.high) else f"{target.high:g}"
        rows.append({
            "target": target.name,
            "quantity": target_label(str(target.metric), str(target.stat)),
            "window": window,
            "range": f"{low} – {high}" if low != high else low,
            "share in range": f"{target.share_met:.0%}" if pd.notna(target.share_met) else "—",
            "required": f"{target.share_required:.0%}" if pd.notna(target.share_required) else "—",
            "status": status,
            "source": target.source or "",
        })
    counted = table[table["counted"].astype(bool)]
    n_met = int(pd.to_numeric(counted["met"], errors="coerce").fillna(0).sum())
    n_checks = len(table) - len(counted)
    checks = f" ({n_checks} {'check' if n_checks == 1 else 'checks'} not counted)" if n_checks else ""
    intro = (f'<p><span class="badge">{n_met} of {len(counted)} targets met{checks}</span> '
             "A target is met when the share of runs whose simulated value lies in the target range "
             "reaches the share required (docs/spec/MODEL.md §9); with a condition (`given`), the share "
             "is over the runs that meet it. A check holds by construction and is not counted.</p>")
    caption = ("<strong>Stylised-fact targets.</strong> One panel per target: each dot is one run's simulated "
               "value, the shaded span is the target range, and the mark gives the share of runs in range "
               "against the share required (green met, red unmet). Runs in which the quantity is undefined "
               "(for example an event that never happened) are counted as “none”.")
    figure_html = _figure_or_note(lambda: figures.targets_figure(results),
                                  lambda fig: context.figure(fig, "fig-targets", caption, "Stylised-fact target panels"))
    return intro + table_block(pd.DataFrame(rows), numeric_columns=("share in range", "required")) + figure_html


@register_section("adoption", "Adoption of the reforms", 50)
def adoption_section(results: Results, context: ReportContext) -> str:
    """National adoption of each reform over time."""
    caption = ("<strong>National adoption.</strong> Share of regions in which each reform is adopted "
               f"(implementation at least 0.5), per quarter; {_band_words(context)}.")
    return _figure_or_note(lambda: figures.adoption_figure(results, context.quantiles, context.fixed_scales),
                           lambda fig: context.figure(fig, "fig-adoption", caption, "Adoption of each reform over time"))


@register_section("resistance", "Resistance and federal stance", 60)
def resistance_section(results: Results, context: ReportContext) -> str:
    """Mean regional resistance and the federal stance P over time."""
    caption = ("<strong>Resistance and federal stance.</strong> Top: mean nationalist resistance ρ over the "
               "regions. Bottom: the federal centre's nationalist–sovereigntist stance P. Both are 0–1 quantities; "
               f"{_band_words(context)}.")
    return _figure_or_note(lambda: figures.resistance_figure(results, context.quantiles, context.fixed_scales),
                           lambda fig: context.figure(fig, "fig-resistance", caption, "Resistance and stance P"))


@register_section("events", "Timing of national events", 70)
def events_section(results: Results, context: ReportContext) -> str:
    """When the law, the federal units and the restrictive laws came, across runs."""
    caption = ("<strong>Event timing.</strong> For each national event, the share of runs in which it first "
               "happened in each calendar year; the grey bar at the right counts runs in which it never happened "
               "before the end of the simulation.")
    return _figure_or_note(lambda: figures.event_timing_figure(results),
                           lambda fig: context.figure(fig, "fig-events", caption, "Timing of national events"))


REGION_METRICS = ("a_law", "rho")
"""The regional metrics the report draws (maps and heatmap): all it loads of the regional series."""


MAP_METRICS = (("a_law", "implementation of the law reform"), ("rho", "nationalist resistance ρ"))


def _scale_words(context: ReportContext) -> str:
    return ("the colour scale is fixed at 0–1" if context.fixed_scales
            else "the colour scale is fitted to the values shown")


def _map_when_words(context: ReportContext) -> str:
    return (f"the last recorded quarter up to the end of {context.map_year}" if context.map_year is not None
            else "the last quarter of the run")


def _one_arm_maps(results: Results, context: ReportContext) -> list[str]:
    parts = []
    for metric, what in MAP_METRICS:
        try:
            figure, data = maps.map_figure(results, metric=metric, year=context.map_year,
                                           fixed_scale=context.fixed_scales)
        except DATA_ABSENT_ERRORS as error:
            parts.append(note_block(f"Not available for this database: {error}"))
            continue
        caption = (f"<strong>Map: {what}.</strong> Each region coloured by the median across runs of its "
                   f"{what} in {escape(data['quarter'].iloc[0])} ({_map_when_words(context)}); "
                   f"{_scale_words(context)}. The dashed box marks the enlarged panel of European Russia.")
        parts.append(context.figure(figure, f"fig-map-{metric}", caption, f"Map of {what}"))
    return parts


def _arm_and_difference_maps(results: Results, context: ReportContext) -> list[str]:
    reference = reference_arm(results, context.reference)
    arms = selected_arms(results, context.arms)
    parts = [f"<p>Each arm is mapped on its own (never pooled), all arms on one colour scale; the "
             f"difference maps subtract the reference arm <strong>{escape(reference)}</strong> replicate by "
             "replicate (same seeds) and outline in black the regions whose 95 % t interval of the mean "
             "difference excludes zero.</p>"]
    for metric, what in MAP_METRICS:
        try:
            figure, data = maps.arm_maps_figure(results, metric, year=context.map_year, arms=arms,
                                                fixed_scale=context.fixed_scales)
            caption = (f"<strong>Map per arm: {what}.</strong> Median across each arm's runs in "
                       f"{escape(data['quarter'].iloc[0])} ({_map_when_words(context)}); "
                       f"{_scale_words(context)}.")
            parts.append(context.figure(figure, f"fig-map-arms-{metric}", caption, f"Maps of {what} per arm"))
            figure, data = maps.difference_map_figure(results, metric, year=context.map_year, reference=reference,
                                                      arms=arms, fixed_scale=context.fixed_scales)
            caption = (f"<strong>Difference from {escape(reference)}: {what}.</strong> Mean over replicates of "
                       f"arm − {escape(reference)} in {escape(data['quarter'].iloc[0])}; red: higher in the arm, "
                       "blue: lower; outlined: the 95 % interval excludes zero.")
            parts.append(context.figure(figure, f"fig-map-difference-{metric}", caption,
                                        f"Maps of the difference in {what} from {reference}"))
        except DATA_ABSENT_ERRORS as error:
            parts.append(note_block(f"Not available for this database: {error}"))
    return parts


@register_section("map", "Regional pattern", 80)
def map_section(results: Results, context: ReportContext) -> str:
    """Maps of law implementation and of resistance: one arm, or every arm and its difference from
    the reference."""
    if results.region_series.empty:
        return note_block("No regional series in this database (run the engine with --regions).")
    several = len(results.arms) > 1
    explorer_note = ("<p>The page <code>explore.html</code>, written beside this report, shows these maps for any "
                     "arm, outcome and quarter, with the trajectories of every arm.</p>")
    return explorer_note + "".join(_arm_and_difference_maps(results, context) if several
                                   else _one_arm_maps(results, context))


@register_section("heatmap", "Regions over time", 90)
def heatmap_section(results: Results, context: ReportContext) -> str:
    """Region × quarter heatmap of law implementation (of the reference arm when there are several)."""
    if results.region_series.empty:
        return note_block("No regional series in this database (run the engine with --regions).")
    arm_words = ""
    if len(results.arms) > 1:
        arm_words = (f" Arm <strong>{escape(reference_arm(results, context.reference))}</strong> only: the arms "
                     "are not pooled; the difference maps above compare them.")
    caption = ("<strong>Regions over time.</strong> Median across runs of each region's implementation of the "
               "law reform (0–1) per quarter; regions grouped by federal district (2000s), then sorted by name; "
               f"{_scale_words(context)}.{arm_words}")
    return _figure_or_note(lambda: figures.heatmap_figure(results, "a_law", arm=context.reference,
                                                          fixed_scale=context.fixed_scales),
                           lambda fig: context.figure(fig, "fig-heatmap", caption, "Region by quarter heatmap"))


def _generic_table_section(table_name: str, intro: str):
    def build(results: Results, context: ReportContext) -> str | None:
        table = results.table(table_name)
        if table is None or table.empty:
            return None
        shown = table.head(200).round(4)
        more = f" (first 200 of {len(table)} rows)" if len(table) > 200 else ""
        numeric = tuple(c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c]))
        return f"<p>{escape(intro)}{escape(more)}</p>" + table_block(shown, numeric_columns=numeric)
    return build


register_section("comparisons", "Arms compared", 100)(
    _generic_table_section("comparisons", "Differences between arms, as recorded by the engine."))
# The `sensitivity` table is a sweep's: analysis/sweep_sections.py draws it.
