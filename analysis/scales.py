"""Axis and colour-scale limits fitted to the data, rounded out to readable steps.

A scale fixed at its natural bounds (0–1, 0–100 %) flattens small differences: adoption under 5 %
drawn on 0–100 % is a line at zero. The fitted scale runs from the data's lowest to its highest
value (or from zero), rounded outwards to a multiple of a 1, 2, 2.5 or 5 × 10^k step that cuts the
range into at most five parts; the natural bounds stay available as the fixed scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
MAX_INTERVALS = 5


def nice_step(span: float, max_intervals: int = MAX_INTERVALS) -> float:
    """The smallest step of 1, 2, 2.5 or 5 × 10^k that cuts `span` into at most `max_intervals`."""
    raw = span / max_intervals
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for multiple in NICE_STEPS:
        if multiple * magnitude >= raw * (1 - 1e-9):
            return multiple * magnitude
    return 10.0 * magnitude


def fitted_limits(values: Iterable[float], bounds: tuple[float, float], fixed: bool = False,
                  from_zero: bool = False) -> tuple[float, float]:
    """(low, high) of a scale for these values.

    fixed: the natural `bounds`. Otherwise the data's range (from zero when `from_zero`), rounded
    outwards to a nice step and kept within the bounds; the bounds also when there are no finite
    values or all are equal.
    """
    array = np.asarray(list(values), dtype=float)
    array = array[np.isfinite(array)]
    if fixed or array.size == 0:
        return bounds
    low = 0.0 if from_zero else float(array.min())
    high = float(array.max())
    if high <= low:
        return bounds
    step = nice_step(high - low)
    # Round outwards, forgiving the last bits of a value that sits on a step.
    rounded_low = math.floor(low / step + 1e-9) * step
    rounded_high = math.ceil(high / step - 1e-9) * step
    return max(bounds[0], round(rounded_low, 12)), min(bounds[1], round(rounded_high, 12))


def symmetric_limits(values: Iterable[float], bound: float, fixed: bool = False) -> tuple[float, float]:
    """(−m, m) for a diverging scale centred on zero: m the largest |value| rounded up to a nice step
    (`bound` when fixed, or when every value is zero)."""
    array = np.abs(np.asarray(list(values), dtype=float))
    array = array[np.isfinite(array)]
    if fixed or array.size == 0 or array.max() == 0:
        return -bound, bound
    largest = float(array.max())
    step = nice_step(largest)
    top = min(bound, round(math.ceil(largest / step - 1e-9) * step, 12))
    return -top, top
