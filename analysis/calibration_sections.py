"""The report's sections of a calibration's database (`policysim calibrate`, docs/calibration.md).

The report of a calibration opens with the posterior (each parameter's marginal, the pairs, the
posterior table), then the generations, the predictive check of each target with the headline
count the command prints, the held-out runs' values of each target, and the calibration's settings.
A calibration's proposals are arms of a few runs each: the sections of `policysim run` and
`compare`, drawn per arm, are not drawn for it.
"""

from __future__ import annotations

import pandas as pd

from .calibration_figures import (POSTERIOR_INTERVAL, ROLE_WORDS, calibration_settings, calibration_table,
                                  headline, headline_text, held_out_runs, held_out_values_figure,
                                  marginals_figure, pairs_figure, predictive_check, predictive_check_figure)
from .html_render import Markup, escape, note_block, table_block
from .labels import factor_label
from .load import Results
from .scenario import scenario_summary
from .sections import DATA_ABSENT_ERRORS, ReportContext, _figure_or_note, register_section


def _number(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.4g}"


def _percent(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def _interval(low: float, high: float, formatter=_number) -> str:
    return "—" if pd.isna(low) or pd.isna(high) else f"{formatter(low)} – {formatter(high)}"


def _posterior_table(results: Results) -> str:
    """calibration_parameters as stored: prior range, weighted mean, sd, median and 90 % interval, note."""
    rows = []
    for row in calibration_table(results, "calibration_parameters").itertuples(index=False):
        label, unit = factor_label(str(row.column_name))
        rows.append({"parameter": row.parameter, "what": label, "unit": unit,
                     "prior range": _interval(row.prior_low, row.prior_high), "mean": _number(row.mean),
                     "sd": _number(row.sd), "median": _number(row.q50),
                     "90 % interval": _interval(row.q05, row.q95), "note": row.note or ""})
    return table_block(pd.DataFrame(rows), numeric_columns=("prior range", "mean", "sd", "median", "90 % interval"))


@register_section("posterior", "Posterior", 1, kinds=("calibration",))
def posterior_section(results: Results, context: ReportContext) -> str:
    """The posterior of the calibrated parameters: the table, each marginal and the pairs."""
    try:
        table = _posterior_table(results)
        generations = calibration_table(results, "calibration_generations")
    except DATA_ABSENT_ERRORS as error:
        return note_block(f"Not available for this database: {error}")
    low, _, high = (f"{100 * q:g} %" for q in POSTERIOR_INTERVAL)
    last = int(generations["generation"].max())
    particles = int(generations.loc[generations["generation"] == last, "particles"].iloc[0])
    intro = (f"<p>ABC-SMC over {len(generations)} generations; the posterior is the last generation "
             f"(generation {last}), {particles} particles with their importance weights. Mean and sd are "
             f"weighted; the median and the {low} – {high} interval are the weighted {low}, 50 % and "
             f"{high} quantiles. A note marks a parameter that crowds an edge of its prior range (the data "
             "push it there: the range may be too narrow) or that is not identified (its posterior nearly as "
             "wide as its prior).</p>")
    marginals_caption = ("<strong>Posterior marginals.</strong> Each panel spans the parameter's prior range: the "
                         "bars are the last generation's particles weighted (a density), the dashed line the "
                         "uniform prior, the shaded span the 90 % interval and the black line the median.")
    pairs_caption = ("<strong>Posterior pairs.</strong> Below the diagonal, each particle of the last generation "
                     "placed by two parameters, its area in proportion to its weight; on the diagonal, each "
                     "parameter's weighted histogram. A ridge shows two parameters that trade off against each "
                     "other.")
    return (intro + table
            + _figure_or_note(lambda: marginals_figure(results),
                              lambda fig: context.figure(fig, "fig-posterior-marginals", marginals_caption,
                                                         "Posterior marginal of each parameter"))
            + _figure_or_note(lambda: pairs_figure(results),
                              lambda fig: context.figure(fig, "fig-posterior-pairs", pairs_caption,
                                                         "Posterior pairs of parameters")))


@register_section("generations", "Generations", 2, kinds=("calibration",))
def generations_section(results: Results, context: ReportContext) -> str:
    """Each generation's tolerance, proposals, acceptance and effective sample size."""
    try:
        generations = calibration_table(results, "calibration_generations")
    except DATA_ABSENT_ERRORS as error:
        return note_block(f"Not available for this database: {error}")
    rows = [{"generation": int(row.generation),
             "tolerance": "∞ (the prior)" if pd.isna(row.tolerance) else _number(row.tolerance),
             "particles": int(row.particles), "proposals": int(row.proposals),
             "acceptance": f"{row.acceptance:.1%}", "effective sample size": f"{row.effective_sample_size:.1f}"}
            for row in generations.sort_values("generation").itertuples(index=False)]
    intro = ("<p>Each generation accepts the proposals whose distance to the targets is within its tolerance; "
             "acceptance is particles / proposals, and the effective sample size (ESS) of the weights says how "
             "many equally weighted particles they are worth.</p>")
    return intro + table_block(pd.DataFrame(rows), numeric_columns=(
        "tolerance", "particles", "proposals", "acceptance", "effective sample size"))


@register_section("predictive-check", "Predictive check", 3, kinds=("calibration",))
def predictive_check_section(results: Results, context: ReportContext) -> str:
    """Per target: share required, prior, posterior (fitting seeds) and held-out shares, role and verdict."""
    try:
        table = predictive_check(results)
        counts = headline(results)
        text = headline_text(results)
    except DATA_ABSENT_ERRORS as error:
        return note_block(f"Not available for this database: {error}")
    held_out = counts["seeds"] == "held-out seeds"
    rows = []
    for row in table.itertuples(index=False):
        status = Markup('<span class="met">✓ met</span>' if row.met else '<span class="unmet">✗ not met</span>')
        entry = {"target": row.target, "role": row.role, "required": _percent(row.share_required),
                 "prior": _percent(row.prior_share), "posterior, fitting seeds": _percent(row.posterior_share),
                 "90 % interval": _interval(row.posterior_low, row.posterior_high, _percent)}
        if held_out:
            entry.update({"held-out seeds": _percent(row.held_out_share),
                          "held-out 90 % interval": _interval(row.held_out_low, row.held_out_high, _percent)})
        entry["verdict"] = status
        rows.append(entry)
    frame = pd.DataFrame(rows)
    roles = "; ".join(f"<em>{escape(role)}</em>: {escape(words)}" for role, words in ROLE_WORDS.items())
    intro = (f'<p><span class="badge">{escape(text)}</span></p>'
             "<p>The share of runs meeting each target: under the prior (generation 0), under the posterior on the "
             "fitting seeds (the last generation's runs, each weighted by its particle's weight)"
             + (", and under the posterior on seeds the calibration never saw (held-out)" if held_out else "")
             + "; the intervals span 90 % of the particles' own shares. A target is met when the share "
             + ("on the held-out seeds" if held_out else "on the fitting seeds")
             + f" reaches the share required; an undefined share is not met. Roles: {roles}.</p>")
    caption = ("<strong>Predictive check.</strong> Per target, the share required (black bar), the share under "
               "the prior (open circle), under the posterior on the fitting seeds (blue)"
               + (" and on the held-out seeds (diamond: green met, red not met, grey not counted)" if held_out
                  else "") + ", with the 90 % intervals over the particles.")
    numeric = tuple(c for c in frame.columns if c not in ("target", "role", "verdict"))
    return (intro + table_block(frame, numeric_columns=numeric)
            + _figure_or_note(lambda: predictive_check_figure(results),
                              lambda fig: context.figure(fig, "fig-predictive-check", caption,
                                                         "Predictive check of each target")))


@register_section("held-out-values", "Held-out values per target", 4, kinds=("calibration",))
def held_out_values_section(results: Results, context: ReportContext) -> str:
    """The held-out runs' value of each target (a yearly count among them) against its range."""
    caption = ("<strong>Held-out values.</strong> One panel per target: the histogram of its value in the "
               "held-out runs of the last generation's particles, each run weighted by its particle's weight "
               "(bars add up to the share of runs with a value), against the target's range (shaded). A yearly "
               "datum, such as the cases or convictions of one calendar year, is drawn as the yearly sum each "
               "run gives; the title's share in range is the held-out share of the predictive check.")
    return _figure_or_note(lambda: held_out_values_figure(results),
                           lambda fig: context.figure(fig, "fig-held-out-values", caption,
                                                      "Held-out values of each target against its range"))


@register_section("calibration-settings", "Calibration settings", 8, kinds=("calibration",))
def settings_section(results: Results, context: ReportContext) -> str:
    """The scenario calibrated, the method's settings and each parameter's prior."""
    settings = calibration_settings(results)
    yaml_text = results.manifest.get("scenario_resolved") or results.manifest.get("scenario_yaml")
    summary = scenario_summary(yaml_text)
    parts = [f'<p class="lead"><strong>{escape(summary["name"] or results.scenario_name)}</strong>'
             + (f": {escape(summary['description'])}" if summary["description"] else "") + "</p>"]
    replicates = int(settings.get("replications", 0))
    try:
        held_out = held_out_runs(results).groupby("arm").size()
        held_out_words = (f"; then {held_out.max()} held-out replicates (from replicate {replicates} on) of "
                          "each particle of the last generation" if not held_out.empty else "; no held-out replicates")
    except DATA_ABSENT_ERRORS:
        held_out_words = ""
    fit = settings.get("fit") or []
    parts.append(f"<p>{escape(str(settings.get('method', '?')).upper())}: {escape(settings.get('particles', '?'))} "
                 f"particles a generation, each proposal run on replicates 0 to {replicates - 1} (the same seeds "
                 f"for every proposal){escape(held_out_words)}; each tolerance the "
                 f"{escape(settings.get('quantile', '?'))} quantile of the previous generation's distances; seed "
                 f"{escape(settings.get('seed', '?'))}. Targets fitted: "
                 f"{escape(', '.join(fit)) if fit else 'every counted target'} (of them, those the prior does "
                 f"not meet already). {results.n_runs} runs in all.</p>")
    rows = []
    for factor in settings.get("parameters", []):
        label, unit = factor_label(str(factor.get("column")))
        rows.append({"parameter": factor.get("factor"), "what": label, "unit": unit,
                     "prior (uniform)": f"{factor.get('low'):g} – {factor.get('high'):g}"})
    if rows:
        parts.append(table_block(pd.DataFrame(rows), numeric_columns=("prior (uniform)",)))
    if yaml_text:
        parts.append(f"<details><summary>Resolved scenario (YAML)</summary><pre>{escape(yaml_text)}</pre></details>")
    return "".join(parts)
