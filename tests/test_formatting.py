"""Indonesian number formatting (simulations.core.formatting): round trips, thousands dot, decimal comma."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulations.core.errors import SimulationInputError
from simulations.core.formatting import fmt_id, format_id, general_id, parse_id, pct_id
from simulations.plots.evidence import summarise_categories

GROUPED = r"-?\d{1,3}(?:\.\d{3})*"


@settings(max_examples=300)
@given(n=st.integers(-(2**53), 2**53))
def test_whole_numbers_get_a_dot_every_three_digits_and_round_trip(n):
    text = format_id(n, 0)
    assert re.fullmatch(GROUPED, text), text
    assert text.replace(".", "") == str(n)  # the digits themselves are untouched
    assert parse_id(text) == n


@settings(max_examples=300)
@given(
    x=st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False),
    digits=st.integers(0, 6),
)
def test_decimals_use_a_comma_and_round_trip_to_the_rounded_value(x, digits):
    text = format_id(x, digits)
    pattern = GROUPED + (rf",\d{{{digits}}}" if digits else "")
    assert re.fullmatch(pattern, text), text
    assert text.count(",") == (1 if digits else 0)
    # the shown number is Python's own rounding of x, written the Indonesian way
    python = f"{x:.{digits}f}"
    assert Decimal(python) == Decimal(str(parse_id(text))) or math.isclose(
        parse_id(text), float(python), rel_tol=1e-15, abs_tol=0
    )
    assert abs(parse_id(text) - x) <= 0.5 * 10.0**-digits * (1 + 1e-9) + abs(x) * 1e-15


@settings(max_examples=200)
@given(share=st.floats(0, 1), digits=st.integers(0, 3))
def test_percentages_round_trip(share, digits):
    text = pct_id(share, digits)
    assert text.endswith("%") and ("," in text) == (digits > 0)
    assert abs(parse_id(text) - share) <= 0.5 * 10.0 ** -(digits + 2) + 1e-12


@settings(max_examples=200)
@given(
    text=st.one_of(
        st.text(alphabet="0123456789.,-% ab", max_size=12),
        st.from_regex(r"\d{1,3}(\.\d{1,2}|\.\d{4,5})+", fullmatch=True),  # misplaced dots
        st.from_regex(r"\d{1,3}(,\d{3}){1,3}", fullmatch=True).filter(lambda t: t.count(",") > 1),
    )
)
def test_parse_refuses_what_is_not_an_indonesian_number(text):
    try:
        value = parse_id(text)
    except SimulationInputError as err:
        assert err.field == "text" and "Indonesia" in err.pesan
        return
    # only well-formed Indonesian numbers are read: dots every three digits (or none), one comma
    assert re.fullmatch(r"-?(\d{1,3}(\.\d{3})*|\d+)(,\d+)?\s*%?", text.strip()), text
    assert math.isfinite(value)


def test_special_values_and_bad_arguments():
    assert format_id(None) == "tidak terdefinisi" == format_id(math.nan)
    assert fmt_id(math.inf) == "tak terhingga" and format_id(-math.inf) == "minus tak terhingga"
    assert format_id(-0.001, 2) == "0,00"  # no "-0,00"
    assert fmt_id(0.125, 3) == "0,125" and pct_id(0.125) == "12,5%"
    assert format_id(1234567.891) == "1.234.567,89"
    for bad in ("1", [1], 1 + 2j, True):
        with pytest.raises(SimulationInputError) as err:
            format_id(bad)
        assert err.value.field == "value"
    for digits in (-1, 21, 1.5, True):
        with pytest.raises(SimulationInputError) as err:
            format_id(1.0, digits)
        assert err.value.field == "digits"


def test_category_summary_of_notebook_05_keeps_every_thousands_dot():
    table = pd.DataFrame(
        {"kategori": ["Politik, pemilu", "Kesehatan", "Lain"], "jumlah": [1234567, 2000, 5]}
    )
    text = summarise_categories(table)
    # The old formatter wrote the total 1,236,572 as "1.236,572" (one comma replaced) and turned
    # the comma inside a category name into a dot.
    assert text.startswith("Total 1.236.572 dalam 3 kategori")
    assert "Politik, pemilu 1.234.567 (100%)" in text
    assert "Kesehatan 2.000 (0%)" in text


@pytest.mark.parametrize("x", [1e27, 1.0000000000000002e28, -1.7e308, 10**40])
def test_huge_numbers_are_written_out_not_refused(x):
    # Babel quantizes in the decimal context; 28 digits used to raise InvalidOperation here
    text = format_id(x, 0)
    assert re.fullmatch(GROUPED, text) and parse_id(text) == float(x)
    assert general_id(x) == text


@pytest.mark.parametrize(
    ("x", "kwargs", "text"),
    [
        (0.25, {}, "0,25"),
        (3.0, {}, "3"),
        (2.5e-5, {}, "0,000025"),
        (1234567, {}, "1.234.567"),
        (0.95, {"percent": True}, "95%"),
        (0.1 + 0.2, {}, "0,3"),  # six significant digits, as f"{x:g}"
        (1 / 3, {"significant": 2}, "0,33"),
        (None, {}, "tidak terdefinisi"),
        (float("inf"), {}, "tak terhingga"),
    ],
)
def test_general_id_is_the_indonesian_g_format(x, kwargs, text):
    assert general_id(x, **kwargs) == text


@settings(max_examples=200)
@given(x=st.floats(-1e9, 1e9, allow_nan=False), significant=st.integers(1, 15))
def test_general_id_shows_the_g_rounded_value(x, significant):
    text = general_id(x, significant)
    shown = f"{x:.{significant}g}"
    if abs(float(shown)) < 10.0**significant:  # the g-rounded value, at most 20 decimals
        assert parse_id(text) == pytest.approx(float(shown), rel=1e-15, abs=1e-20)
    else:  # where g would switch to 1.2e+09, the whole part is written in full
        assert parse_id(text) == float(f"{x:.0f}")
