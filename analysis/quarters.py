"""Quarter labels ("2003Q4") and decimal years (2003Q4 = 2003.75)."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

_QUARTER_PATTERN = re.compile(r"^\s*(\d{4})\s*[Qq]([1-4])\s*$")


def quarter_to_year(quarter: str | None) -> float:
    """Decimal year at the start of a quarter: "2003Q1" -> 2003.0, "2003Q4" -> 2003.75.

    Returns NaN for a missing or malformed label.
    """
    if quarter is None or (isinstance(quarter, float) and math.isnan(quarter)):
        return float("nan")
    match = _QUARTER_PATTERN.match(str(quarter))
    if not match:
        return float("nan")
    return int(match.group(1)) + (int(match.group(2)) - 1) / 4.0


def year_to_quarter(year: float) -> str:
    """Quarter label of a decimal year: 2003.75 -> "2003Q4"."""
    whole_year = math.floor(year + 1e-9)
    quarter_index = int(round((year - whole_year) * 4.0)) + 1
    return f"{whole_year}Q{min(max(quarter_index, 1), 4)}"


def quarters_to_years(quarters: pd.Series) -> pd.Series:
    """Vectorised quarter_to_year for a column of quarter labels.

    A run's tables repeat the same few labels (64 quarters over hundreds of thousands of rows), so
    each distinct label is parsed once and the years are gathered by code.
    """
    codes, labels = pd.factorize(quarters)
    parts = pd.Series(labels, dtype="string").str.extract(r"(\d{4})\s*[Qq]([1-4])")
    label_years = pd.to_numeric(parts[0], errors="coerce") + (pd.to_numeric(parts[1], errors="coerce") - 1) / 4.0
    years = np.append(label_years.to_numpy(dtype=float), np.nan)[codes]  # code -1 (missing) -> NaN
    return pd.Series(years, index=quarters.index, dtype=float)

