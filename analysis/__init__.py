"""Analysis of policysim results databases: loading, figures and an HTML report.

    from analysis import load
    results = load("results/baseline/results.sqlite")
    figure, data = analysis.figures.adoption_figure(results)
"""

from .load import REFORMS, Results, load

__all__ = ["REFORMS", "Results", "load"]
