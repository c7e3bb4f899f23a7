import math

import pandas as pd

from analysis.quarters import quarter_to_year, quarters_to_years, year_to_quarter


def test_quarter_labels_become_decimal_years_at_the_start_of_the_quarter():
    assert quarter_to_year("2003Q1") == 2003.0
    assert quarter_to_year("2003Q4") == 2003.75
    assert math.isnan(quarter_to_year("not a quarter"))
    assert math.isnan(quarter_to_year(None))


def test_decimal_years_round_trip_to_quarter_labels():
    for label in ("1997Q1", "2003Q4", "2012Q2"):
        assert year_to_quarter(quarter_to_year(label)) == label


def test_a_column_of_quarters_converts_elementwise():
    years = quarters_to_years(pd.Series(["1997Q1", "1997Q2", None]))
    assert years.iloc[0] == 1997.0 and years.iloc[1] == 1997.25 and math.isnan(years.iloc[2])


def test_repeated_labels_keep_their_rows_and_index():
    labels = ["2003Q4", "1997Q1", "bad", None, "2003Q4", "1997Q1"] * 3
    column = pd.Series(labels, index=range(100, 100 + 3 * len(labels), 3))
    years = quarters_to_years(column)
    assert list(years.index) == list(column.index)
    expected = [quarter_to_year(label) for label in labels]
    assert all((math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(years, expected))
    assert quarters_to_years(pd.Series([], dtype=object)).empty
