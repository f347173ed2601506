"""Indonesian number formatting: dot between thousands, decimal comma (``1.234.567,89``).

Formatting and parsing go through Babel's CLDR data for the ``id`` locale
(:func:`babel.numbers.format_decimal`, :func:`babel.numbers.parse_decimal`), so the grouping is
the locale's, not a chain of ``str.replace`` calls — one such chain turned ``1,234,567`` into
``1.234,567`` because it replaced only the first comma.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation, localcontext
from numbers import Real

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from simulations.core.errors import SimulationInputError

__all__ = ["LOCALE", "fmt_id", "format_id", "general_id", "parse_id", "pct_id"]

LOCALE = "id"
"""Babel locale of every number shown to participants (Bahasa Indonesia)."""

UNDEFINED = "tidak terdefinisi"
INFINITE = "tak terhingga"


def format_id(value: float | None, digits: int = 2, *, percent: bool = False) -> str:
    """Format a number the Indonesian way: dot between thousands, decimal comma.

    Args:
        value: The number. None or NaN gives ``"tidak terdefinisi"``; ±inf ``"tak terhingga"``
            (with ``"minus "`` in front for −inf).
        digits: Decimals shown, 0–20 (rounded half to even, as Python's ``format``).
        percent: Multiply by 100 and append ``%``.

    Returns:
        E.g. ``format_id(1234567.891) == "1.234.567,89"``, ``format_id(0.125, 1, percent=True)
        == "12,5%"``, ``format_id(2882, 0) == "2.882"``.

    Raises:
        SimulationInputError: for a non-number or ``digits`` outside 0–20.

    Example:
        >>> format_id(1234567, 0)
        '1.234.567'
        >>> format_id(0.2031, 1, percent=True)
        '20,3%'
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 20:
        raise SimulationInputError(
            f"digits={digits!r} must be a whole number in [0, 20]",
            f"Jumlah desimal (digits) = {digits!r} harus bilangan bulat 0 sampai 20.",
            field="digits",
        )
    if value is None:
        return UNDEFINED
    if isinstance(value, bool) or not isinstance(value, Real):
        raise SimulationInputError(
            f"value={value!r} must be a real number",
            f"Nilai {value!r} bukan angka.",
            field="value",
        )
    x = float(value)
    if math.isnan(x):
        return UNDEFINED
    if math.isinf(x):
        return INFINITE if x > 0 else f"minus {INFINITE}"
    if percent:
        x *= 100.0
    # Decimal(x) is the float's exact binary value, so rounding matches Python's f"{x:.2f}";
    # whole numbers stay exact however large.
    exact_int = not percent and not isinstance(value, float) and float(value).is_integer()
    number = Decimal(int(value)) if exact_int else Decimal(x)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    with localcontext() as ctx:  # enough digits for any float or int (1e300 too), not just 28
        ctx.prec = max(28, number.adjusted() + digits + 3)
        text = format_decimal(number, format=pattern, locale=LOCALE, decimal_quantization=True)
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # -0,00 is just 0,00
    return text + ("%" if percent else "")


def parse_id(text: str) -> float:
    """Read a number written the Indonesian way (``"1.234.567,89"``) back into a float.

    Strict: the thousands dots must sit every three digits, so ``"1.23,4"`` is refused instead of
    silently read as 123.4. A trailing ``%`` divides by 100.

    Raises:
        SimulationInputError: for text that is not an Indonesian number.

    Example:
        >>> parse_id("1.234.567,89")
        1234567.89
        >>> parse_id("12,5%")
        0.125
    """
    if not isinstance(text, str):
        raise SimulationInputError(
            f"text={text!r} must be a string", f"{text!r} bukan teks angka.", field="text"
        )
    raw = text.strip()
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1].strip()
    try:
        if raw.endswith(",") or raw.startswith(","):  # Babel reads "0," as 0; a typo, not a number
            raise ValueError(raw)
        with localcontext() as ctx:  # as many digits as the text has
            ctx.prec = max(28, len(raw) + 3)
            number = parse_decimal(raw, locale=LOCALE, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        raise SimulationInputError(
            f"{text!r} is not a number in Indonesian notation (e.g. 1.234.567,89)",
            f"'{text}' bukan angka dengan penulisan Indonesia (contoh: 1.234.567,89).",
            field="text",
        ) from None
    value = float(number)
    return value / 100.0 if percent else value


def fmt_id(x: float, digits: int = 2) -> str:
    """Format a number the Indonesian way: ``fmt_id(0.125, 3) == '0,125'``, ``fmt_id(1234.5, 1) == '1.234,5'``."""
    return format_id(x, digits)


def pct_id(share: float, digits: int = 1) -> str:
    """Format a share in [0, 1] as an Indonesian percentage: ``pct_id(0.125) == '12,5%'``."""
    return format_id(share, digits, percent=True)


def general_id(value: float | None, significant: int = 6, *, percent: bool = False) -> str:
    """Format a number with as few decimals as it needs, the Indonesian way (like ``f"{x:g}"``).

    The decimals are those Python's ``g`` format would show with ``significant`` significant
    digits (trailing zeros dropped); the number is then written by :func:`format_id`, never in
    exponent notation (``2.5e-05`` is written ``0,000025``) and with its whole part in full
    (``1234567`` stays ``1.234.567`` where ``g`` would write ``1.23457e+06``).

    Args:
        value: The number (None/NaN and ±inf as in :func:`format_id`).
        significant: Significant digits kept, 1–15.
        percent: Multiply by 100 and append ``%`` (the digits count the percentage).

    Raises:
        SimulationInputError: for a non-number or ``significant`` outside 1–15.

    Example:
        >>> general_id(0.25), general_id(3.0), general_id(2.5e-5), general_id(1234567)
        ('0,25', '3', '0,000025', '1.234.567')
        >>> general_id(0.95, percent=True)
        '95%'
    """
    if (
        isinstance(significant, bool)
        or not isinstance(significant, int)
        or not 1 <= significant <= 15
    ):
        raise SimulationInputError(
            f"significant={significant!r} must be a whole number in [1, 15]",
            f"Jumlah angka penting (significant) = {significant!r} harus bilangan bulat 1 sampai 15.",
            field="significant",
        )
    if value is None or isinstance(value, bool) or not isinstance(value, Real):
        return format_id(value, 0)  # None -> "tidak terdefinisi"; a non-number raises there
    x = float(value) * (100.0 if percent else 1.0)
    if not math.isfinite(x):
        return format_id(value, 0)
    exponent = Decimal(f"{x:.{significant}g}").normalize().as_tuple().exponent
    digits = min(20, max(0, -int(exponent)))
    return format_id(value, digits, percent=percent)
