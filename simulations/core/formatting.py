"""Indonesian number formatting: decimal comma, thousands dot (as in KBBI/PUEBI usage)."""

from __future__ import annotations

import math

__all__ = ["fmt_id", "pct_id"]


def fmt_id(x: float, digits: int = 2) -> str:
    """Format a number the Indonesian way (decimal comma): ``fmt_id(0.125, 3) == '0,125'``."""
    if isinstance(x, float) and math.isinf(x):
        return "tak terhingga"
    return f"{x:.{digits}f}".replace(".", ",")


def pct_id(share: float, digits: int = 1) -> str:
    """Format a share in [0, 1] as an Indonesian percentage: ``pct_id(0.125) == '12,5%'``."""
    return f"{100 * share:.{digits}f}".replace(".", ",") + "%"
