"""The report's sections of a sweep's database (`policysim sweep`, docs/sweeps.md).

The report of a sweep opens with the sensitivity of the outcomes to the factors (Sobol' bars or the
Morris plane, and the factors ranked), then the response curves of the key outcomes, then the design.
A sweep's points are not arms: the sections of `policysim run` and `compare` are not drawn for it.
"""

from __future__ import annotations

import pandas as pd

from .html_render import escape, note_block, table_block
from .labels import factor_label, sensitivity_outcome_label
from .load import Results
from .scenario import scenario_summary
from .sections import DATA_ABSENT_ERRORS, ReportContext, _figure_or_note, register_section
from .sweep_figures import (SWEEP_KEY_OUTCOMES, factor_names, key_outcomes, morris_figure, response_figure,
                            sobol_figure, sweep_design, target_share_outcomes)

RANKED_FACTORS = 6
"""Factors listed per key outcome in the ranked table, and drawn in each outcome's response curves."""

RANKED_FACTORS_OF_TARGETS = 3
"""Factors listed per target's share in the ranked table."""


def _method(results: Results) -> str | None:
    table = results.table("sensitivity")
    if table is None or table.empty or "method" not in table:
        return None
    return str(table["method"].iloc[0])


def _number(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.3f}"


def _ranked_table(results: Results, method: str) -> str:
    """Per key outcome its RANKED_FACTORS factors of largest ST or μ*, and per target's share its
    RANKED_FACTORS_OF_TARGETS, with their measures."""
    table = results.table("sensitivity")
    table = table[table["method"] == method]
    measure = "total" if method == "sobol" else "mu_star"
    names = factor_names(results)
    shown = [(outcome, RANKED_FACTORS) for outcome in key_outcomes(table)]
    shown += [(outcome, RANKED_FACTORS_OF_TARGETS) for outcome in target_share_outcomes(table)]
    rows = []
    for outcome, count in shown:
        ranked = table[table["outcome"] == outcome].sort_values(measure, ascending=False, kind="stable")
        for rank, row in enumerate(ranked.head(count).itertuples(index=False)):
            entry = {"outcome": sensitivity_outcome_label(outcome) if rank == 0 else "",
                     "factor": names.get(row.factor, row.factor), "what": factor_label(row.factor)[0]}
            if method == "sobol":
                entry.update({"S1": _number(row.first_order),
                              "S1 95 % interval": f"{_number(row.first_order_low)} – {_number(row.first_order_high)}",
                              "ST": _number(row.total),
                              "ST 95 % interval": f"{_number(row.total_low)} – {_number(row.total_high)}"})
            else:
                entry.update({"μ*": _number(row.mu_star), "μ": _number(row.mu), "σ": _number(row.sigma)})
            rows.append(entry)
    frame = pd.DataFrame(rows)
    numeric = tuple(c for c in frame.columns if c not in ("outcome", "factor", "what"))
    return table_block(frame, numeric_columns=numeric)


@register_section("sensitivity", "Sensitivity", 5, kinds=("sweep",))
def sensitivity_section(results: Results, context: ReportContext) -> str:
    """Sobol' bars (a Saltelli design) or the Morris plane (a Morris design), and the ranked factors."""
    method = _method(results)
    replicates = results.manifest.get("replications", "?")
    if method is None:
        design = sweep_design(results).get("design", "?")
        return note_block(f"A {design} design gives no sensitivity measures (a saltelli or morris design does); "
                          "the response curves below show how the outcomes vary with each factor.")
    intro = (f"<p>Measured on each point's mean over its {escape(replicates)} replicates, for the final "
             "implementation of the law and of the victim procedure, peak resistance, the law's year, and the "
             "share of each point's runs meeting each stylised-fact target.</p>")
    if method == "sobol":
        caption = ("<strong>Sobol' indices.</strong> For each outcome, the share of its variance due to each factor "
                   "alone (first order S1, light) and with all its interactions (total ST, dark), with 95 % "
                   "percentile-bootstrap intervals; factors ranked by ST. S1 by Saltelli et al. (2010), ST by "
                   "Jansen (1999).")
        figure_html = _figure_or_note(lambda: sobol_figure(results),
                                      lambda fig: context.figure(fig, "fig-sobol", caption, "Sobol' indices"))
        targets = target_share_outcomes(results.table("sensitivity"))
        if targets:
            figure_html += _figure_or_note(
                lambda: sobol_figure(results, targets, max_factors=6, columns=3),
                lambda fig: context.figure(fig, "fig-sobol-targets", "<strong>Sobol' indices of the share of "
                                           "runs meeting each target</strong>, as above.",
                                           "Sobol' indices of the targets' shares"))
    else:
        caption = ("<strong>Morris screening.</strong> For each outcome, each factor's mean absolute elementary "
                   "effect μ* (its influence) against the effects' standard deviation σ (interactions or a curved "
                   "response), both per whole range of the factor; the most influential factors are named. A "
                   "factor near the origin can be fixed; one far above the dashed line σ = μ* acts through "
                   "interactions.")
        figure_html = _figure_or_note(lambda: morris_figure(results),
                                      lambda fig: context.figure(fig, "fig-morris", caption, "Morris μ* and σ"))
        targets = target_share_outcomes(results.table("sensitivity"))
        if targets:
            figure_html += _figure_or_note(
                lambda: morris_figure(results, targets, labelled=3, columns=3),
                lambda fig: context.figure(fig, "fig-morris-targets", "<strong>Morris screening of the share of "
                                           "runs meeting each target</strong>, as above.",
                                           "Morris μ* and σ of the targets' shares"))
    return intro + figure_html + "<h3>Factors ranked</h3>" + _ranked_table(results, method)


