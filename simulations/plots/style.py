"""Shared, colour-blind-safe style: the Okabe–Ito palette and a marker per series.

Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): how to make figures and presentations
that are friendly to colorblind people.* https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import re

from matplotlib.ticker import PercentFormatter

from simulations.core.formatting import format_id

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}
"""The eight Okabe–Ito colours plus grey."""

CYCLE = [
    OKABE_ITO[k]
    for k in (
        "blue",
        "vermillion",
        "bluish_green",
        "orange",
        "reddish_purple",
        "sky_blue",
        "yellow",
        "black",
    )
]
"""Default colour order for several series."""

MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
"""Markers paired with :data:`CYCLE`, so series differ by shape as well as colour."""

HOAX_STATE_COLOURS = {0: OKABE_ITO["grey"], 1: OKABE_ITO["vermillion"], 2: OKABE_ITO["blue"]}
"""Susceptible grey, believer vermillion, fact-checker blue (keys are :class:`State` values)."""

HOAX_STATE_MARKERS = {0: "o", 1: "^", 2: "s"}
"""Marker per hoax state."""


REFERENCE_LINE = {"color": OKABE_ITO["black"], "ls": "--", "lw": 1}
"""Style of a reference line (a theory value, a baseline, a change point): thin, black, dashed."""


def series_style(i: int) -> dict[str, str]:
    """Return ``{"color", "marker"}`` for the ``i``-th series."""
    return {"color": CYCLE[i % len(CYCLE)], "marker": MARKERS[i % len(MARKERS)]}


class PercentFormatterID(PercentFormatter):
    """Percent ticks with as many decimals as the axis range needs, in Indonesian notation.

    Matplotlib's :class:`~matplotlib.ticker.PercentFormatter` picks the decimals (``decimals=None``
    lets a narrow range such as 99,2%–99,8% show distinct ticks); the number itself is written by
    :func:`simulations.core.formatting.format_id` (decimal comma, Babel's ``id`` locale).
    """

    def __call__(self, x: float, pos: int | None = None) -> str:
        shown = super().__call__(x, pos)
        decimals = re.search(r"\.(\d+)", shown)
        return format_id(x / self.xmax, len(decimals.group(1)) if decimals else 0, percent=True)