@register_section("responses", "Response curves", 6, kinds=("sweep",))
def responses_section(results: Results, context: ReportContext) -> str:
    """Each key outcome against its most influential factors: mean and 5–95 % band of the runs."""
    parts = ["<p>Each key outcome against its most influential factors: at each value of the factor (or each "
             "tenth of its range, where the design samples it continuously) the line is the mean of the runs "
             "there and the band spans 5–95 % of them, across their replicates and the other factors' values.</p>"]
    for outcome in SWEEP_KEY_OUTCOMES:
        if outcome not in results.runs:
            continue
        title = sensitivity_outcome_label(outcome)
        parts.append(_figure_or_note(
            lambda outcome=outcome: response_figure(results, outcome),
            lambda fig, outcome=outcome, title=title: context.figure(
                fig, f"fig-response-{outcome}",
                f"<strong>{escape(title)}</strong> against its {RANKED_FACTORS} most influential factors.",
                f"Response of {title} to the factors")))
    return "".join(parts)


def distribution_text(distribution: dict | None) -> str:
    """A factor's distribution as the design records it ("normal(mean -5, sd 0.5)"); "" for none:
    its values are spread evenly over the range, or listed."""
    if not distribution:
        return ""
    parameters = [f"{key} {distribution[key]:g}" for key in ("mode", "mean", "sd", "median", "sd_log")
                  if key in distribution]
    name = str(distribution.get("name", "?"))
    return f"{name}({', '.join(parameters)})" if parameters else name


@register_section("design", "Sweep design", 8, kinds=("sweep",))
def design_section(results: Results, context: ReportContext) -> str:
    """The scenario swept, the design and each factor's range, values or distribution."""
    design = sweep_design(results)
    yaml_text = results.manifest.get("scenario_resolved") or results.manifest.get("scenario_yaml")
    summary = scenario_summary(yaml_text)
    points = results.runs["arm"].nunique() if "arm" in results.runs else 0
    parts = [f'<p class="lead"><strong>{escape(summary["name"] or results.scenario_name)}</strong>'
             + (f": {escape(summary['description'])}" if summary["description"] else "") + "</p>",
             f"<p>A {escape(design.get('design', '?'))} design of {len(design.get('factors', []))} factors: "
             f"{points} points × {escape(results.manifest.get('replications', '?'))} replicates, {results.n_runs} "
             "runs; replicate r has the same seed at every point (common random numbers).</p>"]
    rows = []
    factors = design.get("factors", [])
    any_distribution = any(factor.get("distribution") for factor in factors)
    for factor in factors:
        label, unit = factor_label(str(factor.get("column")))
        values = factor.get("values") or []
        row = {"factor": factor.get("factor"), "what": label, "unit": unit,
               "range or values": ", ".join(f"{v:g}" for v in values) if values
               else f"{factor.get('low'):g} – {factor.get('high'):g}"}
        if any_distribution:
            row["distribution"] = distribution_text(factor.get("distribution"))
        rows.append(row)
    try:
        parts.append(table_block(pd.DataFrame(rows), numeric_columns=("range or values",)))
    except DATA_ABSENT_ERRORS as error:
        parts.append(note_block(f"Not available for this database: {error}"))
    if yaml_text:
        parts.append(f"<details><summary>Resolved scenario (YAML)</summary><pre>{escape(yaml_text)}</pre></details>")
    return "".join(parts)
